import type { Response } from 'express';
import type { RealtimeEvent, StoredEvent, StreamEndReason } from './event.dto';

const END_MESSAGES: Record<StreamEndReason, string> = {
  token_expired: 'The access token expired: reconnect with a fresh one.',
  session_ended: 'The session ended (signed out, signed out everywhere, or the password changed): sign in again.',
  user_inactive: 'The account was deactivated.',
  slow_consumer: 'The client read too slowly and too much was waiting for it: reconnect with Last-Event-ID to resume.',
  server_shutdown: 'The server is shutting down: reconnect with Last-Event-ID to resume.',
  server_error: 'The server could not read the events: reconnect with Last-Event-ID to resume.',
};

/** How long a closed stream's last bytes may take to leave before the connection is cut. */
const LINGER_MS = 2_000;
/** Live events held while a replay runs; a client whose replay cannot keep up with this many is a slow consumer. */
const MAX_PENDING = 10_000;

/** The event as one receiver sees it: `reacted_by_me` is theirs. */
export function shapeFor(event: StoredEvent, userId: string): RealtimeEvent {
  let { data } = event;
  if (data.message && event.reactors) {
    const reactors = event.reactors;
    data = {
      ...data,
      message: {
        ...data.message,
        reactions: data.message.reactions.map((reaction) => ({
          ...reaction,
          reacted_by_me: (reactors[reaction.emoji] ?? []).includes(userId),
        })),
      },
    };
  }
  return { id: event.eventId, type: event.type, conversation_id: event.conversationId, created_at: event.createdAt, data };
}

/**
 * One open server-sent-events response. Events arrive in id order; any id at or below the last one
 * written is dropped, so replay and live delivery can overlap without duplicates. While the replay
 * runs, live events wait in `pending`.
 */
export class EventStream {
  private lastId: bigint;
  private replaying = true;
  private pending: StoredEvent[] = [];
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly response: Response,
    readonly userId: string,
    /** The session of the access token the stream was opened with: the stream ends with it. */
    readonly sessionId: string | undefined,
    since: string,
    private readonly maxBufferBytes: number,
  ) {
    this.lastId = BigInt(since);
    response.once('close', () => this.finish());
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  get position(): string {
    return this.lastId.toString();
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /**
   * Status line and headers, the client's reconnection delay, and a `ready` event naming the position
   * it starts from and whether events after the requested position are gone (`missed_events`).
   */
  open(retryMs: number, missedEvents: boolean): void {
    this.response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-store like every authenticated answer (app.ts); no-transform keeps proxies from compressing it.
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      // Tells nginx-style proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    this.write(
      `retry: ${retryMs}\nid: ${this.lastId}\nevent: ready\ndata: ${JSON.stringify({ last_event_id: this.position, missed_events: missedEvents })}\n\n`,
    );
  }

  /** A replayed event (oldest first). */
  replay(event: StoredEvent): void {
    this.send(event);
  }

  /**
   * Resolves once the client has taken most of what was written (at once when little is waiting): the
   * replay paces itself to the client instead of queueing a whole backlog in memory.
   */
  async drained(): Promise<void> {
    // 'drain' comes only after a write() that answered false (the buffer passed its high-water mark).
    if (this.closed || !this.response.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.on('drain', done);
      this.response.on('close', done);
    });
  }

  /** Replay is over: the live events that came meanwhile follow, then live delivery. */
  live(): void {
    this.replaying = false;
    const waiting = this.pending;
    this.pending = [];
    for (const event of waiting) this.send(event);
  }

  deliver(event: StoredEvent): void {
    if (this.closed) return;
    if (this.replaying) {
      // Bounded too: a replay that takes long while events pour in is a slow consumer as well.
      this.pending.push(event);
      if (this.pending.length > MAX_PENDING) this.end('slow_consumer');
      return;
    }
    this.send(event);
  }

  heartbeat(): void {
    this.write(': heartbeat\n\n');
  }

  /** Sends a last `error` event saying why, then closes. */
  end(reason: StreamEndReason): void {
    if (this.closed) return;
    this.response.write(`event: error\ndata: ${JSON.stringify({ reason, message: END_MESSAGES[reason] })}\n\n`);
    this.response.end();
    // A client that does not read would keep the socket (and what is queued on it) forever.
    const linger = setTimeout(() => this.response.destroy(), LINGER_MS);
    linger.unref();
    this.response.once('close', () => clearTimeout(linger));
    this.finish();
  }

  private send(event: StoredEvent): void {
    if (this.closed || BigInt(event.eventId) <= this.lastId) return;
    this.lastId = BigInt(event.eventId);
    this.write(`id: ${event.eventId}\nevent: ${event.type}\ndata: ${JSON.stringify(shapeFor(event, this.userId))}\n\n`);
  }

  private write(chunk: string): void {
    if (this.closed) return;
    this.response.write(chunk);
    // write() never refuses data: past the bound, the client is not keeping up and memory would grow.
    // (A replay waits for `drained` instead.)
    if (!this.replaying && this.response.writableLength > this.maxBufferBytes) this.end('slow_consumer');
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

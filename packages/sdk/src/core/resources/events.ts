import { RealtimeEventFromJSON, type Conversation, type EventsApi, type Message, type UserSummary } from '../../generated';
import { InvalidInputError } from '../errors';
import { KnownKeys, type EveryKey } from '../../internal/input';
import { isTransient, retryDelayMs, sleep } from '../../internal/retry';
import { readServerSentEvents } from '../../internal/sse';
import type { Call } from '../../internal/transport';

interface EventOf<T extends string, D> {
  /** Position in the global event sequence; resume after it. */
  id: string;
  type: T;
  conversationId: string;
  createdAt: Date;
  data: D;
}

/** Every event the stream delivers, discriminated by `type`; payloads use the same models as the REST calls. */
export type MessagingEvent =
  | EventOf<'message.created', { message: Message }>
  | EventOf<'message.updated', { message: Message }>
  | EventOf<'message.deleted', { messageId: string }>
  | EventOf<'conversation.created', { conversation: Conversation }>
  | EventOf<'participant.added', { participants: UserSummary[] }>
  | EventOf<'participant.removed', { userId: string }>
  | EventOf<'read.updated', { userId: string; lastReadMessageId: string | null }>
  | EventOf<'reaction.added', { messageId: string; userId: string; emoji: string }>
  | EventOf<'reaction.removed', { messageId: string; userId: string; emoji: string }>;

export type MessagingEventType = MessagingEvent['type'];

export interface EventStreamOptions {
  /** Start after this event id (a saved position); by default, from now on. */
  since?: string;
  /** Stops the stream (the iterator ends; subscribe resolves). */
  signal?: AbortSignal;
  /** Called each time the stream is (re)connected, with the position it resumes from. */
  onOpen?: (position: string) => void;
  /** Called when the connection drops or the server ends the stream, before reconnecting. */
  onDisconnect?: (reason: string) => void;
  /**
   * Called when the server cannot replay everything after the position (it is older than the
   * server's event retention, 24 hours by default, or unknown to it): reload what you show through
   * the REST calls. The stream goes on with what the server still has, then live events.
   */
  onMissedEvents?: () => void | Promise<void>;
}

export interface SubscribeOptions extends EventStreamOptions {
  /** Called for each event, in order; the next one waits until it returns (or its promise settles). */
  onEvent: (event: MessagingEvent) => void | Promise<void>;
}

/** A running subscription (see EventsResource.subscribe). */
export interface Subscription {
  /** Stops the stream (closing the connection); `done` then resolves. Calling it again does nothing. */
  close(): void;
  /**
   * Settles when the subscription ends: resolves after `close()` or when the `signal` aborts; rejects
   * with the error that ended it otherwise (an authentication failure, a client error, or what
   * `onEvent` threw). Await it or attach a handler, as with any promise, so that error is not lost.
   */
  readonly done: Promise<void>;
}

const STREAM_OPTION_KEYS = {
  since: true,
  signal: true,
  onOpen: true,
  onDisconnect: true,
  onMissedEvents: true,
} as const satisfies EveryKey<EventStreamOptions>;
const STREAM_KEYS = new KnownKeys(STREAM_OPTION_KEYS, 'option');
const SUBSCRIBE_KEYS = new KnownKeys({ ...STREAM_OPTION_KEYS, onEvent: true } satisfies EveryKey<SubscribeOptions>, 'option');

const MAX_BACKOFF_RETRY = 5;

/** What the stream needs of the client's tokens: which access token it connected with, and to drop it. */
export interface StreamTokens {
  current(): string | undefined;
  /** The server ended that token's session: its pair is dead (see Session.sessionEnded). */
  sessionEnded(access: string | undefined): void;
}

/**
 * GET /events: live events of the signed-in user's conversations (server-sent events over fetch, so
 * it works the same in Node and browsers and can send the bearer token). Reconnects by itself with
 * backoff, resuming after the last event seen, so nothing is missed or repeated; the access token is
 * refreshed like for any call. Only an authentication failure or a client error ends it with an error.
 *
 * When the server ends the stream with `session_ended` (the sign-in was logged out, signed out
 * everywhere, or the password changed), the client's tokens are dead: they are dropped, and the
 * reconnection signs in again if the client knows the credentials; otherwise the stream ends with
 * AuthenticationError.
 */
export class EventsResource {
  private lastId?: string;

  constructor(
    private readonly api: EventsApi,
    private readonly asUser: Call,
    private readonly tokens?: StreamTokens,
  ) {}

  /** The id of the last event (or stream start) seen: save it to resume later with `since`. */
  get position(): string | undefined {
    return this.lastId;
  }

  /**
   * Starts calling `onEvent` for each event, in order (awaiting it), and returns at once with a handle:
   * `close()` stops it, and `done` settles when it has ended. The stream runs until then, reconnecting
   * by itself.
   *
   * ```ts
   * const subscription = client.events.subscribe({ onEvent: (event) => console.log(event.type) });
   * // … later
   * subscription.close();
   * await subscription.done;
   * ```
   */
  subscribe(options: SubscribeOptions): Subscription {
    SUBSCRIBE_KEYS.check('events.subscribe', options);
    const { onEvent, signal, ...streamOptions } = options ?? ({} as Partial<SubscribeOptions>);
    if (typeof onEvent !== 'function')
      throw new InvalidInputError('events.subscribe', { onEvent: 'is required: the function called with each event.' });
    const controller = new AbortController();
    const stopWithSignal = () => controller.abort(signal?.reason);
    if (signal?.aborted) stopWithSignal();
    signal?.addEventListener('abort', stopWithSignal, { once: true });
    const done = (async () => {
      try {
        for await (const event of this.stream({ ...streamOptions, signal: controller.signal })) await onEvent(event);
      } finally {
        signal?.removeEventListener('abort', stopWithSignal);
        controller.abort();
      }
    })();
    return { close: () => controller.abort(), done };
  }

  /** The events as an async iterator: `for await (const event of client.events.stream()) ...`. */
  async *stream(options: EventStreamOptions = {}): AsyncGenerator<MessagingEvent> {
    STREAM_KEYS.check('events.stream', options);
    options ??= {};
    const { signal } = options;
    let position = options.since;
    let failures = 0;
    while (!signal?.aborted) {
      let reason = 'the connection ended';
      let connected = false;
      try {
        const response = await this.asUser((init) => this.api.streamEventsRaw({ lastEventID: position }, init), {
          signal,
          maxRetries: 0,
          headers: { Accept: 'text/event-stream' },
        });
        const body = response.raw.body;
        if (!body) throw new Error('The event stream response has no body.');
        connected = true;
        const connectedWith = this.tokens?.current();
        for await (const message of readServerSentEvents(body, signal)) {
          if (message.id !== undefined) position = this.lastId = message.id;
          if (message.event === 'ready') {
            failures = 0;
            options.onOpen?.(position ?? '0');
            if ((JSON.parse(message.data) as { missed_events?: boolean }).missed_events) await options.onMissedEvents?.();
            continue;
          }
          if (message.event === 'error') {
            reason = (JSON.parse(message.data) as { reason?: string }).reason ?? 'error';
            if (reason === 'session_ended') this.tokens?.sessionEnded(connectedWith);
            continue;
          }
          if (message.event === 'message') continue;
          yield RealtimeEventFromJSON(JSON.parse(message.data)) as unknown as MessagingEvent;
        }
      } catch (error) {
        if (signal?.aborted) return;
        // Once connected, any failure is the connection dropping: reconnect and resume.
        if (!connected && !isTransient(error)) throw error;
        reason = error instanceof Error ? error.message : String(error);
        failures += 1;
      }
      if (signal?.aborted) return;
      options.onDisconnect?.(reason);
      await sleep(failures === 0 ? 250 : retryDelayMs(undefined, Math.min(failures - 1, MAX_BACKOFF_RETRY)), signal).catch(() => undefined);
    }
  }
}

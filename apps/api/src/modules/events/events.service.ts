import { EVENTS_CHANNEL, listenForNotifications, type Database, type NotificationListener } from '@messaging-app/shared';
import type { Response } from 'express';
import type { EventSettings } from '../../platform/config';
import { AppError } from '../../platform/errors/app-error';
import type { DomainMetrics } from '../../platform/observability/metrics';
import { sessionKey, type AccountStates, type Caller, type UsersService } from '../users';
import type { EventLog } from './event-log';
import { EventStream } from './event-stream';
import type { StoredEvent } from './event.dto';
import type { EventsRepository } from './events.repository';

/** Rows read per query, for the fan-out and for a replay. */
const BATCH = 500;
/** The reconnection delay clients are told to use (the SSE `retry` field). */
const RETRY_MS = 2_000;
/** Pruning runs this often; retention is hours, so minutes of slack do not matter. */
const PRUNE_EVERY_MS = 10 * 60_000;

export interface EventsLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * The realtime fan-out of one API process. Whatever wakes it (its own commits, a PostgreSQL NOTIFY
 * from another process, or the periodic safety-net poll), it reads the events committed since its
 * cursor once, in id order, and hands each to the local streams of its recipients. Event ids commit
 * in order (see EventsRepository), so "after the cursor" never skips one.
 */
export interface EventsServiceDependencies {
  db: Database;
  events: EventsRepository;
  log: EventLog;
  users: Pick<UsersService, 'findActiveUsers' | 'liveSessions'>;
  /** Whose account or session changed (streams end at once when theirs did). */
  accountStates: Pick<AccountStates, 'find' | 'onForget'>;
  settings: EventSettings;
  metrics: DomainMetrics;
  logger?: EventsLogger;
}

export class EventsService {
  private readonly streams = new Map<string, Set<EventStream>>();
  private cursor: bigint | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private timers: NodeJS.Timeout[] = [];
  private listener: NotificationListener | undefined;
  private unsubscribe: (() => void) | undefined;
  private unsubscribeForget: (() => void) | undefined;
  private closing = false;
  /** Counts streams registered, so a cursor skip racing a registration can be told apart. */
  private registrations = 0;

  private readonly db: Database;
  private readonly events: EventsRepository;
  private readonly log: EventLog;
  private readonly users: Pick<UsersService, 'findActiveUsers' | 'liveSessions'>;
  private readonly accountStates: Pick<AccountStates, 'find' | 'onForget'>;
  private readonly settings: EventSettings;
  private readonly metrics: DomainMetrics;
  private readonly logger?: EventsLogger;

  constructor(dependencies: EventsServiceDependencies) {
    ({
      db: this.db,
      events: this.events,
      log: this.log,
      users: this.users,
      accountStates: this.accountStates,
      settings: this.settings,
      metrics: this.metrics,
      logger: this.logger,
    } = dependencies);
  }

  /** Starts the fan-out (timers, and on PostgreSQL the LISTEN connection). CLIs never call it. */
  async start(): Promise<void> {
    this.cursor = BigInt(await this.events.latestId());
    this.unsubscribe = this.log.onCommitted(() => this.wake());
    // A user's state changed (here or, announced, in another process): their streams are checked at
    // once, so an ended session or a deactivation closes them within milliseconds, not at the heartbeat.
    this.unsubscribeForget = this.accountStates.onForget((userId) => this.recheck(userId));
    if (this.db.kind === 'postgres') {
      this.listener = listenForNotifications({
        url: this.db.url,
        channel: EVENTS_CHANNEL,
        onNotify: () => this.wake(),
        // Notifications sent while the connection was down are gone: catch up from the table.
        onListening: () => this.wake(),
        onError: (error) => this.logger?.warn({ err: error }, 'event listener connection failed; reconnecting'),
      });
    }
    const every = (ms: number, work: () => void) => {
      const timer = setInterval(work, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.settings.pollSeconds * 1000, () => this.wake());
    every(this.settings.heartbeatSeconds * 1000, () => void this.heartbeat());
    every(Math.min(PRUNE_EVERY_MS, this.settings.retentionSeconds * 1000), () => void this.prune());
    void this.prune();
  }

  /** Ends every stream (saying why) and stops the fan-out; new streams are refused from now on. */
  async close(): Promise<void> {
    this.closing = true;
    this.timers.forEach(clearInterval);
    this.timers = [];
    this.unsubscribe?.();
    this.unsubscribeForget?.();
    for (const stream of this.allStreams()) stream.end('server_shutdown');
    await this.listener?.close();
    await this.reading?.catch(() => undefined);
  }

  openStreams(): number {
    return this.allStreams().length;
  }

  /**
   * Opens a stream for the caller, replaying their events after `since` first (by default, starting
   * from now), then live ones. Ends when the access token expires, at `tokenExpiresAt`, or when its
   * session ends or the account is deactivated.
   */
  async open({
    caller,
    since,
    tokenExpiresAt,
    response,
  }: {
    caller: Caller;
    since?: string;
    tokenExpiresAt: Date;
    response: Response;
  }): Promise<void> {
    const { start, missedEvents } = await this.resumePosition(since);
    if (this.closing) throw new AppError('service_unavailable', 'The server is shutting down; connect again.');
    const own = this.streams.get(caller.userId) ?? new Set<EventStream>();
    if (own.size >= this.settings.maxStreamsPerUser) {
      throw new AppError(
        'rate_limited',
        `At most ${this.settings.maxStreamsPerUser} event streams per user may be open at once; close one first.`,
        { limit: this.settings.maxStreamsPerUser },
      );
    }
    // Registered before the replay query starts: whatever the fan-out reads from now on reaches the
    // stream (held back until the replay is done), and anything read before is in the replay.
    const stream = new EventStream(response, caller.userId, caller.sessionId, start, this.settings.maxBufferBytes);
    own.add(stream);
    this.registrations += 1;
    this.streams.set(caller.userId, own);
    const closeMetric = this.metrics.eventStreamOpened();
    const expiry = setTimeout(() => stream.end('token_expired'), Math.min(Math.max(tokenExpiresAt.getTime() - Date.now(), 0), 2 ** 31 - 1));
    stream.onClose(() => {
      clearTimeout(expiry);
      closeMetric();
      own.delete(stream);
      if (own.size === 0 && this.streams.get(caller.userId) === own) this.streams.delete(caller.userId);
    });

    stream.open(RETRY_MS, missedEvents);
    // The session may have ended between the authentication and the registration above, when no
    // stream was there to close: checked once now (from memory on PostgreSQL), later changes recheck.
    void this.check(stream);
    try {
      for (;;) {
        const batch = await this.events.forRecipient(caller.userId, stream.position, BATCH);
        for (const event of batch) {
          stream.replay(event);
          await stream.drained();
        }
        if (batch.length < BATCH || !stream.isOpen) break;
      }
      stream.live();
    } catch (error) {
      this.logger?.error({ err: error }, 'event replay failed');
      stream.end('server_error');
    }
  }

  /**
   * Where a stream starts. Without `since`, from now on. With it, after it; but when events after it
   * were pruned (older than the retention), the replay has a hole the client must know of, and a
   * position the server never handed out (another database's, say) would wait forever for ids to
   * pass it: start from now then. Either way `missed_events` tells the client to reload through REST.
   * Ids lost to rolled-back writes can make this say so needlessly, never the other way round.
   */
  private async resumePosition(since?: string): Promise<{ start: string; missedEvents: boolean }> {
    if (since === undefined) return { start: await this.events.latestId(), missedEvents: false };
    const position = BigInt(since);
    const { oldest, last } = await this.events.retainedRange();
    if (position > last) return { start: await this.events.latestId(), missedEvents: true };
    const missedEvents = oldest === null ? last > position : oldest > position + 1n;
    return { start: since, missedEvents };
  }

  /** Reads what was committed since the cursor; concurrent wake-ups share one read and trigger one more. */
  wake(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readNew()
      .catch((error: unknown) => this.logger?.warn({ err: error }, 'reading new events failed; the next wake-up retries'))
      .finally(() => {
        this.reading = undefined;
        if (this.readAgain && !this.closing) {
          this.readAgain = false;
          this.wake();
        }
      });
  }

  private async readNew(): Promise<void> {
    if (this.cursor === undefined) return;
    if (this.streams.size === 0) {
      // Nobody to deliver to: just move the cursor to the present, unless a stream registered meanwhile
      // (its replay might not include what the skip jumps over).
      const registrations = this.registrations;
      const latest = BigInt(await this.events.latestId());
      if (this.registrations === registrations) {
        if (latest > this.cursor) this.cursor = latest;
        return;
      }
    }
    for (;;) {
      const batch = await this.events.after(this.cursor.toString(), BATCH);
      for (const event of batch) this.dispatch(event);
      if (batch.length > 0) this.cursor = BigInt(batch[batch.length - 1].eventId);
      if (batch.length < BATCH) return;
    }
  }

  private dispatch(event: StoredEvent): void {
    for (const userId of event.recipientIds) {
      const own = this.streams.get(userId);
      if (own) for (const stream of [...own]) stream.deliver(event);
    }
  }

  /** Keeps idle connections alive, and checks every stream (a safety net under the checks on change). */
  private async heartbeat(): Promise<void> {
    const streams = this.allStreams();
    streams.forEach((stream) => stream.heartbeat());
    await this.checkAll();
  }

  /** After a user's state changed: their streams, or everyone's when everything was forgotten. */
  private recheck(userId: string | undefined): void {
    if (this.closing) return;
    if (userId === undefined) {
      void this.checkAll();
      return;
    }
    // Ids come from the database (and PostgreSQL prints uuids in lower case) on both sides.
    const own = this.streams.get(userId) ?? this.streams.get(userId.toLowerCase());
    for (const stream of own ?? []) void this.check(stream);
  }

  /** Ends the stream if its account was deactivated (or deleted) or its session ended. */
  private async check(stream: EventStream): Promise<void> {
    if (!stream.sessionId) return;
    try {
      const state = await this.accountStates.find(stream.userId, stream.sessionId);
      if (!state?.user.isActive) stream.end('user_inactive');
      else if (!state.sessionLive) stream.end('session_ended');
    } catch (error) {
      this.logger?.warn({ err: error }, "checking an event stream's session failed");
    }
  }

  /** Every stream at once, in two queries: ends those of deactivated accounts and ended sessions. */
  private async checkAll(): Promise<void> {
    const userIds = [...this.streams.keys()];
    if (userIds.length === 0) return;
    try {
      const active = new Set((await this.users.findActiveUsers(userIds)).map((user) => user.userId));
      const withSession = this.allStreams().filter((stream) => stream.sessionId !== undefined);
      const live = await this.users.liveSessions(
        withSession.map((stream) => ({ userId: stream.userId, sessionId: stream.sessionId as string })),
      );
      for (const stream of this.allStreams()) {
        if (!active.has(stream.userId)) stream.end('user_inactive');
        else if (stream.sessionId && !live.has(sessionKey(stream.userId, stream.sessionId))) stream.end('session_ended');
      }
    } catch (error) {
      this.logger?.warn({ err: error }, 'checking event stream users failed');
    }
  }

  private async prune(): Promise<void> {
    try {
      await this.events.prune(new Date(Date.now() - this.settings.retentionSeconds * 1000));
    } catch (error) {
      this.logger?.warn({ err: error }, 'pruning old events failed');
    }
  }

  private allStreams(): EventStream[] {
    return [...this.streams.values()].flatMap((own) => [...own]);
  }
}

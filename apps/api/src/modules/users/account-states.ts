/**
 * The state that authenticates a request (is the account active, its role, staff flag and profile, and
 * is the token's session still live), kept in memory per process so a request with a valid token needs
 * no query to be let in. Entries are per session (user and session id).
 *
 * It is only as good as its invalidation, so it is used only while that is certain:
 * - Every change to a user's row, and every session of theirs ending, sends the user's id on
 *   `users_changed` at commit (triggers, so the admin panel, CLIs and psql are covered too); all the
 *   user's entries are dropped when it arrives.
 * - Entries are kept only while the LISTEN connection is up. When it drops, everything is forgotten
 *   and every request probes the database again until it is back (a change made meanwhile would
 *   never be announced to us).
 * - A probe that was in flight while any change arrived is not kept (it may have read the row before
 *   that change committed).
 * - Nothing is kept of a user or a session the probe did not find: nothing would announce their rows
 *   appearing. (A session is only announced when it ends, and ended is final.)
 * - An entry lives `maxAgeMs` at most: a bound on staleness should a notification ever be lost
 *   without the connection noticing (a silent network failure).
 * - This process's own writes (deactivating, deleting, editing a user, ending sessions) drop the
 *   user's entries once they commit, before they answer, so the caller who made a change sees it at
 *   once; other processes see it when the notification arrives, within milliseconds.
 *
 * Whoever must act on a change at once (the event streams, which close when their session ends)
 * hears of every drop through `onForget`.
 *
 * The embedded database serves one connection and no LISTEN: there, every request probes.
 */
import { listenForNotifications, USERS_CHANGED_CHANNEL, type Database, type NotificationListener } from '@messaging-app/shared';
import type { AccountState } from './users.queries';
import { sessionKey } from './sessions.repository';

export interface AccountStatesOptions {
  /** Longest an entry is trusted, even with no notification (default 10 s). */
  maxAgeMs?: number;
  /** Most sessions kept at once; the oldest entry goes first (default 50,000). */
  maxEntries?: number;
  onListenerError?(error: Error): void;
}

interface Entry {
  state: AccountState;
  user: string;
  storedAt: number;
}

/** Called with the user whose entries were dropped, or undefined when everything was. */
export type ForgetListener = (userId: string | undefined) => void;

export class AccountStates {
  private readonly entries = new Map<string, Entry>();
  /** Each user's entries, so a change to the user drops them all. */
  private readonly keysByUser = new Map<string, Set<string>>();
  private readonly forgetListeners = new Set<ForgetListener>();
  private listener: NotificationListener | undefined;
  private listening = false;
  /** Bumped by every invalidation; a probe that saw it change keeps nothing. */
  private generation = 0;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly db: Database,
    private readonly probe: (userId: string, sessionId: string) => Promise<AccountState | undefined>,
    private readonly options: AccountStatesOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 50_000;
  }

  /** Starts listening for changes (PostgreSQL only); until it listens, every lookup probes. */
  start(): void {
    if (this.db.kind !== 'postgres' || this.listener) return;
    this.listener = listenForNotifications({
      url: this.db.url,
      channel: USERS_CHANGED_CHANNEL,
      // Reconnecting is not urgent: meanwhile every request reads the user, which is always right.
      retryMs: 1_000,
      onNotify: (userId) => this.forget(userId),
      onListening: () => {
        // Whatever changed while nobody listened is unknown: start from nothing.
        this.forgetAll();
        this.listening = true;
      },
      onError: (error) => {
        this.listening = false;
        this.forgetAll();
        this.options.onListenerError?.(error);
      },
    });
  }

  async close(): Promise<void> {
    this.listening = false;
    this.forgetListeners.clear();
    this.forgetAll();
    await this.listener?.close();
    this.listener = undefined;
  }

  /** The user and the state of their session `sessionId`; undefined when there is no such user. */
  async find(userId: string, sessionId: string): Promise<AccountState | undefined> {
    if (!this.listening) return this.probe(userId, sessionId);
    const key = sessionKey(userId, sessionId);
    const entry = this.entries.get(key);
    if (entry && Date.now() - entry.storedAt < this.maxAgeMs) return entry.state;
    const generation = this.generation;
    const state = await this.probe(userId, sessionId);
    if (state && state.sessionLive !== undefined && this.listening && generation === this.generation)
      this.store(key, userId.toLowerCase(), state);
    return state;
  }

  /** Drops one user's entries (a change to them was made or announced), or everyone's. */
  forget(userId: string | undefined): void {
    this.generation += 1;
    if (userId === undefined) {
      this.entries.clear();
      this.keysByUser.clear();
    } else {
      const user = userId.toLowerCase();
      for (const key of this.keysByUser.get(user) ?? []) this.entries.delete(key);
      this.keysByUser.delete(user);
    }
    for (const listener of this.forgetListeners) listener(userId);
  }

  /** Hears of every drop (after it happened); returns the unsubscribe. */
  onForget(listener: ForgetListener): () => void {
    this.forgetListeners.add(listener);
    return () => this.forgetListeners.delete(listener);
  }

  private forgetAll(): void {
    this.forget(undefined);
  }

  private store(key: string, user: string, state: AccountState): void {
    this.drop(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.drop(oldest.value);
    }
    this.entries.set(key, { state, user, storedAt: Date.now() });
    const keys = this.keysByUser.get(user) ?? new Set<string>();
    keys.add(key);
    this.keysByUser.set(user, keys);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const keys = this.keysByUser.get(entry.user);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByUser.delete(entry.user);
  }
}

/**
 * The state that authenticates a request (is the account active, its role, staff flag and profile),
 * kept in memory per process so a request with a valid token needs no query to be let in.
 *
 * It is only as good as its invalidation, so it is used only while that is certain:
 * - Every change to a user's row sends the id on `users_changed` at commit (a trigger, so the admin
 *   panel, CLIs and psql are covered too); the entry is dropped when it arrives.
 * - Entries are kept only while the LISTEN connection is up. When it drops, everything is forgotten
 *   and every request probes the database again until it is back (a change made meanwhile would
 *   never be announced to us).
 * - A probe that was in flight while any change arrived is not kept (it may have read the row before
 *   that change committed).
 * - An entry lives `maxAgeMs` at most: a bound on staleness should a notification ever be lost
 *   without the connection noticing (a silent network failure).
 * - This process's own writes (deactivating, deleting, editing a user) drop the entry before they
 *   answer, so the caller who made a change sees it at once; other processes see it when the
 *   notification arrives, within milliseconds.
 *
 * The embedded database serves one connection and no LISTEN: there, every request probes.
 */
import { listenForNotifications, USERS_CHANGED_CHANNEL, type Database, type NotificationListener } from '@messaging-app/shared';
import type { AuthState } from '../users/users.repository';

export interface AuthStateCacheOptions {
  /** Longest an entry is trusted, even with no notification (default 10 s). */
  maxAgeMs?: number;
  /** Most users kept at once; the oldest entry goes first (default 50,000). */
  maxEntries?: number;
  onListenerError?(error: Error): void;
}

interface Entry {
  state: AuthState;
  storedAt: number;
}

export class AuthStateCache {
  private readonly entries = new Map<string, Entry>();
  private listener: NotificationListener | undefined;
  private listening = false;
  /** Bumped by every invalidation; a probe that saw it change keeps nothing. */
  private generation = 0;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly db: Database,
    private readonly probe: (userId: string) => Promise<AuthState | undefined>,
    private readonly options: AuthStateCacheOptions = {},
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
    this.forgetAll();
    await this.listener?.close();
    this.listener = undefined;
  }

  async find(userId: string): Promise<AuthState | undefined> {
    if (!this.listening) return this.probe(userId);
    const key = userId.toLowerCase();
    const entry = this.entries.get(key);
    if (entry && Date.now() - entry.storedAt < this.maxAgeMs) return entry.state;
    const generation = this.generation;
    const state = await this.probe(userId);
    // An unknown user is not kept: nothing would announce their row appearing.
    if (state && this.listening && generation === this.generation) this.store(key, state);
    return state;
  }

  /** Drops one user's entry (a change to them was made or announced). */
  forget(userId: string | undefined): void {
    this.generation += 1;
    if (userId === undefined) this.entries.clear();
    else this.entries.delete(userId.toLowerCase());
  }

  private forgetAll(): void {
    this.forget(undefined);
  }

  private store(userId: string, state: AuthState): void {
    this.entries.delete(userId);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(userId, { state, storedAt: Date.now() });
  }
}

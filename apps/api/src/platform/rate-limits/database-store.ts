import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { RateLimitHitsRepository } from './rate-limit-hits.repository';

/**
 * express-rate-limit's Store on our own database connection, so every API process shares the counts.
 * (Store libraries that open their own pg pool would be a second connection to PGlite, which is unsafe.)
 */
export class DatabaseRateLimitStore implements Store {
  /** Hits counted in one process affect every other process. */
  readonly localKeys = false;
  private windowSeconds = 60;
  private lastSweep = 0;

  constructor(
    private readonly hits: RateLimitHitsRepository,
    /** Keeps each limiter's keys apart in the shared table. */
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowSeconds = options.windowMs / 1000;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    await this.sweepExpiredNowAndThen();
    const { hits, resetAt } = await this.hits.increment(this.prefix + key, this.windowSeconds);
    return { totalHits: hits, resetTime: resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.hits.decrement(this.prefix + key);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const found = await this.hits.find(this.prefix + key);
    return found && { totalHits: found.hits, resetTime: found.resetAt };
  }

  async resetKey(key: string): Promise<void> {
    await this.hits.delete(this.prefix + key);
  }

  async resetAll(): Promise<void> {
    await this.hits.deleteWithPrefix(this.prefix);
  }

  /** At most once a window per process: enough to keep expired rows from piling up. */
  private async sweepExpiredNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < this.windowSeconds * 1000) return;
    this.lastSweep = now;
    await this.hits.deleteExpired();
  }
}

import type { Transaction } from '@messaging-app/shared';
import type { RateLimitPolicy, WindowCount } from './types';
import type { RateLimitHitsRepository } from './rate-limit-hits.repository';

/**
 * Counts hits against a policy's windows. The policy says what the limits are; a limiter only counts,
 * so another way of counting (cheaper on the hot path, e.g. batched or in memory and reconciled) can
 * replace this one without touching the policies or their callers. The contract: the hit is counted
 * in `transaction`, so it counts if and only if the transaction commits, and every API process sees it.
 */
export interface RateLimiter {
  /** Counts one hit of `key` in each window of `policy`; each window's count, this hit included, in the policy's order. */
  hit(policy: RateLimitPolicy, key: string, transaction: Transaction): Promise<WindowCount[]>;
}

/** How often one process sweeps expired counters (the next hit of a key resets its row anyway). */
const SWEEP_INTERVAL_MS = 60_000;

/** Counts in the `rate_limit_hits` table, in the caller's transaction: one statement for all windows. */
export class DatabaseRateLimiter implements RateLimiter {
  private lastSweep = 0;

  constructor(private readonly hits: RateLimitHitsRepository) {}

  async hit(policy: RateLimitPolicy, key: string, transaction: Transaction): Promise<WindowCount[]> {
    const counts = await this.hits.incrementAll(
      policy.windows.map((window) => ({ key: `${window.name}:${key}`, windowSeconds: window.windowSeconds })),
      transaction,
    );
    transaction.afterCommit(() => this.sweepNowAndThen());
    return policy.windows.map((window, index) => ({ window, hits: counts[index].hits, resetAt: counts[index].resetAt }));
  }

  /** After the commit, outside the transaction; a failure here must not turn a committed send into an error. */
  private async sweepNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    await this.hits.deleteExpired().catch(() => undefined);
  }
}

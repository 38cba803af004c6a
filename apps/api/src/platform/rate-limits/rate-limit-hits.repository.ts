import { sql, type Database, type Transaction } from '@messaging-app/shared';

export interface HitCount {
  hits: number;
  resetAt: Date;
}

interface HitRow {
  hits: number;
  reset_at: Date;
}

const toHitCount = (row: HitRow): HitCount => ({ hits: Number(row.hits), resetAt: new Date(row.reset_at) });

/**
 * Rate-limit counters, one row per key. Every change is a single statement, so API processes sharing
 * the database count together. The request limiters count outside any transaction; the message limit
 * counts inside the send's transaction (incrementAll), so only sends that commit are counted.
 */
export class RateLimitHitsRepository {
  constructor(private readonly db: Database) {}

  /** Counts one hit; a window that has passed starts over. The database's clock decides, so processes agree. */
  async increment(key: string, windowSeconds: number): Promise<HitCount> {
    const [row] = await this.db.query<HitRow>(
      sql`INSERT INTO rate_limit_hits AS current (key, hits, reset_at)
          VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}::double precision))
          ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN current.reset_at <= now() THEN 1 ELSE current.hits + 1 END,
            reset_at = CASE WHEN current.reset_at <= now() THEN EXCLUDED.reset_at ELSE current.reset_at END
          RETURNING hits, reset_at`,
    );
    return toHitCount(row);
  }

  /**
   * Counts one hit of each key, in one statement, inside `transaction` (the counts commit with it). The
   * rows are locked in the order given, so callers that always give a policy's keys in its order never
   * wait for each other in a cycle. The statement's own clock decides windows: `now()` inside a
   * transaction is its start, which a wait for a lock would leave behind. Counts in the order given.
   */
  async incrementAll(entries: Array<{ key: string; windowSeconds: number }>, transaction: Transaction): Promise<HitCount[]> {
    const keys = entries.map((entry) => entry.key);
    const seconds = entries.map((entry) => entry.windowSeconds);
    const rows = await this.db.query<HitRow & { key: string }>(
      sql`INSERT INTO rate_limit_hits AS current (key, hits, reset_at)
          SELECT entry.key, 1, statement_timestamp() + make_interval(secs => entry.seconds)
            FROM unnest(${keys}::text[], ${seconds}::double precision[]) WITH ORDINALITY AS entry(key, seconds, position)
           ORDER BY entry.position
          ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN current.reset_at <= statement_timestamp() THEN 1 ELSE current.hits + 1 END,
            reset_at = CASE WHEN current.reset_at <= statement_timestamp() THEN EXCLUDED.reset_at ELSE current.reset_at END
          RETURNING key, hits, reset_at`,
      { transaction },
    );
    const byKey = new Map(rows.map((row) => [row.key, toHitCount(row)]));
    return entries.map((entry) => byKey.get(entry.key)!);
  }

  async decrement(key: string): Promise<void> {
    await this.db.query(sql`UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = ${key} AND hits > 0 AND reset_at > now()`);
  }

  async find(key: string): Promise<HitCount | undefined> {
    const [row] = await this.db.query<HitRow>(sql`SELECT hits, reset_at FROM rate_limit_hits WHERE key = ${key} AND reset_at > now()`);
    return row ? toHitCount(row) : undefined;
  }

  async delete(key: string): Promise<void> {
    await this.db.query(sql`DELETE FROM rate_limit_hits WHERE key = ${key}`);
  }

  async deleteWithPrefix(prefix: string): Promise<void> {
    await this.db.query(sql`DELETE FROM rate_limit_hits WHERE starts_with(key, ${prefix})`);
  }

  /** Rows whose window has passed count as absent anyway; removing them keeps the table small. */
  async deleteExpired(): Promise<void> {
    await this.db.query(sql`DELETE FROM rate_limit_hits WHERE reset_at <= now()`);
  }
}

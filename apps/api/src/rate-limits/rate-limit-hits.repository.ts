import { type Database, QueryTypes } from '@messaging-app/shared';

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
 * the database count together without locks, and nothing here needs a transaction (PGlite's one connection).
 */
export class RateLimitHitsRepository {
  constructor(private readonly db: Database) {}

  /** Counts one hit; a window that has passed starts over. The database's clock decides, so processes agree. */
  async increment(key: string, windowSeconds: number): Promise<HitCount> {
    const [row] = await this.db.query<HitRow>(
      `INSERT INTO rate_limit_hits AS current (key, hits, reset_at)
       VALUES ($1, 1, now() + make_interval(secs => $2::double precision))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN current.reset_at <= now() THEN 1 ELSE current.hits + 1 END,
         reset_at = CASE WHEN current.reset_at <= now() THEN EXCLUDED.reset_at ELSE current.reset_at END
       RETURNING hits, reset_at`,
      [key, windowSeconds],
    );
    return toHitCount(row);
  }

  async decrement(key: string): Promise<void> {
    await this.db.sequelize.query(
      'UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = :key AND hits > 0 AND reset_at > now()',
      { replacements: { key } },
    );
  }

  async find(key: string): Promise<HitCount | undefined> {
    const [row] = await this.db.sequelize.query<HitRow>(
      'SELECT hits, reset_at FROM rate_limit_hits WHERE key = :key AND reset_at > now()',
      { replacements: { key }, type: QueryTypes.SELECT },
    );
    return row ? toHitCount(row) : undefined;
  }

  async delete(key: string): Promise<void> {
    await this.db.sequelize.query('DELETE FROM rate_limit_hits WHERE key = :key', { replacements: { key } });
  }

  async deleteWithPrefix(prefix: string): Promise<void> {
    await this.db.sequelize.query("DELETE FROM rate_limit_hits WHERE starts_with(key, :prefix)", { replacements: { prefix } });
  }

  /** Rows whose window has passed count as absent anyway; removing them keeps the table small. */
  async deleteExpired(): Promise<void> {
    await this.db.sequelize.query('DELETE FROM rate_limit_hits WHERE reset_at <= now()');
  }
}

import { sql, type Database, type Transaction } from '@messaging-app/shared';

export interface KeyRef {
  userId: string;
  scope: string;
  key: string;
}

export interface StoredResponse {
  requestHash: string;
  status: number | null;
  body: unknown;
}

/** `idempotency_keys`: one row per user, operation and key (keyed by user_id, so it distributes by user). */
export class IdempotencyKeysRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the key for this request, or takes over an expired claim. Returns false when a live claim
   * exists. If another transaction holds an uncommitted claim, this waits for it to finish (the primary
   * key's doing): then it either finds its committed response or, if it rolled back, claims the key.
   */
  async claim(ref: KeyRef & { requestHash: string; at: Date; expiredBefore: Date }, transaction: Transaction): Promise<boolean> {
    const rows = await this.db.query(
      sql`INSERT INTO idempotency_keys (user_id, scope, idempotency_key, request_hash, created_at)
          VALUES (${ref.userId}, ${ref.scope}, ${ref.key}, ${ref.requestHash}, ${ref.at})
          ON CONFLICT (user_id, scope, idempotency_key) DO UPDATE
             SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at, response_status = NULL, response_body = NULL
           WHERE idempotency_keys.created_at < ${ref.expiredBefore}
          RETURNING 1`,
      { transaction },
    );
    return rows.length > 0;
  }

  async find(ref: KeyRef, transaction: Transaction): Promise<StoredResponse | undefined> {
    const [row] = await this.db.query<{ request_hash: string; response_status: number | null; response_body: unknown }>(
      sql`SELECT request_hash, response_status, response_body FROM idempotency_keys
           WHERE user_id = ${ref.userId} AND scope = ${ref.scope} AND idempotency_key = ${ref.key}`,
      { transaction },
    );
    return row && { requestHash: row.request_hash, status: row.response_status, body: row.response_body };
  }

  async saveResponse(ref: KeyRef & { status: number; body: unknown }, transaction: Transaction): Promise<void> {
    await this.db.query(
      sql`UPDATE idempotency_keys SET response_status = ${ref.status}, response_body = ${JSON.stringify(ref.body)}::jsonb
           WHERE user_id = ${ref.userId} AND scope = ${ref.scope} AND idempotency_key = ${ref.key}`,
      { transaction },
    );
  }

  /** Forgets every key older than `before` (served by the created_at index). */
  async purgeOlderThan(before: Date): Promise<void> {
    await this.db.query(sql`DELETE FROM idempotency_keys WHERE created_at < ${before}`);
  }
}

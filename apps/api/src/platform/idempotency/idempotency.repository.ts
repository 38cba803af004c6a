import { type Database, Op, QueryTypes, type Transaction } from '@messaging-app/shared';

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

export class IdempotencyKeysRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the key for this request, or takes over an expired claim. Returns false when a live claim
   * exists. If another transaction holds an uncommitted claim, this waits for it to finish (the primary
   * key's doing): then it either finds its committed response or, if it rolled back, claims the key.
   */
  async claim(ref: KeyRef & { requestHash: string; at: Date; expiredBefore: Date }, transaction: Transaction): Promise<boolean> {
    const rows = await this.db.sequelize.query(
      `INSERT INTO idempotency_keys (user_id, scope, idempotency_key, request_hash, created_at)
       VALUES (:userId, :scope, :key, :requestHash, :at)
       ON CONFLICT (user_id, scope, idempotency_key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at, response_status = NULL, response_body = NULL
        WHERE idempotency_keys.created_at < :expiredBefore
       RETURNING 1`,
      {
        replacements: { ...ref, at: ref.at.toISOString(), expiredBefore: ref.expiredBefore.toISOString() },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return rows.length > 0;
  }

  async find(ref: KeyRef, transaction: Transaction): Promise<StoredResponse | undefined> {
    const row = await this.db.models.IdempotencyKey.findOne({
      where: { userId: ref.userId, scope: ref.scope, idempotencyKey: ref.key },
      transaction,
    });
    return row ? { requestHash: row.requestHash, status: row.responseStatus, body: row.responseBody } : undefined;
  }

  async saveResponse(ref: KeyRef & { status: number; body: unknown }, transaction: Transaction): Promise<void> {
    await this.db.models.IdempotencyKey.update(
      { responseStatus: ref.status, responseBody: ref.body },
      { where: { userId: ref.userId, scope: ref.scope, idempotencyKey: ref.key }, transaction },
    );
  }

  /** Forgets every key older than `before` (served by the created_at index). */
  async purgeOlderThan(before: Date): Promise<number> {
    return this.db.models.IdempotencyKey.destroy({ where: { createdAt: { [Op.lt]: before } } });
  }
}

import { sql, type Database, type Transaction } from '@messaging-app/shared';

export interface RefreshTokenRecord {
  tokenId: string;
  userId: string;
  /** The session (sign-in) the token belongs to. */
  familyId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  replacedById: string | null;
  createdAt: Date;
}

interface RefreshTokenRow {
  token_id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  replaced_by_id: string | null;
  created_at: Date;
}

const fromRow = (row: RefreshTokenRow): RefreshTokenRecord => ({
  tokenId: row.token_id,
  userId: row.user_id,
  familyId: row.family_id,
  expiresAt: new Date(row.expires_at),
  revokedAt: row.revoked_at && new Date(row.revoked_at),
  replacedById: row.replaced_by_id,
  createdAt: new Date(row.created_at),
});

/** `refresh_tokens`: one row per refresh token issued, spent when rotated, revoked when its session ends. */
export class RefreshTokensRepository {
  constructor(private readonly db: Database) {}

  async create(
    record: Pick<RefreshTokenRecord, 'tokenId' | 'userId' | 'familyId' | 'expiresAt'>,
    transaction?: Transaction,
  ): Promise<void> {
    await this.db.query(
      sql`INSERT INTO refresh_tokens (token_id, user_id, family_id, expires_at, revoked_at, replaced_by_id, created_at)
          VALUES (${record.tokenId}, ${record.userId}, ${record.familyId}, ${record.expiresAt}, NULL, NULL, now())`,
      { transaction },
    );
  }

  /** Locks the row, so concurrent refreshes of one token take turns: the first rotates it, the others find it rotated. */
  async findForUpdate(tokenId: string, transaction: Transaction): Promise<RefreshTokenRecord | undefined> {
    const [row] = await this.db.query<RefreshTokenRow>(sql`SELECT * FROM refresh_tokens WHERE token_id = ${tokenId} FOR UPDATE`, {
      transaction,
    });
    return row && fromRow(row);
  }

  async findById(tokenId: string, transaction?: Transaction): Promise<RefreshTokenRecord | undefined> {
    const [row] = await this.db.query<RefreshTokenRow>(sql`SELECT * FROM refresh_tokens WHERE token_id = ${tokenId}`, { transaction });
    return row && fromRow(row);
  }

  /** `rotatedAt` is kept as the token's `revokedAt`: the new pair's issue time, and the start of the reuse grace. */
  async markRotated(tokenId: string, replacedById: string, rotatedAt: Date, transaction: Transaction): Promise<void> {
    await this.db.query(
      sql`UPDATE refresh_tokens SET revoked_at = ${rotatedAt}, replaced_by_id = ${replacedById} WHERE token_id = ${tokenId}`,
      {
        transaction,
      },
    );
  }

  async revokeFamily(familyId: string, transaction?: Transaction): Promise<void> {
    await this.db.query(sql`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ${familyId} AND revoked_at IS NULL`, {
      transaction,
    });
  }

  async revokeAllForUser(userId: string, transaction?: Transaction): Promise<void> {
    await this.db.query(sql`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ${userId} AND revoked_at IS NULL`, {
      transaction,
    });
  }
}

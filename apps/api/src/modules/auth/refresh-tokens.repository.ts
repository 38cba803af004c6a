import { type Database, Op, type RefreshToken, type Transaction } from '@messaging-app/shared';
import type { InferAttributes } from 'sequelize';

export type RefreshTokenRecord = InferAttributes<RefreshToken>;

export class RefreshTokensRepository {
  constructor(private readonly db: Database) {}

  async create(record: Omit<RefreshTokenRecord, 'createdAt' | 'revokedAt' | 'replacedById'>, transaction?: Transaction): Promise<void> {
    await this.db.models.RefreshToken.create({ ...record, revokedAt: null, replacedById: null }, { transaction });
  }

  /** Locks the row, so concurrent refreshes of one token take turns: the first rotates it, the others find it rotated. */
  async findForUpdate(tokenId: string, transaction: Transaction): Promise<RefreshTokenRecord | undefined> {
    const row = await this.db.models.RefreshToken.findByPk(tokenId, { transaction, lock: transaction.LOCK.UPDATE });
    return row?.get({ plain: true });
  }

  async findById(tokenId: string, transaction?: Transaction): Promise<RefreshTokenRecord | undefined> {
    return (await this.db.models.RefreshToken.findByPk(tokenId, { transaction }))?.get({ plain: true });
  }

  /** `rotatedAt` is kept as the token's `revokedAt`: the new pair's issue time, and the start of the reuse grace. */
  async markRotated(tokenId: string, replacedById: string, rotatedAt: Date, transaction: Transaction): Promise<void> {
    await this.db.models.RefreshToken.update(
      { revokedAt: rotatedAt, replacedById },
      { where: { tokenId }, transaction },
    );
  }

  async revokeFamily(familyId: string, transaction?: Transaction): Promise<void> {
    await this.db.models.RefreshToken.update(
      { revokedAt: new Date() },
      { where: { familyId, revokedAt: { [Op.is]: null } }, transaction },
    );
  }

  async revokeAllForUser(userId: string, transaction?: Transaction): Promise<void> {
    await this.db.models.RefreshToken.update(
      { revokedAt: new Date() },
      { where: { userId, revokedAt: { [Op.is]: null } }, transaction },
    );
  }
}

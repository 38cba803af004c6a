import type { Database, MessageEdit, Transaction } from '@messaging-app/shared';
import { Op } from '@messaging-app/shared';
import type { InferAttributes } from 'sequelize';

export type MessageEditRecord = InferAttributes<MessageEdit>;

/** Earlier bodies of edited messages; versions are contiguous from 1, so a page is a primary-key range. */
export class MessageEditsRepository {
  constructor(private readonly db: Database) {}

  /** How many earlier versions the message has (the current body is version count + 1). */
  async count(messageId: string, transaction?: Transaction): Promise<number> {
    return this.db.models.MessageEdit.count({ where: { messageId }, transaction });
  }

  async add(edit: MessageEditRecord, transaction: Transaction): Promise<void> {
    await this.db.models.MessageEdit.create(edit, { transaction });
  }

  /** Versions `from` to `to` inclusive, oldest first. */
  async listVersions(messageId: string, from: number, to: number): Promise<MessageEditRecord[]> {
    const rows = await this.db.models.MessageEdit.findAll({
      where: { messageId, version: { [Op.between]: [from, to] } },
      order: [['version', 'ASC']],
    });
    return rows.map((row) => row.get({ plain: true }));
  }

  async deleteAll(messageId: string, transaction: Transaction): Promise<void> {
    await this.db.models.MessageEdit.destroy({ where: { messageId }, transaction });
  }
}

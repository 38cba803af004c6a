import { sql, type Database, type Transaction } from '@messaging-app/shared';

export interface MessageEditRecord {
  messageId: string;
  version: number;
  messageBody: string;
  writtenAt: Date;
  replacedAt: Date;
}

/** Earlier bodies of edited messages (`message_edits`); versions are contiguous from 1, so a page is a primary-key range. */
export class MessageEditsRepository {
  constructor(private readonly db: Database) {}

  /** How many earlier versions the message has (the current body is version count + 1). */
  async count(messageId: string, transaction?: Transaction): Promise<number> {
    const [row] = await this.db.query<{ count: string }>(sql`SELECT count(*) AS count FROM message_edits WHERE message_id = ${messageId}`, {
      transaction,
    });
    return Number(row.count);
  }

  /** Keeps the body an edit replaces as the next version (numbered in the statement; the message row is locked). */
  async add(edit: Omit<MessageEditRecord, 'version'>, transaction: Transaction): Promise<void> {
    await this.db.query(
      sql`INSERT INTO message_edits (message_id, version, message_body, written_at, replaced_at)
          SELECT ${edit.messageId}, COALESCE(max(version), 0) + 1, ${edit.messageBody}, ${edit.writtenAt}, ${edit.replacedAt}
            FROM message_edits WHERE message_id = ${edit.messageId}`,
      { transaction },
    );
  }

  /** Versions `from` to `to` inclusive, oldest first. */
  async listVersions(messageId: string, from: number, to: number): Promise<MessageEditRecord[]> {
    const rows = await this.db.query<{ message_id: string; version: number; message_body: string; written_at: Date; replaced_at: Date }>(
      sql`SELECT message_id, version, message_body, written_at, replaced_at FROM message_edits
           WHERE message_id = ${messageId} AND version BETWEEN ${from} AND ${to} ORDER BY version`,
    );
    return rows.map((row) => ({
      messageId: row.message_id,
      version: Number(row.version),
      messageBody: row.message_body,
      writtenAt: new Date(row.written_at),
      replacedAt: new Date(row.replaced_at),
    }));
  }

  async deleteAll(messageId: string, transaction: Transaction): Promise<void> {
    await this.db.query(sql`DELETE FROM message_edits WHERE message_id = ${messageId}`, { transaction });
  }
}

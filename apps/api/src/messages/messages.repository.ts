import { type Database, Op, QueryTypes, type Transaction, type WhereOptions } from '@messaging-app/shared';
import type { Message } from '@messaging-app/shared';
import type { InferAttributes } from 'sequelize';
import type { Position } from '../common/cursor';
import type { UserRecord } from '../users/users.repository';

export type SenderRecord = Pick<UserRecord, 'userId' | 'username' | 'firstName' | 'lastName'>;
/** A message row without its sender. */
export type MessageRow = InferAttributes<Message>;
export type MessageRecord = MessageRow & { sender: SenderRecord };

export interface MessageFilters {
  senderId?: string;
  /** Inclusive lower bound on sent_at. */
  sentFrom?: Date;
  /** Upper bound on sent_at; `inclusive: false` for "before the start of the next day". */
  sentTo?: { at: Date; inclusive: boolean };
  /** Case-insensitive substring of the body. */
  search?: string;
}

/** Which messages a list is about: a conversation's, or only the replies to one message. */
export interface MessageScope {
  conversationId: string;
  parentMessageId?: string;
  filters: MessageFilters;
}

export type MessageOrdering = 'sent_at' | '-sent_at';
/** Towards older messages (descending) or newer ones (ascending). */
export type Direction = 'older' | 'newer';

const SENDER_ATTRIBUTES = ['userId', 'username', 'firstName', 'lastName'];

/** LIKE treats % and _ as wildcards; a user searching for "50%" means the characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

interface RawMessageRow {
  message_id: string;
  conversation_id: string;
  sender_id: string;
  message_body: string;
  sent_at: Date;
  edited_at: Date | null;
  parent_message_id: string | null;
  reply_count: number;
  last_reply_at: Date | null;
  deleted_at: Date | null;
  username: string;
  first_name: string;
  last_name: string;
}

const optionalDate = (value: Date | string | null) => (value === null ? null : new Date(value));

function fromRawRow(row: RawMessageRow): MessageRecord {
  return {
    messageId: row.message_id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    messageBody: row.message_body,
    sentAt: new Date(row.sent_at),
    editedAt: optionalDate(row.edited_at),
    parentMessageId: row.parent_message_id,
    replyCount: Number(row.reply_count),
    lastReplyAt: optionalDate(row.last_reply_at),
    deletedAt: optionalDate(row.deleted_at),
    sender: { userId: row.sender_id, username: row.username, firstName: row.first_name, lastName: row.last_name },
  };
}

export class MessagesRepository {
  constructor(private readonly db: Database) {}

  private includeSender() {
    return { model: this.db.models.User, as: 'sender', attributes: SENDER_ATTRIBUTES };
  }

  async create(
    message: { conversationId: string; senderId: string; messageBody: string; sentAt: Date; parentMessageId: string | null },
    transaction: Transaction,
  ): Promise<string> {
    const row = await this.db.models.Message.create({ ...message, editedAt: null }, { transaction });
    return row.messageId;
  }

  async findInConversation(conversationId: string, messageId: string, transaction?: Transaction): Promise<MessageRecord | undefined> {
    const row = await this.db.models.Message.findOne({
      where: { conversationId, messageId },
      include: [this.includeSender()],
      transaction,
    });
    return row?.get({ plain: true }) as MessageRecord | undefined;
  }

  /** The message row, locked until the transaction ends, so concurrent edits, replies and deletes queue up. */
  async lockInConversation(conversationId: string, messageId: string, transaction: Transaction): Promise<MessageRow | undefined> {
    const row = await this.db.models.Message.findOne({
      where: { conversationId, messageId },
      lock: transaction.LOCK.UPDATE,
      transaction,
    });
    return row?.get({ plain: true });
  }

  /** The WHERE clause shared by page and cursor lists, so both apply filters identically. */
  private whereOf(scope: MessageScope, extra: WhereOptions[] = []): WhereOptions {
    const { filters } = scope;
    const sentAt: Record<symbol, Date> = {};
    if (filters.sentFrom) sentAt[Op.gte] = filters.sentFrom;
    if (filters.sentTo) sentAt[filters.sentTo.inclusive ? Op.lte : Op.lt] = filters.sentTo.at;
    return {
      conversationId: scope.conversationId,
      ...(scope.parentMessageId ? { parentMessageId: scope.parentMessageId } : {}),
      ...(filters.senderId ? { senderId: filters.senderId } : {}),
      ...(Object.getOwnPropertySymbols(sentAt).length > 0 ? { sentAt } : {}),
      ...(filters.search ? { messageBody: { [Op.iLike]: `%${escapeLike(filters.search)}%` } } : {}),
      ...(extra.length > 0 ? { [Op.and]: extra } : {}),
    };
  }

  /**
   * A row-value comparison, `(sent_at, message_id) < (t, id)`, which PostgreSQL answers with a range
   * scan of the (conversation_id, sent_at, message_id) index however deep the position is.
   */
  private beyond(direction: Direction, from: Position): WhereOptions {
    const { sequelize } = this.db;
    const operator = direction === 'older' ? '<' : '>';
    return sequelize.literal(
      `("Message"."sent_at", "Message"."message_id") ${operator} (${sequelize.escape(from.sentAt.toISOString())}::timestamptz, ${sequelize.escape(from.messageId)}::uuid)`,
    ) as unknown as WhereOptions;
  }

  private orderOf(direction: Direction): Array<[string, string]> {
    const way = direction === 'older' ? 'DESC' : 'ASC';
    return [
      ['sentAt', way],
      ['messageId', way],
    ];
  }

  /** One page by offset, with the total count (the `page` style of pagination). */
  async list(options: { scope: MessageScope; ordering: MessageOrdering; offset: number; limit: number }): Promise<{ count: number; rows: MessageRecord[] }> {
    const { count, rows } = await this.db.models.Message.findAndCountAll({
      where: this.whereOf(options.scope),
      include: [this.includeSender()],
      order: this.orderOf(options.ordering === 'sent_at' ? 'newer' : 'older'),
      offset: options.offset,
      limit: options.limit,
    });
    return { count, rows: rows.map((row) => row.get({ plain: true }) as MessageRecord) };
  }

  /**
   * Up to `limit` messages next to `from` in `direction`, nearest first, and whether more follow. Keyset
   * pagination: no count and no offset, so a page deep in history costs what the newest page costs.
   */
  async listFrom(options: { scope: MessageScope; direction: Direction; from?: Position; limit: number }): Promise<{ rows: MessageRecord[]; more: boolean }> {
    const rows = await this.db.models.Message.findAll({
      where: this.whereOf(options.scope, options.from ? [this.beyond(options.direction, options.from)] : []),
      include: [this.includeSender()],
      order: this.orderOf(options.direction),
      limit: options.limit + 1,
    });
    return {
      rows: rows.slice(0, options.limit).map((row) => row.get({ plain: true }) as MessageRecord),
      more: rows.length > options.limit,
    };
  }

  /** Whether any message of the scope lies beyond `from` in `direction` (one index probe). */
  async existsBeyond(scope: MessageScope, direction: Direction, from: Position): Promise<boolean> {
    const row = await this.db.models.Message.findOne({
      attributes: ['messageId'],
      where: this.whereOf(scope, [this.beyond(direction, from)]),
      order: this.orderOf(direction),
    });
    return row !== null;
  }

  async updateBody(messageId: string, messageBody: string, editedAt: Date, transaction: Transaction): Promise<void> {
    await this.db.models.Message.update({ messageBody, editedAt }, { where: { messageId }, transaction });
  }

  async delete(messageId: string, transaction: Transaction): Promise<void> {
    await this.db.models.Message.destroy({ where: { messageId }, transaction });
  }

  /** Keeps the message in place without its body; its edits and reactions go (the caller deletes them). */
  async tombstone(messageId: string, deletedAt: Date, transaction: Transaction): Promise<void> {
    await this.db.models.Message.update({ messageBody: '', deletedAt }, { where: { messageId }, transaction });
  }

  async countReply(parentMessageId: string, sentAt: Date, transaction: Transaction): Promise<void> {
    await this.db.sequelize.query(
      `UPDATE messages
          SET reply_count = reply_count + 1, last_reply_at = GREATEST(last_reply_at, :sentAt::timestamptz)
        WHERE message_id = :parentMessageId`,
      { replacements: { parentMessageId, sentAt: sentAt.toISOString() }, transaction },
    );
  }

  /** After a reply was deleted: one reply fewer, and the newest remaining one's time. Returns the new count. */
  async uncountReply(parentMessageId: string, transaction: Transaction): Promise<number> {
    const [rows] = await this.db.sequelize.query(
      `UPDATE messages
          SET reply_count = reply_count - 1,
              last_reply_at = (SELECT max(sent_at) FROM messages WHERE parent_message_id = :parentMessageId)
        WHERE message_id = :parentMessageId
        RETURNING reply_count`,
      { replacements: { parentMessageId }, transaction },
    );
    return Number((rows as Array<{ reply_count: number }>)[0]?.reply_count ?? 0);
  }

  /** The newest message of each conversation: one index probe per conversation (LATERAL + LIMIT 1). */
  async latestOf(conversationIds: string[], transaction?: Transaction): Promise<Map<string, MessageRecord>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db.sequelize.query<RawMessageRow>(
      `SELECT m.*, u.username, u.first_name, u.last_name
         FROM unnest(ARRAY[:ids]::uuid[]) AS c(conversation_id)
         CROSS JOIN LATERAL (
           SELECT * FROM messages
            WHERE messages.conversation_id = c.conversation_id
            ORDER BY sent_at DESC, message_id DESC
            LIMIT 1
         ) m
         JOIN users u ON u.user_id = m.sender_id`,
      { replacements: { ids: conversationIds }, type: QueryTypes.SELECT, transaction },
    );
    return new Map(rows.map((row) => [row.conversation_id, fromRawRow(row)]));
  }

  /** The position of a conversation's newest message, if it has any. */
  async latestPosition(conversationId: string, transaction?: Transaction): Promise<Position | undefined> {
    const row = await this.db.models.Message.findOne({
      attributes: ['sentAt', 'messageId'],
      where: { conversationId },
      order: this.orderOf('older'),
      transaction,
    });
    return row ? { sentAt: row.sentAt, messageId: row.messageId } : undefined;
  }
}

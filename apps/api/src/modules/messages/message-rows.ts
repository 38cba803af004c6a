import { raw } from '@messaging-app/shared';
import type { UserSummaryRecord } from '../users';

/** A message row as stored. */
export interface MessageRow {
  messageId: string;
  conversationId: string;
  senderId: string;
  messageBody: string;
  sentAt: Date;
  editedAt: Date | null;
  parentMessageId: string | null;
  replyCount: number;
  lastReplyAt: Date | null;
  deletedAt: Date | null;
}

/** A message with its sender's public fields: what every read of messages hands out. */
export type MessageRecord = MessageRow & { sender: UserSummaryRecord };

/** Who reacted with each emoji (emoji → user ids), for `reacted_by_me` as each viewer sees it. */
export type Reactors = Record<string, string[]>;

/** One emoji on a message and who used it, in the order they did. */
export interface ReactionUse {
  emoji: string;
  userIds: string[];
}

/**
 * A message as a write holds it: with its reactions (emojis in the order first used) and who used
 * each, so it can be answered and announced without reading it again.
 */
export type MessageInHand = MessageRecord & { reactions: ReactionUse[] };

export interface RawMessageRow {
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

/**
 * A message's columns and its sender's public ones (the users module's published `user_summaries`
 * view), for `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN user_summaries sender ON …`.
 */
export const MESSAGE_COLUMNS = raw(`m.message_id, m.conversation_id, m.sender_id, m.message_body, m.sent_at, m.edited_at,
  m.parent_message_id, m.reply_count, m.last_reply_at, m.deleted_at, sender.username, sender.first_name, sender.last_name`);
export const MESSAGES_WITH_SENDER = raw('messages m JOIN user_summaries sender ON sender.user_id = m.sender_id');

const optionalDate = (value: Date | string | null) => (value === null ? null : new Date(value));

export function messageFromRow(row: RawMessageRow): MessageRecord {
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

import type { PageParams, Paginated } from '../../platform/http/pagination';
import { toUserSummary, type UserSummary, type UUID } from '../users';
import type { MessageRecord } from './message-rows';

/** The longest message body accepted, in characters. */
export const MAX_MESSAGE_LENGTH = 4000;

/** How one emoji has been used on a message. */
export interface ReactionSummary {
  /** @example "👍" */
  emoji: string;
  /** How many people reacted with it. */
  count: number;
  /** Whether the caller is one of them. */
  reacted_by_me: boolean;
}

export interface Message {
  message_id: UUID;
  conversation_id: UUID;
  sender: UserSummary;
  /**
   * The text. Empty when the message was deleted while it had replies (see `deleted`).
   * @example "Hi Ama, are we still on for Friday?"
   */
  message_body: string;
  sent_at: Date;
  /** When the body was last edited; null if never. Earlier bodies are listed by the message's history. */
  edited_at: Date | null;
  /**
   * True for a tombstone: the message was deleted while it had replies, so it stays in place (without
   * its body, history or reactions) to keep the thread readable. Messages without replies are removed.
   */
  deleted: boolean;
  /** The top-level message this one replies to, or null for a top-level message. */
  parent_message_id: UUID | null;
  /** How many replies this message has (always 0 for a reply: threads are one level deep). */
  reply_count: number;
  /** When the newest reply was sent; null without replies. */
  last_reply_at: Date | null;
  /** Emoji reactions, in the order each emoji was first used. */
  reactions: ReactionSummary[];
}

export interface SendMessageRequest {
  /**
   * The text; must contain something other than whitespace.
   * @minLength 1
   * @maxLength 4000
   * @example "Hi Ama, are we still on for Friday?"
   */
  message_body: string;
  /**
   * Makes the message a reply in the thread of this top-level message of the same conversation.
   * (Replying to a reply is refused: reply to the thread's top-level message.)
   */
  parent_message_id?: UUID;
}

export interface UpdateMessageRequest {
  /**
   * @minLength 1
   * @maxLength 4000
   */
  message_body: string;
}

/**
 * A page of messages. With `page`, `next`/`previous` are page links and `count` is the total; with a
 * cursor (`before`/`after`), `next`/`previous` are cursor links, present when there are more messages
 * that way right now, and `count` is null (not counting keeps deep pages as fast as the first).
 */
export interface MessagePage {
  /** Messages matching the filters across all pages; null for cursor pages. */
  count: number | null;
  /** Absolute URL of the next page in this list's order, or null when there is none (yet). */
  next: string | null;
  /** Absolute URL of the previous page in this list's order, or null when there is none. */
  previous: string | null;
  /**
   * Continues the list in its order: pass it as `before` for the default newest-first order, as `after`
   * for `ordering=sent_at`. A cursor towards older messages is null once history is exhausted; one
   * towards newer messages is given whenever the page holds a message, so it can be used later to catch up.
   */
  next_cursor: string | null;
  /** Goes back in the list's order: pass it as `after` for newest-first, as `before` for `ordering=sent_at`. Same rules as next_cursor. */
  prev_cursor: string | null;
  results: Message[];
}

/** One version of a message's body, oldest first: version 1 is the body as sent. */
export interface MessageVersion {
  version: number;
  message_body: string;
  /** When this version was written: the send for version 1, the edit for later ones. */
  written_at: Date;
  /** When an edit replaced it; null for the current version. */
  replaced_at: Date | null;
}

export interface MessageVersionPage extends Paginated {
  results: MessageVersion[];
}

/** `-sent_at`: newest first (the default); `sent_at`: oldest first. */
export enum MessageOrderingParam {
  OldestFirst = 'sent_at',
  NewestFirst = '-sent_at',
}

export function toMessage(message: MessageRecord, reactions: ReactionSummary[]): Message {
  return {
    message_id: message.messageId,
    conversation_id: message.conversationId,
    sender: toUserSummary(message.sender),
    message_body: message.messageBody,
    sent_at: message.sentAt,
    edited_at: message.editedAt,
    deleted: message.deletedAt !== null,
    parent_message_id: message.parentMessageId,
    reply_count: message.replyCount,
    last_reply_at: message.lastReplyAt,
    reactions,
  };
}

/** Cursors, in place of `page`: at most one of the two, never with `page`. */
export interface CursorParams {
  /**
   * A cursor (next_cursor or prev_cursor of an earlier page): only messages older than it. Not with `page` or `after`.
   * @maxLength 100
   */
  before?: string;
  /**
   * A cursor: only messages newer than it. Not with `page` or `before`.
   * @maxLength 100
   */
  after?: string;
}

/** The query of a conversation's message list: filters, ordering, and a page or a cursor. */
export interface MessageListParams extends PageParams, CursorParams {
  /**
   * Only messages from this user: a user id, or a username (case-insensitive).
   * @maxLength 254
   */
  sender?: string;
  /**
   * Only messages sent at or after this ISO 8601 date (start of that UTC day) or date-time.
   * @maxLength 40
   */
  start_date?: string;
  /**
   * Only messages sent at or before this ISO 8601 date-time, or during or before this date (the whole UTC day is included).
   * @maxLength 40
   */
  end_date?: string;
  /**
   * Only messages whose body contains this text (case-insensitive).
   * @maxLength 200
   */
  search?: string;
  /** `-sent_at` (newest first, the default) or `sent_at` (oldest first). */
  ordering?: MessageOrderingParam;
}

/** The query of a thread's replies: ordering, and a page or a cursor. */
export interface ReplyListParams extends PageParams, CursorParams {
  /** `sent_at` (oldest first, the default here) or `-sent_at` (newest first). */
  ordering?: MessageOrderingParam;
}

import type { Conversation, ConversationEventType } from '../conversations';
import type { Message, MessageEventType } from '../messages';
import type { UserSummary, UUID } from '../users';

/** What happened. Each type fills the `data` fields listed on RealtimeEventData. */
export type RealtimeEventType =
  | 'message.created'
  | 'message.updated'
  | 'message.deleted'
  | 'conversation.created'
  | 'participant.added'
  | 'participant.removed'
  | 'read.updated'
  | 'reaction.added'
  | 'reaction.removed';

// The modules that write events declare their types; the stream publishes exactly those (spelled out
// above so the contract shows one plain enum). A type added to a module and not here fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const PUBLISHES_EVERY_WRITTEN_TYPE: Same<RealtimeEventType, MessageEventType | ConversationEventType> = true;

/**
 * The payload of an event; which fields are present depends on the type:
 * `message.created`, `message.updated`: message. `message.deleted`: message_id.
 * `conversation.created`: conversation. `participant.added`: participants (the newcomers).
 * `participant.removed`: user_id. `read.updated`: user_id, last_read_message_id.
 * `reaction.added`, `reaction.removed`: message_id, user_id, emoji.
 */
export interface RealtimeEventData {
  /** The message as GET .../messages/{message_id} shows it to the receiving user. */
  message?: Message;
  /** The conversation as GET /conversations/{conversation_id} shows it (a new one: nothing unread yet). */
  conversation?: Conversation;
  participants?: UserSummary[];
  message_id?: UUID;
  user_id?: UUID;
  last_read_message_id?: UUID | null;
  emoji?: string;
}

/**
 * One event of the stream, sent as a server-sent event whose `id` is this id, `event` this type and
 * `data` this object as JSON.
 */
export interface RealtimeEvent {
  /**
   * Position in the global event sequence (a decimal integer, growing with every event): resume
   * after it with the Last-Event-ID header or the `since` parameter.
   * @example "1042"
   */
  id: string;
  type: RealtimeEventType;
  conversation_id: UUID;
  /** When the change was committed (to the millisecond). */
  created_at: Date;
  data: RealtimeEventData;
}

/** Which users reacted with each emoji, stored with message events so `reacted_by_me` is right for each receiver. */
export type Reactors = Record<string, string[]>;

/** An event as stored, before it is shaped for one receiver. */
export interface StoredEvent {
  eventId: string;
  type: RealtimeEventType;
  conversationId: string;
  recipientIds: string[];
  createdAt: Date;
  data: RealtimeEventData;
  reactors?: Reactors;
}

/** Why the server ended a stream (sent as a final `event: error` before closing). */
export type StreamEndReason = 'token_expired' | 'session_ended' | 'user_inactive' | 'slow_consumer' | 'server_shutdown' | 'server_error';

import type { Paginated } from '../../platform/http/pagination';
import type { Message } from '../messages';
import type { UserSummary, UUID } from '../users';

/** Most people one conversation may have, its creator included. */
export const MAX_PARTICIPANTS = 100;

/**
 * `direct`: exactly two people, and only one such conversation per pair (starting it again returns it);
 * nobody can be added and nobody can leave. `group`: any number of people (up to 100); participants can
 * add others and leave, and whoever created it can remove people.
 */
export type ConversationKind = 'direct' | 'group';

export interface Conversation {
  conversation_id: UUID;
  kind: ConversationKind;
  /** A name for a group; null when none was given (always null for direct conversations). */
  title: string | null;
  /** Who started the conversation (for a group: the only one who may remove others); null if that account is gone. */
  created_by_id: UUID | null;
  /** Everyone in the conversation, the caller included. */
  participants: UserSummary[];
  created_at: Date;
  /** The newest message, or null when nothing has been sent yet. */
  last_message: Message | null;
  /** Messages from others after the caller's read marker (the caller's own never count; nor do deleted ones). */
  unread_count: number;
  /**
   * The caller's read marker: the last message they marked read (or sent), or null before any. It may
   * name a message deleted since; the marker keeps its place in the conversation.
   */
  last_read_message_id: UUID | null;
}

export interface CreateConversationRequest {
  /**
   * The other people to talk to (the caller is added automatically). Duplicates are ignored.
   * @minItems 1
   * @maxItems 99
   */
  participant_ids: UUID[];
  /**
   * `direct` or `group`. By default `direct` when exactly one other person is named, else `group`; ask
   * for `group` to have a second, separate conversation with the same person.
   */
  kind?: ConversationKind;
  /**
   * A name for a group (not allowed for direct conversations).
   * @minLength 1
   * @maxLength 200
   * @example "Saturday football"
   */
  title?: string;
}

export interface AddParticipantsRequest {
  /**
   * People to add to the group. People already in it are ignored.
   * @minItems 1
   * @maxItems 99
   */
  user_ids: UUID[];
}

export interface MarkReadRequest {
  /** The message read up to (any message of the conversation); by default the newest. */
  message_id?: UUID;
}

/** The caller's read marker in one conversation. */
export interface ReadState {
  conversation_id: UUID;
  /** The last message read, or null when nothing has been read (an empty conversation). */
  last_read_message_id: UUID | null;
  /** Messages from others after the marker. */
  unread_count: number;
}

/** Unread messages across all of the caller's conversations. */
export interface UnreadSummary {
  /** Messages from others after the caller's read markers, in all their conversations. */
  unread_count: number;
  /** How many conversations have at least one unread message. */
  unread_conversations: number;
}

export interface ConversationPage extends Paginated {
  results: Conversation[];
}

import type { Paginated } from '../common/pagination';
import { toUserSummary, type UserSummary, type UUID } from '../users/user.dto';
import type { MessageRecord } from './messages.repository';

/** The longest message body accepted, in characters. */
export const MAX_MESSAGE_LENGTH = 4000;

export interface Message {
  message_id: UUID;
  conversation_id: UUID;
  sender: UserSummary;
  /** @example "Hi Ama, are we still on for Friday?" */
  message_body: string;
  sent_at: Date;
  /** When the body was last edited; null if never. */
  edited_at: Date | null;
}

export interface SendMessageRequest {
  /**
   * The text; must contain something other than whitespace.
   * @minLength 1
   * @maxLength 4000
   * @example "Hi Ama, are we still on for Friday?"
   */
  message_body: string;
}

export interface UpdateMessageRequest {
  /**
   * @minLength 1
   * @maxLength 4000
   */
  message_body: string;
}

export interface MessagePage extends Paginated {
  results: Message[];
}

/** `-sent_at`: newest first (the default); `sent_at`: oldest first. */
export enum MessageOrderingParam {
  OldestFirst = 'sent_at',
  NewestFirst = '-sent_at',
}

export function toMessage(message: MessageRecord): Message {
  return {
    message_id: message.messageId,
    conversation_id: message.conversationId,
    sender: toUserSummary(message.sender),
    message_body: message.messageBody,
    sent_at: message.sentAt,
    edited_at: message.editedAt,
  };
}

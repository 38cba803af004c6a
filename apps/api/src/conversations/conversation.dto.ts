import type { Paginated } from '../common/pagination';
import type { Message } from '../messages/message.dto';
import type { UserSummary, UUID } from '../users/user.dto';

/** Most people one conversation may have, its creator included. */
export const MAX_PARTICIPANTS = 100;

export interface Conversation {
  conversation_id: UUID;
  /** Everyone in the conversation, the caller included. */
  participants: UserSummary[];
  created_at: Date;
  /** The newest message, or null when nothing has been sent yet. */
  last_message: Message | null;
}

export interface CreateConversationRequest {
  /**
   * The other people to talk to (the caller is added automatically). Duplicates are ignored.
   * @minItems 1
   * @maxItems 99
   */
  participant_ids: UUID[];
}

export interface ConversationPage extends Paginated {
  results: Conversation[];
}

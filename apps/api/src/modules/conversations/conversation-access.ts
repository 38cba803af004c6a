import type { Transaction } from '@messaging-app/shared';
import type { ConversationAccess, MembershipLock, Position } from '../messages';
import type { ConversationsQueries } from './conversations.queries';
import type { ConversationsRepository } from './conversations.repository';

/** The conversations module's side of the messages module's ConversationAccess port. */
export class ConversationAccessForMessages implements ConversationAccess {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly queries: ConversationsQueries,
  ) {}

  isParticipant(conversationId: string, userId: string, transaction?: Transaction): Promise<boolean> {
    return this.queries.isParticipant(conversationId, userId, transaction);
  }

  lockMembership(conversationId: string, userId: string, mode: MembershipLock, transaction: Transaction): Promise<boolean> {
    return this.conversations.lockMembership(conversationId, userId, mode, transaction);
  }

  recordActivity(conversationId: string, change: { at?: Date; messagesAdded: number }, transaction: Transaction): Promise<void> {
    return this.conversations.recordActivity(conversationId, change, transaction);
  }

  advanceReadMarker(conversationId: string, userId: string, position: Position, transaction?: Transaction): Promise<boolean> {
    return this.conversations.advanceReadMarker(conversationId, userId, position, transaction);
  }
}

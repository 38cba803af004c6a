import type { Transaction } from '@messaging-app/shared';
import type { EventSink } from '../../platform/event-sink/event-sink';
import type { UserSummary } from '../users';
import type { Conversation } from './conversation.dto';

/** The realtime events the conversations module writes (the events module publishes them: RealtimeEventType). */
export type ConversationEventType = 'conversation.created' | 'participant.added' | 'participant.removed' | 'read.updated';

/** The conversations module's events, typed, over the platform's event sink. Always inside the writing transaction. */
export class ConversationEvents {
  constructor(private readonly sink: EventSink) {}

  /** A new conversation, as its creator sees it (nothing in it is read or unread yet, so everyone sees it so). */
  async conversationCreated(transaction: Transaction, conversation: Conversation): Promise<void> {
    await this.sink.record(transaction, {
      type: 'conversation.created',
      conversationId: conversation.conversation_id,
      data: { conversation },
    });
  }

  async participantsAdded(transaction: Transaction, conversationId: string, participants: UserSummary[]): Promise<void> {
    await this.sink.record(transaction, { type: 'participant.added', conversationId, data: { participants } });
  }

  /** To the remaining members and to whoever left (their other devices), and nothing after it. */
  async participantRemoved(transaction: Transaction, conversationId: string, userId: string, recipientIds: string[]): Promise<void> {
    await this.sink.record(transaction, { type: 'participant.removed', conversationId, data: { user_id: userId }, recipientIds });
  }

  async readUpdated(transaction: Transaction, conversationId: string, userId: string, lastReadMessageId: string): Promise<void> {
    await this.sink.record(transaction, {
      type: 'read.updated',
      conversationId,
      data: { user_id: userId, last_read_message_id: lastReadMessageId },
    });
  }
}

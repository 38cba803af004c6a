import type { Transaction } from '@messaging-app/shared';
import type { EventSink } from '../../platform/event-sink/event-sink';
import type { Message } from './message.dto';
import type { ReactionUse } from './message-rows';
import { reactorsOf } from './message-presenter';

/** The realtime events the messages module writes (the events module publishes them: RealtimeEventType). */
export type MessageEventType = 'message.created' | 'message.updated' | 'message.deleted' | 'reaction.added' | 'reaction.removed';

/** The messages module's events, typed, over the platform's event sink. Always inside the writing transaction. */
export class MessageEvents {
  constructor(private readonly sink: EventSink) {}

  /** `message.created` / `message.updated` with the message as it now stands, presented for no one in particular. */
  async messageChanged(
    transaction: Transaction,
    type: 'message.created' | 'message.updated',
    message: Message,
    reactions: ReactionUse[],
  ): Promise<void> {
    await this.record(transaction, type, message.conversation_id, { message }, reactions.length > 0 ? reactorsOf(reactions) : undefined);
  }

  async messageDeleted(transaction: Transaction, conversationId: string, messageId: string): Promise<void> {
    await this.record(transaction, 'message.deleted', conversationId, { message_id: messageId });
  }

  async reactionChanged(
    transaction: Transaction,
    type: 'reaction.added' | 'reaction.removed',
    conversationId: string,
    reaction: { messageId: string; userId: string; emoji: string },
  ): Promise<void> {
    await this.record(transaction, type, conversationId, {
      message_id: reaction.messageId,
      user_id: reaction.userId,
      emoji: reaction.emoji,
    });
  }

  private async record(
    transaction: Transaction,
    type: MessageEventType,
    conversationId: string,
    data: object,
    reactors?: Record<string, string[]>,
  ): Promise<void> {
    await this.sink.record(transaction, { type, conversationId, data, reactors });
  }
}

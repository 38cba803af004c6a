import type { Transaction } from '@messaging-app/shared';
import { toMessage, type Message, type ReactionSummary } from './message.dto';
import type { MessageInHand, MessageRecord, ReactionUse } from './message-rows';
import type { ReactionsRepository } from './reactions.repository';

/** Who reacted with each emoji, as events store it (for `reacted_by_me` per receiver). */
export function reactorsOf(reactions: ReactionUse[]): Record<string, string[]> {
  return Object.fromEntries(reactions.map(({ emoji, userIds }) => [emoji, userIds]));
}

/** Turns message records into what a given viewer sees: the wire shape plus reactions from their point of view. */
export class MessagePresenter {
  constructor(private readonly reactions: ReactionsRepository) {}

  /** One reactions query for the whole list, never one per message. */
  async present(records: MessageRecord[], viewerId: string, transaction?: Transaction): Promise<Message[]> {
    const counts = await this.reactions.countsFor(
      records.map((record) => record.messageId),
      viewerId,
      transaction,
    );
    return records.map((record) =>
      toMessage(
        record,
        (counts.get(record.messageId) ?? []).map((reaction) => ({
          emoji: reaction.emoji,
          count: reaction.count,
          reacted_by_me: reaction.reactedByViewer,
        })),
      ),
    );
  }

  async presentOne(record: MessageRecord, viewerId: string, transaction?: Transaction): Promise<Message> {
    const [message] = await this.present([record], viewerId, transaction);
    return message;
  }

  /** A message a write holds with its reactions: presented without a query. */
  presentInHand(message: MessageInHand, viewerId: string): Message {
    const reactions: ReactionSummary[] = message.reactions.map(({ emoji, userIds }) => ({
      emoji,
      count: userIds.length,
      reacted_by_me: userIds.includes(viewerId),
    }));
    return toMessage(message, reactions);
  }

  /** A message just sent has no reactions yet: no query, and the sender's view is everyone's. */
  presentNew(record: MessageRecord): Message {
    return toMessage(record, []);
  }
}

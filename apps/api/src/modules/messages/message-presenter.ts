import type { Transaction } from '@messaging-app/shared';
import { toMessage, type Message } from './message.dto';
import type { MessageRecord } from './messages.repository';
import type { ReactionsRepository } from './reactions.repository';

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

  /** A message just sent has no reactions yet: no query, and the sender's view is everyone's. */
  presentNew(record: MessageRecord): Message {
    return toMessage(record, []);
  }

  async presentOne(record: MessageRecord, viewerId: string, transaction?: Transaction): Promise<Message> {
    const [message] = await this.present([record], viewerId, transaction);
    return message;
  }
}

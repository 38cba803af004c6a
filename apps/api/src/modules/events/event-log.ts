import type { Transaction } from '@messaging-app/shared';
import type { Message } from '../messages/message.dto';
import type { MessagePresenter } from '../messages/message-presenter';
import type { MessagesRepository } from '../messages/messages.repository';
import type { RealtimeEventData, RealtimeEventType } from './event.dto';
import type { EventsRepository } from './events.repository';

/** Presents messages for no one in particular: `reacted_by_me` is filled in per receiver on delivery. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Where services record what clients should see live. Always inside the transaction making the
 * change: the event commits with it or not at all, so an acknowledged write never lacks its event.
 * Recipients are the conversation's participants as of that moment in the transaction.
 *
 * Record events after the transaction's other writes: recording takes the lock that keeps event ids
 * in commit order, and a transaction that then waited for a row lock held by another one waiting
 * for that lock would deadlock.
 */
export class EventLog {
  private readonly committedListeners = new Set<() => void>();

  constructor(
    private readonly events: EventsRepository,
    private readonly messages: MessagesRepository,
    private readonly presenter: MessagePresenter,
  ) {}

  /** Called after every commit that wrote events (the local fan-out wakes up without waiting for NOTIFY). */
  onCommitted(listener: () => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  async record(
    transaction: Transaction,
    event: { type: RealtimeEventType; conversationId: string; data: RealtimeEventData; recipientIds?: string[] },
  ): Promise<void> {
    const reactors = event.data.message && event.data.message.reactions.length > 0 ? await this.events.reactorsOf(event.data.message.message_id, transaction) : undefined;
    await this.events.append({ type: event.type, conversationId: event.conversationId, recipientIds: event.recipientIds, data: event.data, reactors }, transaction);
    transaction.afterCommit(() => this.committedListeners.forEach((listener) => listener()));
  }

  /** `message.created` / `message.updated` with the message as it now stands. */
  async messageChanged(transaction: Transaction, type: 'message.created' | 'message.updated', conversationId: string, messageId: string): Promise<void> {
    const record = await this.messages.findInConversation(conversationId, messageId, transaction);
    if (!record) return;
    const message: Message = await this.presenter.presentOne(record, NOBODY, transaction);
    await this.record(transaction, { type, conversationId, data: { message } });
  }
}

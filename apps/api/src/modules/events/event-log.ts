import type { Transaction } from '@messaging-app/shared';
import type { EventSink, RecordedEvent } from '../../platform/event-sink/event-sink';
import type { RealtimeEventType } from './event.dto';
import type { EventsRepository } from './events.repository';

/**
 * Where modules record what clients should see live (the platform's EventSink). Always inside the
 * transaction making the change: the event commits with it or not at all, so an acknowledged write
 * never lacks its event. Recipients are the conversation's participants as of that moment in the
 * transaction, unless the writer names them. Writers hand over what they already hold (the payload and
 * who reacted with what); nothing is read back here.
 *
 * Record events after the transaction's other writes: recording takes the lock that keeps event ids
 * in commit order, and a transaction that then waited for a row lock held by another one waiting
 * for that lock would deadlock.
 */
export class EventLog implements EventSink {
  private readonly committedListeners = new Set<() => void>();

  constructor(private readonly events: EventsRepository) {}

  /** Called after every commit that wrote events (the local fan-out wakes up without waiting for NOTIFY). */
  onCommitted(listener: () => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  async record(transaction: Transaction, event: RecordedEvent): Promise<void> {
    await this.events.append(
      {
        type: event.type as RealtimeEventType,
        conversationId: event.conversationId,
        recipientIds: event.recipientIds,
        data: event.data,
        reactors: event.reactors,
      },
      transaction,
    );
    transaction.afterCommit(() => this.committedListeners.forEach((listener) => listener()));
  }
}

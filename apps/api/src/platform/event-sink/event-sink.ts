import type { Transaction } from '@messaging-app/shared';

/**
 * What a writing module hands the realtime log: an event about one conversation, recorded inside the
 * transaction that makes the change, so it commits with the change or not at all. The modules that
 * write events declare their own event types and payloads; the events module implements this port,
 * stores the events and delivers them (modules/events). Declared here, in the platform, so writers
 * need not depend on the events module (which depends on them for the payload types it publishes).
 */
export interface RecordedEvent {
  type: string;
  conversationId: string;
  /** The payload, in its wire shape (what REST answers for the same object). */
  data: object;
  /** Who receives it; by default the conversation's participants as this transaction sees them. */
  recipientIds?: string[];
  /** Message payloads: who reacted with each emoji, so each receiver's `reacted_by_me` is theirs. */
  reactors?: Record<string, string[]>;
}

export interface EventSink {
  /** Records the event in `transaction`. Call it after the transaction's other writes (see the events module). */
  record(transaction: Transaction, event: RecordedEvent): Promise<void>;
}

import { type Database, QueryTypes, type Transaction } from '@messaging-app/shared';
import type { Reactors, RealtimeEventData, RealtimeEventType, StoredEvent } from './event.dto';

/** The NOTIFY channel API processes listen on; the payload is empty: listeners read the table. */
export const EVENTS_CHANNEL = 'messaging_events';

/**
 * Serialises event writers until their commit (an arbitrary, fixed advisory-lock key). bigserial
 * values are taken in call order but committed in any order: without this, a reader that has seen
 * id 11 committed could still see id 10 commit later, and "everything after 11" would skip it.
 * Holding the lock from the insert to the commit makes ids commit in order.
 */
const EVENTS_WRITE_LOCK = 720_530_001;

interface EventRow {
  event_id: string;
  event_type: RealtimeEventType;
  conversation_id: string;
  recipient_ids: string[];
  payload: { data: RealtimeEventData; reactors?: Reactors };
  created_at: Date;
}

function toStored(row: EventRow): StoredEvent {
  return {
    eventId: String(row.event_id),
    type: row.event_type,
    conversationId: row.conversation_id,
    recipientIds: row.recipient_ids,
    createdAt: new Date(row.created_at),
    data: row.payload.data,
    reactors: row.payload.reactors,
  };
}

const COLUMNS = 'event_id, event_type, conversation_id, recipient_ids, payload, created_at';

export interface NewEvent {
  type: RealtimeEventType;
  conversationId: string;
  /** By default, the conversation's participants as this transaction sees them. */
  recipientIds?: string[];
  data: RealtimeEventData;
  reactors?: Reactors;
}

export class EventsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Appends in the caller's transaction, in one round trip: takes the write lock (held to the commit;
   * the CTE runs before the row, and so before its id, is made), reads the recipients, inserts, and on
   * PostgreSQL queues a NOTIFY for the commit. An event nobody would receive is not stored.
   */
  async append(event: NewEvent, transaction: Transaction): Promise<void> {
    if (event.recipientIds?.length === 0) return;
    const notify = this.db.kind === 'postgres' ? `, pg_notify('${EVENTS_CHANNEL}', '')` : '';
    const recipients = event.recipientIds
      ? '$4::uuid[]'
      : '(SELECT array_agg(user_id) FROM conversation_participants WHERE conversation_id = $2::uuid)';
    const values: unknown[] = [event.type, event.conversationId, JSON.stringify({ data: event.data, reactors: event.reactors })];
    if (event.recipientIds) values.push(event.recipientIds);
    await this.db.query(
      `WITH write_lock AS (SELECT pg_advisory_xact_lock(${EVENTS_WRITE_LOCK})${notify}),
            recipients AS (SELECT ${recipients} AS ids FROM write_lock)
       INSERT INTO events (event_type, conversation_id, recipient_ids, payload, created_at)
       SELECT $1::text, $2::uuid, recipients.ids, $3::jsonb, clock_timestamp()
         FROM recipients
        WHERE cardinality(recipients.ids) > 0`,
      values,
      { transaction },
    );
  }

  /** Every event after `cursor`, oldest first (the fan-out reads each once per process). */
  async after(cursor: string, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.sequelize.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE event_id > :cursor ORDER BY event_id LIMIT :limit`,
      { replacements: { cursor, limit }, type: QueryTypes.SELECT },
    );
    return rows.map(toStored);
  }

  /** A user's events after `since`, oldest first (replay on reconnect). */
  async forRecipient(userId: string, since: string, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.sequelize.query<EventRow>(
      `SELECT ${COLUMNS} FROM events
        WHERE event_id > :since AND recipient_ids @> ARRAY[:userId]::uuid[]
        ORDER BY event_id LIMIT :limit`,
      { replacements: { since, userId, limit }, type: QueryTypes.SELECT },
    );
    return rows.map(toStored);
  }

  /** The newest event id, "0" when there is none. */
  async latestId(): Promise<string> {
    const [row] = await this.db.sequelize.query<{ latest: string | null }>('SELECT max(event_id) AS latest FROM events', {
      type: QueryTypes.SELECT,
    });
    return row?.latest === null || row?.latest === undefined ? '0' : String(row.latest);
  }

  /**
   * The oldest event still kept (null when none is) and the last id ever handed out (rolled-back
   * writes included), to tell whether a resume position can still be served in full.
   */
  async retainedRange(): Promise<{ oldest: bigint | null; last: bigint }> {
    const [row] = await this.db.sequelize.query<{ oldest: string | null; last: string }>(
      `SELECT (SELECT min(event_id) FROM events) AS oldest,
              (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM events_event_id_seq) AS last`,
      { type: QueryTypes.SELECT },
    );
    return { oldest: row.oldest === null ? null : BigInt(row.oldest), last: BigInt(row.last) };
  }

  /** Deletes events created before `before`; returns how many. */
  async prune(before: Date): Promise<number> {
    const [, result] = await this.db.sequelize.query('DELETE FROM events WHERE created_at < :before', {
      replacements: { before: before.toISOString() },
    });
    return (result as { rowCount?: number })?.rowCount ?? 0;
  }

  /** Who reacted with what to a message, for `reacted_by_me` per receiver. */
  async reactorsOf(messageId: string, transaction: Transaction): Promise<Reactors> {
    const rows = await this.db.sequelize.query<{ emoji: string; user_ids: string[] }>(
      'SELECT emoji, array_agg(user_id) AS user_ids FROM message_reactions WHERE message_id = :messageId GROUP BY emoji',
      { replacements: { messageId }, type: QueryTypes.SELECT, transaction },
    );
    return Object.fromEntries(rows.map((row) => [row.emoji, row.user_ids]));
  }
}

import { EVENTS_CHANNEL, raw, sql, type Database, type Transaction } from '@messaging-app/shared';
import type { Reactors, RealtimeEventData, RealtimeEventType, StoredEvent } from './event.dto';

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

const COLUMNS = raw('event_id, event_type, conversation_id, recipient_ids, payload, created_at');

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
   * the CTE runs before the row, and so before its id, is made), reads the recipients (the
   * conversations module's published `conversation_members` view), inserts, and on PostgreSQL queues a
   * NOTIFY for the commit (its payload is empty: listeners read the table). An event nobody would
   * receive is not stored.
   */
  async append(event: NewEvent, transaction: Transaction): Promise<void> {
    if (event.recipientIds?.length === 0) return;
    const notify = this.db.kind === 'postgres' ? sql`, pg_notify(${EVENTS_CHANNEL}, '')` : sql``;
    const recipients = event.recipientIds
      ? sql`${event.recipientIds}::uuid[]`
      : sql`(SELECT array_agg(user_id) FROM conversation_members WHERE conversation_id = ${event.conversationId}::uuid)`;
    const payload = JSON.stringify({ data: event.data, reactors: event.reactors });
    await this.db.query(
      sql`WITH write_lock AS (SELECT pg_advisory_xact_lock(${EVENTS_WRITE_LOCK})${notify}),
               recipients AS (SELECT ${recipients} AS ids FROM write_lock)
          INSERT INTO events (event_type, conversation_id, recipient_ids, payload, created_at)
          SELECT ${event.type}::text, ${event.conversationId}::uuid, recipients.ids, ${payload}::jsonb, clock_timestamp()
            FROM recipients
           WHERE cardinality(recipients.ids) > 0`,
      { transaction },
    );
  }

  /** Every event after `cursor`, oldest first (the fan-out reads each once per process). */
  async after(cursor: string, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(
      sql`SELECT ${COLUMNS} FROM events WHERE event_id > ${cursor}::bigint ORDER BY event_id LIMIT ${limit}`,
    );
    return rows.map(toStored);
  }

  /** A user's events after `since`, oldest first (replay on reconnect). */
  async forRecipient(userId: string, since: string, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(
      sql`SELECT ${COLUMNS} FROM events
           WHERE event_id > ${since}::bigint AND recipient_ids @> ARRAY[${userId}::uuid]
           ORDER BY event_id LIMIT ${limit}`,
    );
    return rows.map(toStored);
  }

  /** The newest event id, "0" when there is none. */
  async latestId(): Promise<string> {
    const [row] = await this.db.query<{ latest: string | null }>(sql`SELECT max(event_id) AS latest FROM events`);
    return row?.latest === null || row?.latest === undefined ? '0' : String(row.latest);
  }

  /**
   * The oldest event still kept (null when none is) and the last id ever handed out (rolled-back
   * writes included), to tell whether a resume position can still be served in full.
   */
  async retainedRange(): Promise<{ oldest: bigint | null; last: bigint }> {
    const [row] = await this.db.query<{ oldest: string | null; last: string }>(
      sql`SELECT (SELECT min(event_id) FROM events) AS oldest,
                 (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM events_event_id_seq) AS last`,
    );
    return { oldest: row.oldest === null ? null : BigInt(row.oldest), last: BigInt(row.last) };
  }

  /** Deletes events created before `before`. */
  async prune(before: Date): Promise<void> {
    await this.db.query(sql`DELETE FROM events WHERE created_at < ${before}`);
  }
}

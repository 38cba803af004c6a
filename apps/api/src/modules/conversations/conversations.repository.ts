import { randomUUID } from 'node:crypto';
import { raw, sql, type Database, type Transaction } from '@messaging-app/shared';
import type { Position } from '../messages';
import { directPair } from './conversation-rows';

/** How a transaction locks a membership: a write that needs it to stay, one that updates it (its read marker), or one that removes it. */
export type MembershipLockMode = 'write' | 'update' | 'remove';
const MEMBERSHIP_LOCKS = { write: raw('FOR KEY SHARE'), update: raw('FOR NO KEY UPDATE'), remove: raw('FOR UPDATE') } as const;

/** Writes to `conversations` and `conversation_participants` (reads are in conversations.queries.ts). */
export class ConversationsRepository {
  constructor(private readonly db: Database) {}

  async createGroup(
    conversation: { createdById: string; title: string | null; participantIds: string[]; at: Date },
    transaction: Transaction,
  ): Promise<string> {
    const conversationId = randomUUID();
    await this.db.query(
      sql`INSERT INTO conversations (conversation_id, created_by_id, kind, title, direct_user_low, direct_user_high, last_activity_at, created_at, message_count)
          VALUES (${conversationId}, ${conversation.createdById}, 'group', ${conversation.title}, NULL, NULL, ${conversation.at}, ${conversation.at}, 0)`,
      { transaction },
    );
    await this.addParticipants(conversationId, conversation.participantIds, conversation.at, undefined, transaction);
    return conversationId;
  }

  /**
   * The pair's direct conversation: created now, or the one that already exists. The unique pair index
   * settles races: a concurrent creator waits on it, then finds the winner's conversation.
   */
  async createOrFindDirect(
    conversation: { createdById: string; otherId: string; at: Date },
    transaction: Transaction,
  ): Promise<{ conversationId: string; created: boolean }> {
    const { low, high } = directPair(conversation.createdById, conversation.otherId);
    const inserted = await this.db.query<{ conversation_id: string }>(
      sql`INSERT INTO conversations (conversation_id, created_by_id, kind, title, direct_user_low, direct_user_high, last_activity_at, created_at, message_count)
          VALUES (${randomUUID()}, ${conversation.createdById}, 'direct', NULL, ${low}, ${high}, ${conversation.at}, ${conversation.at}, 0)
          ON CONFLICT (direct_user_low, direct_user_high) DO NOTHING
          RETURNING conversation_id`,
      { transaction },
    );
    if (inserted.length > 0) {
      const conversationId = inserted[0].conversation_id;
      await this.addParticipants(conversationId, [conversation.createdById, conversation.otherId], conversation.at, undefined, transaction);
      return { conversationId, created: true };
    }
    const [existing] = await this.db.query<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM conversations WHERE direct_user_low = ${low} AND direct_user_high = ${high}`,
      { transaction },
    );
    if (!existing) throw new Error(`direct conversation ${low}/${high} conflicted but cannot be found`);
    return { conversationId: existing.conversation_id, created: false };
  }

  /** Locks the conversation row until the transaction ends: membership changes of one conversation queue up. */
  async lock(conversationId: string, transaction: Transaction): Promise<void> {
    await this.db.query(sql`SELECT 1 FROM conversations WHERE conversation_id = ${conversationId} FOR UPDATE`, { transaction });
  }

  /**
   * The user's membership, locked until the transaction ends (false when they are not a participant).
   * Every write that depends on membership takes it first, before any other lock of the conversation,
   * and a leave or a removal takes it for removal: so a write either lands before the leave (which
   * waits for it) or finds the membership gone, and nothing lands after a leave. The lock strength
   * fits the write: `write` only keeps the row (concurrent writes of one member do not queue), `update`
   * changes it (the read marker), `remove` deletes it.
   */
  async lockMembership(conversationId: string, userId: string, mode: MembershipLockMode, transaction: Transaction): Promise<boolean> {
    const rows = await this.db.query(
      sql`SELECT 1 FROM conversation_participants WHERE conversation_id = ${conversationId} AND user_id = ${userId} ${MEMBERSHIP_LOCKS[mode]}`,
      { transaction },
    );
    return rows.length > 0;
  }

  /** Adds people, with their read marker at `readUpTo` (so they start with nothing unread) when given. */
  async addParticipants(
    conversationId: string,
    userIds: string[],
    at: Date,
    readUpTo: Position | undefined,
    transaction: Transaction,
  ): Promise<void> {
    await this.db.query(
      sql`INSERT INTO conversation_participants (conversation_id, user_id, joined_at, last_read_sent_at, last_read_message_id)
          SELECT ${conversationId}, user_id, ${at}, ${readUpTo?.sentAt ?? null}::timestamptz, ${readUpTo?.messageId ?? null}::uuid
            FROM unnest(${userIds}::uuid[]) AS newcomer(user_id)`,
      { transaction },
    );
  }

  /** Whether the user was a participant (and now is not). */
  async removeParticipant(conversationId: string, userId: string, transaction: Transaction): Promise<boolean> {
    const removed = await this.db.query(
      sql`DELETE FROM conversation_participants WHERE conversation_id = ${conversationId} AND user_id = ${userId} RETURNING 1`,
      {
        transaction,
      },
    );
    return removed.length > 0;
  }

  async delete(conversationId: string, transaction: Transaction): Promise<void> {
    await this.db.query(sql`DELETE FROM conversations WHERE conversation_id = ${conversationId}`, { transaction });
  }

  /** A message was added or removed: last activity (when given) and the kept message count, in one statement. */
  async recordActivity(conversationId: string, change: { at?: Date; messagesAdded: number }, transaction: Transaction): Promise<void> {
    await this.db.query(
      sql`UPDATE conversations
             SET message_count = message_count + ${change.messagesAdded},
                 last_activity_at = COALESCE(${change.at ?? null}::timestamptz, last_activity_at)
           WHERE conversation_id = ${conversationId}`,
      { transaction },
    );
  }

  /** Moves the user's read marker to `position`, only forwards (a stale client changes nothing); true when it moved. */
  async advanceReadMarker(conversationId: string, userId: string, position: Position, transaction?: Transaction): Promise<boolean> {
    const moved = await this.db.query(
      sql`UPDATE conversation_participants
             SET last_read_sent_at = ${position.sentAt}::timestamptz, last_read_message_id = ${position.messageId}::uuid
           WHERE conversation_id = ${conversationId} AND user_id = ${userId}
             AND (last_read_sent_at IS NULL OR (last_read_sent_at, last_read_message_id) < (${position.sentAt}::timestamptz, ${position.messageId}::uuid))
          RETURNING user_id`,
      { transaction },
    );
    return moved.length > 0;
  }
}

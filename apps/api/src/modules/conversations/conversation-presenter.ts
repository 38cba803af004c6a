import type { Transaction } from '@messaging-app/shared';
import type { MessageReadingService } from '../messages';
import { toUserSummary } from '../users';
import type { Conversation } from './conversation.dto';
import type { ReadMarker } from './conversation-rows';
import type { ConversationsQueries, OwnConversation } from './conversations.queries';

/** A read marker as a position in the conversation (null: nothing read). */
export function positionOfMarker(marker: ReadMarker): { sentAt: Date; messageId: string } | null {
  return marker.lastReadSentAt && marker.lastReadMessageId ? { sentAt: marker.lastReadSentAt, messageId: marker.lastReadMessageId } : null;
}

/** Conversations as their participant sees them: people, newest message and what is unread, in batched queries for a whole page. */
export class ConversationPresenter {
  constructor(
    private readonly queries: ConversationsQueries,
    private readonly messages: Pick<MessageReadingService, 'latestMessagesFor' | 'countUnread'>,
  ) {}

  async present(rows: OwnConversation[], viewerId: string, transaction?: Transaction): Promise<Conversation[]> {
    const ids = rows.map((row) => row.conversationId);
    const positions = rows.map((row) => ({
      conversationId: row.conversationId,
      userId: viewerId,
      position: positionOfMarker(row.readMarker),
    }));
    const loads = [
      () => this.queries.participantsOf(ids, transaction),
      () => this.messages.latestMessagesFor(viewerId, ids, transaction),
      () => this.messages.countUnread(positions, transaction),
    ] as const;
    // A transaction is one connection, which takes one query at a time; without one, the pool runs them side by side.
    const [participants, latest, unread] = transaction
      ? [await loads[0](), await loads[1](), await loads[2]()]
      : await Promise.all([loads[0](), loads[1](), loads[2]()]);
    return rows.map((row) => ({
      conversation_id: row.conversationId,
      kind: row.kind,
      title: row.title,
      created_by_id: row.createdById,
      participants: (participants.get(row.conversationId) ?? []).map(toUserSummary),
      created_at: row.createdAt,
      last_message: latest.get(row.conversationId) ?? null,
      unread_count: unread.get(row.conversationId) ?? 0,
      last_read_message_id: row.readMarker.lastReadMessageId,
    }));
  }
}

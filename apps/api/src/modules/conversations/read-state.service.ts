import type { Database } from '@messaging-app/shared';
import { validationFailed } from '../../platform/errors/app-error';
import type { MessageReadingService } from '../messages';
import type { Caller } from '../users';
import type { ReadState, UnreadSummary } from './conversation.dto';
import type { ConversationEvents } from './conversation-events';
import { positionOfMarker } from './conversation-presenter';
import { lockOwnMembership } from './conversation-rules';
import type { ConversationsQueries } from './conversations.queries';
import type { ConversationsRepository } from './conversations.repository';

export interface ReadStateServiceDependencies {
  db: Database;
  conversations: ConversationsRepository;
  queries: ConversationsQueries;
  events: ConversationEvents;
  messages: Pick<MessageReadingService, 'latestPosition' | 'positionOf' | 'countUnread'>;
}

/**
 * Read state: each participant's read marker (the position of the last message they read) and what is
 * unread after it. Markers only move forwards; sending moves the sender's (the messages module asks).
 */
export class ReadStateService {
  constructor(private readonly deps: ReadStateServiceDependencies) {}

  /**
   * Moves the caller's read marker to a message (by default the newest). Markers only move forwards, so
   * marking an older message, as a client with a stale view might, changes nothing.
   */
  async markRead({
    caller,
    conversationId,
    messageId,
  }: {
    caller: Caller;
    conversationId: string;
    messageId?: string;
  }): Promise<ReadState> {
    const { db, conversations, queries, events, messages } = this.deps;
    return db.transaction(async (transaction) => {
      // The marker lives on the membership row, which this updates: locked for that from the start.
      await lockOwnMembership(conversations, conversationId, caller.userId, 'update', transaction);
      const target = messageId
        ? await messages.positionOf(conversationId, messageId, transaction)
        : await messages.latestPosition(conversationId, transaction);
      if (messageId && !target) {
        throw validationFailed('There is no such message in this conversation.', { message_id: 'Must be a message of this conversation.' });
      }
      if (target && (await conversations.advanceReadMarker(conversationId, caller.userId, target, transaction))) {
        await events.readUpdated(transaction, conversationId, caller.userId, target.messageId);
      }
      const own = await queries.findForParticipant(conversationId, caller.userId, transaction);
      const marker = own?.readMarker ?? { lastReadSentAt: null, lastReadMessageId: null };
      const unread = await messages.countUnread(
        [{ conversationId, userId: caller.userId, position: positionOfMarker(marker) }],
        transaction,
      );
      return {
        conversation_id: conversationId,
        last_read_message_id: marker.lastReadMessageId,
        unread_count: unread.get(conversationId) ?? 0,
      };
    });
  }

  /** Unread messages across all the caller's conversations, and in how many conversations. */
  async unreadSummary(caller: Caller): Promise<UnreadSummary> {
    const markers = await this.deps.queries.readMarkersOf(caller.userId);
    const positions = [...markers].map(([conversationId, marker]) => ({
      conversationId,
      userId: caller.userId,
      position: positionOfMarker(marker),
    }));
    const unread = [...(await this.deps.messages.countUnread(positions)).values()];
    return {
      unread_count: unread.reduce((sum, count) => sum + count, 0),
      unread_conversations: unread.filter((count) => count > 0).length,
    };
  }
}

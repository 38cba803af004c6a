import type { Database } from '@messaging-app/shared';
import { forbidden, notFound, validationFailed } from '../../platform/errors/app-error';
import type { MessageReadingService } from '../messages';
import { toUserSummary, type Caller, type UsersService } from '../users';
import { MAX_PARTICIPANTS, type Conversation } from './conversation.dto';
import type { ConversationEvents } from './conversation-events';
import { assertActiveUsers, assertGroup, findOwn, lockOwnMembership, othersThanCaller } from './conversation-rules';
import type { ConversationsQueries } from './conversations.queries';
import type { ConversationsRepository } from './conversations.repository';
import type { ConversationsService } from './conversations.service';

export interface MembershipServiceDependencies {
  db: Database;
  conversations: ConversationsRepository;
  queries: ConversationsQueries;
  events: ConversationEvents;
  users: Pick<UsersService, 'findActiveUsers'>;
  messages: Pick<MessageReadingService, 'latestPosition'>;
  /** Answers the conversation after a change, as its caller sees it. */
  viewer: Pick<ConversationsService, 'getConversation'>;
}

/**
 * Who is in a group: any participant adds people, anyone leaves, whoever created it removes others;
 * direct conversations refuse all three (409). Membership changes lock the conversation row, so the
 * 100-person limit holds under concurrency, and lock the membership first, as every write does.
 */
export class MembershipService {
  constructor(private readonly deps: MembershipServiceDependencies) {}

  /**
   * Any participant of a group may add people; those already in it are skipped. Newcomers see the
   * history, with their read marker at the newest message so that only what comes next is unread.
   */
  async addParticipants({
    caller,
    conversationId,
    userIds,
  }: {
    caller: Caller;
    conversationId: string;
    userIds: string[];
  }): Promise<Conversation> {
    const { db, conversations, queries, events, users, messages } = this.deps;
    const conversation = await findOwn(queries, conversationId, caller);
    assertGroup(conversation, 'Nobody can be added to a direct conversation; start a group instead.');
    await db.transaction(async (transaction) => {
      await lockOwnMembership(conversations, conversationId, caller.userId, 'write', transaction);
      await conversations.lock(conversationId, transaction);
      const current = new Set(await queries.participantIds(conversationId, transaction));
      const newcomers = othersThanCaller(userIds, caller).filter((id) => !current.has(id));
      if (newcomers.length === 0) return;
      await assertActiveUsers(users, newcomers, 'user_ids', transaction);
      if (current.size + newcomers.length > MAX_PARTICIPANTS) {
        throw validationFailed(`A conversation can have at most ${MAX_PARTICIPANTS} participants.`, {
          user_ids: `At most ${MAX_PARTICIPANTS - current.size} more people.`,
        });
      }
      const newest = await messages.latestPosition(conversationId, transaction);
      await conversations.addParticipants(conversationId, newcomers, new Date(), newest, transaction);
      const participants = (await users.findActiveUsers(newcomers, transaction)).map(toUserSummary);
      await events.participantsAdded(transaction, conversationId, participants);
    });
    return this.deps.viewer.getConversation({ caller, conversationId });
  }

  /** The caller leaves a group and from then on sees nothing of it; a group nobody is left in is deleted. */
  async leaveConversation({ caller, conversationId }: { caller: Caller; conversationId: string }): Promise<void> {
    const { db, conversations, queries, events } = this.deps;
    const conversation = await findOwn(queries, conversationId, caller);
    assertGroup(conversation, 'Nobody can leave a direct conversation.');
    await db.transaction(async (transaction) => {
      // The membership first: a write of the caller's still holding it lands before the leave.
      await lockOwnMembership(conversations, conversationId, caller.userId, 'remove', transaction);
      await conversations.lock(conversationId, transaction);
      await conversations.removeParticipant(conversationId, caller.userId, transaction);
      const remaining = await queries.participantIds(conversationId, transaction);
      if (remaining.length === 0) await conversations.delete(conversationId, transaction);
      await events.participantRemoved(transaction, conversationId, caller.userId, [...remaining, caller.userId]);
    });
  }

  /** Whoever created a group may remove others from it; removing yourself is leaving. */
  async removeParticipant({ caller, conversationId, userId }: { caller: Caller; conversationId: string; userId: string }): Promise<void> {
    const target = userId.toLowerCase();
    if (target === caller.userId) return this.leaveConversation({ caller, conversationId });
    const { db, conversations, queries, events } = this.deps;
    const conversation = await findOwn(queries, conversationId, caller);
    assertGroup(conversation, 'Nobody can be removed from a direct conversation.');
    if (conversation.createdById !== caller.userId) throw forbidden('Only whoever created the group can remove people from it.');
    const removed = await db.transaction(async (transaction) => {
      await lockOwnMembership(conversations, conversationId, caller.userId, 'write', transaction);
      // The removed person's membership before the conversation, as their own writes take them.
      if (!(await conversations.lockMembership(conversationId, target, 'remove', transaction))) return false;
      await conversations.lock(conversationId, transaction);
      if (!(await conversations.removeParticipant(conversationId, target, transaction))) return false;
      const recipientIds = [...(await queries.participantIds(conversationId, transaction)), target];
      await events.participantRemoved(transaction, conversationId, target, recipientIds);
      return true;
    });
    if (!removed) throw notFound('Participant');
  }
}

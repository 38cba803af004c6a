import type { Transaction } from '@messaging-app/shared';
import { conflict, notFound, validationFailed } from '../../platform/errors/app-error';
import type { Caller, UsersService } from '../users';
import type { ConversationKind } from './conversation.dto';
import type { ConversationRecord } from './conversation-rows';
import type { ConversationsQueries, OwnConversation } from './conversations.queries';
import type { ConversationsRepository, MembershipLockMode } from './conversations.repository';

/** Ids as given, lower-cased and without repeats or the caller. */
export function othersThanCaller(ids: string[], caller: Caller): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => id !== caller.userId);
}

export function assertGroup(conversation: ConversationRecord, message: string): void {
  if (conversation.kind !== 'group') throw conflict(message);
}

/** Titles name groups; a direct conversation is named by the other person. */
export function assertTitleFits(kind: ConversationKind, title: string | undefined): string | null {
  if (title === undefined) return null;
  if (kind === 'direct') throw validationFailed('Direct conversations have no title.', { title: 'Only groups have a title.' });
  const trimmed = title.trim();
  if (trimmed.length === 0) throw validationFailed('The title must not be blank.', { title: 'Must contain non-whitespace text.' });
  return trimmed;
}

/** The conversation if the caller is in it; for anyone else it does not exist. */
export async function findOwn(
  queries: ConversationsQueries,
  conversationId: string,
  caller: Caller,
  transaction?: Transaction,
): Promise<OwnConversation> {
  const conversation = await queries.findForParticipant(conversationId, caller.userId, transaction);
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

/**
 * For writes: the caller's membership, locked to the commit (ConversationsRepository.lockMembership);
 * someone not (or no longer) in the conversation gets 404 and changes nothing.
 */
export async function lockOwnMembership(
  repository: ConversationsRepository,
  conversationId: string,
  userId: string,
  mode: MembershipLockMode,
  transaction: Transaction,
): Promise<void> {
  if (!(await repository.lockMembership(conversationId, userId, mode, transaction))) throw notFound('Conversation');
}

/** Unknown or deactivated users are a 400 naming them under `field`. */
export async function assertActiveUsers(
  users: Pick<UsersService, 'findActiveUsers'>,
  userIds: string[],
  field: string,
  transaction: Transaction,
): Promise<void> {
  const found = new Set((await users.findActiveUsers(userIds, transaction)).map((user) => user.userId));
  const unknown = userIds.filter((id) => !found.has(id));
  if (unknown.length > 0) throw validationFailed(`Unknown users: ${unknown.join(', ')}.`, { [field]: { unknown } });
}

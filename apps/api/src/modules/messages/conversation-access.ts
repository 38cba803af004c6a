import type { Transaction } from '@messaging-app/shared';
import type { Position } from './cursor';

/** How a write locks the writer's membership (see ConversationAccess.lockMembership). */
export type MembershipLock = 'write' | 'update';

/**
 * What the messages module needs to know and do about the conversation a message is in. Membership,
 * last activity and read markers belong to the conversations module, which implements this port; it
 * is declared here, by the module that needs it, so messages never depend on conversations (which
 * depend on messages to show each conversation's newest message and unread count).
 */
export interface ConversationAccess {
  /** Whether `userId` takes part in the conversation now (a read's check). */
  isParticipant(conversationId: string, userId: string, transaction?: Transaction): Promise<boolean>;
  /**
   * A write's check: the caller's membership, locked until the write commits, so a leave waits for the
   * write or the write finds the caller gone and nothing lands after the leave. Taken first, before any
   * other lock of the conversation. False when the caller is not (or no longer) a participant.
   */
  lockMembership(conversationId: string, userId: string, mode: MembershipLock, transaction: Transaction): Promise<boolean>;
  /** A message was added or removed: the conversation's last activity and message count, in one statement. */
  recordActivity(conversationId: string, change: { at?: Date; messagesAdded: number }, transaction: Transaction): Promise<void>;
  /** Moves the user's read marker forwards to `position` (never back); true when it moved. */
  advanceReadMarker(conversationId: string, userId: string, position: Position, transaction?: Transaction): Promise<boolean>;
}

import type { Database, Transaction } from '@messaging-app/shared';
import { conflict, notFound } from '../../platform/errors/app-error';
import type { ConversationAccess } from './conversation-access';
import { parseEmoji } from './emoji';
import type { Message } from './message.dto';
import type { MessageEvents } from './message-events';
import type { MessagePresenter } from './message-presenter';
import type { MessageRef } from './message-reading.service';
import type { MessageInHand } from './message-rows';
import type { MessagesRepository } from './messages.repository';
import type { ReactionsRepository } from './reactions.repository';

export interface ReactionsDependencies {
  db: Database;
  messages: MessagesRepository;
  reactions: ReactionsRepository;
  presenter: MessagePresenter;
  events: MessageEvents;
  conversations: ConversationAccess;
}

/** Emoji reactions: one per person per emoji per message; any participant may react. */
export class ReactionsService {
  constructor(private readonly deps: ReactionsDependencies) {}

  /** Adds the caller's reaction (once per emoji: reacting again changes nothing); answers the message as the caller now sees it. */
  async addReaction({ caller, conversationId, messageId, emoji }: MessageRef & { emoji: string }): Promise<Message> {
    const parsed = parseEmoji(emoji);
    return this.deps.db.transaction(async (transaction) => {
      const message = await this.lockMessage({ caller, conversationId, messageId }, transaction);
      if (message.deletedAt) throw conflict('This message was deleted; it cannot get reactions.');
      const outcome = await this.deps.reactions.add({ messageId, userId: caller.userId, emoji: parsed, at: new Date() }, transaction);
      if (outcome === 'added') {
        await this.deps.events.reactionChanged(transaction, 'reaction.added', conversationId, {
          messageId,
          userId: caller.userId,
          emoji: parsed,
        });
      }
      return this.deps.presenter.presentInHand(withReaction(message, parsed, caller.userId), caller.userId);
    });
  }

  /** Removes the caller's reaction, if there was one. */
  async removeReaction({ caller, conversationId, messageId, emoji }: MessageRef & { emoji: string }): Promise<void> {
    const parsed = parseEmoji(emoji);
    await this.deps.db.transaction(async (transaction) => {
      await this.lockMessage({ caller, conversationId, messageId }, transaction);
      if (await this.deps.reactions.remove({ messageId, userId: caller.userId, emoji: parsed }, transaction)) {
        await this.deps.events.reactionChanged(transaction, 'reaction.removed', conversationId, {
          messageId,
          userId: caller.userId,
          emoji: parsed,
        });
      }
    });
  }

  /** The caller's membership (locked against a leave), then the message, share-locked so it cannot go meanwhile. */
  private async lockMessage({ caller, conversationId, messageId }: MessageRef, transaction: Transaction): Promise<MessageInHand> {
    if (!(await this.deps.conversations.lockMembership(conversationId, caller.userId, 'write', transaction)))
      throw notFound('Conversation');
    const message = await this.deps.messages.lockInConversation(conversationId, messageId, transaction, 'share');
    if (!message) throw notFound('Message');
    return message;
  }
}

/** The message with `userId`'s reaction added (a new emoji goes last: emojis are in the order first used). */
function withReaction(message: MessageInHand, emoji: string, userId: string): MessageInHand {
  const existing = message.reactions.find((reaction) => reaction.emoji === emoji);
  if (existing?.userIds.includes(userId)) return message;
  const reactions = existing
    ? message.reactions.map((reaction) => (reaction === existing ? { emoji, userIds: [...reaction.userIds, userId] } : reaction))
    : [...message.reactions, { emoji, userIds: [userId] }];
  return { ...message, reactions };
}

import type { Transaction } from '@messaging-app/shared';
import { notFound } from '../../platform/errors/app-error';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../../platform/http/pagination';
import type { Caller, UsersService } from '../users';
import type { ConversationAccess } from './conversation-access';
import { positionOf, type Position } from './cursor';
import type { Message, MessageVersion } from './message.dto';
import type { MessageEditsRepository } from './message-edits.repository';
import { resolveFilters, type MessageListQuery } from './message-filters';
import type { MessagePresenter } from './message-presenter';
import type { MessageRecord } from './message-rows';
import { sidesOf, type MessageWindow, type WindowOfMessages } from './message-window';
import type { MessageOrdering, MessageScope, MessagesQueries, ReadPosition } from './messages.queries';

export interface MessageRef {
  caller: Caller;
  conversationId: string;
  messageId: string;
}

export interface MessageReadingDependencies {
  queries: MessagesQueries;
  edits: MessageEditsRepository;
  presenter: MessagePresenter;
  conversations: ConversationAccess;
  users: Pick<UsersService, 'findByUsername'>;
}

/**
 * Reading messages: lists (pages and cursor windows, with filters and search), threads, one message,
 * its history; and what the conversations module shows of messages (newest message, unread counts).
 * Every read checks the caller takes part in the conversation: for anyone else it does not exist (404).
 */
export class MessageReadingService {
  constructor(private readonly deps: MessageReadingDependencies) {}

  async listMessages({
    caller,
    conversationId,
    query,
    window,
  }: {
    caller: Caller;
    conversationId: string;
    query: MessageListQuery;
    window: MessageWindow;
  }): Promise<WindowOfMessages> {
    await this.assertParticipant(conversationId, caller);
    const filters = await resolveFilters(query, async (username) => (await this.deps.users.findByUsername(username))?.userId);
    return this.listWindow({ scope: filters && { conversationId, filters }, window, ordering: query.ordering ?? '-sent_at', caller });
  }

  /** The replies to one message, oldest first unless asked otherwise. */
  async listReplies({
    caller,
    conversationId,
    messageId,
    ordering,
    window,
  }: MessageRef & { ordering?: MessageOrdering; window: MessageWindow }): Promise<WindowOfMessages> {
    await this.assertParticipant(conversationId, caller);
    await this.findMessage(conversationId, messageId);
    const scope = { conversationId, parentMessageId: messageId, filters: {} };
    return this.listWindow({ scope, window, ordering: ordering ?? 'sent_at', caller });
  }

  async getMessage({ caller, conversationId, messageId }: MessageRef): Promise<Message> {
    await this.assertParticipant(conversationId, caller);
    return this.deps.presenter.presentOne(await this.findMessage(conversationId, messageId), caller.userId);
  }

  /** Every version of the body, oldest first; a deleted message has no history left. */
  async listHistory({ caller, conversationId, messageId, page }: MessageRef & { page: PageRequest }): Promise<PageOf<MessageVersion>> {
    await this.assertParticipant(conversationId, caller);
    const message = await this.findMessage(conversationId, messageId);
    const earlier = message.deletedAt ? 0 : await this.deps.edits.count(messageId);
    const count = message.deletedAt ? 0 : earlier + 1;
    assertPageExists(page, count);
    const first = offsetOf(page) + 1;
    const last = Math.min(offsetOf(page) + page.pageSize, count);
    const results: MessageVersion[] = (
      first <= earlier ? await this.deps.edits.listVersions(messageId, first, Math.min(last, earlier)) : []
    ).map((edit) => ({
      version: edit.version,
      message_body: edit.messageBody,
      written_at: edit.writtenAt,
      replaced_at: edit.replacedAt,
    }));
    if (count > 0 && last === count) {
      results.push({
        version: count,
        message_body: message.messageBody,
        written_at: message.editedAt ?? message.sentAt,
        replaced_at: null,
      });
    }
    return { ...page, count, results };
  }

  // --- For the conversations module (its caller is already authorised) ---------------------------

  /** The newest message of each conversation, as `viewerId` sees it. */
  async latestMessagesFor(viewerId: string, conversationIds: string[], transaction?: Transaction): Promise<Map<string, Message>> {
    const latest = await this.deps.queries.latestOf(conversationIds, transaction);
    const presented = await this.deps.presenter.present([...latest.values()], viewerId, transaction);
    return new Map(presented.map((message) => [message.conversation_id, message]));
  }

  /** The position of a conversation's newest message, if it has any (where a newcomer's read marker starts). */
  async latestPosition(conversationId: string, transaction?: Transaction): Promise<Position | undefined> {
    return this.deps.queries.latestPosition(conversationId, transaction);
  }

  /** The message's position in its conversation, if it is there (marking it read). */
  async positionOf(conversationId: string, messageId: string, transaction?: Transaction): Promise<Position | undefined> {
    const message = await this.deps.queries.findInConversation(conversationId, messageId, transaction);
    return message && positionOf(message);
  }

  /** Others' messages after each read position (unread counts). */
  async countUnread(positions: ReadPosition[], transaction?: Transaction): Promise<Map<string, number>> {
    return this.deps.queries.countUnread(positions, transaction);
  }

  private async assertParticipant(conversationId: string, caller: Caller): Promise<void> {
    if (!(await this.deps.conversations.isParticipant(conversationId, caller.userId))) throw notFound('Conversation');
  }

  private async findMessage(conversationId: string, messageId: string, transaction?: Transaction): Promise<MessageRecord> {
    const message = await this.deps.queries.findInConversation(conversationId, messageId, transaction);
    if (!message) throw notFound('Message');
    return message;
  }

  /** One window of a list, with the cursors and links on both sides; `scope` undefined means nothing can match. */
  private async listWindow({
    scope,
    window,
    ordering,
    caller,
  }: {
    scope: MessageScope | undefined;
    window: MessageWindow;
    ordering: MessageOrdering;
    caller: Caller;
  }): Promise<WindowOfMessages> {
    const { queries, presenter } = this.deps;
    const newestFirst = ordering === '-sent_at';
    if (window.kind === 'page') {
      const { count, rows } = scope
        ? await queries.list({ scope, ordering, offset: offsetOf(window.page), limit: window.page.pageSize })
        : { count: 0, rows: [] };
      assertPageExists(window.page, count);
      const chronological = newestFirst ? [...rows].reverse() : rows;
      const beforePage = offsetOf(window.page) > 0;
      const afterPage = offsetOf(window.page) + rows.length < count;
      const sides = sidesOf({
        oldest: chronological[0] && positionOf(chronological[0]),
        newest: chronological.at(-1) && positionOf(chronological.at(-1)!),
        hasOlder: newestFirst ? afterPage : beforePage,
        hasNewer: newestFirst ? beforePage : afterPage,
      });
      return { window, count, results: await presenter.present(rows, caller.userId), ...sides };
    }

    const { direction, from, pageSize } = window;
    const { rows, more } = scope ? await queries.listFrom({ scope, direction, from, limit: pageSize }) : { rows: [], more: false };
    // Rows come nearest to the cursor first; put them in time order to find both edges.
    const chronological = direction === 'older' ? [...rows].reverse() : rows;
    const oldest = chronological[0] ? positionOf(chronological[0]) : from;
    const newest = chronological.at(-1) ? positionOf(chronological.at(-1)!) : from;
    const probe = async (side: 'older' | 'newer', edge: Position) => (scope ? queries.existsBeyond(scope, side, edge) : false);
    const sides = sidesOf({
      oldest,
      newest,
      hasOlder: direction === 'older' ? more : await probe('older', oldest),
      hasNewer: direction === 'newer' ? more : await probe('newer', newest),
    });
    const ordered = newestFirst ? [...chronological].reverse() : chronological;
    return { window, count: null, results: await presenter.present(ordered, caller.userId), ...sides };
  }
}

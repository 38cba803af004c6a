import type { Request as ExpressRequest } from 'express';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Patch,
  Path,
  Post,
  Put,
  Queries,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { ErrorBody } from '../../platform/errors/error-body';
import { pageRequest, toEnvelope, type PageParams } from '../../platform/http/pagination';
import { respondWith } from '../../platform/idempotency/respond';
import { rateLimitHeaders } from '../../platform/rate-limits/headers';
import type { UUID } from '../users';
import type {
  Message,
  MessageListParams,
  MessagePage,
  MessageVersionPage,
  ReplyListParams,
  SendMessageRequest,
  UpdateMessageRequest,
} from './message.dto';
import type { MessageReadingService } from './message-reading.service';
import { messageWindow, toMessagePage } from './message-window';
import type { MessageWritingService } from './message-writing.service';
import type { ReactionsService } from './reactions.service';

@Route('conversations/{conversation_id}/messages')
@Tags('Messages')
@Security('jwt')
@Response<ErrorBody>(400, 'The request is invalid')
@Response<ErrorBody>(401, 'Missing, invalid or expired access token')
@Response<ErrorBody>(404, 'No such conversation or message (or the caller is not in the conversation)')
export class MessagesController extends Controller {
  constructor(
    private readonly reading: MessageReadingService,
    private readonly writing: MessageWritingService,
    private readonly reactions: ReactionsService,
  ) {
    super();
  }

  /**
   * Messages of a conversation (replies included), newest first unless `ordering=sent_at`. Page through
   * them with `page`, or with a cursor: `before` gives the messages just older than it, `after` those just
   * newer (to catch up), each page in the list's order, with cursors to go on (`next_cursor`, `prev_cursor`).
   */
  @Get()
  public async listMessages(
    @Path() conversation_id: UUID,
    @Request() request: ExpressRequest,
    @Queries() query: MessageListParams,
  ): Promise<MessagePage> {
    const { sender, start_date, end_date, search, ordering } = query;
    const result = await this.reading.listMessages({
      caller: request.user!,
      conversationId: conversation_id,
      query: { sender, start_date, end_date, search, ordering },
      window: messageWindow(query),
    });
    return toMessagePage(request, ordering ?? '-sent_at', result);
  }

  /**
   * Sends a message as the caller; with `parent_message_id`, as a reply in that message's thread.
   * Each user may send a limited number per window (by default 10 in any 5 seconds and 60 a minute);
   * only messages that are sent count: invalid sends, sends refused with 404 or 409 and replays do not.
   * The `RateLimit` header says what is left in each window.
   * @param idempotencyKey Makes retries safe: the same key with the same body answers the first message
   * again (same `message_id`, with `Idempotent-Replayed: true`) instead of sending a second one; the same
   * key with a different body is a 409. Keys are per user and kept for 24 hours.
   * @minLength idempotencyKey 1
   * @maxLength idempotencyKey 255
   * @pattern idempotencyKey ^[\x21-\x7E]+$
   */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<ErrorBody>(429, 'Too many messages: wait for Retry-After seconds')
  @Response<ErrorBody>(409, 'The Idempotency-Key was used for a different request')
  public async sendMessage(
    @Path() conversation_id: UUID,
    @Body() body: SendMessageRequest,
    @Request() request: ExpressRequest,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<Message> {
    const outcome = await this.writing.sendMessage({
      caller: request.user!,
      conversationId: conversation_id,
      body: body.message_body,
      parentMessageId: body.parent_message_id,
      idempotencyKey,
    });
    if (outcome.rateLimit) {
      for (const [name, value] of Object.entries(rateLimitHeaders(outcome.rateLimit))) this.setHeader(name, value);
    }
    return respondWith(this, outcome);
  }

  /** One message; any participant may read it. */
  @Get('{message_id}')
  public async getMessage(@Path() conversation_id: UUID, @Path() message_id: UUID, @Request() request: ExpressRequest): Promise<Message> {
    return this.reading.getMessage({ caller: request.user!, conversationId: conversation_id, messageId: message_id });
  }

  /**
   * The versions of a message's body, oldest first: version 1 as sent, then one per edit; the last is
   * the current body. A deleted message has no history left.
   */
  @Get('{message_id}/history')
  public async listMessageHistory(
    @Path() conversation_id: UUID,
    @Path() message_id: UUID,
    @Request() request: ExpressRequest,
    @Queries() query: PageParams,
  ): Promise<MessageVersionPage> {
    const result = await this.reading.listHistory({
      caller: request.user!,
      conversationId: conversation_id,
      messageId: message_id,
      page: pageRequest(query),
    });
    return toEnvelope(request, result);
  }

  /**
   * The replies in a message's thread, oldest first unless `ordering=-sent_at`; paginated like the
   * message list (`page`, or a `before`/`after` cursor).
   */
  @Get('{message_id}/replies')
  public async listReplies(
    @Path() conversation_id: UUID,
    @Path() message_id: UUID,
    @Request() request: ExpressRequest,
    @Queries() query: ReplyListParams,
  ): Promise<MessagePage> {
    const result = await this.reading.listReplies({
      caller: request.user!,
      conversationId: conversation_id,
      messageId: message_id,
      ordering: query.ordering,
      window: messageWindow(query),
    });
    return toMessagePage(request, query.ordering ?? 'sent_at', result);
  }

  /**
   * Reacts to a message with one emoji (URL-encoded in the path, e.g. `%F0%9F%91%8D` for 👍). Each person
   * has at most one reaction per emoji per message, so repeating it changes nothing. Answers the message.
   * @param emoji A single emoji, URL-encoded.
   */
  @Put('{message_id}/reactions/{emoji}')
  @Response<ErrorBody>(409, 'The message was deleted')
  public async addReaction(
    @Path() conversation_id: UUID,
    @Path() message_id: UUID,
    @Path() emoji: string,
    @Request() request: ExpressRequest,
  ): Promise<Message> {
    return this.reactions.addReaction({ caller: request.user!, conversationId: conversation_id, messageId: message_id, emoji });
  }

  /**
   * Takes back the caller's reaction with this emoji (204 even if there was none).
   * @param emoji A single emoji, URL-encoded.
   */
  @Delete('{message_id}/reactions/{emoji}')
  @SuccessResponse(204, 'Removed')
  public async removeReaction(
    @Path() conversation_id: UUID,
    @Path() message_id: UUID,
    @Path() emoji: string,
    @Request() request: ExpressRequest,
  ): Promise<void> {
    await this.reactions.removeReaction({ caller: request.user!, conversationId: conversation_id, messageId: message_id, emoji });
    this.setStatus(204);
  }

  /**
   * Edits a message's body; only its sender may (others in the conversation get 403). The body it
   * replaces is kept in the message's history. A deleted message cannot be edited (409).
   */
  @Patch('{message_id}')
  @Response<ErrorBody>(403, 'Only the sender may edit the message')
  @Response<ErrorBody>(409, 'The message was deleted')
  public async updateMessage(
    @Path() conversation_id: UUID,
    @Path() message_id: UUID,
    @Body() body: UpdateMessageRequest,
    @Request() request: ExpressRequest,
  ): Promise<Message> {
    return this.writing.updateMessage({
      caller: request.user!,
      conversationId: conversation_id,
      messageId: message_id,
      body: body.message_body,
    });
  }

  /**
   * Deletes a message; only its sender may (others in the conversation get 403). A message with replies
   * becomes a tombstone (`deleted: true`, empty body, no history or reactions) so its thread stays
   * readable; any other message is removed. Deleting a tombstone again changes nothing.
   */
  @Delete('{message_id}')
  @SuccessResponse(204, 'Deleted')
  @Response<ErrorBody>(403, 'Only the sender may delete the message')
  public async deleteMessage(@Path() conversation_id: UUID, @Path() message_id: UUID, @Request() request: ExpressRequest): Promise<void> {
    await this.writing.deleteMessage({ caller: request.user!, conversationId: conversation_id, messageId: message_id });
    this.setStatus(204);
  }
}

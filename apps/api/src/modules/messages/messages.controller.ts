import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Delete, Get, Header, Patch, Path, Post, Put, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { pageRequest, toEnvelope } from '../../platform/http/pagination';
import type { ErrorBody } from '../../platform/errors/error-body';
import { respondWith } from '../../platform/idempotency/respond';
import { rateLimitHeaders } from '../../platform/rate-limits/headers';
import type { Services } from '../../app/composition-root';
import type { UUID } from '../users/user.dto';
import type { Message, MessageOrderingParam, MessagePage, MessageVersionPage, SendMessageRequest, UpdateMessageRequest } from './message.dto';
import { messageWindow, toMessagePage } from './message-window';

@Route('conversations/{conversation_id}/messages')
@Tags('Messages')
@Security('jwt')
@Response<ErrorBody>(400, 'The request is invalid')
@Response<ErrorBody>(401, 'Missing, invalid or expired access token')
@Response<ErrorBody>(404, 'No such conversation or message (or the caller is not in the conversation)')
export class MessagesController extends Controller {
  constructor(private readonly services: Services) {
    super();
  }

  /**
   * Messages of a conversation (replies included), newest first unless `ordering=sent_at`. Page through
   * them with `page`, or with a cursor: `before` gives the messages just older than it, `after` those just
   * newer (to catch up), each page in the list's order, with cursors to go on (`next_cursor`, `prev_cursor`).
   * @param sender Only messages from this user: a user id, or a username (case-insensitive).
   * @param start_date Only messages sent at or after this ISO 8601 date (start of that UTC day) or date-time.
   * @param end_date Only messages sent at or before this ISO 8601 date-time, or during or before this date (the whole UTC day is included).
   * @param search Only messages whose body contains this text (case-insensitive).
   * @param ordering `-sent_at` (newest first, the default) or `sent_at` (oldest first).
   * @param before A cursor (next_cursor or prev_cursor of an earlier page): only messages older than it. Not with `page` or `after`.
   * @param after A cursor: only messages newer than it. Not with `page` or `before`.
   * @isInt page Must be a whole number.
   * @minimum page 1 Must be 1 or more.
   * @maximum page 1000000 Must be 1000000 or less.
   * @isInt page_size Must be a whole number.
   * @minimum page_size 1 Must be between 1 and 100.
   * @maximum page_size 100 Must be between 1 and 100.
   * @maxLength sender 254
   * @maxLength start_date 40
   * @maxLength end_date 40
   * @maxLength search 200
   * @maxLength before 100
   * @maxLength after 100
   */
  @Get()
  public async listMessages(
    @Path() conversation_id: UUID,
    @Request() request: ExpressRequest,
    @Query() sender?: string,
    @Query() start_date?: string,
    @Query() end_date?: string,
    @Query() search?: string,
    @Query() ordering?: MessageOrderingParam,
    @Query() page?: number,
    @Query() page_size?: number,
    @Query() before?: string,
    @Query() after?: string,
  ): Promise<MessagePage> {
    const result = await this.services.messages.listMessages({
      caller: request.user!,
      conversationId: conversation_id,
      query: { sender, start_date, end_date, search, ordering },
      window: messageWindow({ page, page_size, before, after }),
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
    const outcome = await this.services.messages.sendMessage({
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
  public async getMessage(
    @Path() conversation_id: UUID,
    @Path() message_id: UUID,
    @Request() request: ExpressRequest,
  ): Promise<Message> {
    return this.services.messages.getMessage({ caller: request.user!, conversationId: conversation_id, messageId: message_id });
  }

  /**
   * The versions of a message's body, oldest first: version 1 as sent, then one per edit; the last is
   * the current body. A deleted message has no history left.
   * @isInt page Must be a whole number.
   * @minimum page 1 Must be 1 or more.
   * @maximum page 1000000 Must be 1000000 or less.
   * @isInt page_size Must be a whole number.
   * @minimum page_size 1 Must be between 1 and 100.
   * @maximum page_size 100 Must be between 1 and 100.
   */
  @Get('{message_id}/history')
  public async listMessageHistory(
    @Path() conversation_id: UUID,
    @Path() message_id: UUID,
    @Request() request: ExpressRequest,
    @Query() page?: number,
    @Query() page_size?: number,
  ): Promise<MessageVersionPage> {
    const result = await this.services.messages.listHistory({
      caller: request.user!,
      conversationId: conversation_id,
      messageId: message_id,
      page: pageRequest(page, page_size),
    });
    return toEnvelope(request, result);
  }

  /**
   * The replies in a message's thread, oldest first unless `ordering=-sent_at`; paginated like the
   * message list (`page`, or a `before`/`after` cursor).
   * @param ordering `sent_at` (oldest first, the default here) or `-sent_at` (newest first).
   * @param before A cursor: only replies older than it.
   * @param after A cursor: only replies newer than it.
   * @isInt page Must be a whole number.
   * @minimum page 1 Must be 1 or more.
   * @maximum page 1000000 Must be 1000000 or less.
   * @isInt page_size Must be a whole number.
   * @minimum page_size 1 Must be between 1 and 100.
   * @maximum page_size 100 Must be between 1 and 100.
   * @maxLength before 100
   * @maxLength after 100
   */
  @Get('{message_id}/replies')
  public async listReplies(
    @Path() conversation_id: UUID,
    @Path() message_id: UUID,
    @Request() request: ExpressRequest,
    @Query() ordering?: MessageOrderingParam,
    @Query() page?: number,
    @Query() page_size?: number,
    @Query() before?: string,
    @Query() after?: string,
  ): Promise<MessagePage> {
    const result = await this.services.messages.listReplies({
      caller: request.user!,
      conversationId: conversation_id,
      messageId: message_id,
      ordering,
      window: messageWindow({ page, page_size, before, after }),
    });
    return toMessagePage(request, ordering ?? 'sent_at', result);
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
    return this.services.messages.react({ caller: request.user!, conversationId: conversation_id, messageId: message_id, emoji });
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
    await this.services.messages.unreact({ caller: request.user!, conversationId: conversation_id, messageId: message_id, emoji });
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
    return this.services.messages.updateMessage({
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
  public async deleteMessage(
    @Path() conversation_id: UUID,
    @Path() message_id: UUID,
    @Request() request: ExpressRequest,
  ): Promise<void> {
    await this.services.messages.deleteMessage({ caller: request.user!, conversationId: conversation_id, messageId: message_id });
    this.setStatus(204);
  }
}

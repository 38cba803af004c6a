import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Delete, Get, Middlewares, Patch, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { pageRequest, toEnvelope } from '../common/pagination';
import type { ErrorBody } from '../errors/error-body';
import { rateLimit } from '../rate-limits/rate-limiters';
import type { Services } from '../services';
import type { UUID } from '../users/user.dto';
import type { Message, MessageOrderingParam, MessagePage, SendMessageRequest, UpdateMessageRequest } from './message.dto';

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
   * Messages of a conversation, newest first unless `ordering=sent_at`.
   * @param sender Only messages from this user: a user id, or a username (case-insensitive).
   * @param start_date Only messages sent at or after this ISO 8601 date (start of that UTC day) or date-time.
   * @param end_date Only messages sent at or before this ISO 8601 date-time, or during or before this date (the whole UTC day is included).
   * @param search Only messages whose body contains this text (case-insensitive).
   * @param ordering `-sent_at` (newest first, the default) or `sent_at` (oldest first).
   * @isInt page Must be a whole number.
   * @minimum page 1 Must be 1 or more.
   * @isInt page_size Must be a whole number.
   * @minimum page_size 1 Must be between 1 and 100.
   * @maximum page_size 100 Must be between 1 and 100.
   * @maxLength sender 254
   * @maxLength start_date 40
   * @maxLength end_date 40
   * @maxLength search 200
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
  ): Promise<MessagePage> {
    const result = await this.services.messages.listMessages({
      caller: request.user!,
      conversationId: conversation_id,
      query: { sender, start_date, end_date, search, ordering },
      page: pageRequest(page, page_size),
    });
    return toEnvelope(request, result);
  }

  /** Sends a message as the caller. Each user may send a limited number per window (by default 5 a minute). */
  @Post()
  @Middlewares(rateLimit('messagesPerUser'))
  @SuccessResponse(201, 'Created')
  @Response<ErrorBody>(429, 'Too many messages: wait for Retry-After seconds')
  public async sendMessage(
    @Path() conversation_id: UUID,
    @Body() body: SendMessageRequest,
    @Request() request: ExpressRequest,
  ): Promise<Message> {
    const message = await this.services.messages.sendMessage({
      caller: request.user!,
      conversationId: conversation_id,
      body: body.message_body,
    });
    this.setStatus(201);
    return message;
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

  /** Edits a message's body; only its sender may (others in the conversation get 403). */
  @Patch('{message_id}')
  @Response<ErrorBody>(403, 'Only the sender may edit the message')
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

  /** Deletes a message; only its sender may (others in the conversation get 403). */
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

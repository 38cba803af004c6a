import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Get, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { pageRequest, toEnvelope } from '../common/pagination';
import type { ErrorBody } from '../errors/error-body';
import type { Services } from '../services';
import type { UUID } from '../users/user.dto';
import type { Conversation, ConversationPage, CreateConversationRequest } from './conversation.dto';

@Route('conversations')
@Tags('Conversations')
@Security('jwt')
@Response<ErrorBody>(400, 'The request is invalid')
@Response<ErrorBody>(401, 'Missing, invalid or expired access token')
export class ConversationsController extends Controller {
  constructor(private readonly services: Services) {
    super();
  }

  /**
   * The caller's conversations, most recently active first.
   * @isInt page Must be a whole number.
   * @minimum page 1 Must be 1 or more.
   * @isInt page_size Must be a whole number.
   * @minimum page_size 1 Must be between 1 and 100.
   * @maximum page_size 100 Must be between 1 and 100.
   */
  @Get()
  @Response<ErrorBody>(404, 'The page is past the end')
  public async listConversations(
    @Request() request: ExpressRequest,
    @Query() page?: number,
    @Query() page_size?: number,
  ): Promise<ConversationPage> {
    const result = await this.services.conversations.listConversations({
      caller: request.user!,
      page: pageRequest(page, page_size),
    });
    return toEnvelope(request, result);
  }

  /** Starts a conversation between the caller and the given users. Unknown user ids are a 400 naming them. */
  @Post()
  @SuccessResponse(201, 'Created')
  public async createConversation(
    @Body() body: CreateConversationRequest,
    @Request() request: ExpressRequest,
  ): Promise<Conversation> {
    const conversation = await this.services.conversations.createConversation({ caller: request.user!, input: body });
    this.setStatus(201);
    return conversation;
  }

  /** One conversation the caller takes part in; for anyone else it does not exist (404). */
  @Get('{conversation_id}')
  @Response<ErrorBody>(404, 'No such conversation (or the caller is not in it)')
  public async getConversation(@Path() conversation_id: UUID, @Request() request: ExpressRequest): Promise<Conversation> {
    return this.services.conversations.getConversation({ caller: request.user!, conversationId: conversation_id });
  }
}

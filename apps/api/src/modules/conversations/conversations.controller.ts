import type { Request as ExpressRequest } from 'express';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Path,
  Post,
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
import type { UUID } from '../users';
import type {
  AddParticipantsRequest,
  Conversation,
  ConversationPage,
  CreateConversationRequest,
  MarkReadRequest,
  ReadState,
} from './conversation.dto';
import type { ConversationsService } from './conversations.service';
import type { MembershipService } from './membership.service';
import type { ReadStateService } from './read-state.service';

@Route('conversations')
@Tags('Conversations')
@Security('jwt')
@Response<ErrorBody>(400, 'The request is invalid')
@Response<ErrorBody>(401, 'Missing, invalid or expired access token')
export class ConversationsController extends Controller {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly membership: MembershipService,
    private readonly readState: ReadStateService,
  ) {
    super();
  }

  /** The caller's conversations, most recently active first. */
  @Get()
  @Response<ErrorBody>(404, 'The page is past the end')
  public async listConversations(@Request() request: ExpressRequest, @Queries() query: PageParams): Promise<ConversationPage> {
    const result = await this.conversations.listConversations({ caller: request.user!, page: pageRequest(query) });
    return toEnvelope(request, result);
  }

  /**
   * Starts a conversation between the caller and the given users (unknown user ids are a 400 naming
   * them). With exactly one other person it is `direct` unless `kind: group` is asked for; a direct
   * conversation exists once per pair, so starting it again answers the existing one with 200.
   * @param idempotencyKey Makes retries safe: the same key with the same body answers the first result
   * again (with `Idempotent-Replayed: true`) instead of creating another conversation; the same key with a
   * different body is a 409. Keys are per user and kept for 24 hours.
   * @minLength idempotencyKey 1
   * @maxLength idempotencyKey 255
   * @pattern idempotencyKey ^[\x21-\x7E]+$
   */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<Conversation>(200, 'The direct conversation between these two people already existed')
  @Response<ErrorBody>(409, 'The Idempotency-Key was used for a different request')
  public async createConversation(
    @Body() body: CreateConversationRequest,
    @Request() request: ExpressRequest,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<Conversation> {
    return respondWith(this, await this.conversations.createConversation({ caller: request.user!, input: body, idempotencyKey }));
  }

  /** One conversation the caller takes part in; for anyone else it does not exist (404). */
  @Get('{conversation_id}')
  @Response<ErrorBody>(404, 'No such conversation (or the caller is not in it)')
  public async getConversation(@Path() conversation_id: UUID, @Request() request: ExpressRequest): Promise<Conversation> {
    return this.conversations.getConversation({ caller: request.user!, conversationId: conversation_id });
  }

  /**
   * Adds people to a group; any participant may. People already in it are skipped. Newcomers see the
   * history, and start with nothing unread. Direct conversations cannot grow (409).
   */
  @Post('{conversation_id}/participants')
  @Response<ErrorBody>(404, 'No such conversation (or the caller is not in it)')
  @Response<ErrorBody>(409, 'The conversation is direct')
  public async addParticipants(
    @Path() conversation_id: UUID,
    @Body() body: AddParticipantsRequest,
    @Request() request: ExpressRequest,
  ): Promise<Conversation> {
    return this.membership.addParticipants({ caller: request.user!, conversationId: conversation_id, userIds: body.user_ids });
  }

  /**
   * The caller leaves a group: from then on it does not exist for them (404), and a group nobody is
   * left in is deleted. Nobody can leave a direct conversation (409).
   */
  @Delete('{conversation_id}/participants/me')
  @SuccessResponse(204, 'Left')
  @Response<ErrorBody>(404, 'No such conversation (or the caller is not in it)')
  @Response<ErrorBody>(409, 'The conversation is direct')
  public async leaveConversation(@Path() conversation_id: UUID, @Request() request: ExpressRequest): Promise<void> {
    await this.membership.leaveConversation({ caller: request.user!, conversationId: conversation_id });
    this.setStatus(204);
  }

  /**
   * Removes someone from a group; only whoever created it may (other participants get 403). Naming
   * yourself is the same as leaving.
   */
  @Delete('{conversation_id}/participants/{user_id}')
  @SuccessResponse(204, 'Removed')
  @Response<ErrorBody>(403, "Only the group's creator may remove people")
  @Response<ErrorBody>(404, 'No such conversation (or the caller is not in it), or that user is not in it')
  @Response<ErrorBody>(409, 'The conversation is direct')
  public async removeParticipant(@Path() conversation_id: UUID, @Path() user_id: UUID, @Request() request: ExpressRequest): Promise<void> {
    await this.membership.removeParticipant({ caller: request.user!, conversationId: conversation_id, userId: user_id });
    this.setStatus(204);
  }

  /**
   * Marks the conversation read up to `message_id` (by default its newest message) for the caller.
   * The marker only moves forwards; sending a message moves it too. Answers the marker and what is
   * still unread after it.
   */
  @Post('{conversation_id}/read')
  @Response<ErrorBody>(404, 'No such conversation (or the caller is not in it)')
  public async markRead(
    @Path() conversation_id: UUID,
    @Request() request: ExpressRequest,
    @Body() body?: MarkReadRequest,
  ): Promise<ReadState> {
    return this.readState.markRead({ caller: request.user!, conversationId: conversation_id, messageId: body?.message_id });
  }
}

import type { Request as ExpressRequest } from 'express';
import { Controller, Delete, Get, Path, Post, Queries, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { ErrorBody } from '../../platform/errors/error-body';
import { pageRequest, toEnvelope, type PageParams } from '../../platform/http/pagination';
import type { UUID } from '../users';
import type { AdminConversationPage, AdminStats, AdminUser, AdminUserPage, AdminUserSearchParams } from './admin.dto';
import type { AdminService } from './admin.service';

@Route('admin')
@Tags('Admin')
@Security('jwt')
@Response<ErrorBody>(400, 'The request is invalid')
@Response<ErrorBody>(401, 'Missing, invalid or expired access token')
@Response<ErrorBody>(403, 'The caller is not staff')
export class AdminController extends Controller {
  constructor(private readonly admin: AdminService) {
    super();
  }

  /**
   * Every user, inactive ones included, oldest account first; filter with `search` (case-insensitive
   * text in the username, email, first or last name), `is_active` and `is_staff`.
   */
  @Get('users')
  @Response<ErrorBody>(404, 'The page is past the end')
  public async searchUsers(@Request() request: ExpressRequest, @Queries() query: AdminUserSearchParams): Promise<AdminUserPage> {
    const result = await this.admin.listUsers({
      caller: request.user!,
      search: { search: query.search || undefined, isActive: query.is_active, isStaff: query.is_staff },
      page: pageRequest(query),
    });
    return toEnvelope(request, result);
  }

  /**
   * Deactivates an account: it can no longer sign in, every session of it ends (its access tokens stop
   * working at once, and stay dead after a reactivation) and its refresh tokens are revoked. Staff
   * cannot deactivate themselves (409).
   */
  @Post('users/{user_id}/deactivate')
  @Response<ErrorBody>(404, 'No such user')
  @Response<ErrorBody>(409, 'Staff cannot deactivate their own account')
  public async deactivateUser(@Path() user_id: UUID, @Request() request: ExpressRequest): Promise<AdminUser> {
    return this.admin.deactivateUser({ caller: request.user!, userId: user_id });
  }

  /** Lets a deactivated account sign in again (its old sessions and tokens stay ended). */
  @Post('users/{user_id}/reactivate')
  @Response<ErrorBody>(404, 'No such user')
  public async reactivateUser(@Path() user_id: UUID, @Request() request: ExpressRequest): Promise<AdminUser> {
    return this.admin.reactivateUser({ caller: request.user!, userId: user_id });
  }

  /** Makes a user staff: they can use the admin area and see and manage every user. */
  @Post('users/{user_id}/promote')
  @Response<ErrorBody>(404, 'No such user')
  public async promoteUser(@Path() user_id: UUID, @Request() request: ExpressRequest): Promise<AdminUser> {
    return this.admin.promoteUser({ caller: request.user!, userId: user_id });
  }

  /**
   * Every conversation, whoever takes part, most recently active first, with its participants and
   * number of messages.
   */
  @Get('conversations')
  @Response<ErrorBody>(404, 'The page is past the end')
  public async listAllConversations(@Request() request: ExpressRequest, @Queries() query: PageParams): Promise<AdminConversationPage> {
    const result = await this.admin.listConversations({ caller: request.user!, page: pageRequest(query) });
    return toEnvelope(request, result);
  }

  /** Moderation: deletes any message, whoever sent it. */
  @Delete('messages/{message_id}')
  @SuccessResponse(204, 'Deleted')
  @Response<ErrorBody>(404, 'No such message')
  public async deleteAnyMessage(@Path() message_id: UUID, @Request() request: ExpressRequest): Promise<void> {
    await this.admin.deleteMessage({ caller: request.user!, messageId: message_id });
    this.setStatus(204);
  }

  /** Counts across the service: users, conversations, messages, and messages sent today (UTC). */
  @Get('stats')
  public async getAdminStats(@Request() request: ExpressRequest): Promise<AdminStats> {
    return this.admin.getStats({ caller: request.user! });
  }
}

import type { Request as ExpressRequest } from 'express';
import { Controller, Delete, Get, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { pageRequest, toEnvelope } from '../../platform/http/pagination';
import type { ErrorBody } from '../../platform/errors/error-body';
import type { Services } from '../../app/composition-root';
import type { UUID } from '../users/user.dto';
import type { AdminConversationPage, AdminStats, AdminUser, AdminUserPage } from './admin.dto';

@Route('admin')
@Tags('Admin')
@Security('jwt')
@Response<ErrorBody>(400, 'The request is invalid')
@Response<ErrorBody>(401, 'Missing, invalid or expired access token')
@Response<ErrorBody>(403, 'The caller is not staff')
export class AdminController extends Controller {
  constructor(private readonly services: Services) {
    super();
  }

  /**
   * Every user, inactive ones included, oldest account first; filter with `search` (case-insensitive
   * text in the username, email, first or last name), `is_active` and `is_staff`.
   * @maxLength search 150 At most 150 characters.
   * @isInt page Must be a whole number.
   * @minimum page 1 Must be 1 or more.
   * @maximum page 1000000 Must be 1000000 or less.
   * @isInt page_size Must be a whole number.
   * @minimum page_size 1 Must be between 1 and 100.
   * @maximum page_size 100 Must be between 1 and 100.
   */
  @Get('users')
  @Response<ErrorBody>(404, 'The page is past the end')
  public async searchUsers(
    @Request() request: ExpressRequest,
    @Query() search?: string,
    @Query() is_active?: boolean,
    @Query() is_staff?: boolean,
    @Query() page?: number,
    @Query() page_size?: number,
  ): Promise<AdminUserPage> {
    const result = await this.services.admin.listUsers({
      caller: request.user!,
      query: { search: search || undefined, isActive: is_active, isStaff: is_staff },
      page: pageRequest(page, page_size),
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
    return this.services.admin.deactivateUser({ caller: request.user!, userId: user_id });
  }

  /** Lets a deactivated account sign in again (its old sessions and tokens stay ended). */
  @Post('users/{user_id}/reactivate')
  @Response<ErrorBody>(404, 'No such user')
  public async reactivateUser(@Path() user_id: UUID, @Request() request: ExpressRequest): Promise<AdminUser> {
    return this.services.admin.reactivateUser({ caller: request.user!, userId: user_id });
  }

  /** Makes a user staff: they can use the admin area and see and manage every user. */
  @Post('users/{user_id}/promote')
  @Response<ErrorBody>(404, 'No such user')
  public async promoteUser(@Path() user_id: UUID, @Request() request: ExpressRequest): Promise<AdminUser> {
    return this.services.admin.promoteUser({ caller: request.user!, userId: user_id });
  }

  /**
   * Every conversation, whoever takes part, most recently active first, with its participants and
   * number of messages.
   * @isInt page Must be a whole number.
   * @minimum page 1 Must be 1 or more.
   * @maximum page 1000000 Must be 1000000 or less.
   * @isInt page_size Must be a whole number.
   * @minimum page_size 1 Must be between 1 and 100.
   * @maximum page_size 100 Must be between 1 and 100.
   */
  @Get('conversations')
  @Response<ErrorBody>(404, 'The page is past the end')
  public async listAllConversations(
    @Request() request: ExpressRequest,
    @Query() page?: number,
    @Query() page_size?: number,
  ): Promise<AdminConversationPage> {
    const result = await this.services.admin.listConversations({ caller: request.user!, page: pageRequest(page, page_size) });
    return toEnvelope(request, result);
  }

  /** Moderation: deletes any message, whoever sent it. */
  @Delete('messages/{message_id}')
  @SuccessResponse(204, 'Deleted')
  @Response<ErrorBody>(404, 'No such message')
  public async deleteAnyMessage(@Path() message_id: UUID, @Request() request: ExpressRequest): Promise<void> {
    await this.services.admin.deleteMessage({ caller: request.user!, messageId: message_id });
    this.setStatus(204);
  }

  /** Counts across the service: users, conversations, messages, and messages sent today (UTC). */
  @Get('stats')
  public async getAdminStats(@Request() request: ExpressRequest): Promise<AdminStats> {
    return this.services.admin.getStats({ caller: request.user! });
  }
}

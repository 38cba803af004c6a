import type { Request as ExpressRequest } from 'express';
import { Controller, Get, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { ErrorBody } from '../../platform/errors/error-body';
import type { UnreadSummary } from './conversation.dto';
import type { ReadStateService } from './read-state.service';

@Route('users/me/unread')
@Tags('Users')
@Security('jwt')
@Response<ErrorBody>(401, 'Missing, invalid or expired access token')
export class UnreadSummaryController extends Controller {
  constructor(private readonly readState: ReadStateService) {
    super();
  }

  /** How many messages from others the caller has not read yet, across all their conversations. */
  @Get()
  public async getUnreadSummary(@Request() request: ExpressRequest): Promise<UnreadSummary> {
    return this.readState.unreadSummary(request.user!);
  }
}

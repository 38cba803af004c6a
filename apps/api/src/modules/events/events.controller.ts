import type { Request as ExpressRequest } from 'express';
import { Controller, Get, Header, Produces, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { ErrorBody } from '../../platform/errors/error-body';
import type { RealtimeEvent } from './event.dto';
import type { EventsService } from './events.service';

@Route('events')
@Tags('Events')
@Security('jwt')
export class EventsController extends Controller {
  constructor(private readonly events: EventsService) {
    super();
  }

  /**
   * The caller's realtime events as a server-sent-events stream (`text/event-stream`): one SSE event
   * per RealtimeEvent (`id` = its id, `event` = its type, `data` = it as JSON), for the conversations
   * the caller is in when each change happens. The stream starts with an `event: ready` naming the
   * position it starts from (`last_event_id`) and whether events after the requested position are gone
   * (`missed_events`: older than the retention, or a position this server never gave; reload through
   * the REST API then), sends a `:` comment as a heartbeat, and ends with an `event: error`
   * saying why (`token_expired`, `session_ended`, `user_inactive`, `slow_consumer`, `server_shutdown`,
   * `server_error`); `session_ended` and `user_inactive` come as soon as the session ends (logout, sign
   * out everywhere, a password change) or the account is deactivated.
   * To resume without gaps or duplicates, reconnect with the last id seen in `Last-Event-ID` (what
   * browsers' EventSource does) or `since`; events are kept for EVENTS_RETENTION (24 hours by default).
   * Without either, the stream starts with what happens from now on.
   * @param since Resume after this event id (the header wins when both are given).
   * @pattern since ^\d{1,18}$ Must be an event id (a whole number).
   * @param lastEventId Resume after this event id.
   * @pattern lastEventId ^\d{1,18}$ Must be an event id (a whole number).
   */
  @Get()
  @Produces('text/event-stream')
  @SuccessResponse(200, 'The event stream; stays open until the client leaves or the server ends it', 'text/event-stream')
  @Response<ErrorBody>(400, 'since or Last-Event-ID is not an event id')
  @Response<ErrorBody>(401, 'Missing, invalid or expired access token')
  @Response<ErrorBody>(429, 'The caller already has as many streams open as allowed')
  @Response<ErrorBody>(503, 'The server is shutting down')
  public async streamEvents(
    @Request() request: ExpressRequest,
    @Query() since?: string,
    @Header('Last-Event-ID') lastEventId?: string,
  ): Promise<RealtimeEvent> {
    const caller = request.user!;
    // The security check read the token's expiry with the rest of it: the stream ends then.
    await this.events.open({
      caller,
      since: lastEventId ?? since,
      tokenExpiresAt: caller.tokenExpiresAt ?? new Date(),
      response: request.res!,
    });
    // The response is the stream, already under way: tsoa sends nothing once headers are out.
    return undefined as unknown as RealtimeEvent;
  }
}

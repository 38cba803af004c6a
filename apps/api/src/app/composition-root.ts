import type { Database } from '@messaging-app/shared';
import type { Request } from 'express';

import { AdminRepository } from '../modules/admin/admin.repository';
import { AdminService } from '../modules/admin/admin.service';
import { AuthStateCache } from '../modules/auth/auth-state-cache';
import { AuthService } from '../modules/auth/auth.service';
import { createPassport, type PassportInstance } from '../modules/auth/passport';
import { RefreshTokensRepository } from '../modules/auth/refresh-tokens.repository';
import { SessionsRepository } from '../modules/auth/sessions.repository';
import { TokenSigner } from '../modules/auth/tokens';
import type { Config } from '../platform/config';
import { ConversationsRepository } from '../modules/conversations/conversations.repository';
import { ConversationsService } from '../modules/conversations/conversations.service';
import { ReadMarkersRepository } from '../modules/conversations/read-markers.repository';
import { EventLog } from '../modules/events/event-log';
import { EventsRepository } from '../modules/events/events.repository';
import { EventsService, type EventsLogger } from '../modules/events/events.service';
import { IdempotencyKeysRepository } from '../platform/idempotency/idempotency.repository';
import { IdempotencyService } from '../platform/idempotency/idempotency.service';
import { MessageEditsRepository } from '../modules/messages/message-edits.repository';
import { MessagePresenter } from '../modules/messages/message-presenter';
import { MessagesRepository } from '../modules/messages/messages.repository';
import { MessagesService } from '../modules/messages/messages.service';
import { noDomainMetrics, type DomainMetrics } from '../platform/observability/metrics';
import { RateLimitHitsRepository } from '../platform/rate-limits/rate-limit-hits.repository';
import { DatabaseRateLimiter } from '../platform/rate-limits/limiter';
import { ratePolicy } from '../platform/rate-limits/policy';
import { createRateLimiters, type RateLimiters } from '../platform/rate-limits/rate-limiters';
import { ReactionsRepository } from '../modules/messages/reactions.repository';
import { UsersRepository } from '../modules/users/users.repository';
import { UsersService } from '../modules/users/users.service';

/** Everything a request handler may use, built once per app. Controllers receive it through tsoa's IoC hook. */
export interface Services {
  config: Config;
  db: Database;
  tokens: TokenSigner;
  passport: PassportInstance;
  auth: AuthService;
  users: UsersService;
  conversations: ConversationsService;
  messages: MessagesService;
  admin: AdminService;
  /** Realtime streams and their fan-out; started by the app, not by CLIs. */
  events: EventsService;
  /** Who a valid token belongs to, kept in memory while changes are announced; started by the app. */
  authStates: AuthStateCache;
  /** Where the domain reports what it does (messages sent, event streams open). */
  metrics: DomainMetrics;
  /**
   * express-rate-limit middlewares for sign-ins and registrations, counting in the database; routes reach
   * them through rateLimit(name). Sends are limited by MessagesService itself, after their checks.
   */
  rateLimiters: RateLimiters;
}

export function createServices(config: Config, db: Database, metrics: DomainMetrics = noDomainMetrics, logger?: EventsLogger): Services {
  const usersRepository = new UsersRepository(db);
  const refreshTokens = new RefreshTokensRepository(db);
  const sessions = new SessionsRepository(db);
  const conversationsRepository = new ConversationsRepository(db);
  const messagesRepository = new MessagesRepository(db);
  const reactionsRepository = new ReactionsRepository(db);
  const readMarkers = new ReadMarkersRepository(db);
  const idempotency = new IdempotencyService(db, new IdempotencyKeysRepository(db));
  const messagePresenter = new MessagePresenter(reactionsRepository);
  const eventsRepository = new EventsRepository(db);
  const eventLog = new EventLog(eventsRepository, messagesRepository, messagePresenter);
  const authStates = new AuthStateCache(db, (userId, sessionId) => usersRepository.findAuthState(userId, sessionId), {
    onListenerError: (error) => logger?.warn({ err: error }, 'user change listener connection failed; authenticating from the database until it is back'),
  });
  const tokens = new TokenSigner({
    secret: config.jwtSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
  });
  const rateLimitHits = new RateLimitHitsRepository(db);
  const sendPolicy = ratePolicy('messagesPerUser', config.rateLimits.messagesPerUser, 'Too many messages sent. Slow down and try again shortly.');
  const messages = new MessagesService(
    db,
    messagesRepository,
    new MessageEditsRepository(db),
    reactionsRepository,
    messagePresenter,
    conversationsRepository,
    readMarkers,
    usersRepository,
    idempotency,
    metrics,
    eventLog,
    sendPolicy && { policy: sendPolicy, limiter: new DatabaseRateLimiter(rateLimitHits) },
  );
  const auth = new AuthService(db, usersRepository, refreshTokens, sessions, tokens, authStates, {
    refreshReuseGraceSeconds: config.refreshReuseGraceSeconds,
  });
  return {
    config,
    db,
    tokens,
    passport: createPassport(config.jwtSecret, (userId, sessionId) => authStates.find(userId, sessionId)),
    auth,
    users: new UsersService(db, usersRepository, auth, authStates),
    conversations: new ConversationsService(db, conversationsRepository, messagesRepository, readMarkers, messagePresenter, usersRepository, idempotency, eventLog),
    messages,
    admin: new AdminService(db, new AdminRepository(db), usersRepository, auth, conversationsRepository, messages, authStates),
    events: new EventsService(db, eventsRepository, eventLog, usersRepository, sessions, authStates, config.events, metrics, logger),
    authStates,
    metrics,
    rateLimiters: createRateLimiters(config.rateLimits, rateLimitHits),
  };
}

export function servicesOf(request: Request): Services {
  return request.app.locals.services as Services;
}

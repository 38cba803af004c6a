import type { Database } from '@messaging-app/shared';
import type { Request } from 'express';

import { AdminRepository } from './admin/admin.repository';
import { AdminService } from './admin/admin.service';
import { AuthStateCache } from './auth/auth-state-cache';
import { AuthService } from './auth/auth.service';
import { createPassport, type PassportInstance } from './auth/passport';
import { RefreshTokensRepository } from './auth/refresh-tokens.repository';
import { SessionsRepository } from './auth/sessions.repository';
import { TokenSigner } from './auth/tokens';
import type { Config } from './config';
import { ConversationsRepository } from './conversations/conversations.repository';
import { ConversationsService } from './conversations/conversations.service';
import { ReadMarkersRepository } from './conversations/read-markers.repository';
import { EventLog } from './events/event-log';
import { EventsRepository } from './events/events.repository';
import { EventsService, type EventsLogger } from './events/events.service';
import { IdempotencyKeysRepository } from './idempotency/idempotency.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { MessageEditsRepository } from './messages/message-edits.repository';
import { MessagePresenter } from './messages/message-presenter';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { noDomainMetrics, type DomainMetrics } from './observability/metrics';
import { RateLimitHitsRepository } from './rate-limits/rate-limit-hits.repository';
import { DatabaseRateLimiter } from './rate-limits/limiter';
import { ratePolicy } from './rate-limits/policy';
import { createRateLimiters, type RateLimiters } from './rate-limits/rate-limiters';
import { ReactionsRepository } from './messages/reactions.repository';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

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

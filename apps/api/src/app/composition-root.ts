/**
 * The composition root: the one place that knows every module. It builds each module from the
 * configuration and the database, hands each the services of the modules it may use (the arrows of
 * apps/api/module-graph.cjs), and collects how the app makes each controller. Imported only by the app
 * and the CLIs.
 */
import type { Database } from '@messaging-app/shared';
import { createAdminModule, type AdminService } from '../modules/admin';
import { createAuthModule, type AuthService } from '../modules/auth';
import { createConversationAccess, createConversationsModule, type ConversationsService } from '../modules/conversations';
import { createEventsModule, type EventsLogger, type EventsService } from '../modules/events';
import { createMessagesModule, type MessageReadingService, type MessageWritingService } from '../modules/messages';
import { createUsersModule, type AccountStates, type UsersService } from '../modules/users';
import type { Config } from '../platform/config';
import type { Authenticator } from '../platform/http/authenticator';
import type { ControllerBindings } from '../platform/http/controllers';
import { IdempotencyKeysRepository } from '../platform/idempotency/idempotency.repository';
import { IdempotencyService } from '../platform/idempotency/idempotency.service';
import { noDomainMetrics, type DomainMetrics } from '../platform/observability/metrics';
import { DatabaseRateLimiter } from '../platform/rate-limits/limiter';
import { ratePolicy } from '../platform/rate-limits/policy';
import { RateLimitHitsRepository } from '../platform/rate-limits/rate-limit-hits.repository';
import { createRateLimiters, type RateLimiters } from '../platform/rate-limits/rate-limiters';

/** Everything an app (or a CLI) uses, built once per app. */
export interface Composition {
  users: UsersService;
  auth: AuthService;
  conversations: ConversationsService;
  messages: { reading: MessageReadingService; writing: MessageWritingService };
  admin: AdminService;
  /** Realtime streams and their fan-out; started by the app, not by CLIs. */
  events: EventsService;
  /** Who a valid token belongs to, kept in memory while changes are announced; started by the app. */
  accountStates: AccountStates;
  /** The bearer-token check of every secured route. */
  authenticator: Authenticator;
  /** express-rate-limit middlewares for sign-ins and registrations, counting in the database. */
  rateLimiters: RateLimiters;
  /** How the app makes each controller (tsoa's IoC hook asks for them). */
  controllers: ControllerBindings;
}

export function compose(config: Config, db: Database, metrics: DomainMetrics = noDomainMetrics, logger?: EventsLogger): Composition {
  const idempotency = new IdempotencyService(db, new IdempotencyKeysRepository(db));
  const rateLimitHits = new RateLimitHitsRepository(db);
  const sendPolicy = ratePolicy(
    'messagesPerUser',
    config.rateLimits.messagesPerUser,
    'Too many messages sent. Slow down and try again shortly.',
  );

  const users = createUsersModule({
    db,
    onListenerError: (error) =>
      logger?.warn({ err: error }, 'user change listener connection failed; authenticating from the database until it is back'),
  });
  const events = createEventsModule({
    db,
    settings: config.events,
    users: users.users,
    accountStates: users.accountStates,
    metrics,
    logger,
  });
  const messages = createMessagesModule({
    db,
    users: users.users,
    conversations: createConversationAccess(db),
    events: events.sink,
    idempotency,
    metrics,
    sendLimit: sendPolicy && { policy: sendPolicy, limiter: new DatabaseRateLimiter(rateLimitHits) },
  });
  const conversations = createConversationsModule({ db, users: users.users, messages: messages.reading, events: events.sink, idempotency });
  const auth = createAuthModule({
    db,
    settings: {
      jwtSecret: config.jwtSecret,
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
      refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
      refreshReuseGraceSeconds: config.refreshReuseGraceSeconds,
    },
    users: users.users,
    accountStates: users.accountStates,
  });
  const admin = createAdminModule({ users: users.users, conversations: conversations.queries, messages });

  return {
    users: users.users,
    auth: auth.auth,
    conversations: conversations.conversations,
    messages: { reading: messages.reading, writing: messages.writing },
    admin: admin.admin,
    events: events.events,
    accountStates: users.accountStates,
    authenticator: auth.authenticator,
    rateLimiters: createRateLimiters(config.rateLimits, rateLimitHits),
    controllers: [
      ...users.controllers,
      ...auth.controllers,
      ...conversations.controllers,
      ...messages.controllers,
      ...events.controllers,
      ...admin.controllers,
    ],
  };
}

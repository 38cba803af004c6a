/**
 * The messages module: messages, threads, edit history and reactions. It owns the `messages`,
 * `message_edits` and `message_reactions` tables. Membership, last activity and read markers belong to
 * the conversations module, which it reaches through the ConversationAccess port (implemented there).
 */
import type { Database } from '@messaging-app/shared';
import type { EventSink } from '../../platform/event-sink/event-sink';
import type { ControllerBindings } from '../../platform/http/controllers';
import type { IdempotencyService } from '../../platform/idempotency/idempotency.service';
import type { DomainMetrics } from '../../platform/observability/metrics';
import type { RateLimiter } from '../../platform/rate-limits/limiter';
import type { RateLimitPolicy } from '../../platform/rate-limits/policy';
import type { UsersService } from '../users';
import type { ConversationAccess } from './conversation-access';
import { MessageEditsRepository } from './message-edits.repository';
import { MessageEvents } from './message-events';
import { MessagePresenter } from './message-presenter';
import { MessageReadingService } from './message-reading.service';
import { MessageWritingService } from './message-writing.service';
import { MessagesController } from './messages.controller';
import { MessagesQueries } from './messages.queries';
import { MessagesRepository } from './messages.repository';
import { ReactionsRepository } from './reactions.repository';
import { ReactionsService } from './reactions.service';

export type { ConversationAccess, MembershipLock } from './conversation-access';
export { positionOf, type Position } from './cursor';
export type { Message } from './message.dto';
export type { MessageEventType } from './message-events';
export { MessageReadingService } from './message-reading.service';
export { MessageWritingService } from './message-writing.service';
export type { ReadPosition } from './messages.queries';

export interface MessagesModule {
  reading: MessageReadingService;
  writing: MessageWritingService;
  reactions: ReactionsService;
  /** Staff dashboard figures (the admin module's). */
  queries: Pick<MessagesQueries, 'counts' | 'perDay' | 'conversationOf'>;
  controllers: ControllerBindings;
}

export interface MessagesModuleDependencies {
  db: Database;
  users: UsersService;
  conversations: ConversationAccess;
  events: EventSink;
  idempotency: IdempotencyService;
  metrics: DomainMetrics;
  sendLimit?: { policy: RateLimitPolicy; limiter: RateLimiter };
}

export function createMessagesModule({
  db,
  users,
  conversations,
  events: sink,
  idempotency,
  metrics,
  sendLimit,
}: MessagesModuleDependencies): MessagesModule {
  const messages = new MessagesRepository(db);
  const queries = new MessagesQueries(db);
  const edits = new MessageEditsRepository(db);
  const reactionsRepository = new ReactionsRepository(db);
  const presenter = new MessagePresenter(reactionsRepository);
  const events = new MessageEvents(sink);
  const reading = new MessageReadingService({ queries, edits, presenter, conversations, users });
  const writing = new MessageWritingService({
    db,
    messages,
    edits,
    reactions: reactionsRepository,
    presenter,
    events,
    conversations,
    idempotency,
    metrics,
    sendLimit,
  });
  const reactions = new ReactionsService({ db, messages, reactions: reactionsRepository, presenter, events, conversations });
  return {
    reading,
    writing,
    reactions,
    queries,
    controllers: [[MessagesController, () => new MessagesController(reading, writing, reactions)]],
  };
}

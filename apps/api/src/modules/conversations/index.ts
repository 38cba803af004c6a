/**
 * The conversations module: conversations, who takes part in them (membership), and each
 * participant's read marker. It owns `conversations` and `conversation_participants`, and publishes the
 * `conversation_members` view. It shows each conversation's newest message and unread count through
 * the messages module, and gives the messages module what it asks of conversations through the
 * ConversationAccess port (conversation-access.ts).
 */
import type { Database } from '@messaging-app/shared';
import type { EventSink } from '../../platform/event-sink/event-sink';
import type { ControllerBindings } from '../../platform/http/controllers';
import type { IdempotencyService } from '../../platform/idempotency/idempotency.service';
import type { ConversationAccess, MessageReadingService } from '../messages';
import type { UsersService } from '../users';
import { ConversationAccessForMessages } from './conversation-access';
import { ConversationEvents } from './conversation-events';
import { ConversationPresenter } from './conversation-presenter';
import { ConversationsController } from './conversations.controller';
import { ConversationsQueries } from './conversations.queries';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { MembershipService } from './membership.service';
import { ReadStateService } from './read-state.service';
import { UnreadSummaryController } from './unread-summary.controller';

export type { Conversation, ConversationKind } from './conversation.dto';
export type { ConversationEventType } from './conversation-events';
export type { ConversationRecord } from './conversation-rows';
export { ConversationsService } from './conversations.service';

/** What the messages module is given to reach conversations (made before the messages module, which the rest needs). */
export function createConversationAccess(db: Database): ConversationAccess {
  return new ConversationAccessForMessages(new ConversationsRepository(db), new ConversationsQueries(db));
}

export interface ConversationsModule {
  conversations: ConversationsService;
  /** Staff views over every conversation (the admin module's). */
  queries: Pick<ConversationsQueries, 'listAll' | 'findByIds' | 'participantsOf' | 'count'>;
  controllers: ControllerBindings;
}

export function createConversationsModule({
  db,
  users,
  messages,
  events: sink,
  idempotency,
}: {
  db: Database;
  users: UsersService;
  messages: MessageReadingService;
  events: EventSink;
  idempotency: IdempotencyService;
}): ConversationsModule {
  const repository = new ConversationsRepository(db);
  const queries = new ConversationsQueries(db);
  const events = new ConversationEvents(sink);
  const presenter = new ConversationPresenter(queries, messages);
  const conversations = new ConversationsService({ conversations: repository, queries, presenter, events, users, idempotency });
  const membership = new MembershipService({ db, conversations: repository, queries, events, users, messages, viewer: conversations });
  const readState = new ReadStateService({ db, conversations: repository, queries, events, messages });
  return {
    conversations,
    queries,
    controllers: [
      [ConversationsController, () => new ConversationsController(conversations, membership, readState)],
      [UnreadSummaryController, () => new UnreadSummaryController(readState)],
    ],
  };
}

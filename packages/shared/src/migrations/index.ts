import type { MigrationModule } from '../db/migration';
import * as initialSchema from './2026.11.25T00.00.00.initial-schema';
import * as conversationKinds from './2026.11.26T00.00.00.1-conversation-kinds';
import * as readMarkers from './2026.11.26T00.00.00.2-read-markers';
import * as threadsAndTombstones from './2026.11.26T00.00.00.3-threads-and-tombstones';
import * as editHistory from './2026.11.26T00.00.00.4-edit-history';
import * as reactions from './2026.11.26T00.00.00.5-reactions';
import * as idempotencyKeys from './2026.11.26T00.00.00.6-idempotency-keys';
import * as adminArea from './2026.11.26T00.00.01.admin-area';
import * as rateLimitHits from './2026.11.26T00.00.02.rate-limit-hits';
import * as events from './2026.11.27T00.00.00.events';
import * as messageSearchAndCounts from './2026.11.27T00.00.01.message-search-and-counts';
import * as eventsRecipientIndex from './2026.11.27T00.00.02.events-recipient-index';
import * as usersChangedNotify from './2026.11.28T00.00.00.users-changed-notify';
import * as userSessions from './2026.11.29T00.00.00.user-sessions';
import * as publishedViews from './2026.11.30T00.00.00.published-views-and-message-counts';

/** Every migration, oldest first. Listed explicitly so the same code runs from src and dist. */
export const migrations: MigrationModule[] = [
  initialSchema,
  conversationKinds,
  readMarkers,
  threadsAndTombstones,
  editHistory,
  reactions,
  idempotencyKeys,
  adminArea,
  rateLimitHits,
  events,
  messageSearchAndCounts,
  eventsRecipientIndex,
  usersChangedNotify,
  userSessions,
  publishedViews,
];

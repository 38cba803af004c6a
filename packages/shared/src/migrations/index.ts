import type { MigrationModule } from '../db/migrator';
import * as initialSchema from './2026.11.25T00.00.00.initial-schema';
import * as messagingFeatures from './2026.11.26T00.00.00.messaging-features';
import * as adminArea from './2026.11.26T00.00.01.admin-area';
import * as rateLimitHits from './2026.11.26T00.00.02.rate-limit-hits';
import * as events from './2026.11.27T00.00.00.events';
import * as messageSearchAndCounts from './2026.11.27T00.00.01.message-search-and-counts';
import * as eventsRecipientIndex from './2026.11.27T00.00.02.events-recipient-index';
import * as usersChangedNotify from './2026.11.28T00.00.00.users-changed-notify';
import * as userSessions from './2026.11.29T00.00.00.user-sessions';

/** Every migration, oldest first. Listed explicitly so the same code runs from src and dist. */
export const migrations: MigrationModule[] = [initialSchema, messagingFeatures, adminArea, rateLimitHits, events, messageSearchAndCounts, eventsRecipientIndex, usersChangedNotify, userSessions];

/**
 * The LISTEN/NOTIFY channels between the database and the API processes. Migrations (triggers) and
 * listeners name them from here, so the two sides cannot drift apart.
 */

/** A user's id is sent here when their row or one of their sessions changes or goes (trigger). */
export const USERS_CHANGED_CHANNEL = 'users_changed';

/** Sent by writers of realtime events at commit: API processes wake up and read what was committed. */
export const EVENTS_CHANNEL = 'messaging_events';

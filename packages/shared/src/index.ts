export * from './models';
export { openDatabase, type Database, type DatabaseOptions, type PoolStats } from './db/database';
export { spawnEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './db/embedded-postgres';
export { createMigrator, type Migration, type MigrationLogger } from './db/migrator';
export { createScratchDatabase, type ScratchDatabase } from './db/scratch-database';
export { sql, join, raw, empty, Sql } from './db/sql';
export { ForeignKeyConstraintError, QueryTypes, UniqueConstraintError, type Transaction } from 'sequelize';
export { listenForNotifications, type NotificationListener, type NotificationListenerOptions } from './db/notification-listener';
export { EVENTS_CHANNEL, USERS_CHANGED_CHANNEL } from './db/channels';

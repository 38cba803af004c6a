export * from './models';
export { openDatabase, type Database, type DatabaseOptions, type PoolStats } from './db/database';
export { spawnEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './db/embedded-postgres';
export { createMigrator, type Migration, type MigrationLogger } from './db/migrator';
export { createScratchDatabase, type ScratchDatabase } from './db/scratch-database';
export { ForeignKeyConstraintError, Op, QueryTypes, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
export { listenForNotifications, type NotificationListener, type NotificationListenerOptions } from './db/notification-listener';
export { USERS_CHANGED_CHANNEL } from './migrations/2026.11.28T00.00.00.users-changed-notify';

import type { QueryInterface, Sequelize, Transaction } from 'sequelize';
import { SequelizeStorage, Umzug, type MigrationParams } from 'umzug';
import { migrations } from '../migrations';

export interface MigrationContext {
  queryInterface: QueryInterface;
  /** Every migration runs in its own transaction; pass it to every query (PGlite has one connection). */
  transaction: Transaction;
}

export type Migration = (params: MigrationParams<MigrationContext>) => Promise<void>;

export interface MigrationModule {
  name: string;
  up: Migration;
  down: Migration;
}

export interface MigrationLogger {
  info(message: Record<string, unknown>): void;
  warn(message: Record<string, unknown>): void;
  error(message: Record<string, unknown>): void;
  debug(message: Record<string, unknown>): void;
}

export function createMigrator(sequelize: Sequelize, logger?: MigrationLogger): Umzug<MigrationContext> {
  const queryInterface = sequelize.getQueryInterface();
  return new Umzug<MigrationContext>({
    migrations: migrations.map((migration) => ({
      name: migration.name,
      up: (params) =>
        sequelize.transaction((transaction) =>
          migration.up({ ...params, context: { queryInterface, transaction } }),
        ),
      down: (params) =>
        sequelize.transaction((transaction) =>
          migration.down({ ...params, context: { queryInterface, transaction } }),
        ),
    })),
    // The context is built per migration above, with its transaction.
    context: {} as MigrationContext,
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger,
  });
}

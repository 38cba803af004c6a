import type { QueryInterface } from 'sequelize';
import type { MigrationParams } from 'umzug';
import type { Transaction } from 'sequelize';

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
  /**
   * Names of migrations this one (with its siblings) took over from: a database that recorded them as
   * applied has this one recorded instead, and it does not run (see createMigrator).
   */
  replaces?: string;
}

/** Runs plain SQL statements in the migration's transaction; migrations are written in SQL, not queryInterface calls. */
export function sqlRunner({ context: { queryInterface, transaction } }: MigrationParams<MigrationContext>): (sql: string) => Promise<void> {
  return async (sql) => {
    await queryInterface.sequelize.query(sql, { transaction });
  };
}

import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { migrations } from '../migrations';
import type { MigrationContext, MigrationModule } from './migration';

export type { Migration, MigrationContext, MigrationModule } from './migration';

export interface MigrationLogger {
  info(message: Record<string, unknown>): void;
  warn(message: Record<string, unknown>): void;
  error(message: Record<string, unknown>): void;
  debug(message: Record<string, unknown>): void;
}

const STORAGE_TABLE = 'schema_migrations';

/**
 * A migration split into several keeps its history: where the database recorded the old name, the new
 * ones are recorded as applied in its place (their work is already there) and the old name goes.
 */
async function carryOverReplacedMigrations(sequelize: Sequelize, list: MigrationModule[]): Promise<void> {
  const replaced = [...new Set(list.flatMap((migration) => (migration.replaces ? [migration.replaces] : [])))];
  if (replaced.length === 0) return;
  const [tables] = await sequelize.query(`SELECT to_regclass('${STORAGE_TABLE}') AS storage`);
  if ((tables as Array<{ storage: string | null }>)[0]?.storage === null) return;
  await sequelize.transaction(async (transaction) => {
    for (const old of replaced) {
      const [removed] = await sequelize.query(`DELETE FROM ${STORAGE_TABLE} WHERE name = $1 RETURNING name`, { bind: [old], transaction });
      if (removed.length === 0) continue;
      for (const successor of list.filter((migration) => migration.replaces === old)) {
        await sequelize.query(`INSERT INTO ${STORAGE_TABLE} (name) VALUES ($1) ON CONFLICT DO NOTHING`, {
          bind: [successor.name],
          transaction,
        });
      }
    }
  });
}

/**
 * The migrations, run with umzug, each in its own transaction, recorded in schema_migrations. Before
 * any command, a split migration's old name is carried over to its successors (above).
 */
export function createMigrator(
  sequelize: Sequelize,
  logger?: MigrationLogger,
  list: MigrationModule[] = migrations,
): Umzug<MigrationContext> {
  const queryInterface = sequelize.getQueryInterface();
  const umzug = new Umzug<MigrationContext>({
    migrations: list.map((migration) => ({
      name: migration.name,
      up: (params) => sequelize.transaction((transaction) => migration.up({ ...params, context: { queryInterface, transaction } })),
      down: (params) => sequelize.transaction((transaction) => migration.down({ ...params, context: { queryInterface, transaction } })),
    })),
    // The context is built per migration above, with its transaction.
    context: {} as MigrationContext,
    storage: new SequelizeStorage({ sequelize, tableName: STORAGE_TABLE }),
    logger,
  });
  // umzug awaits its event handlers, so this runs to completion before up, down, pending or executed.
  umzug.on('beforeCommand', () => carryOverReplacedMigrations(sequelize, list));
  return umzug;
}

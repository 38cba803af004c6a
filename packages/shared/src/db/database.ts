import pg from 'pg';
import { Sequelize, type Transaction } from 'sequelize';
import type { Sql } from './sql';
import { initModels, type Models } from '../models';
import { spawnEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { createMigrator, type MigrationLogger } from './migrator';

export interface DatabaseOptions {
  /** A PostgreSQL connection string. When absent, an embedded PGlite server is started. */
  databaseUrl?: string;
  /** Data folder for the embedded database, or `memory://`. Used only without `databaseUrl`. */
  pgliteDataDir?: string;
  /** Pool size for PostgreSQL. The embedded database always gets exactly one connection. */
  poolMax?: number;
  /** Log each SQL statement (development aid). */
  /** Every statement sent, with its bound values (`$1`, `$2`…) when it has any. */
  logSql?: (sql: string, options?: { bind?: unknown }) => void;
}

/** The connection pool right now (sequelize-pool's counters), for metrics. */
export interface PoolStats {
  /** Connections open: in use plus idle. */
  open: number;
  idle: number;
  inUse: number;
  /** Queries waiting for a connection. */
  waiting: number;
  max: number;
}

interface SequelizePool {
  size: number;
  available: number;
  using: number;
  waiting: number;
  maxSize: number;
}

function poolStatsOf(sequelize: Sequelize): PoolStats {
  // Not in Sequelize's public types; it is sequelize-pool's Pool (we configure no read replicas).
  const pool = (sequelize.connectionManager as unknown as { pool?: Partial<SequelizePool> }).pool;
  return {
    open: pool?.size ?? 0,
    idle: pool?.available ?? 0,
    inUse: pool?.using ?? 0,
    waiting: pool?.waiting ?? 0,
    max: pool?.maxSize ?? 0,
  };
}

export interface Database {
  sequelize: Sequelize;
  models: Models;
  /** `postgres` for a real server, `pglite` for the embedded one. */
  kind: 'postgres' | 'pglite';
  /** The connection string in use (for the embedded server, its loopback address). */
  url: string;
  transaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs one statement written with the `sql` tag (its values travel as bind parameters) and returns
   * its rows, on the same pool and connections as Sequelize (inside `transaction` when given, on its
   * connection) but straight through node-postgres: Sequelize's query pipeline (hooks, bind rewriting,
   * result wrapping) costs more CPU than the statement itself on the hot paths. Errors are
   * node-postgres's own. The one way repositories run SQL.
   */
  query<Row>(statement: Sql, options?: { transaction?: Transaction | null }): Promise<Row[]>;
  migrate(logger?: MigrationLogger): Promise<string[]>;
  /** Checks that a query round-trips; used by readiness checks. */
  ping(): Promise<void>;
  poolStats(): PoolStats;
  /** Calls `listener` with the text of every statement sent, by either path, until the returned function is called. */
  observeStatements(listener: (sql: string) => void): () => void;
  close(): Promise<void>;
}

/**
 * node-postgres clients that have an 'error' listener from the moment they exist. Sequelize attaches
 * its own only once connect() has resolved; when PostgreSQL shuts down just as a connection is made,
 * "ready" and "terminating connection" can arrive in one read, and the error is emitted before that
 * listener exists: an uncaught 'error' event that killed the API (seen stopping PostgreSQL under
 * load). Sequelize's listener still marks broken connections and discards them; this one only makes
 * sure an error can never go unheard.
 */
class ListenedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
const pgWithListenedClients = { ...pg, Client: ListenedClient };

/** What `query` uses of Sequelize's connection manager (not in its public types). */
interface ConnectionManager {
  getConnection(options?: { type?: 'read' | 'write' }): Promise<pg.Client>;
  releaseConnection(connection: pg.Client): void;
}

type PoolConnection = pg.Client & { _invalid?: boolean };

/** The node-postgres client a Sequelize transaction runs on. */
function connectionOf(transaction: Transaction): PoolConnection {
  return (transaction as unknown as { connection: PoolConnection }).connection;
}

/** A connection that failed this way is broken: marked, the pool's validation discards it (as Sequelize's own query path does). */
function markIfBroken(connection: PoolConnection, error: unknown): void {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ECONNRESET' || code === 'EPIPE' || /Connection terminated|not queryable/i.test(String(message))) connection._invalid = true;
}

type StatementLog = (sql: string, options?: { bind?: unknown }) => void;

function plainQuery(sequelize: Sequelize, log: StatementLog): Database['query'] {
  const connections = sequelize.connectionManager as unknown as ConnectionManager;
  return async <Row>(statement: Sql, options: { transaction?: Transaction | null } = {}) => {
    const { text, values } = statement;
    log(text, values.length > 0 ? { bind: values } : undefined);
    const run = async (connection: PoolConnection) => {
      try {
        return (await connection.query(text, values as unknown[])).rows as Row[];
      } catch (error) {
        markIfBroken(connection, error);
        throw error;
      }
    };
    if (options.transaction) return run(connectionOf(options.transaction));
    const connection = (await connections.getConnection({ type: 'write' })) as PoolConnection;
    try {
      return await run(connection);
    } finally {
      connections.releaseConnection(connection);
    }
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.databaseUrl;
  if (!url) {
    embedded = await spawnEmbeddedPostgres({ dataDir: options.pgliteDataDir ?? 'memory://' });
    url = embedded.url;
  }
  const kind = embedded ? 'pglite' : 'postgres';
  const observers = new Set<(sql: string) => void>();
  const log: StatementLog = (sql, bound) => {
    options.logSql?.(sql, bound);
    for (const observer of observers) observer(sql);
  };

  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pgWithListenedClients,
    // Sequelize calls it with the query's options second (bind values included); its types only declare a timing.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed by tsc's overload resolution
    logging: log as (sql: string) => void,
    // One connection for PGlite: it has a single backend, and two interleaved connections can
    // corrupt each other's unnamed prepared statements. Every query in a transaction therefore
    // has to pass `transaction`, or it would wait for a second connection that never comes.
    pool: {
      max: embedded ? 1 : (options.poolMax ?? 10),
      min: 0,
      idle: 10_000,
      acquire: 30_000,
    },
    // A connection attempt to a server that does not answer fails after 10 s instead of hanging.
    dialectOptions: { application_name: 'messaging-app', connectionTimeoutMillis: 10_000 },
  });
  const models = initModels(sequelize);

  try {
    await sequelize.authenticate();
  } catch (error) {
    await sequelize.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }

  return {
    sequelize,
    models,
    kind,
    url,
    transaction: (work) => sequelize.transaction((t) => work(t)),
    query: plainQuery(sequelize, log),
    migrate: async (logger) => {
      const applied = await createMigrator(sequelize, logger).up();
      return applied.map((migration) => migration.name);
    },
    ping: async () => {
      await sequelize.query('SELECT 1');
    },
    poolStats: () => poolStatsOf(sequelize),
    observeStatements: (listener) => {
      observers.add(listener);
      return () => observers.delete(listener);
    },
    close: async () => {
      await sequelize.close();
      await embedded?.stop();
    },
  };
}

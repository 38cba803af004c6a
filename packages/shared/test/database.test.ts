import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// The built package, as the API uses it: the embedded server runs from dist in a child process.
import { createMigrator, createScratchDatabase, openDatabase, QueryTypes, type Database } from '../dist';

/** PostgreSQL when DATABASE_URL is set (each run in a scratch database), else in-memory PGlite. */
async function openTestDatabase(): Promise<{ db: Database; cleanup(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  const scratch = adminUrl ? await createScratchDatabase(adminUrl, 'messaging_shared_test') : undefined;
  const db = await openDatabase({ databaseUrl: scratch?.url, pgliteDataDir: 'memory://' });
  return {
    db,
    cleanup: async () => {
      await db.close();
      await scratch?.drop();
    },
  };
}

const tables = (db: Database) =>
  db.sequelize
    .query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", {
      type: QueryTypes.SELECT,
    })
    .then((rows) => rows.map((row) => row.tablename));

describe('migrations', () => {
  it('When migrated up, then every table and the message index exist; migrating again does nothing; down removes them', async () => {
    const { db, cleanup } = await openTestDatabase();
    try {
      expect(await db.migrate()).toEqual([
        '2026.11.25T00.00.00.initial-schema',
        '2026.11.26T00.00.01.admin-area',
        '2026.11.26T00.00.02.rate-limit-hits',
      ]);
      expect(await db.migrate()).toEqual([]);
      expect(await tables(db)).toEqual(
        expect.arrayContaining([
          'users',
          'refresh_tokens',
          'conversations',
          'conversation_participants',
          'messages',
          'admin_sessions',
          'rate_limit_hits',
          'schema_migrations',
        ]),
      );
      const [index] = await db.sequelize.query<{ indexdef: string }>(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'messages_conversation_sent_at_id_idx'",
        { type: QueryTypes.SELECT },
      );
      expect(index.indexdef).toContain('(conversation_id, sent_at, message_id)');

      await createMigrator(db.sequelize).down({ to: 0 });
      expect(await tables(db)).toEqual(['schema_migrations']);
    } finally {
      await cleanup();
    }
  });

  it('When usernames differ only in case, then the unique index refuses the second', async () => {
    const { db, cleanup } = await openTestDatabase();
    try {
      await db.migrate();
      const user = { passwordHash: 'x', firstName: 'A', lastName: 'B', phoneNumber: null };
      await db.models.User.create({ ...user, username: 'Kwame', email: 'k1@example.com' });
      await expect(db.models.User.create({ ...user, username: 'kwame', email: 'k2@example.com' })).rejects.toMatchObject({
        name: 'SequelizeUniqueConstraintError',
      });
    } finally {
      await cleanup();
    }
  });
});

describe('the embedded database (PGlite)', () => {
  it('When a second process opens a data folder in use, then it is refused; once closed, it opens again with the data kept', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'messaging-shared-')), 'pglite');
    const first = await openDatabase({ pgliteDataDir: dataDir });
    await first.migrate();
    await first.models.User.create({ username: 'kept', email: 'kept@example.com', passwordHash: 'x', firstName: 'K', lastName: 'P', phoneNumber: null });

    await expect(openDatabase({ pgliteDataDir: dataDir })).rejects.toThrow(/is in use by process \d+/);
    await first.close();

    const second = await openDatabase({ pgliteDataDir: dataDir });
    try {
      expect(await second.models.User.count()).toBe(1);
      expect(second.kind).toBe('pglite');
    } finally {
      await second.close();
    }
  });

  it('When the lock file was left by a process that died, then the folder is taken over', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'messaging-shared-')), 'pglite');
    const db = await openDatabase({ pgliteDataDir: dataDir });
    await db.close();
    // A pid far above any live one stands for a crashed owner.
    writeFileSync(path.join(dataDir, 'messaging-app.lock'), '4194000');

    const reopened = await openDatabase({ pgliteDataDir: dataDir });
    await reopened.ping();
    await reopened.close();
  });
});

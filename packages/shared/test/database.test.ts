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
        '2026.11.26T00.00.00.1-conversation-kinds',
        '2026.11.26T00.00.00.2-read-markers',
        '2026.11.26T00.00.00.3-threads-and-tombstones',
        '2026.11.26T00.00.00.4-edit-history',
        '2026.11.26T00.00.00.5-reactions',
        '2026.11.26T00.00.00.6-idempotency-keys',
        '2026.11.26T00.00.01.admin-area',
        '2026.11.26T00.00.02.rate-limit-hits',
        '2026.11.27T00.00.00.events',
        '2026.11.27T00.00.01.message-search-and-counts',
        '2026.11.27T00.00.02.events-recipient-index',
        '2026.11.28T00.00.00.users-changed-notify',
        '2026.11.29T00.00.00.user-sessions',
        '2026.11.30T00.00.00.published-views-and-message-counts',
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
          'message_edits',
          'message_reactions',
          'idempotency_keys',
          'events',
          'user_sessions',
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

  it('When a database recorded the migration that was later split, then its parts count as applied and none runs again', async () => {
    const { db, cleanup } = await openTestDatabase();
    try {
      await db.migrate();
      // As a database migrated before the split looks: one row for the six parts.
      await db.sequelize.query("DELETE FROM schema_migrations WHERE name LIKE '2026.11.26T00.00.00.%'");
      await db.sequelize.query("INSERT INTO schema_migrations (name) VALUES ('2026.11.26T00.00.00.messaging-features')");

      expect(await db.migrate()).toEqual([]);

      const [rows] = await db.sequelize.query("SELECT name FROM schema_migrations WHERE name LIKE '2026.11.26T00.00.00.%' ORDER BY name");
      expect((rows as Array<{ name: string }>).map((row) => row.name)).toEqual([
        '2026.11.26T00.00.00.1-conversation-kinds',
        '2026.11.26T00.00.00.2-read-markers',
        '2026.11.26T00.00.00.3-threads-and-tombstones',
        '2026.11.26T00.00.00.4-edit-history',
        '2026.11.26T00.00.00.5-reactions',
        '2026.11.26T00.00.00.6-idempotency-keys',
      ]);
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

describe('several databases in one process', () => {
  it("When two databases are open at once, then each one's models read and write that database only", async () => {
    const first = await openTestDatabase();
    const second = await openTestDatabase();
    try {
      await first.db.migrate();
      await second.db.migrate();
      const user = { passwordHash: 'x', firstName: 'A', lastName: 'B', phoneNumber: null };

      await first.db.models.User.create({ ...user, username: 'only_in_first', email: 'first@example.com' });
      await second.db.models.User.create({ ...user, username: 'only_in_second', email: 'second@example.com' });

      const usernames = (db: Database) =>
        db.models.User.findAll({ attributes: ['username'], raw: true }).then((rows) => rows.map((row) => row.username));
      expect(await usernames(first.db)).toEqual(['only_in_first']);
      expect(await usernames(second.db)).toEqual(['only_in_second']);
      // Associations stay within their database too.
      const creator = (await second.db.models.User.findOne())!;
      await second.db.models.Conversation.create({
        createdById: creator.userId,
        kind: 'group',
        title: 'second',
        lastActivityAt: new Date(),
      });
      const withCreator = await second.db.models.Conversation.findOne({ include: [{ association: 'createdBy' }] });
      expect((withCreator as unknown as { createdBy: { username: string } }).createdBy.username).toBe('only_in_second');
      expect(await first.db.models.Conversation.count()).toBe(0);
    } finally {
      await second.cleanup();
      await first.cleanup();
    }
  });
});

describe('the conversation-kinds and read-markers migrations on existing data', () => {
  const at = (iso: string) => new Date(iso);

  it("When upgraded, then each pair's oldest two-person conversation becomes direct, others stay groups, and everything counts as read", async () => {
    const { db, cleanup } = await openTestDatabase();
    try {
      await createMigrator(db.sequelize).up({ to: '2026.11.25T00.00.00.initial-schema' });
      const q = (sql: string) => db.sequelize.query(sql);
      const [a, b, c] = [
        '00000000-0000-4000-8000-00000000000a',
        '00000000-0000-4000-8000-00000000000b',
        '00000000-0000-4000-8000-00000000000c',
      ];
      for (const id of [a, b, c]) {
        await q(`INSERT INTO users (user_id, username, email, password_hash, first_name, last_name, created_at, updated_at)
                 VALUES ('${id}', 'u${id.slice(-1)}', '${id.slice(-1)}@example.com', 'x', 'F', 'L', now(), now())`);
      }
      const conversations = {
        firstPair: '10000000-0000-4000-8000-000000000001',
        secondPair: '10000000-0000-4000-8000-000000000002',
        trio: '10000000-0000-4000-8000-000000000003',
      };
      const created = { firstPair: '2026-01-01', secondPair: '2026-01-02', trio: '2026-01-03' };
      for (const [key, id] of Object.entries(conversations)) {
        const when = created[key as keyof typeof created];
        await q(
          `INSERT INTO conversations (conversation_id, created_by_id, last_activity_at, created_at) VALUES ('${id}', '${a}', '${when}', '${when}')`,
        );
      }
      const members = [
        [conversations.firstPair, b],
        [conversations.firstPair, a],
        [conversations.secondPair, a],
        [conversations.secondPair, b],
        [conversations.trio, a],
        [conversations.trio, b],
        [conversations.trio, c],
      ];
      for (const [conversation, user] of members) {
        await q(`INSERT INTO conversation_participants (conversation_id, user_id, joined_at) VALUES ('${conversation}', '${user}', now())`);
      }
      const latest = '20000000-0000-4000-8000-000000000002';
      await q(`INSERT INTO messages (message_id, conversation_id, sender_id, message_body, sent_at) VALUES
               ('20000000-0000-4000-8000-000000000001', '${conversations.firstPair}', '${a}', 'old', '2026-02-01T00:00:00Z'),
               ('${latest}', '${conversations.firstPair}', '${b}', 'new', '2026-02-02T00:00:00Z')`);

      await db.migrate();

      const rows = await db.models.Conversation.findAll({ order: [['createdAt', 'ASC']] });
      expect(rows.map((row) => [row.kind, row.directUserLow, row.directUserHigh])).toEqual([
        ['direct', a, b],
        ['group', null, null],
        ['group', null, null],
      ]);
      const markers = await db.models.ConversationParticipant.findAll({ where: { conversationId: conversations.firstPair } });
      expect(markers.map((m) => [m.lastReadMessageId, m.lastReadSentAt?.toISOString()])).toEqual([
        [latest, at('2026-02-02T00:00:00Z').toISOString()],
        [latest, at('2026-02-02T00:00:00Z').toISOString()],
      ]);
      const untouched = await db.models.ConversationParticipant.findAll({ where: { conversationId: conversations.trio } });
      expect(untouched.map((m) => m.lastReadMessageId)).toEqual([null, null, null]);

      await expect(
        db.models.Conversation.create({
          createdById: b,
          kind: 'direct',
          title: null,
          directUserLow: a,
          directUserHigh: b,
          lastActivityAt: new Date(),
        }),
      ).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
    } finally {
      await cleanup();
    }
  });
});

describe('the user-sessions migration on existing data', () => {
  it('When upgraded, then each sign-in with a live refresh token becomes a live session, and spent or expired ones do not', async () => {
    const { db, cleanup } = await openTestDatabase();
    try {
      await createMigrator(db.sequelize).up({ to: '2026.11.28T00.00.00.users-changed-notify' });
      const q = (sql: string) => db.sequelize.query(sql);
      const user = '00000000-0000-4000-8000-00000000000a';
      await q(`INSERT INTO users (user_id, username, email, password_hash, first_name, last_name, created_at, updated_at)
               VALUES ('${user}', 'ua', 'a@example.com', 'x', 'F', 'L', now(), now())`);
      const [live, loggedOut, expired] = [
        '30000000-0000-4000-8000-000000000001',
        '30000000-0000-4000-8000-000000000002',
        '30000000-0000-4000-8000-000000000003',
      ];
      // The live sign-in was rotated once: a spent token and its live successor, one session.
      await q(`INSERT INTO refresh_tokens (token_id, user_id, family_id, expires_at, revoked_at, replaced_by_id, created_at) VALUES
               ('40000000-0000-4000-8000-000000000001', '${user}', '${live}', now() + interval '1 day', now(), '40000000-0000-4000-8000-000000000002', '2026-01-01T00:00:00Z'),
               ('40000000-0000-4000-8000-000000000002', '${user}', '${live}', now() + interval '1 day', NULL, NULL, '2026-01-02T00:00:00Z'),
               ('40000000-0000-4000-8000-000000000003', '${user}', '${loggedOut}', now() + interval '1 day', now(), NULL, '2026-01-01T00:00:00Z'),
               ('40000000-0000-4000-8000-000000000004', '${user}', '${expired}', now() - interval '1 hour', NULL, NULL, '2026-01-01T00:00:00Z')`);

      await db.migrate();

      const sessions = await db.models.UserSession.findAll({ raw: true });
      expect(sessions).toEqual([{ userId: user, sessionId: live, createdAt: new Date('2026-01-01T00:00:00Z'), endedAt: null }]);
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
    await first.models.User.create({
      username: 'kept',
      email: 'kept@example.com',
      passwordHash: 'x',
      firstName: 'K',
      lastName: 'P',
      phoneNumber: null,
    });

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

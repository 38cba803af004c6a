/**
 * `npm run db:explain [messages]`: the query plans behind "unread counts and deep cursor pages stay
 * fast". Fills one conversation with 100 000 messages (one INSERT … SELECT generate_series), runs the
 * repositories' own code to capture the exact SQL the API sends, and prints EXPLAIN (ANALYZE, BUFFERS)
 * of each as Markdown (docs/query-plans.md is its output).
 *
 * With DATABASE_URL it works in a scratch database on that server, dropped afterwards; without it, in
 * an in-memory embedded database.
 */
import { createScratchDatabase, openDatabase, sql, type Database } from '@messaging-app/shared';
// The one tool that reaches into modules: it explains their own read statements, as they send them.
import { ConversationsQueries } from '../modules/conversations/conversations.queries';
import { ConversationsRepository } from '../modules/conversations/conversations.repository';
import { MessagesQueries } from '../modules/messages/messages.queries';
import { describeDatabase, loadCliConfig, runCli } from './support';

export const DEFAULT_MESSAGE_COUNT = 100_000;

const ALICE = '00000000-0000-4000-8000-00000000a11c';
const BOB = '00000000-0000-4000-8000-0000000000b0';
const CONVERSATION = '00000000-0000-4000-8000-0000000c0001';
/** A second conversation as big as the first, so the index holds other conversations' rows too. */
const OTHER_CONVERSATION = '00000000-0000-4000-8000-0000000c0002';
const PAGE_SIZE = 50;

export interface QueryPlan {
  title: string;
  /** What the API call is, and what to look for in the plan. */
  note: string;
  sql: string;
  plan: string;
}

/** Collects the SQL Sequelize sends while `work` runs. */
export type SqlRecorder = <T>(work: () => Promise<T>) => Promise<{ result: T; statements: string[] }>;

/** A bound value as an SQL literal, so a statement sent with `$n` parameters can be EXPLAINed on its own. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}

export function sqlRecorder(): { log: (sql: string, options?: { bind?: unknown }) => void; record: SqlRecorder } {
  let statements: string[] | undefined;
  return {
    log: (sql, options) => {
      const text = sql.replace(/^Executing \([^)]*\): /, '');
      const bind = Array.isArray(options?.bind) ? options.bind : [];
      statements?.push(bind.length === 0 ? text : text.replace(/\$(\d+)/g, (_, n: string) => literal(bind[Number(n) - 1])));
    },
    record: async (work) => {
      statements = [];
      try {
        const result = await work();
        return { result, statements };
      } finally {
        statements = undefined;
      }
    },
  };
}

async function fill(db: Database, messages: number): Promise<void> {
  for (const [userId, name] of [
    [ALICE, 'alice'],
    [BOB, 'bob'],
  ]) {
    await db.query(
      sql`INSERT INTO users (user_id, username, email, password_hash, first_name, last_name, created_at, updated_at)
          VALUES (${userId}, ${name}, ${`${name}@example.com`}, 'not-a-hash', ${name}, 'Explain', now(), now())`,
    );
  }
  for (const conversationId of [CONVERSATION, OTHER_CONVERSATION]) {
    await db.query(
      sql`INSERT INTO conversations (conversation_id, created_by_id, kind, last_activity_at, created_at) VALUES (${conversationId}, ${ALICE}, 'group', now(), now())`,
    );
    await db.query(
      sql`INSERT INTO conversation_participants (conversation_id, user_id, joined_at) VALUES (${conversationId}, ${ALICE}, now()), (${conversationId}, ${BOB}, now())`,
    );
    // One statement for the whole history: alternating senders, one second apart, millisecond timestamps.
    await db.query(
      sql`INSERT INTO messages (message_id, conversation_id, sender_id, message_body, sent_at)
          SELECT gen_random_uuid(), ${conversationId}, CASE WHEN i % 2 = 0 THEN ${ALICE} ELSE ${BOB} END::uuid,
                 'message ' || i, timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second'
            FROM generate_series(1, ${messages}::int) AS i`,
    );
    // The API keeps this count as it adds and removes messages; a bulk load sets it once.
    await db.query(sql`UPDATE conversations SET message_count = ${messages} WHERE conversation_id = ${conversationId}`);
  }
  await db.query(sql`ANALYZE`);
}

/** The position of the n-th message (1 = oldest) of the conversation. */
async function nthPosition(db: Database, n: number, conversationId = CONVERSATION): Promise<{ sentAt: Date; messageId: string }> {
  const [row] = await db.query<{ sent_at: Date; message_id: string }>(
    sql`SELECT sent_at, message_id FROM messages WHERE conversation_id = ${conversationId} ORDER BY sent_at, message_id OFFSET ${n - 1} LIMIT 1`,
  );
  return { sentAt: new Date(row.sent_at), messageId: row.message_id };
}

async function explain(db: Database, statement: string): Promise<string> {
  const [rows] = (await db.sequelize.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement}`)) as [Array<Record<string, string>>, unknown];
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/**
 * Fills the database and explains, on the filled conversation: the unread count for one reader (as on
 * the conversation list), the unread totals (GET /users/me/unread/), a cursor page near the start of
 * history, and for contrast the same page asked for by number.
 */
export async function collectQueryPlans(
  db: Database,
  record: SqlRecorder,
  messages = DEFAULT_MESSAGE_COUNT,
): Promise<{ plans: QueryPlan[]; facts: string[] }> {
  await fill(db, messages);
  const conversations = new ConversationsRepository(db);
  const conversationsQueries = new ConversationsQueries(db);
  const messagesQueries = new MessagesQueries(db);
  // The reader is 1 000 messages behind; the cursor sits 1 000 messages after the start of history.
  const behind = Math.min(1000, Math.floor(messages / 10));
  const readUpTo = messages - behind;
  await conversations.advanceReadMarker(CONVERSATION, BOB, await nthPosition(db, readUpTo));
  // In the other conversation the reader is nearly up to date (10 messages behind).
  await conversations.advanceReadMarker(OTHER_CONVERSATION, BOB, await nthPosition(db, messages - 10, OTHER_CONVERSATION));
  const markers = await conversationsQueries.readMarkersOf(BOB);
  const positionIn = (conversationId: string) => {
    const marker = markers.get(conversationId);
    return {
      conversationId,
      userId: BOB,
      position: marker?.lastReadSentAt ? { sentAt: marker.lastReadSentAt, messageId: marker.lastReadMessageId as string } : null,
    };
  };
  const depth = behind;
  const deep = await nthPosition(db, depth);
  const scope = { conversationId: CONVERSATION, filters: {} };

  const unread = await record(() => messagesQueries.countUnread([positionIn(CONVERSATION)]));
  const totals = await record(() => messagesQueries.countUnread([positionIn(CONVERSATION), positionIn(OTHER_CONVERSATION)]));
  const cursorPage = await record(() => messagesQueries.listFrom({ scope, direction: 'older', from: deep, limit: PAGE_SIZE }));
  const newestOnPage = cursorPage.result.rows[0];
  const probe = await record(() => messagesQueries.existsBeyond(scope, 'newer', newestOnPage));
  // Newest first, the messages older than message `depth` start right after the newest messages - depth + 1.
  const offsetPage = await record(() =>
    messagesQueries.list({ scope, ordering: '-sent_at', offset: messages - depth + 1, limit: PAGE_SIZE }),
  );
  // A search for a number in one message body of several hundred ('message 14242', 'message 114242', …).
  const searchScope = { conversationId: CONVERSATION, filters: { search: '14242' } };
  const searchPage = await record(() => messagesQueries.list({ scope: searchScope, ordering: '-sent_at', offset: 0, limit: PAGE_SIZE }));

  const [version] = await db.query<{ version: string }>(sql`SELECT version()`);
  const facts = [
    `Server: ${version.version}`,
    `Messages: ${messages.toLocaleString('en')} in the conversation explained, as many again in another one (${(2 * messages).toLocaleString('en')} rows in the table)`,
    `Read marker: on message ${readUpTo.toLocaleString('en')}, so ${behind.toLocaleString('en')} messages follow it, ${unread.result.get(CONVERSATION)?.toLocaleString('en')} of them from the other person (unread); in the other conversation, 10 messages behind (${(totals.result.get(OTHER_CONVERSATION) ?? 0).toLocaleString('en')} unread)`,
    `Cursor page: the ${PAGE_SIZE} messages before message ${depth.toLocaleString('en')}, i.e. ${(messages - depth).toLocaleString('en')} messages back from the newest`,
  ];
  const plan = async (title: string, note: string, statements: string[], index = 0): Promise<QueryPlan> => ({
    title,
    note,
    sql: statements[index],
    plan: await explain(db, statements[index]),
  });
  return {
    facts,
    plans: [
      await plan(
        'Unread count of one conversation (conversation list, POST …/read/)',
        'A range scan of messages_conversation_sent_at_id_idx from the read marker on: only the messages after the marker are visited.',
        unread.statements,
      ),
      await plan(
        'Unread totals (GET /users/me/unread/)',
        'The same range count, once per conversation of the reader (their read markers, read first, are its input).',
        totals.statements,
      ),
      await plan(
        'A deep cursor page (GET …/messages/?before=…)',
        'The row-value comparison is an index condition; the scan stops after page_size + 1 rows, however deep the cursor is.',
        cursorPage.statements,
      ),
      await plan('The probe for the other side of a cursor page (whether newer messages exist)', 'One index entry read.', probe.statements),
      await plan(
        'For contrast: the same page by number (GET …/messages/?page=…)',
        "OFFSET has to walk and discard every row before the page. (The total beside it is the conversation's message_count, one row: see the next plan.)",
        offsetPage.statements,
        offsetPage.statements.length - 1,
      ),
      await plan(
        'The total of an unfiltered numbered page',
        'Kept on the conversation by the statements that add and remove messages: one primary-key read, where count(*) read the whole conversation.',
        offsetPage.statements,
        0,
      ),
      await plan(
        'A search page and its total (GET …/messages/?search=…)',
        "One statement: the matches (ids and times) found once by the trigram GIN index messages_body_trgm_idx (ILIKE '%term%'; without it, every message of the conversation was read), counted, and the page sorted out of them; only the page's rows are read in full (messages_pkey). Two forms behind one-time filters, one runs: the index led by the conversation, or, for a conversation of 100,000 messages or more holding at least half of all messages (as here), by the word alone (never executed marks the other).",
        searchPage.statements,
        0,
      ),
    ],
  };
}

export function toMarkdown({ plans, facts }: { plans: QueryPlan[]; facts: string[] }): string {
  const sections = plans.map(
    (plan) => `## ${plan.title}\n\n${plan.note}\n\n\`\`\`sql\n${plan.sql.trim()}\n\`\`\`\n\n\`\`\`\n${plan.plan}\n\`\`\`\n`,
  );
  return [
    '# Query plans',
    '',
    'Generated by `DATABASE_URL=… npm run db:explain` (apps/api/src/cli/explain-plans.ts): the SQL is captured from the',
    "repositories' own code, then run under EXPLAIN (ANALYZE, BUFFERS). Timings vary by machine; the plan shapes are the point.",
    '',
    ...facts.map((fact) => `- ${fact}`),
    '',
    ...sections,
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadCliConfig(process.env);
  const messages = process.argv[2] === undefined ? DEFAULT_MESSAGE_COUNT : Number(process.argv[2]);
  if (!Number.isInteger(messages) || messages < 100)
    throw new Error(`The message count must be a whole number of at least 100, got ${process.argv[2]}`);
  const scratch = config.databaseUrl ? await createScratchDatabase(config.databaseUrl, 'messaging_explain') : undefined;
  const recorder = sqlRecorder();
  const db = await openDatabase({ databaseUrl: scratch?.url, pgliteDataDir: 'memory://', logSql: recorder.log });
  try {
    console.error(`Explaining on ${scratch ? describeDatabase(config) : 'an in-memory embedded database'} with ${messages} messages…`);
    await db.migrate({ info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined });
    console.log(toMarkdown(await collectQueryPlans(db, recorder.record, messages)));
  } finally {
    await db.close();
    await scratch?.drop();
  }
}

if (require.main === module) runCli('db:explain', main);

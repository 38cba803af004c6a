/**
 * The benchmark's dataset, bulk-loaded with a few INSERT … SELECT generate_series statements into a
 * database our migrations made. Ids are derived from row numbers (md5 of "kind:n", shaped as a v4
 * UUID) so the harness knows them without reading them back.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { Scale } from './options';

export interface DatasetSizes {
  users: number;
  conversations: number;
  /** Messages in the one huge conversation (the deep-history and scaling case). */
  hugeMessages: number;
  /** Messages in the conversation compared with the seed's figures (it measured a 10k conversation). */
  mediumMessages: number;
  /** Messages in the conversation compared with the huge one for list scaling. */
  smallMessages: number;
  /** Messages in every other conversation. */
  messagesPerOtherConversation: number;
  /** Conversations of the busiest user (the conversation-list scaling case)... */
  busyUserConversations: number;
  /** ...and of the quietest. */
  quietUserConversations: number;
}

export const SIZES: Record<Scale, DatasetSizes> = {
  full: {
    users: 1_000,
    conversations: 10_000,
    hugeMessages: 1_000_000,
    mediumMessages: 10_000,
    smallMessages: 1_000,
    messagesPerOtherConversation: 10,
    busyUserConversations: 1_000,
    quietUserConversations: 10,
  },
  smoke: {
    users: 20,
    conversations: 60,
    hugeMessages: 5_000,
    mediumMessages: 1_000,
    smallMessages: 100,
    messagesPerOtherConversation: 3,
    busyUserConversations: 30,
    quietUserConversations: 10,
  },
};

/** Seconds between two messages of a conversation, per kind of conversation. */
const HUGE_STEP = 30;
const MEDIUM_STEP = 300;
const OTHER_STEP = 3600;

/** The bodies messages cycle through; one in eight mentions lunch, which the search scenarios look for. */
const SENTENCES = [
  'Are we still on for lunch on Friday? I can book the place near the office.',
  'I pushed the latest changes to the project plan, have a look when you can.',
  'The train was late again this morning, so I will join the call from home.',
  'Happy birthday! Hope you have a wonderful day with the family.',
  'Can you send me the photos from the weekend trip to the coast?',
  'Reminder: the rent is due on Monday, I will transfer my half tonight.',
  'That film was better than I expected, the ending was a real surprise.',
  'Thanks for your help with the move, dinner is on me next week.',
];
export const SEARCH_TERM = 'lunch';
/** One message in a thousand is this one instead: the rare-word search on the huge conversation. */
const RARE_SENTENCE = 'Did you see the aurora last night? The whole sky was green.';
export const RARE_SEARCH_TERM = 'aurora';

export const BENCH_PASSWORD = 'benchmark-password-1';

export interface BenchUser {
  userId: string;
  username: string;
}

export interface Dataset {
  sizes: DatasetSizes;
  /** Sends the busy user's messages of every scenario; in every conversation below. */
  busyUser: BenchUser;
  quietUser: BenchUser;
  conversations: {
    huge: string;
    medium: string;
    small: string;
    /** Small conversations the send scenario spreads its messages over. */
    sendTargets: string[];
  };
  /** When the newest message was sent; every other timestamp is before it. */
  newestAt: Date;
  loadSeconds: number;
}

export function benchUuid(kind: string, n: number): string {
  const hex = createHash('md5').update(`${kind}:${n}`).digest('hex');
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
}

/** The SQL twin of benchUuid, for an integer SQL expression. */
function uuidSql(kind: string, expression: string): string {
  return `overlay(overlay(md5('${kind}:' || (${expression})) placing '4' from 13) placing '8' from 17)::uuid`;
}

const username = (n: number) => `bench_user_${String(n).padStart(4, '0')}`;
const usernameSql = (expression: string) => `'bench_user_' || lpad((${expression})::text, 4, '0')`;

/**
 * Who talks to whom. User 0 (busy) is in the first `busyUserConversations` conversations, the last
 * user (quiet) in the next `quietUserConversations`; every other conversation pairs two of the
 * remaining users, spread evenly. Conversations 0, 1 and 2 are the huge, medium and small ones.
 */
function pairsSql(s: DatasetSizes): string {
  const others = s.users - 2;
  const quietFrom = s.busyUserConversations;
  const quietTo = quietFrom + s.quietUserConversations;
  return `
    CREATE TEMP TABLE bench_pairs AS
    SELECT c,
           CASE WHEN c < ${quietFrom} THEN 0 WHEN c < ${quietTo} THEN ${s.users - 1} ELSE 1 + c % ${others} END AS a,
           CASE WHEN c < ${quietTo} THEN 1 + c % ${others}
                ELSE 1 + (c % ${others} + 1 + (c * 7) % ${others - 1}) % ${others} END AS b
      FROM generate_series(0, ${s.conversations - 1}) AS c`;
}

function messagesSql(s: DatasetSizes): string {
  const count = `CASE c WHEN 0 THEN ${s.hugeMessages} WHEN 1 THEN ${s.mediumMessages} WHEN 2 THEN ${s.smallMessages} ELSE ${s.messagesPerOtherConversation} END`;
  const step = `CASE c WHEN 0 THEN ${HUGE_STEP} WHEN 1 THEN ${MEDIUM_STEP} ELSE ${OTHER_STEP} END`;
  const sentences = `ARRAY[${SENTENCES.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')}]`;
  // Conversation c's newest message is c seconds before the dataset's newest, so the conversation
  // list has a stable order; sent_at is whole seconds, within the application's millisecond precision.
  return `
    INSERT INTO messages (message_id, conversation_id, sender_id, message_body, sent_at, edited_at)
    SELECT gen_random_uuid(), ${uuidSql('conversation', 'c')},
           ${uuidSql('user', 'CASE WHEN n % 2 = 0 THEN a ELSE b END')},
           CASE WHEN n % 1000 = 0 THEN '${RARE_SENTENCE}' ELSE (${sentences})[1 + (n + c) % ${SENTENCES.length}] END || ' (#' || n || ')',
           $1::timestamptz - make_interval(secs => c + (${count} - n) * ${step}),
           NULL
      FROM bench_pairs CROSS JOIN LATERAL generate_series(1, ${count}) AS n`;
}

function validate(s: DatasetSizes): void {
  const special = 3;
  if (s.users < 4) throw new Error('The dataset needs at least 4 users.');
  if (s.busyUserConversations < special + 1) throw new Error('The busy user needs more conversations than the three special ones.');
  if (s.busyUserConversations + s.quietUserConversations > s.conversations)
    throw new Error('Not enough conversations for the busy and quiet users.');
  if (s.messagesPerOtherConversation < 1) throw new Error('Every conversation needs a message.');
}

async function timed(label: string, work: () => Promise<unknown>, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  await work();
  log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Loads the dataset into `databaseUrl` (already migrated). Every user gets `passwordHash`, one real
 * hash of BENCH_PASSWORD made by the API's own password code, so sign-in pays the real KDF cost.
 */
export async function loadDataset(options: {
  databaseUrl: string;
  scale: Scale;
  hugeMessages?: number;
  passwordHash: string;
  log: (line: string) => void;
}): Promise<Dataset> {
  const s = { ...SIZES[options.scale], ...(options.hugeMessages ? { hugeMessages: options.hugeMessages } : {}) };
  validate(s);
  const { log } = options;
  const newestAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    await timed('pairs', () => client.query(pairsSql(s)), log);
    await timed(
      `${s.users} users`,
      () =>
        client.query(
          `INSERT INTO users (user_id, username, email, password_hash, first_name, last_name, phone_number, role, is_staff, is_active, created_at, updated_at)
         SELECT ${uuidSql('user', 'n')}, ${usernameSql('n')}, ${usernameSql('n')} || '@example.com', $2,
                'First' || n, 'Last' || n, NULL, 'guest', false, true,
                $1::timestamptz - interval '500 days' + make_interval(secs => n), $1::timestamptz - interval '500 days' + make_interval(secs => n)
           FROM generate_series(0, ${s.users - 1}) AS n`,
          [newestAt, options.passwordHash],
        ),
      log,
    );
    await timed(
      `${s.conversations} conversations and their participants`,
      async () => {
        await client.query(
          `INSERT INTO conversations (conversation_id, created_by_id, last_activity_at, created_at)
         SELECT ${uuidSql('conversation', 'c')}, ${uuidSql('user', 'a')}, $1::timestamptz - make_interval(secs => c), $1::timestamptz - interval '400 days'
           FROM bench_pairs`,
          [newestAt],
        );
        await client.query(
          `INSERT INTO conversation_participants (conversation_id, user_id, joined_at)
         SELECT ${uuidSql('conversation', 'c')}, ${uuidSql('user', 'p')}, $1::timestamptz - interval '400 days'
           FROM bench_pairs CROSS JOIN LATERAL (VALUES (a), (b)) AS members(p)`,
          [newestAt],
        );
      },
      log,
    );
    const totalMessages = s.hugeMessages + s.mediumMessages + s.smallMessages + (s.conversations - 3) * s.messagesPerOtherConversation;
    await timed(`${totalMessages.toLocaleString('en')} messages`, () => client.query(messagesSql(s), [newestAt]), log);
    // The API keeps each conversation's message count as it adds and removes messages; a bulk load sets it once.
    await timed(
      'message counts',
      () =>
        client.query(
          `UPDATE conversations c SET message_count = counted.n
           FROM (SELECT conversation_id, count(*) AS n FROM messages GROUP BY conversation_id) counted
          WHERE counted.conversation_id = c.conversation_id`,
        ),
      log,
    );
    // Everyone has read all but their conversation's two newest messages, as in an app people use:
    // unread counts stay small, and counting them costs a short index range, not the whole history.
    await timed(
      'read markers',
      () =>
        client.query(
          `UPDATE conversation_participants p
            SET (last_read_sent_at, last_read_message_id) = (
              SELECT m.sent_at, m.message_id FROM messages m
               WHERE m.conversation_id = p.conversation_id
               ORDER BY m.sent_at DESC, m.message_id DESC OFFSET 2 LIMIT 1)`,
        ),
      log,
    );
    // Fresh statistics and a visibility map, as a long-running database would have: the planner and
    // index-only scans depend on them.
    await timed('VACUUM ANALYZE', () => client.query('VACUUM ANALYZE'), log);
  } finally {
    await client.end();
  }

  const sendTargetCount = Math.min(32, s.busyUserConversations - 3);
  return {
    sizes: s,
    busyUser: { userId: benchUuid('user', 0), username: username(0) },
    quietUser: { userId: benchUuid('user', s.users - 1), username: username(s.users - 1) },
    conversations: {
      huge: benchUuid('conversation', 0),
      medium: benchUuid('conversation', 1),
      small: benchUuid('conversation', 2),
      sendTargets: Array.from({ length: sendTargetCount }, (_, i) => benchUuid('conversation', 3 + i)),
    },
    newestAt,
    loadSeconds: (performance.now() - started) / 1000,
  };
}

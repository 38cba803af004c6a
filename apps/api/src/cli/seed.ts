/**
 * `npm run db:seed`: demo users, conversations and messages, so Swagger UI can be tried at once.
 *
 * Safe to run again: users that exist are left alone and a conversation whose participants already
 * talk together is skipped, so nothing is duplicated and an interrupted run can simply be repeated.
 * Everything goes through the same services the API uses (hashing, validation of participants...).
 *
 * With the embedded database (no DATABASE_URL), stop the API first: only one process may open the
 * data folder, and this command refuses to run while it is in use.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Caller } from '../modules/users';
import type { Conversation } from '../modules/conversations';
import { compose, type Composition } from '../app/composition-root';
import { describeDatabase, loadCliConfig, runCli, withDatabase } from './support';

/** Every demo user's password. Demo data only: never seed a database that faces the internet. */
export const DEMO_PASSWORD = 'messaging-demo-pass';

export const DEMO_USERS = [
  { username: 'kwame', email: 'kwame@example.com', first_name: 'Kwame', last_name: 'Mensah', phone_number: '+233201234567' },
  { username: 'ama', email: 'ama@example.com', first_name: 'Ama', last_name: 'Owusu', phone_number: '+233241234567' },
  { username: 'kofi', email: 'kofi@example.com', first_name: 'Kofi', last_name: 'Boateng', phone_number: '+233501234567' },
] as const;

type DemoUsername = (typeof DEMO_USERS)[number]['username'];

/** The first participant starts the conversation; messages are sent in this order. */
export const DEMO_CONVERSATIONS: ReadonlyArray<{
  participants: readonly DemoUsername[];
  messages: ReadonlyArray<readonly [DemoUsername, string]>;
}> = [
  {
    participants: ['kwame', 'ama'],
    messages: [
      ['kwame', 'Hi Ama, are we still on for Friday?'],
      ['ama', 'Yes! Dinner in Osu at 7?'],
      ['kwame', 'Perfect. I will book a table for two.'],
      ['ama', 'Great, see you there.'],
    ],
  },
  {
    participants: ['kwame', 'ama', 'kofi'],
    messages: [
      ['kwame', 'Welcome to the group chat, everyone.'],
      ['kofi', 'Thanks Kwame! Who is bringing the drinks on Saturday?'],
      ['ama', 'I will get sobolo and some water.'],
      ['kofi', 'Then I will bring the kelewele.'],
      ['kwame', 'Sounds like a plan. Kick-off at 4pm.'],
    ],
  },
];

export interface SeedReport {
  /** One line per thing done or skipped, in order. */
  lines: string[];
  usersCreated: number;
  conversationsCreated: number;
  messagesSent: number;
}

export async function seedDemoData(services: Composition): Promise<SeedReport> {
  const report: SeedReport = { lines: [], usersCreated: 0, conversationsCreated: 0, messagesSent: 0 };
  const callers = await ensureDemoUsers(services, report);
  for (const conversation of DEMO_CONVERSATIONS) {
    await ensureConversation(conversation, callers, services, report);
  }
  return report;
}

async function ensureDemoUsers(services: Composition, report: SeedReport): Promise<Map<DemoUsername, Caller>> {
  const callers = new Map<DemoUsername, Caller>();
  for (const demo of DEMO_USERS) {
    const existing = await services.users.findByUsername(demo.username);
    if (existing) {
      report.lines.push(`user ${demo.username}: already exists, left unchanged`);
      callers.set(demo.username, { userId: existing.userId, username: existing.username, role: existing.role, isStaff: existing.isStaff });
      continue;
    }
    const created = await services.users.registerUser({ input: { ...demo, password: DEMO_PASSWORD } });
    report.lines.push(`user ${demo.username}: created (${demo.first_name} ${demo.last_name})`);
    report.usersCreated += 1;
    callers.set(demo.username, { userId: created.user_id, username: created.username, role: created.role, isStaff: created.is_staff });
  }
  return callers;
}

async function ensureConversation(
  demo: (typeof DEMO_CONVERSATIONS)[number],
  callers: Map<DemoUsername, Caller>,
  services: Composition,
  report: SeedReport,
): Promise<void> {
  const label = demo.participants.join(', ');
  const [creator, ...others] = demo.participants.map((username) => callers.get(username) as Caller);
  const wanted = new Set(demo.participants.map((username) => (callers.get(username) as Caller).userId));
  if (await findConversationWith(services, creator, wanted)) {
    report.lines.push(`conversation ${label}: already exists, skipped`);
    return;
  }

  const { body: conversation } = await services.conversations.createConversation({
    caller: creator,
    input: { participant_ids: others.map((user) => user.userId) },
  });
  for (const [sender, body] of demo.messages) {
    await services.messages.writing.sendMessage({
      caller: callers.get(sender) as Caller,
      conversationId: conversation.conversation_id,
      body,
    });
    // sent_at has millisecond precision: a tick between messages keeps them in the order written.
    await delay(2);
  }
  report.lines.push(`conversation ${label}: created with ${demo.messages.length} messages`);
  report.conversationsCreated += 1;
  report.messagesSent += demo.messages.length;
}

/** A conversation of `caller` whose participants are exactly `userIds`, if there is one. */
async function findConversationWith(services: Composition, caller: Caller, userIds: Set<string>): Promise<Conversation | undefined> {
  const pageSize = 100;
  for (let page = 1; ; page += 1) {
    const { count, results } = await services.conversations.listConversations({ caller, page: { page, pageSize } });
    const match = results.find(
      (conversation) =>
        conversation.participants.length === userIds.size && conversation.participants.every((user) => userIds.has(user.user_id)),
    );
    if (match || page * pageSize >= count) return match;
  }
}

function summary(report: SeedReport): string {
  const signIn = `Sign in as ${DEMO_USERS.map((user) => user.username).join(', ')} with the password "${DEMO_PASSWORD}".`;
  if (report.usersCreated + report.conversationsCreated === 0) return `Nothing to do: the demo data is already there. ${signIn}`;
  return (
    `Created ${report.usersCreated} users, ${report.conversationsCreated} conversations and ` + `${report.messagesSent} messages. ${signIn}`
  );
}

async function main(): Promise<void> {
  const config = loadCliConfig(process.env);
  console.log(`Seeding demo data into ${describeDatabase(config)}`);
  const report = await withDatabase(config, (db) => seedDemoData(compose(config, db)));
  for (const line of report.lines) console.log(`  ${line}`);
  console.log(summary(report));
}

if (require.main === module) runCli('db:seed', main);

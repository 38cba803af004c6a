/**
 * Nothing acknowledged is lost, nothing retried is doubled: concurrent senders, each message with an
 * Idempotency-Key and retried by the client until it is acknowledged, while PostgreSQL is restarted
 * once in the middle. Afterwards every message that got a 201 is in the database exactly once.
 *
 * CI runs it for 15 s inside `npm test`; the long form (60 s, figures in docs/reliability.md) is
 *   npm run reliability:no-lost-messages
 * NO_LOST_MESSAGES_SECONDS sets the duration, NO_LOST_MESSAGES_REPORT a file for the figures as JSON.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { openDatabase, sql } from '@messaging-app/shared';
import { API, sleep } from './support/api';
import { describeWithPostgres, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { assertBuilt, launchHealthy, registerOver, stop, type ServerProcess } from './support/processes';
import { GENEROUS_RATE_LIMITS } from './support/test-server';

const SECONDS = Number(process.env.NO_LOST_MESSAGES_SECONDS ?? 15);
const SENDERS = 8;
/** A message still unacknowledged this long after its first attempt counts as lost by the client. */
const GIVE_UP_AFTER_MS = 60_000;
const ATTEMPT_TIMEOUT_MS = 10_000;
const BODY_PREFIX = 'no-lost';
/**
 * Share of messages whose first attempt the client hangs up on after a few milliseconds, as a phone
 * losing its network does: the server may commit with nobody to hear the 201, so the retry must get
 * that stored answer back (a replay), not a second message.
 */
const HANG_UP_SHARE = 0.05;

interface Sender {
  userId: string;
  auth: string;
  conversationIds: string[];
}

interface Figures {
  seconds: number;
  senders: number;
  restart: { atSeconds: number; databaseDownMs: number };
  /** Distinct messages the senders tried to send (one Idempotency-Key each). */
  messages: number;
  acknowledged: number;
  attempts: number;
  retries: number;
  /** 201s that were a stored answer replayed for a retried key (`Idempotent-Replayed: true`). */
  replayed: number;
  statuses5xx: Record<string, number>;
  connectionErrors: number;
  timeouts: number;
  /** First attempts the client deliberately abandoned after a few milliseconds (HANG_UP_SHARE). */
  hungUp: number;
  otherStatuses: Record<string, number>;
  /** Messages the client gave up on (never acknowledged within GIVE_UP_AFTER_MS). */
  unacknowledged: number;
  foundInDatabase: number;
  foundExactlyOnce: number;
  duplicated: number;
  missing: number;
  /** Rows of this run whose key was never acknowledged (committed, answer lost, never retried to a 201). */
  unacknowledgedRows: number;
}

describeWithPostgres('no lost messages across a PostgreSQL restart', () => {
  let postgres: PrivatePostgres;
  let api: ServerProcess & { url: string };

  async function call(
    path: string,
    init: { method: string; auth?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number },
  ): Promise<Response> {
    return fetch(`${api.url}${API}${path}`, {
      method: init.method,
      headers: { 'Content-Type': 'application/json', ...(init.auth ? { Authorization: init.auth } : {}), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? ATTEMPT_TIMEOUT_MS),
    });
  }

  async function expectJson(response: Promise<Response>, status: number): Promise<Record<string, unknown>> {
    const res = await response;
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(body)}`);
    return body;
  }

  async function register(): Promise<Sender> {
    return { ...(await registerOver(api.url, 'nolost')), conversationIds: [] };
  }

  beforeAll(async () => {
    assertBuilt();
    postgres = await startPrivatePostgres();
    api = await launchHealthy({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: postgres.url,
      JWT_SECRET: 'no-lost-messages-secret-'.padEnd(40, 'x'),
      ...GENEROUS_RATE_LIMITS,
    });
  }, 120_000);
  afterAll(async () => {
    if (api) await stop(api);
    await postgres?.destroy();
  });

  it(
    `When ${SENDERS} senders retry with Idempotency-Keys for ${SECONDS} s while PostgreSQL restarts, then every acknowledged message is stored exactly once`,
    async () => {
      // Arrange: senders in one group conversation, and each in a direct conversation with the next.
      const senders = await Promise.all(Array.from({ length: SENDERS }, () => register()));
      const group = await expectJson(
        call('/conversations/', {
          method: 'POST',
          auth: senders[0].auth,
          body: { participant_ids: senders.slice(1).map((s) => s.userId), title: 'no lost messages' },
        }),
        201,
      );
      for (const [index, sender] of senders.entries()) {
        const next = senders[(index + 1) % SENDERS];
        const direct = await expectJson(
          call('/conversations/', { method: 'POST', auth: sender.auth, body: { participant_ids: [next.userId] } }),
          201,
        );
        sender.conversationIds.push(group.conversation_id as string, direct.conversation_id as string);
      }
      for (const [index, sender] of senders.entries()) {
        const previous = senders[(index + SENDERS - 1) % SENDERS];
        sender.conversationIds.push(previous.conversationIds[1]);
      }

      const figures: Figures = {
        seconds: SECONDS,
        senders: SENDERS,
        restart: { atSeconds: SECONDS / 2, databaseDownMs: 0 },
        messages: 0,
        acknowledged: 0,
        attempts: 0,
        retries: 0,
        replayed: 0,
        statuses5xx: {},
        connectionErrors: 0,
        timeouts: 0,
        hungUp: 0,
        otherStatuses: {},
        unacknowledged: 0,
        foundInDatabase: 0,
        foundExactlyOnce: 0,
        duplicated: 0,
        missing: 0,
        unacknowledgedRows: 0,
      };
      const acknowledged = new Map<string, { messageId: string; body: string }>();
      const count = (bucket: Record<string, number>, status: number) => (bucket[status] = (bucket[status] ?? 0) + 1);

      /** One message, retried with the same key (backoff up to 1 s) until a 201 or the client gives up. */
      async function sendUntilAcknowledged(sender: Sender, conversationId: string): Promise<void> {
        const key = randomUUID();
        const body = `${BODY_PREFIX} ${key}`;
        const firstAttemptAt = Date.now();
        figures.messages += 1;
        for (let attempt = 0; Date.now() - firstAttemptAt < GIVE_UP_AFTER_MS; attempt += 1) {
          if (attempt > 0) {
            figures.retries += 1;
            await sleep(Math.min(1_000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
          }
          figures.attempts += 1;
          const hangUp = attempt === 0 && Math.random() < HANG_UP_SHARE;
          let res: Response;
          try {
            res = await call(`/conversations/${conversationId}/messages/`, {
              method: 'POST',
              auth: sender.auth,
              body: { message_body: body },
              headers: { 'Idempotency-Key': key },
              timeoutMs: hangUp ? 1 + Math.floor(Math.random() * 30) : undefined,
            });
          } catch (error) {
            const timedOut = (error as Error).name === 'TimeoutError';
            if (hangUp && timedOut) figures.hungUp += 1;
            else if (timedOut) figures.timeouts += 1;
            else figures.connectionErrors += 1;
            continue;
          }
          const answer = (await res.json().catch(() => ({}))) as { message_id?: string; message_body?: string };
          if (res.status === 201) {
            if (res.headers.get('idempotent-replayed') === 'true') figures.replayed += 1;
            expect(answer.message_body).toBe(body);
            acknowledged.set(key, { messageId: answer.message_id as string, body });
            figures.acknowledged += 1;
            return;
          }
          if (res.status >= 500) count(figures.statuses5xx, res.status);
          else count(figures.otherStatuses, res.status);
        }
        figures.unacknowledged += 1;
      }

      // Act: send until the deadline, restarting PostgreSQL (fast shutdown: sessions cut) half-way.
      const deadline = Date.now() + SECONDS * 1000;
      const workers = senders.map(async (sender, index) => {
        for (let n = index; Date.now() < deadline; n += 1)
          await sendUntilAcknowledged(sender, sender.conversationIds[n % sender.conversationIds.length]);
      });
      const restart = (async () => {
        await sleep((SECONDS * 1000) / 2);
        const down = Date.now();
        await postgres.stop();
        await sleep(1_000);
        await postgres.start();
        figures.restart.databaseDownMs = Date.now() - down;
      })();
      await Promise.all([...workers, restart]);

      // Assert: read what the database holds, with a connection of the test's own.
      const db = await openDatabase({ databaseUrl: postgres.url, poolMax: 1 });
      let rows: Array<{ message_id: string; message_body: string }>;
      try {
        rows = await db.query<{ message_id: string; message_body: string }>(
          sql`SELECT message_id, message_body FROM messages WHERE message_body LIKE ${`${BODY_PREFIX} %`}`,
        );
      } finally {
        await db.close();
      }
      const rowsByBody = new Map<string, string[]>();
      for (const row of rows) rowsByBody.set(row.message_body, [...(rowsByBody.get(row.message_body) ?? []), row.message_id]);
      const ackedBodies = new Set([...acknowledged.values()].map((ack) => ack.body));
      figures.foundInDatabase = rows.length;
      for (const ack of acknowledged.values()) {
        const ids = rowsByBody.get(ack.body) ?? [];
        if (ids.length === 0) figures.missing += 1;
        else if (ids.length === 1 && ids[0] === ack.messageId) figures.foundExactlyOnce += 1;
      }
      figures.duplicated = [...rowsByBody.values()].filter((ids) => ids.length > 1).length;
      figures.unacknowledgedRows = [...rowsByBody.keys()].filter((body) => !ackedBodies.has(body)).length;

      console.info(`no lost messages (${SECONDS} s):\n${JSON.stringify(figures, null, 2)}`);
      if (process.env.NO_LOST_MESSAGES_REPORT) writeFileSync(process.env.NO_LOST_MESSAGES_REPORT, `${JSON.stringify(figures, null, 2)}\n`);

      expect(figures.restart.databaseDownMs).toBeGreaterThan(0);
      // The restart really hurt: some attempts failed and were retried (else the check proves nothing),
      // and some answers were lost after the commit, so retries got the stored 201 back.
      expect(figures.statuses5xx['503'] ?? 0).toBeGreaterThan(0);
      expect(figures.replayed).toBeGreaterThan(0);
      expect(figures.acknowledged).toBeGreaterThan(SENDERS * 10);
      expect(figures.unacknowledged).toBe(0);
      expect(figures.missing).toBe(0);
      expect(figures.duplicated).toBe(0);
      expect(figures.foundExactlyOnce).toBe(figures.acknowledged);
      expect(figures.unacknowledgedRows).toBe(0);
      // A database that is down is a 503 to retry, never a 500; nothing else went wrong.
      expect(Object.keys(figures.statuses5xx).filter((status) => status !== '503')).toEqual([]);
      expect(figures.otherStatuses).toEqual({});
      expect(api.child.exitCode).toBeNull();
      expect(api.output()).not.toMatch(/uncaught|unhandled rejection/i);
    },
    (SECONDS + 120) * 1000,
  );
});

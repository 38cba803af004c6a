/**
 * Authentication from memory across API processes: two dist/main.js processes on one PostgreSQL keep
 * who a token belongs to in memory, and every change to a user's row, wherever it is made, still
 * reaches both: through the API at once on the instance that made it and within a second on the
 * other, from psql within a second, and with the change listeners cut, too.
 */
import pg from 'pg';
import request from 'supertest';
import { API, sleep } from './support/api';
import { describeWithPostgres, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { assertBuilt, launchHealthy, registerOver, stop, type ProcessUser, type ServerProcess } from './support/processes';
import { GENEROUS_RATE_LIMITS } from './support/test-server';

describeWithPostgres('two API instances authenticating from memory', () => {
  let postgres: PrivatePostgres;
  let sql: pg.Client;
  let a: ServerProcess & { url: string };
  let b: ServerProcess & { url: string };
  let staff: ProcessUser;

  beforeAll(async () => {
    assertBuilt();
    postgres = await startPrivatePostgres();
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: postgres.url, JWT_SECRET: 'auth-state-test-secret-'.padEnd(40, 'x'), ...GENEROUS_RATE_LIMITS };
    // One after the other: the first applies the migrations.
    a = await launchHealthy(env);
    b = await launchHealthy(env);
    sql = new pg.Client({ connectionString: postgres.url });
    await sql.connect();
    staff = await registerOver(a.url, 'authstaff');
    await sql.query('UPDATE users SET is_staff = true WHERE user_id = $1', [staff.userId]);
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    if (a) await stop(a);
    if (b) await stop(b);
    await postgres?.destroy();
  });

  const me = (url: string, user: ProcessUser) => request(url).get(`${API}/users/me/`).set('Authorization', user.auth);

  /** Asks `url` for the user's profile until `done` says so; returns how long that took. */
  async function untilSeen(url: string, user: ProcessUser, done: (res: request.Response) => boolean, deadlineMs = 3_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const res = await me(url, user);
      if (done(res)) return Date.now() - started;
      if (Date.now() - started > deadlineMs) throw new Error(`not seen within ${deadlineMs} ms: ${res.status} ${res.text}`);
      await sleep(10);
    }
  }

  /** Each instance has answered for the user at least twice, so both hold them in memory. */
  async function warmBoth(user: ProcessUser): Promise<void> {
    for (const url of [a.url, b.url, a.url, b.url]) await me(url, user).expect(200);
  }

  it('When staff deactivate a user through instance A, then A refuses their token on the next request and B within a second', async () => {
    const user = await registerOver(a.url, 'authdeact');
    await warmBoth(user);

    await request(a.url).post(`${API}/admin/users/${user.userId}/deactivate/`).set('Authorization', staff.auth).expect(200);

    await me(a.url, user).expect(401);
    expect(await untilSeen(b.url, user, (res) => res.status === 401)).toBeLessThan(1_000);
  });

  it('When a user’s row is changed outside the API (psql), then both instances show the change within a second', async () => {
    const user = await registerOver(a.url, 'authpsql');
    await warmBoth(user);

    await sql.query("UPDATE users SET first_name = 'Changed', role = 'host' WHERE user_id = $1", [user.userId]);

    for (const url of [a.url, b.url]) {
      expect(await untilSeen(url, user, (res) => res.body.first_name === 'Changed' && res.body.role === 'host')).toBeLessThan(1_000);
    }
  });

  it('When a user is deleted outside the API, then their token stops working on both instances within a second', async () => {
    const user = await registerOver(a.url, 'authdel');
    await warmBoth(user);

    await sql.query('DELETE FROM refresh_tokens WHERE user_id = $1', [user.userId]);
    await sql.query('DELETE FROM users WHERE user_id = $1', [user.userId]);

    for (const url of [a.url, b.url]) expect(await untilSeen(url, user, (res) => res.status === 401)).toBeLessThan(1_000);
  });

  it('When the change listeners’ connections are cut and a user is deactivated meanwhile, then both instances refuse the token at once, not from memory', async () => {
    const user = await registerOver(a.url, 'authcut');
    await warmBoth(user);

    // The notification of this change goes nowhere: nobody is listening when it commits.
    await sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'messaging-app-listener'");
    await sql.query('UPDATE users SET is_active = false WHERE user_id = $1', [user.userId]);

    // Refused long before the listener is back (its first retry is a second away): with the
    // connection gone, nothing in memory is trusted.
    for (const url of [a.url, b.url]) expect(await untilSeen(url, user, (res) => res.status === 401)).toBeLessThan(600);
  });
});

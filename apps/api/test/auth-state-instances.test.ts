/**
 * Authentication from memory across API processes: two dist/main.js processes on one PostgreSQL keep
 * who a token belongs to in memory, and every change to a user's row or sessions, wherever it is made,
 * still reaches both: through the API at once on the instance that made it and within a second on the
 * other, from psql within a second, and with the change listeners cut, too. Ending a session (logout,
 * sign out everywhere, a password change) through one instance ends its access tokens and event
 * streams on the other; concurrent refreshes of one token spread over both all get the same pair.
 */
import pg from 'pg';
import request from 'supertest';
import { API, sleep } from './support/api';
import { openSse } from './support/sse';
import { describeWithPostgres, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { assertBuilt, launchHealthy, registerOver, stop, type ProcessUser, type ServerProcess } from './support/processes';
import { GENEROUS_RATE_LIMITS, TEST_PASSWORD } from './support/test-server';

describeWithPostgres('two API instances authenticating from memory', () => {
  let postgres: PrivatePostgres;
  let sql: pg.Client;
  let a: ServerProcess & { url: string };
  let b: ServerProcess & { url: string };
  let staff: ProcessUser;

  beforeAll(async () => {
    assertBuilt();
    postgres = await startPrivatePostgres();
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: postgres.url,
      JWT_SECRET: 'auth-state-test-secret-'.padEnd(40, 'x'),
      ...GENEROUS_RATE_LIMITS,
    };
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

  /** Another sign-in of the same user, through `url`. */
  async function signInOver(url: string, user: ProcessUser): Promise<ProcessUser> {
    const [row] = (await sql.query('SELECT username FROM users WHERE user_id = $1', [user.userId])).rows as Array<{ username: string }>;
    const res = await request(url).post(`${API}/token/`).send({ username: row.username, password: TEST_PASSWORD }).expect(200);
    return { userId: user.userId, auth: `Bearer ${res.body.access as string}`, refresh: res.body.refresh as string };
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

  it('When a user logs out through instance A, then A refuses that sign-in’s access token on the next request and B within a second; their other sign-in goes on', async () => {
    const user = await registerOver(a.url, 'authlogout');
    const other = await signInOver(a.url, user);
    await warmBoth(user);
    await warmBoth(other);

    await request(a.url).post(`${API}/token/logout/`).send({ refresh: user.refresh }).expect(204);

    await me(a.url, user).expect(401);
    expect(await untilSeen(b.url, user, (res) => res.status === 401)).toBeLessThan(1_000);
    for (const url of [a.url, b.url]) await me(url, other).expect(200);
  });

  it('When a user signs out everywhere through instance B, then both instances refuse every access token of theirs within a second', async () => {
    const user = await registerOver(a.url, 'authall');
    const other = await signInOver(b.url, user);
    await warmBoth(user);
    await warmBoth(other);

    await request(b.url).delete(`${API}/users/me/sessions/`).set('Authorization', other.auth).expect(204);

    for (const signIn of [user, other]) {
      await me(b.url, signIn).expect(401);
      expect(await untilSeen(a.url, signIn, (res) => res.status === 401)).toBeLessThan(1_000);
    }
  });

  it('When a user changes their password through instance A, then B refuses their access token within a second', async () => {
    const user = await registerOver(a.url, 'authpass');
    await warmBoth(user);

    await request(a.url)
      .patch(`${API}/users/${user.userId}/`)
      .set('Authorization', user.auth)
      .send({ password: 'a-brand-new-password-1', current_password: TEST_PASSWORD })
      .expect(200);

    await me(a.url, user).expect(401);
    expect(await untilSeen(b.url, user, (res) => res.status === 401)).toBeLessThan(1_000);
  });

  it('When a sign-in with an event stream open on instance B logs out through A, then the stream ends with session_ended within a second', async () => {
    const user = await registerOver(a.url, 'authstream');
    const stream = await openSse(b.url, `${API}/events`, { Authorization: user.auth });
    try {
      await stream.waitFor((frame) => frame.event === 'ready');

      const started = Date.now();
      await request(a.url).post(`${API}/token/logout/`).send({ refresh: user.refresh }).expect(204);
      const end = await stream.waitFor((frame) => frame.event === 'error', 5_000);

      // The heartbeat, which also checks, is 15 s away: this was the notification.
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(JSON.parse(end.data)).toMatchObject({ reason: 'session_ended' });
      await stream.ended;
    } finally {
      stream.close();
    }
  });

  it('When one refresh token is presented 8 times at once, spread over both instances, then all 8 answer 200 with the same pair, and the session goes on', async () => {
    const user = await registerOver(a.url, 'authrace');

    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        request(index % 2 === 0 ? a.url : b.url)
          .post(`${API}/token/refresh/`)
          .send({ refresh: user.refresh }),
      ),
    );

    expect(results.map((res) => res.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((res) => JSON.stringify(res.body))).size).toBe(1);
    const { rows } = await sql.query('SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1', [user.userId]);
    expect(rows[0].n).toBe(2);
    const pair = results[0].body as { access: string; refresh: string };
    for (const url of [a.url, b.url]) await me(url, { ...user, auth: `Bearer ${pair.access}` }).expect(200);
    await request(b.url).post(`${API}/token/refresh/`).send({ refresh: pair.refresh }).expect(200);
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

/**
 * Sessions: every sign-in is a session, and ending it ends its access tokens at once, not when they
 * expire (an hour later by default), and closes its event streams with `session_ended`. Logout ends
 * one sign-in; sign out everywhere (`DELETE /users/me/sessions/`), a password change and deactivation
 * end them all. One server here (PGlite, or PostgreSQL with DATABASE_URL); across two API processes:
 * auth-state-instances.test.ts.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/modules/auth/tokens';
import { API, expectError } from './support/api';
import { openSse, type SseClient } from './support/sse';
import { NEW_TEST_PASSWORD, startTestServer, TEST_PASSWORD, type TestServer, type TestUser } from './support/test-server';

let server: TestServer;
const streams: SseClient[] = [];

// The default heartbeat (15 s): a stream that ends within a second was ended by the check on change.
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterEach(() => {
  streams.splice(0).forEach((client) => client.close());
  expect(server.leaks).toEqual([]);
});
afterAll(() => server.stop());

const bearer = (access: string) => `Bearer ${access}`;
const me = (access: string) => server.http.get(`${API}/users/me/`).set('Authorization', bearer(access));
const refresh = (token: string) => server.http.post(`${API}/token/refresh/`).send({ refresh: token });
const verify = (token: string) => server.http.post(`${API}/token/verify/`).send({ token });
const logout = (token: string) => server.http.post(`${API}/token/logout/`).send({ refresh: token });
const signOutEverywhere = (access: string) => server.http.delete(`${API}/users/me/sessions/`).set('Authorization', bearer(access));
const changePassword = (user: TestUser, access = user.access) =>
  server.http
    .patch(`${API}/users/${user.userId}/`)
    .set('Authorization', bearer(access))
    .send({ password: NEW_TEST_PASSWORD, current_password: TEST_PASSWORD });

async function stream(access: string): Promise<SseClient> {
  const client = await openSse(server.url, `${API}/events`, { Authorization: bearer(access) });
  streams.push(client);
  expect(client.status).toBe(200);
  await client.waitFor((frame) => frame.event === 'ready');
  return client;
}

/** The reason the stream ended with, and how long after `since` it came. */
async function endOf(client: SseClient, since: number): Promise<{ reason: string; afterMs: number }> {
  const frame = await client.waitFor((f) => f.event === 'error', 5_000);
  const afterMs = Date.now() - since;
  await client.ended;
  return { reason: (JSON.parse(frame.data) as { reason: string }).reason, afterMs };
}

describe('logout (POST /token/logout/)', () => {
  it('When a user logs out of one sign-in, then its access tokens, rotated ones included, answer 401 at once; their other sign-in goes on', async () => {
    // Arrange: the phone's sign-in, rotated once; the laptop's, separate
    const phone = await server.createUser();
    const laptop = await server.signIn(phone.username);
    const rotated = (await refresh(phone.refresh).expect(200)).body as { access: string; refresh: string };
    for (const access of [phone.access, rotated.access, laptop.access]) await me(access).expect(200);

    // Act
    await logout(rotated.refresh).expect(204);

    // Assert
    expectError(await me(phone.access), 401, 'unauthorized');
    expectError(await me(rotated.access), 401, 'unauthorized');
    expectError(await verify(rotated.access), 401, 'unauthorized');
    await me(laptop.access).expect(200);
    await refresh(laptop.refresh).expect(200);
  });
});

describe('sign out everywhere (DELETE /users/me/sessions/)', () => {
  it('When a user signs out everywhere, then 204, every access and refresh token of every sign-in answers 401, and signing in again works', async () => {
    // Arrange: three sign-ins
    const user = await server.createUser();
    const laptop = await server.signIn(user.username);
    const tablet = await server.signIn(user.username);

    // Act
    const res = await signOutEverywhere(laptop.access);

    // Assert
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    for (const { access, refresh: refreshToken } of [user, laptop, tablet]) {
      expectError(await me(access), 401, 'unauthorized');
      expectError(await verify(access), 401, 'unauthorized');
      expectError(await refresh(refreshToken), 401, 'unauthorized');
    }
    expectError(await signOutEverywhere(laptop.access), 401, 'unauthorized');
    const again = await server.signIn(user.username);
    await me(again.access).expect(200);
  });

  it('When a user signs out everywhere, then other users’ sign-ins go on', async () => {
    // Arrange
    const [user, other] = [await server.createUser(), await server.createUser()];

    // Act
    await signOutEverywhere(user.access).expect(204);

    // Assert
    await me(other.access).expect(200);
    await refresh(other.refresh).expect(200);
  });

  it('When there is no token, then 401 and nobody is signed out', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.delete(`${API}/users/me/sessions/`);

    // Assert
    expectError(res, 401, 'unauthorized');
    await me(user.access).expect(200);
  });
});

describe('password change', () => {
  it('When a user changes their password, then every sign-in ends at once, this one included, and the new password signs in', async () => {
    // Arrange
    const user = await server.createUser();
    const laptop = await server.signIn(user.username);
    await me(laptop.access).expect(200);

    // Act
    await changePassword(user).expect(200);

    // Assert
    expectError(await me(user.access), 401, 'unauthorized');
    expectError(await me(laptop.access), 401, 'unauthorized');
    expectError(await refresh(laptop.refresh), 401, 'unauthorized');
    const signedIn = await server.http.post(`${API}/token/`).send({ username: user.username, password: NEW_TEST_PASSWORD }).expect(200);
    await me(signedIn.body.access).expect(200);
  });

  it('When staff reset another user’s password, then that user’s sign-ins end and the staff member’s go on', async () => {
    // Arrange
    const [staff, user] = [await server.createUser(), await server.createUser()];
    await server.makeStaff(staff);

    // Act
    await server.http
      .patch(`${API}/users/${user.userId}/`)
      .set('Authorization', staff.auth)
      .send({ password: NEW_TEST_PASSWORD })
      .expect(200);

    // Assert
    expectError(await me(user.access), 401, 'unauthorized');
    await me(staff.access).expect(200);
  });

  it('When the profile changes without a new password, then every sign-in goes on', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    await server.http.patch(`${API}/users/${user.userId}/`).set('Authorization', user.auth).send({ first_name: 'Renamed' }).expect(200);

    // Assert
    await me(user.access).expect(200);
  });
});

describe('deactivation', () => {
  it('When an account is deactivated and then reactivated, then the access tokens from before stay refused (their sessions ended)', async () => {
    // Arrange
    const [staff, user] = [await server.createUser(), await server.createUser()];
    await server.makeStaff(staff);

    // Act
    await server.http.post(`${API}/admin/users/${user.userId}/deactivate/`).set('Authorization', staff.auth).expect(200);
    await server.http.post(`${API}/admin/users/${user.userId}/reactivate/`).set('Authorization', staff.auth).expect(200);

    // Assert
    expectError(await me(user.access), 401, 'unauthorized');
    expectError(await refresh(user.refresh), 401, 'unauthorized');
    const again = await server.signIn(user.username);
    await me(again.access).expect(200);
  });
});

describe('access tokens without a session (issued before sessions existed)', () => {
  it('When a correctly signed access token has no sid, then it answers 401 everywhere (its client refreshes)', async () => {
    // Arrange: what this API signed before: no sid
    const user = await server.createUser();
    const now = Math.floor(Date.now() / 1000);
    const old = jwt.sign({ typ: 'access', iat: now, exp: now + 3600 }, server.config.jwtSecret, {
      algorithm: 'HS256',
      subject: user.userId,
      jwtid: randomUUID(),
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });

    // Act
    const res = await me(old);

    // Assert
    expectError(res, 401, 'unauthorized');
    expectError(await verify(old), 401, 'unauthorized');
    await refresh(user.refresh).expect(200);
  });
});

describe('event streams of ended sessions', () => {
  it('When the sign-in of an open stream logs out, then that stream ends with session_ended within a second; a stream of another sign-in stays open', async () => {
    // Arrange
    const user = await server.createUser();
    const laptop = await server.signIn(user.username);
    const phoneStream = await stream(user.access);
    const laptopStream = await stream(laptop.access);

    // Act
    const started = Date.now();
    await logout(user.refresh).expect(204);

    // Assert
    const end = await endOf(phoneStream, started);
    expect(end.reason).toBe('session_ended');
    expect(end.afterMs).toBeLessThan(1_000);
    expect(laptopStream.frames.some((frame) => frame.event === 'error')).toBe(false);
    await me(laptop.access).expect(200);
  });

  it('When the user signs out everywhere, then every stream of theirs ends with session_ended within a second', async () => {
    // Arrange
    const user = await server.createUser();
    const laptop = await server.signIn(user.username);
    const clients = [await stream(user.access), await stream(laptop.access)];

    // Act
    const started = Date.now();
    await signOutEverywhere(user.access).expect(204);

    // Assert
    for (const client of clients) {
      const end = await endOf(client, started);
      expect(end.reason).toBe('session_ended');
      expect(end.afterMs).toBeLessThan(1_000);
    }
  });

  it('When the password changes, then the stream ends with session_ended within a second', async () => {
    // Arrange
    const user = await server.createUser();
    const client = await stream(user.access);

    // Act
    const started = Date.now();
    await changePassword(user).expect(200);

    // Assert
    const end = await endOf(client, started);
    expect(end.reason).toBe('session_ended');
    expect(end.afterMs).toBeLessThan(1_000);
  });

  it('When the account is deactivated, then the stream ends with user_inactive within a second, not at the next heartbeat', async () => {
    // Arrange
    const [staff, user] = [await server.createUser(), await server.createUser()];
    await server.makeStaff(staff);
    const client = await stream(user.access);

    // Act
    const started = Date.now();
    await server.http.post(`${API}/admin/users/${user.userId}/deactivate/`).set('Authorization', staff.auth).expect(200);

    // Assert
    const end = await endOf(client, started);
    expect(end.reason).toBe('user_inactive');
    expect(end.afterMs).toBeLessThan(1_000);
  });

  it('When a stream is opened with the token of an ended session, then 401 and no stream', async () => {
    // Arrange
    const user = await server.createUser();
    await logout(user.refresh).expect(204);

    // Act
    const client = await openSse(server.url, `${API}/events`, { Authorization: user.auth });
    streams.push(client);

    // Assert
    await client.ended;
    expect(client.status).toBe(401);
    expect(JSON.parse(client.body()).error.code).toBe('unauthorized');
  });
});

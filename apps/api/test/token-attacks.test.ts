/**
 * Forged, altered, stale and misused tokens, tried against every operation that takes them. Each
 * attack is a row; every secured operation in the spec gets every access-token attack, and the token
 * endpoints (refresh, logout, verify) get every refresh-token attack. All must answer 401.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/modules/auth/tokens';
import { API, createGroup, expectError, sendMessage, sleep } from './support/api';
import { openSse } from './support/sse';
import { NEW_TEST_PASSWORD, startTestServer, TEST_PASSWORD, type TestServer, type TestUser } from './support/test-server';

let server: TestServer;
beforeAll(async () => {
  // A short reuse grace, so a row can present a spent refresh token after it.
  server = await startTestServer({}, { REFRESH_REUSE_GRACE: '1' });
}, 120_000);
afterAll(() => server.stop());
afterEach(() => expect(server.leaks).toEqual([]));

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);
const decode = (token: string) =>
  jwt.decode(token, { complete: true }) as unknown as { header: Record<string, unknown>; payload: Record<string, unknown> };

/** The session id of a user's sign-in (the access token's `sid`). */
const sessionOf = (user: TestUser) => decode(user.access).payload.sid as string;

/**
 * Claims exactly like the server's own (an access token names the user's live session), so each attack
 * changes one thing only. A claim set to undefined is left out.
 */
function claimsOf(user: TestUser, typ: 'access' | 'refresh', extra: Record<string, unknown> = {}) {
  const session = typ === 'access' ? { sid: sessionOf(user) } : {};
  const claims: Record<string, unknown> = {
    typ,
    sub: user.userId,
    jti: randomUUID(),
    ...session,
    iss: JWT_ISSUER,
    aud: JWT_AUDIENCE,
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
    ...extra,
  };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

/** The payload of a real token with some claims changed (undefined: left out). */
function payloadOf(token: string, extra: Record<string, unknown>) {
  const claims = { ...decode(token).payload, ...extra };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

function signWith(secret: string, claims: object, algorithm: jwt.Algorithm = 'HS256'): string {
  return jwt.sign(claims, secret, { algorithm, noTimestamp: true });
}

/** Keeps the real signature, replaces the payload: what an attacker editing a token by hand gets. */
function withPayload(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64url(change(decode(token).payload))}.${signature}`;
}

function unsigned(claims: object): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
}

const { privateKey: rsaKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

type TokenEndpoint = 'refresh' | 'logout' | 'verify';
const TOKEN_ENDPOINTS: TokenEndpoint[] = ['refresh', 'logout', 'verify'];

interface Attack {
  name: string;
  /** Token endpoints this attack applies to (default: all). */
  targets?: TokenEndpoint[];
  /** Builds the hostile token for `victim`; `other` is a second, unrelated user. */
  forge(ctx: { victim: TestUser; other: TestUser; secret: string }): Promise<string> | string;
}

/** Each makes a token that looks like the victim's access token but must not be honoured. */
const ACCESS_ATTACKS: Attack[] = [
  { name: 'alg none (unsigned)', forge: ({ victim }) => unsigned(claimsOf(victim, 'access')) },
  {
    name: 'alg none, real signature kept',
    forge: ({ victim }) => {
      const [, payload, signature] = victim.access.split('.');
      return `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`;
    },
  },
  { name: 'signed with another key', forge: ({ victim }) => signWith('x'.repeat(48), claimsOf(victim, 'access')) },
  {
    name: 'HS512 with the right key (algorithm not allowed)',
    forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access'), 'HS512'),
  },
  {
    name: 'RS256 (algorithm confusion)',
    forge: ({ victim }) => jwt.sign(claimsOf(victim, 'access'), rsaKey, { algorithm: 'RS256', noTimestamp: true }),
  },
  {
    name: 'payload tampered: sub switched to another user',
    forge: ({ victim, other }) => withPayload(victim.access, (p) => ({ ...p, sub: other.userId })),
  },
  {
    name: 'payload tampered: expiry pushed out',
    forge: ({ victim }) => withPayload(victim.access, (p) => ({ ...p, exp: nowSeconds() + 10 * 365 * 86400 })),
  },
  { name: 'signature truncated', forge: ({ victim }) => victim.access.slice(0, -4) },
  { name: 'signature stripped', forge: ({ victim }) => victim.access.split('.').slice(0, 2).join('.') + '.' },
  {
    name: 'expired',
    forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 })),
  },
  {
    name: 'not yet valid (nbf in the future)',
    forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { nbf: nowSeconds() + 3600 })),
  },
  { name: 'wrong issuer', forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { iss: 'someone-else' })) },
  { name: 'wrong audience', forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { aud: 'another-api' })) },
  { name: 'no token type', forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { typ: undefined })) },
  { name: 'refresh token used as access token', forge: ({ victim }) => victim.refresh },
  {
    name: 'subject that never existed',
    forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { sub: randomUUID() })),
  },
  {
    name: 'token of a deactivated user',
    forge: async ({ secret }) => {
      const user = await server.createUser();
      await server.running.db.models.User.update({ isActive: false }, { where: { userId: user.userId } });
      return signWith(secret, claimsOf(user, 'access'));
    },
  },
  {
    name: 'token of a deleted user',
    forge: async () => {
      const user = await server.createUser();
      await server.running.db.models.User.destroy({ where: { userId: user.userId } });
      return user.access;
    },
  },
  { name: 'no expiry (exp left out)', forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { exp: undefined })) },
  { name: 'subject not a UUID', forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { sub: 'not-a-user-id' })) },
  {
    name: 'no session id (as issued before sessions existed)',
    forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { sid: undefined })),
  },
  { name: 'session id not a UUID', forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { sid: 'not-a-session' })) },
  {
    name: 'session that never existed',
    forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'access', { sid: randomUUID() })),
  },
  {
    name: 'session of another user',
    forge: ({ victim, other, secret }) => signWith(secret, claimsOf(victim, 'access', { sid: sessionOf(other) })),
  },
  {
    name: 'token of a logged-out sign-in',
    forge: async () => {
      const user = await server.createUser();
      await server.http.post(`${API}/token/logout/`).send({ refresh: user.refresh }).expect(204);
      return user.access;
    },
  },
  {
    name: 'token from before signing out everywhere',
    forge: async () => {
      const user = await server.createUser();
      await server.http.delete(`${API}/users/me/sessions/`).set('Authorization', user.auth);
      return user.access;
    },
  },
  {
    name: 'token from before a password change',
    forge: async () => {
      const user = await server.createUser();
      await server.http
        .patch(`${API}/users/${user.userId}/`)
        .set('Authorization', user.auth)
        .send({ password: NEW_TEST_PASSWORD, current_password: TEST_PASSWORD })
        .expect(200);
      return user.access;
    },
  },
  {
    name: 'token of a sign-in ended by reuse of its spent refresh token',
    forge: async () => {
      const user = await server.createUser();
      const first = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);
      await server.http.post(`${API}/token/refresh/`).send({ refresh: first.body.refresh }).expect(200);
      await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });
      return first.body.access as string;
    },
  },
];

/** Each makes a token that looks like a usable refresh token but must not be honoured. */
const REFRESH_ATTACKS: Attack[] = [
  { name: 'alg none (unsigned)', forge: ({ victim }) => unsigned({ ...decode(victim.refresh).payload }) },
  { name: 'signed with another key', forge: ({ victim }) => signWith('y'.repeat(48), decode(victim.refresh).payload) },
  {
    name: 'payload tampered: sub switched to another user',
    forge: ({ victim, other }) => withPayload(victim.refresh, (p) => ({ ...p, sub: other.userId })),
  },
  { name: 'payload tampered: family switched', forge: ({ victim }) => withPayload(victim.refresh, (p) => ({ ...p, fam: randomUUID() })) },
  {
    name: 'expired',
    forge: ({ victim, secret }) =>
      signWith(secret, { ...decode(victim.refresh).payload, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }),
  },
  {
    name: 'not yet valid (nbf in the future)',
    forge: ({ victim, secret }) => signWith(secret, { ...decode(victim.refresh).payload, nbf: nowSeconds() + 3600 }),
  },
  // verify accepts either kind of token by design, so only the refresh-only endpoints are targets.
  { name: 'access token used as refresh token', targets: ['refresh', 'logout'], forge: ({ victim }) => victim.access },
  {
    name: 'correctly signed but never issued',
    forge: ({ victim, secret }) => signWith(secret, claimsOf(victim, 'refresh', { fam: randomUUID() })),
  },
  {
    name: 'rotated refresh token reused after the pair it was exchanged for was used',
    forge: async ({ victim }) => {
      const old = (await server.signIn(victim.username)).refresh;
      const first = await server.http.post(`${API}/token/refresh/`).send({ refresh: old }).expect(200);
      await server.http.post(`${API}/token/refresh/`).send({ refresh: first.body.refresh }).expect(200);
      return old;
    },
  },
  {
    name: 'rotated refresh token reused after the reuse grace (1 s here)',
    forge: async ({ victim }) => {
      const old = (await server.signIn(victim.username)).refresh;
      await server.http.post(`${API}/token/refresh/`).send({ refresh: old }).expect(200);
      await sleep(1_200);
      return old;
    },
  },
  {
    name: 'no expiry (exp left out)',
    forge: async ({ victim, secret }) => signWith(secret, payloadOf((await server.signIn(victim.username)).refresh, { exp: undefined })),
  },
  { name: 'subject not a UUID', forge: ({ victim, secret }) => signWith(secret, payloadOf(victim.refresh, { sub: 'not-a-user-id' })) },
  { name: 'token id not a UUID', forge: ({ victim, secret }) => signWith(secret, payloadOf(victim.refresh, { jti: 'not-a-token-id' })) },
  {
    name: 'family (session) not a UUID',
    forge: ({ victim, secret }) => signWith(secret, payloadOf(victim.refresh, { fam: 'not-a-session' })),
  },
  {
    name: 'refresh token from before signing out everywhere',
    forge: async () => {
      const user = await server.createUser();
      await server.http.delete(`${API}/users/me/sessions/`).set('Authorization', user.auth);
      return user.refresh;
    },
  },
  {
    name: 'refresh token after logout',
    forge: async ({ victim }) => {
      const { refresh } = await server.signIn(victim.username);
      await server.http.post(`${API}/token/logout/`).send({ refresh }).expect(204);
      return refresh;
    },
  },
  {
    name: 'refresh token from before a password change',
    forge: async () => {
      const user = await server.createUser();
      await server.http
        .patch(`${API}/users/${user.userId}/`)
        .set('Authorization', user.auth)
        .send({ password: NEW_TEST_PASSWORD, current_password: TEST_PASSWORD })
        .expect(200);
      return user.refresh;
    },
  },
  {
    name: 'token of a deactivated user',
    forge: async () => {
      const user = await server.createUser();
      await server.running.db.models.User.update({ isActive: false }, { where: { userId: user.userId } });
      return user.refresh;
    },
  },
  {
    name: 'token of a deleted user',
    forge: async () => {
      const user = await server.createUser();
      await server.running.db.models.User.destroy({ where: { userId: user.userId } });
      return user.refresh;
    },
  },
];

interface SpecOperation {
  operationId: string;
  security?: unknown[];
}
const spec = JSON.parse(readFileSync(path.resolve(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, SpecOperation>>;
};
const securedOperations = Object.entries(spec.paths).flatMap(([route, methods]) =>
  Object.entries(methods)
    .filter(([, operation]) => (operation.security ?? []).length > 0)
    .map(([method, operation]) => ({
      route,
      method: method as 'get' | 'post' | 'put' | 'patch' | 'delete',
      operationId: operation.operationId,
    })),
);

/**
 * A valid request for each secured operation, on the victim's own objects, so only the token is wrong.
 * The victim is staff (so the admin operations are theirs to call) and created a group with `other`
 * and `third`; the admin user operations act on `other`. Operations that end something (deleting the
 * message, leaving the group) come last, so every earlier one still has its objects.
 */
async function validRequests(victim: TestUser, other: TestUser) {
  const third = await server.createUser();
  await server.makeStaff(victim);
  const conversation = await createGroup(server, victim, [other, third]);
  const message = await sendMessage(server, victim, conversation.conversation_id, 'mine');
  const moderated = await sendMessage(server, victim, conversation.conversation_id, 'to moderate');
  const ids: Record<string, string> = {
    user_id: victim.userId,
    conversation_id: conversation.conversation_id,
    message_id: message.message_id,
    emoji: encodeURIComponent('👍'),
  };
  const idsFor: Record<string, Record<string, string>> = {
    removeParticipant: { user_id: third.userId },
    deactivateUser: { user_id: other.userId },
    reactivateUser: { user_id: other.userId },
    promoteUser: { user_id: other.userId },
    deleteAnyMessage: { message_id: moderated.message_id },
  };
  const bodies: Record<string, object> = {
    createConversation: { participant_ids: [other.userId] },
    sendMessage: { message_body: 'forged?' },
    updateMessage: { message_body: 'forged?' },
    updateUser: { first_name: 'Forged' },
    addParticipants: { user_ids: [other.userId] },
    markRead: {},
  };
  const last = ['deleteAnyMessage', 'deleteMessage', 'leaveConversation', 'signOutEverywhere'];
  const ordered = [...securedOperations].sort((a, b) => last.indexOf(a.operationId) - last.indexOf(b.operationId));
  return ordered.map((operation) => ({
    ...operation,
    url: `${API}${operation.route.replace(/\{(\w+)\}/g, (_, name: string) => idsFor[operation.operationId]?.[name] ?? ids[name])}/`,
    body: bodies[operation.operationId],
  }));
}

describe('access-token attacks on every secured operation', () => {
  it('The spec has secured operations to attack', () => {
    expect(securedOperations.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ACCESS_ATTACKS.map((attack) => [attack.name, attack]))(
    'When the bearer token is forged or misused (%s), then every secured operation answers 401 and changes nothing',
    async (_name, attack) => {
      // Arrange
      const [victim, other] = [await server.createUser(), await server.createUser()];
      const requests = await validRequests(victim, other);
      const token = await attack.forge({ victim, other, secret: server.config.jwtSecret });
      const messagesBefore = await server.running.db.models.Message.count();

      // Act
      const results = [];
      for (const req of requests) {
        const call = server.http[req.method](req.url).set('Authorization', `Bearer ${token}`);
        results.push({ operation: req.operationId, res: await (req.body ? call.send(req.body) : call) });
      }

      // Assert
      for (const { operation, res } of results) {
        expect([operation, res.status]).toEqual([operation, 401]);
        expectError(res, 401, 'unauthorized');
      }
      expect(await server.running.db.models.Message.count()).toBe(messagesBefore);
      const victimRow = await server.running.db.models.User.findByPk(victim.userId);
      expect(victimRow?.firstName).toBe('Test');
    },
  );

  it('When the real access token is sent, then the same requests succeed (the attacks above fail for the token alone)', async () => {
    // Arrange
    const [victim, other] = [await server.createUser(), await server.createUser()];
    const requests = await validRequests(victim, other);

    // Act
    const statuses = [];
    for (const req of requests) {
      if (req.operationId === 'streamEvents') {
        // A stream that would stay open: its status is what counts here.
        const stream = await openSse(server.url, req.url, { Authorization: victim.auth });
        stream.close();
        statuses.push(stream.status);
        continue;
      }
      const call = server.http[req.method](req.url).set('Authorization', victim.auth);
      statuses.push((await (req.body ? call.send(req.body) : call)).status);
    }

    // Assert
    expect(statuses.every((status) => status >= 200 && status < 300)).toBe(true);
  });

  it('When a token is signed with the server’s secret and the victim’s claims, then it is honoured (so each forged row above fails for its one change)', async () => {
    // Arrange
    const victim = await server.createUser();

    // Act
    const res = await server.http
      .get(`${API}/users/me/`)
      .set('Authorization', `Bearer ${signWith(server.config.jwtSecret, claimsOf(victim, 'access'))}`);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.user_id).toBe(victim.userId);
  });

  it('When the token is sent in the query string instead of the header, then it is ignored (401)', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/me/?access_token=${user.access}&token=${user.access}`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('refresh-token attacks on refresh, logout and verify', () => {
  it.each(REFRESH_ATTACKS.map((attack) => [attack.name, attack]))(
    'When the refresh token is forged or stale (%s), then refresh, logout and verify all answer 401 and issue nothing',
    async (_name, attack) => {
      // Arrange
      const [victim, other] = [await server.createUser(), await server.createUser()];
      const token = await attack.forge({ victim, other, secret: server.config.jwtSecret });
      const tokensBefore = await server.running.db.models.RefreshToken.count();

      // Act
      const responses = [];
      for (const endpoint of attack.targets ?? TOKEN_ENDPOINTS) {
        const body = endpoint === 'verify' ? { token } : { refresh: token };
        responses.push({ endpoint, res: await server.http.post(`${API}/token/${endpoint}/`).send(body) });
      }

      // Assert
      for (const { endpoint, res } of responses) {
        expect([endpoint, res.status]).toEqual([endpoint, 401]);
        expectError(res, 401, 'unauthorized');
      }
      expect(await server.running.db.models.RefreshToken.count()).toBe(tokensBefore);
    },
  );
});

describe('POST /token/logout/', () => {
  const familyOf = async (refresh: string) => {
    const row = await server.running.db.models.RefreshToken.findByPk(decode(refresh).payload.jti as string);
    return server.running.db.models.RefreshToken.findAll({ where: { familyId: row!.familyId }, raw: true });
  };

  it('When a user logs out, then 204, the refresh token and its whole family are revoked, and refreshing fails', async () => {
    // Arrange
    const user = await server.createUser();
    const rotated = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);
    const current = rotated.body.refresh as string;

    // Act
    const res = await server.http.post(`${API}/token/logout/`).send({ refresh: current });

    // Assert
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const family = await familyOf(current);
    expect(family).toHaveLength(2);
    for (const row of family) expect(row.revokedAt).toBeInstanceOf(Date);
    expectError(await server.http.post(`${API}/token/refresh/`).send({ refresh: current }), 401, 'unauthorized');
  });

  it('When a user logs out of one sign-in, then their other sign-ins keep working', async () => {
    // Arrange
    const user = await server.createUser();
    const laptop = await server.signIn(user.username);

    // Act
    await server.http.post(`${API}/token/logout/`).send({ refresh: user.refresh }).expect(204);

    // Assert
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: laptop.refresh });
    expect(res.status).toBe(200);
  });

  it('When a rotated (stolen) refresh token is presented to logout, then 401, and its live successor is revoked too', async () => {
    // Arrange
    const user = await server.createUser();
    const rotated = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);

    // Act
    const res = await server.http.post(`${API}/token/logout/`).send({ refresh: user.refresh });

    // Assert
    expectError(res, 401, 'unauthorized');
    for (const row of await familyOf(user.refresh)) expect(row.revokedAt).toBeInstanceOf(Date);
    expectError(await server.http.post(`${API}/token/refresh/`).send({ refresh: rotated.body.refresh }), 401, 'unauthorized');
  });

  it('When the body is missing the refresh token or has extra fields, then 400 naming them and nothing is revoked', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const missing = await server.http.post(`${API}/token/logout/`).send({});
    const extra = await server.http.post(`${API}/token/logout/`).send({ refresh: user.refresh, everywhere: true });

    // Assert
    expectError(missing, 400, 'validation_failed', ['refresh']);
    expectError(extra, 400, 'validation_failed', ['everywhere']);
    expect((await familyOf(user.refresh)).every((row) => row.revokedAt === null)).toBe(true);
  });
});

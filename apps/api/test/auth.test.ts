import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { JWT_AUDIENCE, JWT_ISSUER, type TokenClaims } from '../src/modules/auth/tokens';
import { API, expectError, sleep, sortedKeys, USER_KEYS } from './support/api';
import { startTestServer, useTestServer, TEST_PASSWORD, type TestServer } from './support/test-server';

const server = useTestServer();

const claimsOf = (token: string) => jwt.decode(token) as TokenClaims;

/** A token the server itself could have signed, with chosen claims (for expired or mistyped tokens). */
function forge(claims: Record<string, unknown>, secret = server.config.jwtSecret): string {
  return jwt.sign(claims, secret, { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE });
}

async function refreshRows(userId: string) {
  const rows = await server.running.db.models.RefreshToken.findAll({ where: { userId }, order: [['createdAt', 'ASC']] });
  return rows.map((row) => row.get({ plain: true }));
}

describe('POST /token/', () => {
  it('When the username and password are right, then it answers an access token, a refresh token and the user', async () => {
    // Arrange
    const user = await server.createUser({ first_name: 'Ama', last_name: 'Owusu' });

    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: user.username, password: TEST_PASSWORD });

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(['access', 'refresh', 'user']);
    expect(sortedKeys(res.body.user)).toEqual(USER_KEYS);
    expect(res.body.user).toMatchObject({ user_id: user.userId, username: user.username, first_name: 'Ama', last_name: 'Owusu' });
    expect(claimsOf(res.body.access)).toMatchObject({ sub: user.userId, typ: 'access' });
    expect(claimsOf(res.body.refresh)).toMatchObject({ sub: user.userId, typ: 'refresh' });
    const me = await server.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${res.body.access}`).expect(200);
    expect(me.body.user_id).toBe(user.userId);
  });

  it('When a user signs in, then the refresh token is stored as a new, unrevoked family', async () => {
    // Arrange
    const user = await server.createUser();
    const before = await refreshRows(user.userId);

    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: user.username, password: TEST_PASSWORD }).expect(200);

    // Assert
    const claims = claimsOf(res.body.refresh);
    const after = await refreshRows(user.userId);
    expect(after).toHaveLength(before.length + 1);
    const stored = after.find((row) => row.tokenId === claims.jti);
    expect(stored).toMatchObject({ userId: user.userId, familyId: claims.fam, revokedAt: null, replacedById: null });
    expect(before.map((row) => row.familyId)).not.toContain(claims.fam);
  });

  it('When the username differs only in case, then sign-in still succeeds', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: user.username.toUpperCase(), password: TEST_PASSWORD });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.user.user_id).toBe(user.userId);
  });

  it('When the path has no trailing slash, then sign-in works the same', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token`).send({ username: user.username, password: TEST_PASSWORD });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.user.user_id).toBe(user.userId);
  });

  it('When the password is wrong, then it answers 401 and issues no refresh token', async () => {
    // Arrange
    const user = await server.createUser();
    const before = await refreshRows(user.userId);

    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: user.username, password: 'not-the-password' });

    // Assert
    expectError(res, 401, 'unauthorized');
    expect(await refreshRows(user.userId)).toHaveLength(before.length);
  });

  it('When the username does not exist, then it answers the same 401 as for a wrong password', async () => {
    // Arrange
    const user = await server.createUser();
    const wrongPassword = await server.http.post(`${API}/token/`).send({ username: user.username, password: 'not-the-password' });

    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: 'nobody_by_that_name', password: TEST_PASSWORD });

    // Assert
    expectError(res, 401, 'unauthorized');
    expect(res.body).toEqual(wrongPassword.body);
  });

  it('When the user is inactive, then the right password still answers 401', async () => {
    // Arrange
    const user = await server.createUser();
    await server.running.db.models.User.update({ isActive: false }, { where: { userId: user.userId } });

    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: user.username, password: TEST_PASSWORD });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When a field is missing, then it answers 400 naming the field', async () => {
    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: 'someone' });

    // Assert
    expectError(res, 400, 'validation_failed', ['password']);
  });

  it('When a field has the wrong type, then it answers 400 naming the field', async () => {
    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: 42, password: TEST_PASSWORD });

    // Assert
    expectError(res, 400, 'validation_failed', ['username']);
  });

  it('When the body has an unknown field, then it answers 400 naming the field', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: user.username, password: TEST_PASSWORD, remember_me: true });

    // Assert
    expectError(res, 400, 'validation_failed', ['remember_me']);
  });
});

describe('POST /token/refresh/', () => {
  it('When a valid refresh token is presented, then it answers a new pair and the new access token works', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(['access', 'refresh']);
    expect(res.body.refresh).not.toBe(user.refresh);
    expect(claimsOf(res.body.refresh)).toMatchObject({ sub: user.userId, typ: 'refresh', fam: claimsOf(user.refresh).fam });
    const me = await server.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${res.body.access}`).expect(200);
    expect(me.body.user_id).toBe(user.userId);
  });

  it('When a refresh token is rotated, then the old one is revoked in the database and points at its successor', async () => {
    // Arrange
    const user = await server.createUser();
    const old = claimsOf(user.refresh);

    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);

    // Assert
    const next = claimsOf(res.body.refresh);
    const rows = await refreshRows(user.userId);
    const oldRow = rows.find((row) => row.tokenId === old.jti);
    const nextRow = rows.find((row) => row.tokenId === next.jti);
    expect(oldRow?.revokedAt).toBeInstanceOf(Date);
    expect(oldRow?.replacedById).toBe(next.jti);
    expect(nextRow).toMatchObject({ familyId: old.fam, revokedAt: null, replacedById: null });
  });

  it('When the path has no trailing slash, then refreshing works the same', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/refresh`).send({ refresh: user.refresh });

    // Assert
    expect(res.status).toBe(200);
    expect(claimsOf(res.body.access).sub).toBe(user.userId);
  });

  it('When a refresh token is presented again within the reuse grace, before its new pair was used, then it answers the same pair, byte for byte, and rotates nothing more', async () => {
    // Arrange
    const user = await server.createUser();
    const first = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);

    // Act
    const again = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });

    // Assert
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const rows = await refreshRows(user.userId);
    expect(rows).toHaveLength(2);
    expect(rows.filter((row) => row.replacedById !== null)).toHaveLength(1);
    await server.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${again.body.access}`).expect(200);
    await server.http.post(`${API}/token/refresh/`).send({ refresh: again.body.refresh }).expect(200);
  });

  it('When a refresh token is presented again after its new pair was used, then it answers 401 even within the grace, and the session ends', async () => {
    // Arrange
    const user = await server.createUser();
    const first = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);
    const second = await server.http.post(`${API}/token/refresh/`).send({ refresh: first.body.refresh }).expect(200);

    // Act
    const replay = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });

    // Assert
    expectError(replay, 401, 'unauthorized');
    expectError(await server.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${second.body.access}`), 401, 'unauthorized');
    expectError(await server.http.post(`${API}/token/refresh/`).send({ refresh: second.body.refresh }), 401, 'unauthorized');
  });

  it('When a refresh token is presented again within the grace but its sign-in was logged out meanwhile, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();
    const first = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);
    await server.http.post(`${API}/token/logout/`).send({ refresh: first.body.refresh }).expect(204);

    // Act
    const again = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });

    // Assert
    expectError(again, 401, 'unauthorized');
  });

  it('When a rotated refresh token is reused, then its whole family is revoked, successor included', async () => {
    // Arrange
    const user = await server.createUser();
    const first = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);
    const second = await server.http.post(`${API}/token/refresh/`).send({ refresh: first.body.refresh }).expect(200);

    // Act: replay the very first token
    const replay = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });

    // Assert
    expectError(replay, 401, 'unauthorized');
    const successor = await server.http.post(`${API}/token/refresh/`).send({ refresh: second.body.refresh });
    expectError(successor, 401, 'unauthorized');
    const family = (await refreshRows(user.userId)).filter((row) => row.familyId === claimsOf(user.refresh).fam);
    expect(family).toHaveLength(3);
    for (const row of family) expect(row.revokedAt).toBeInstanceOf(Date);
  });

  it("When one family is revoked for reuse, then the same user's other sign-ins keep working", async () => {
    // Arrange
    const user = await server.createUser();
    const otherDevice = await server.signIn(user.username);
    const first = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);
    await server.http.post(`${API}/token/refresh/`).send({ refresh: first.body.refresh }).expect(200);
    await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(401);

    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: otherDevice.refresh });

    // Assert
    expect(res.status).toBe(200);
    const otherRow = (await refreshRows(user.userId)).find((row) => row.tokenId === claimsOf(otherDevice.refresh).jti);
    expect(otherRow?.replacedById).toBe(claimsOf(res.body.refresh).jti);
  });

  it('When the same refresh token is presented 8 times at once, then all 8 answer 200 with the same pair, it rotated once, and the session goes on', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const results = await Promise.all(
      Array.from({ length: 8 }, () => server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh })),
    );

    // Assert
    expect(results.map((res) => res.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((res) => JSON.stringify(res.body))).size).toBe(1);
    const rotations = (await refreshRows(user.userId)).filter((row) => row.replacedById !== null);
    expect(rotations).toHaveLength(1);
    const [pair] = results.map((res) => res.body as { access: string; refresh: string });
    await server.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${pair.access}`).expect(200);
    await server.http.get(`${API}/users/me/`).set('Authorization', user.auth).expect(200);
    await server.http.post(`${API}/token/refresh/`).send({ refresh: pair.refresh }).expect(200);
  });

  it('When an access token is presented as the refresh token, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.access });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the refresh token is garbage, then it answers 401', async () => {
    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: 'not.a.jwt' });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the refresh token is signed with another secret, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();
    const { sub, jti, fam } = claimsOf(user.refresh);
    const token = forge({ sub, jti, fam, typ: 'refresh' }, 'some-other-secret-that-is-long-enough-1234');

    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: token });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the refresh token has expired, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();
    const { sub, jti, fam } = claimsOf(user.refresh);
    const expired = forge({ sub, jti, fam, typ: 'refresh', exp: Math.floor(Date.now() / 1000) - 10 });

    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: expired });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When a correctly signed refresh token was never issued, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();
    const { sub, fam } = claimsOf(user.refresh);
    const token = forge({
      sub,
      fam,
      jti: '11111111-1111-4111-8111-111111111111',
      typ: 'refresh',
      exp: Math.floor(Date.now() / 1000) + 600,
    });

    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: token });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the user has been deactivated, then their refresh token answers 401', async () => {
    // Arrange
    const user = await server.createUser();
    await server.running.db.models.User.update({ isActive: false }, { where: { userId: user.userId } });

    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the refresh field is missing, then it answers 400 naming it', async () => {
    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({});

    // Assert
    expectError(res, 400, 'validation_failed', ['refresh']);
  });

  it('When the body has an unknown field, then it answers 400 naming it and rotates nothing', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh, access: user.access });

    // Assert
    expectError(res, 400, 'validation_failed', ['access']);
    expect((await refreshRows(user.userId)).every((row) => row.revokedAt === null)).toBe(true);
  });
});

describe('POST /token/verify/', () => {
  it('When the token is a valid access token, then it answers 200 with an empty object', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/verify/`).send({ token: user.access });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });

  it('When the token is a valid refresh token, then it answers 200 with an empty object', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/verify/`).send({ token: user.refresh });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });

  it('When the path has no trailing slash, then verifying works the same', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/verify`).send({ token: user.access });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });

  it('When the token is a rotated refresh token, then it answers 401 (and verifying revokes nothing)', async () => {
    // Arrange
    const user = await server.createUser();
    const rotated = await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);

    // Act
    const res = await server.http.post(`${API}/token/verify/`).send({ token: user.refresh });

    // Assert
    expectError(res, 401, 'unauthorized');
    await server.http.post(`${API}/token/verify/`).send({ token: rotated.body.refresh }).expect(200);
  });

  it('When the token is garbage, then it answers 401', async () => {
    // Act
    const res = await server.http.post(`${API}/token/verify/`).send({ token: 'garbage' });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the token has expired, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();
    const expired = forge({ sub: user.userId, jti: 'x', typ: 'access', exp: Math.floor(Date.now() / 1000) - 10 });

    // Act
    const res = await server.http.post(`${API}/token/verify/`).send({ token: expired });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the token is unsigned (alg none), then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();
    const unsigned = jwt.sign({ sub: user.userId, jti: 'x', typ: 'access' }, '', {
      algorithm: 'none',
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });

    // Act
    const res = await server.http.post(`${API}/token/verify/`).send({ token: unsigned });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it("When the token's user has been deactivated, then it answers 401", async () => {
    // Arrange
    const user = await server.createUser();
    await server.running.db.models.User.update({ isActive: false }, { where: { userId: user.userId } });

    // Act
    const res = await server.http.post(`${API}/token/verify/`).send({ token: user.access });

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the token field is missing or not a string, then it answers 400 naming it', async () => {
    // Act
    const missing = await server.http.post(`${API}/token/verify/`).send({});
    const wrongType = await server.http.post(`${API}/token/verify/`).send({ token: 42 });

    // Assert
    expectError(missing, 400, 'validation_failed', ['token']);
    expectError(wrongType, 400, 'validation_failed', ['token']);
  });
});

describe('Access tokens on protected endpoints', () => {
  it('When a refresh token is sent as the bearer token, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${user.refresh}`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the access token has expired, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();
    const expired = forge({ sub: user.userId, jti: 'x', typ: 'access', exp: Math.floor(Date.now() / 1000) - 1 });

    // Act
    const res = await server.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${expired}`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the header is not a Bearer header, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/me/`).set('Authorization', `Token ${user.access}`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it('When the user is deactivated, then an unexpired access token stops working at once', async () => {
    // Arrange
    const user = await server.createUser();
    await server.http.get(`${API}/users/me/`).set('Authorization', user.auth).expect(200);
    await server.running.db.models.User.update({ isActive: false }, { where: { userId: user.userId } });

    // Act
    const res = await server.http.get(`${API}/users/me/`).set('Authorization', user.auth);

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('Token lifetimes', () => {
  it('When no TTL is configured, then access tokens last an hour and refresh tokens a day', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const access = claimsOf(user.access);
    const refresh = claimsOf(user.refresh);

    // Assert
    expect(access.exp - access.iat).toBe(3600);
    expect(refresh.exp - refresh.iat).toBe(86_400);
  });

  describe('with ACCESS_TOKEN_TTL=1 and REFRESH_TOKEN_TTL=2s', () => {
    let shortLived: TestServer;
    beforeAll(async () => {
      shortLived = await startTestServer({}, { ACCESS_TOKEN_TTL: '1', REFRESH_TOKEN_TTL: '2s' });
    });
    afterAll(() => shortLived.stop());
    afterEach(() => expect(shortLived.leaks).toEqual([]));

    it('When tokens are issued, then their lifetimes follow the configuration', async () => {
      // Act
      const user = await shortLived.createUser();

      // Assert
      const access = claimsOf(user.access);
      const refresh = claimsOf(user.refresh);
      expect(access.exp - access.iat).toBe(1);
      expect(refresh.exp - refresh.iat).toBe(2);
      const stored = await shortLived.running.db.models.RefreshToken.findByPk(refresh.jti);
      expect(stored?.expiresAt.getTime()).toBe(refresh.exp * 1000);
    });

    it('When the lifetimes have passed, then the access token and the refresh token answer 401', async () => {
      // Arrange
      const user = await shortLived.createUser();
      const { exp } = claimsOf(user.refresh);
      await sleep(Math.max(0, exp * 1000 - Date.now()) + 50);

      // Act
      const me = await shortLived.http.get(`${API}/users/me/`).set('Authorization', user.auth);
      const verifyAccess = await shortLived.http.post(`${API}/token/verify/`).send({ token: user.access });
      const refresh = await shortLived.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });

      // Assert
      expectError(me, 401, 'unauthorized');
      expectError(verifyAccess, 401, 'unauthorized');
      expectError(refresh, 401, 'unauthorized');
    });
  });
});

describe('The refresh reuse grace (REFRESH_REUSE_GRACE)', () => {
  describe('with REFRESH_REUSE_GRACE=1', () => {
    let shortGrace: TestServer;
    beforeAll(async () => {
      shortGrace = await startTestServer({}, { REFRESH_REUSE_GRACE: '1' });
    });
    afterAll(() => shortGrace.stop());
    afterEach(() => expect(shortGrace.leaks).toEqual([]));

    it('When a used refresh token is presented again after the grace, then 401, and the session ends: the pair it was exchanged for is dead too', async () => {
      // Arrange
      const user = await shortGrace.createUser();
      const first = await shortGrace.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);
      await shortGrace.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);
      await sleep(1_200);

      // Act
      const late = await shortGrace.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });

      // Assert
      expectError(late, 401, 'unauthorized');
      expectError(await shortGrace.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${first.body.access}`), 401, 'unauthorized');
      expectError(await shortGrace.http.post(`${API}/token/refresh/`).send({ refresh: first.body.refresh }), 401, 'unauthorized');
      const family = await shortGrace.running.db.models.RefreshToken.findAll({ where: { familyId: claimsOf(user.refresh).fam } });
      expect(family.every((row) => row.revokedAt instanceof Date)).toBe(true);
      const session = await shortGrace.running.db.models.UserSession.findOne({
        where: { userId: user.userId, sessionId: claimsOf(user.refresh).fam },
      });
      expect(session?.endedAt).toBeInstanceOf(Date);
    });
  });

  describe('with REFRESH_REUSE_GRACE=0', () => {
    let noGrace: TestServer;
    beforeAll(async () => {
      noGrace = await startTestServer({}, { REFRESH_REUSE_GRACE: '0' });
    });
    afterAll(() => noGrace.stop());
    afterEach(() => expect(noGrace.leaks).toEqual([]));

    it('When a used refresh token is presented again at once, then 401 and the session ends (no grace)', async () => {
      // Arrange
      const user = await noGrace.createUser();
      const first = await noGrace.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);

      // Act
      const again = await noGrace.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });

      // Assert
      expectError(again, 401, 'unauthorized');
      expectError(await noGrace.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${first.body.access}`), 401, 'unauthorized');
    });
  });
});

describe('Refresh-token revocation across a restart', () => {
  it('When the server restarts on the same data, then a rotated refresh token stays revoked and its successor still works', async () => {
    // Arrange
    const dataDir = mkdtempSync(path.join(tmpdir(), 'messaging-auth-'));
    const jwtSecret = 'persisted-revocation-test-secret-0123456789abcdef';
    // No reuse grace, so presenting the rotated token again right away counts as reuse.
    let first: TestServer | undefined = await startTestServer(
      { pgliteDataDir: path.join(dataDir, 'pglite'), jwtSecret },
      { REFRESH_REUSE_GRACE: '0' },
    );
    let second: TestServer | undefined;
    try {
      const user = await first.createUser();
      const rotated = await first.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }).expect(200);
      expect(first.leaks).toEqual([]);

      // Act
      second = await first.restart();
      first = undefined;

      // Assert
      expect(second.config.jwtSecret).toBe(jwtSecret);
      const verifyOld = await second.http.post(`${API}/token/verify/`).send({ token: user.refresh });
      expectError(verifyOld, 401, 'unauthorized');
      await second.http.post(`${API}/token/verify/`).send({ token: rotated.body.refresh }).expect(200);
      const storedOld = await second.running.db.models.RefreshToken.findByPk(claimsOf(user.refresh).jti);
      expect(storedOld?.revokedAt).toBeInstanceOf(Date);
      expect(storedOld?.replacedById).toBe(claimsOf(rotated.body.refresh).jti);

      const reuse = await second.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh });
      expectError(reuse, 401, 'unauthorized');
      const successor = await second.http.post(`${API}/token/refresh/`).send({ refresh: rotated.body.refresh });
      expectError(successor, 401, 'unauthorized');
      expect(second.leaks).toEqual([]);
    } finally {
      await first?.stop();
      await second?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

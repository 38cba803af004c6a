import { randomUUID } from 'node:crypto';
import {
  API,
  createUsers,
  sleep,
  expectError,
  relativeLink,
  sortedKeys,
  UNKNOWN_ID,
  USER_KEYS,
  UUID_PATTERN,
  type PageBody,
} from './support/api';
import { NEW_TEST_PASSWORD, useTestServer, TEST_PASSWORD, uniqueName, type TestUser } from './support/test-server';

const server = useTestServer();

interface UserBody {
  user_id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  phone_number: string | null;
  role: string;
  is_staff: boolean;
  created_at: string;
}

function registration(fields: Record<string, unknown> = {}) {
  const username = uniqueName('reg');
  return { username, email: `${username}@example.com`, password: TEST_PASSWORD, first_name: 'Kwame', last_name: 'Mensah', ...fields };
}

const findUserRow = (userId: string) => server.running.db.models.User.findByPk(userId);
const countUsers = () => server.running.db.models.User.count();

async function refreshTokensOf(userId: string) {
  return server.running.db.models.RefreshToken.findAll({ where: { userId } });
}

describe('POST /users/', () => {
  it('When someone anonymous registers, then it answers 201 with the new user as a guest', async () => {
    // Arrange
    const body = registration();

    // Act
    const res = await server.http.post(`${API}/users/`).send(body);

    // Assert
    expect(res.status).toBe(201);
    expect(sortedKeys(res.body)).toEqual(USER_KEYS);
    expect(res.body).toEqual({
      user_id: expect.stringMatching(UUID_PATTERN),
      username: body.username,
      email: body.email,
      first_name: 'Kwame',
      last_name: 'Mensah',
      phone_number: null,
      role: 'guest',
      is_staff: false,
      created_at: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(res.body.created_at))).toBe(false);
  });

  it('When a user registers, then the password is stored as an argon2id hash and they can sign in', async () => {
    // Arrange
    const body = registration();

    // Act
    const res = await server.http.post(`${API}/users/`).send(body).expect(201);

    // Assert
    const row = await findUserRow(res.body.user_id);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(TEST_PASSWORD);
    const signIn = await server.http.post(`${API}/token/`).send({ username: body.username, password: TEST_PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.user_id).toBe(res.body.user_id);
  });

  it('When the path has no trailing slash, then registering works the same', async () => {
    // Arrange
    const body = registration();

    // Act
    const res = await server.http.post(`${API}/users`).send(body);

    // Assert
    expect(res.status).toBe(201);
    expect(await findUserRow(res.body.user_id)).not.toBeNull();
  });

  it('When a phone number and the host role are given, then they are stored', async () => {
    // Arrange
    const body = registration({ phone_number: '+233 20 123 4567', role: 'host' });

    // Act
    const res = await server.http.post(`${API}/users/`).send(body);

    // Assert
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phone_number: '+233 20 123 4567', role: 'host', is_staff: false });
    const row = await findUserRow(res.body.user_id);
    expect(row).toMatchObject({ phoneNumber: '+233 20 123 4567', role: 'host' });
  });

  it('When an anonymous caller sends is_staff false, then it is accepted', async () => {
    // Act
    const res = await server.http.post(`${API}/users/`).send(registration({ is_staff: false }));

    // Assert
    expect(res.status).toBe(201);
    expect(res.body.is_staff).toBe(false);
  });

  it('When the username is taken in another case, then it answers 409 naming username and creates nobody', async () => {
    // Arrange
    const existing = await server.createUser();
    const before = await countUsers();

    // Act
    const res = await server.http.post(`${API}/users/`).send(registration({ username: existing.username.toUpperCase() }));

    // Assert
    expectError(res, 409, 'conflict', ['username']);
    expect(await countUsers()).toBe(before);
  });

  it('When the email is taken in another case, then it answers 409 naming email', async () => {
    // Arrange
    const existing = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/users/`).send(registration({ email: existing.email.toUpperCase() }));

    // Assert
    expectError(res, 409, 'conflict', ['email']);
    expect(res.body.error.details).not.toHaveProperty('username');
  });

  it('When both username and email are taken, then it answers 409 naming both', async () => {
    // Arrange
    const existing = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/users/`).send(registration({ username: existing.username, email: existing.email }));

    // Assert
    expectError(res, 409, 'conflict', ['username', 'email']);
  });

  it('When the same username is registered twice at once, then one succeeds and the other gets 409', async () => {
    // Arrange
    const body = registration();

    // Act
    const results = await Promise.all([
      server.http.post(`${API}/users/`).send(body),
      server.http.post(`${API}/users/`).send({ ...body, email: `other_${body.email}` }),
    ]);

    // Assert
    expect(results.map((res) => res.status).sort()).toEqual([201, 409]);
    expectError(
      results.find((res) => res.status === 409)!,
      409,
      'conflict',
    );
    const rows = await server.running.db.models.User.findAll({ where: { username: body.username } });
    expect(rows).toHaveLength(1);
  });

  it('When the password is shorter than 8 characters, then it answers 400 naming password and creates nobody', async () => {
    // Arrange
    const body = registration({ password: 'short7!' });

    // Act
    const res = await server.http.post(`${API}/users/`).send(body);

    // Assert
    expectError(res, 400, 'validation_failed', ['password']);
    expect(await server.running.db.models.User.count({ where: { username: body.username } })).toBe(0);
  });

  it('When the password is exactly 8 characters, then it is accepted', async () => {
    // Act
    const res = await server.http.post(`${API}/users/`).send(registration({ password: 'eight888' }));

    // Assert
    expect(res.status).toBe(201);
  });

  it.each([
    ['username', { username: undefined }],
    ['email', { email: undefined }],
    ['password', { password: undefined }],
    ['first_name', { first_name: undefined }],
    ['last_name', { last_name: undefined }],
  ])('When %s is missing, then it answers 400 naming it', async (field, fields) => {
    // Act
    const res = await server.http.post(`${API}/users/`).send(registration(fields));

    // Assert
    expectError(res, 400, 'validation_failed', [field]);
  });

  it.each([
    ['username', { username: 'has spaces' }],
    ['username', { username: '' }],
    ['email', { email: 'not-an-email' }],
    ['first_name', { first_name: '' }],
    ['last_name', { last_name: 'x'.repeat(151) }],
    ['phone_number', { phone_number: 'call me' }],
    ['role', { role: 'superuser' }],
    ['is_staff', { is_staff: 'yes' }],
  ])('When %s is invalid, then it answers 400 naming it', async (field, fields) => {
    // Act
    const res = await server.http.post(`${API}/users/`).send(registration(fields));

    // Assert
    expectError(res, 400, 'validation_failed', [field]);
  });

  it('When the body has unknown fields, then it answers 400 naming them', async () => {
    // Act
    const res = await server.http.post(`${API}/users/`).send(registration({ user_id: UNKNOWN_ID, is_active: false }));

    // Assert
    expectError(res, 400, 'validation_failed', ['user_id', 'is_active']);
  });

  it("When the username is a UUID (someone's id, in any spelling a UUID parser takes), then it answers 400 naming username and creates nobody", async () => {
    // Arrange: a participant list shows ids and usernames side by side; one must never pass for the other.
    const someone = await server.createUser();
    const spellings = [someone.userId, someone.userId.toUpperCase(), someone.userId.replace(/-/g, ''), randomUUID()];
    const before = await countUsers();

    for (const username of spellings) {
      // Act
      const res = await server.http.post(`${API}/users/`).send(registration({ username }));

      // Assert
      expectError(res, 400, 'validation_failed', ['username']);
      expect(res.body.error.details.username).toMatch(/not a UUID/);
    }
    expect(await countUsers()).toBe(before);
    // Names that merely contain hex digits and hyphens are still fine.
    await server.http
      .post(`${API}/users/`)
      .send(registration({ username: `cafe-${uniqueName('babe')}` }))
      .expect(201);
  });

  it('When an anonymous caller asks for the admin role, then it answers 403 and creates nobody', async () => {
    // Arrange
    const body = registration({ role: 'admin' });

    // Act
    const res = await server.http.post(`${API}/users/`).send(body);

    // Assert
    expectError(res, 403, 'forbidden');
    expect(await server.running.db.models.User.count({ where: { username: body.username } })).toBe(0);
  });

  it('When an anonymous caller asks for is_staff, then it answers 403 and creates nobody', async () => {
    // Arrange
    const body = registration({ is_staff: true });

    // Act
    const res = await server.http.post(`${API}/users/`).send(body);

    // Assert
    expectError(res, 403, 'forbidden');
    expect(await server.running.db.models.User.count({ where: { username: body.username } })).toBe(0);
  });

  it('When a signed-in non-staff user asks for the admin role or is_staff, then it answers 403', async () => {
    // Arrange
    const caller = await server.createUser();

    // Act
    const admin = await server.http
      .post(`${API}/users/`)
      .set('Authorization', caller.auth)
      .send(registration({ role: 'admin' }));
    const staff = await server.http
      .post(`${API}/users/`)
      .set('Authorization', caller.auth)
      .send(registration({ is_staff: true }));

    // Assert
    expectError(admin, 403, 'forbidden');
    expectError(staff, 403, 'forbidden');
  });

  it('When staff create an admin staff user, then it answers 201 with role admin and is_staff', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const body = registration({ role: 'admin', is_staff: true });

    // Act
    const res = await server.http.post(`${API}/users/`).set('Authorization', staff.auth).send(body);

    // Assert
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: body.username, role: 'admin', is_staff: true });
    expect(await findUserRow(res.body.user_id)).toMatchObject({ role: 'admin', isStaff: true });
  });

  it('When the bearer token is invalid, then registering answers 401 instead of acting anonymously', async () => {
    // Arrange
    const body = registration();

    // Act
    const res = await server.http.post(`${API}/users/`).set('Authorization', 'Bearer not-a-token').send(body);

    // Assert
    expectError(res, 401, 'unauthorized');
    expect(await server.running.db.models.User.count({ where: { username: body.username } })).toBe(0);
  });
});

describe('GET /users/me/', () => {
  it('When a user asks, then it answers their full profile', async () => {
    // Arrange
    const user = await server.createUser({ first_name: 'Efua', last_name: 'Boateng' });

    // Act
    const res = await server.http.get(`${API}/users/me/`).set('Authorization', user.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(USER_KEYS);
    expect(res.body).toMatchObject({
      user_id: user.userId,
      username: user.username,
      email: user.email,
      first_name: 'Efua',
      last_name: 'Boateng',
    });
  });

  it('When the path has no trailing slash, then it answers the same', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/me`).set('Authorization', user.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.user_id).toBe(user.userId);
  });

  it('When a user asks, then the profile comes from the one statement that authenticates the request', async () => {
    // Arrange
    const user = await server.createUser();
    const statements: string[] = [];
    const stopObserving = server.running.db.observeStatements((sql) => {
      if (sql.includes('FROM users')) statements.push(sql);
    });

    // Act
    const res = await server.http.get(`${API}/users/me/`).set('Authorization', user.auth);
    stopObserving();

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.user_id).toBe(user.userId);
    expect(statements).toHaveLength(1);
  });

  it('When a user asks again, then on PostgreSQL the answer comes from memory without a query, and on the embedded database from one', async () => {
    // Arrange
    const user = await server.createUser();
    const usersStatementsOf = async () => {
      const statements: string[] = [];
      const stopObserving = server.running.db.observeStatements((sql) => {
        if (sql.includes('FROM users')) statements.push(sql);
      });
      await server.http.get(`${API}/users/me/`).set('Authorization', user.auth).expect(200);
      stopObserving();
      return statements.length;
    };

    // Act: the change listener connects in the background after start-up; give it a few seconds.
    const counts: number[] = [];
    const deadline = Date.now() + 5_000;
    do {
      counts.push(await usersStatementsOf());
      if (counts.at(-1) === 0) break;
      await sleep(100);
    } while (Date.now() < deadline);

    // Assert
    if (server.running.db.kind === 'postgres') expect(counts.at(-1)).toBe(0);
    else expect(counts.every((count) => count === 1)).toBe(true);
  });

  it("When staff change a user, then that user's next /users/me shows the change", async () => {
    // Arrange
    const user = await server.createUser();
    const staff = await server.makeStaff(await server.createUser());
    await server.http
      .patch(`${API}/users/${user.userId}/`)
      .set('Authorization', staff.auth)
      .send({ first_name: 'Akosua', role: 'host' })
      .expect(200);

    // Act
    const res = await server.http.get(`${API}/users/me/`).set('Authorization', user.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_id: user.userId, first_name: 'Akosua', role: 'host' });
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Act
    const res = await server.http.get(`${API}/users/me/`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('GET /users/', () => {
  it('When a non-staff user lists users, then they see only themselves', async () => {
    // Arrange
    const [user] = await createUsers(server, 2);

    // Act
    const res = await server.http.get(`${API}/users/`).set('Authorization', user.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 1, next: null, previous: null, results: [expect.objectContaining({ user_id: user.userId })] });
    expect(sortedKeys(res.body.results[0])).toEqual(USER_KEYS);
  });

  it('When staff list users, then they see everyone, oldest first', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const others = await createUsers(server, 2);
    const total = await countUsers();

    // Act
    const res = await server.http.get(`${API}/users/?page_size=100`).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(total);
    const ids = (res.body as PageBody<UserBody>).results.map((user) => user.user_id);
    expect(ids).toEqual(expect.arrayContaining([staff.userId, ...others.map((user) => user.userId)]));
    const created = (res.body as PageBody<UserBody>).results.map((user) => Date.parse(user.created_at));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('When the path has no trailing slash, then it answers the same', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users`).set('Authorization', user.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
  });

  it('When no page_size is given, then pages hold 20 users', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const missing = Math.max(0, 21 - (await countUsers()));
    await createUsers(server, missing);
    const total = await countUsers();

    // Act
    const res = await server.http.get(`${API}/users/`).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(total);
    expect(res.body.results).toHaveLength(20);
    expect(res.body.next).toBe(`${server.url}${API}/users/?page=2`);
    expect(res.body.previous).toBeNull();
  });

  it('When staff walk the pages via next links, then every user appears exactly once and previous links go back', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    await createUsers(server, 3);
    const total = await countUsers();

    // Act
    const seen: string[] = [];
    const pages: Array<PageBody<UserBody>> = [];
    let link: string | null = `${API}/users/?page_size=7`;
    while (link) {
      const res = await server.http.get(link).set('Authorization', staff.auth).expect(200);
      const page = res.body as PageBody<UserBody>;
      pages.push(page);
      seen.push(...page.results.map((user) => user.user_id));
      link = page.next ? relativeLink(server, page.next) : null;
    }

    // Assert
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(pages).toHaveLength(Math.ceil(total / 7));
    expect(pages[0].previous).toBeNull();
    expect(pages[1].previous).toBe(`${server.url}${API}/users/?page_size=7&page=1`);
    expect(pages.at(-1)!.next).toBeNull();
    for (const page of pages) expect(page.count).toBe(total);
  });

  it('When the page is past the end, then it answers 404 in the error shape naming page', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/?page=2`).set('Authorization', user.auth);

    // Assert
    expectError(res, 404, 'not_found', ['page']);
  });

  it('When page_size is 100, then it is accepted; when it is 101, then it answers 400 naming page_size', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const max = await server.http.get(`${API}/users/?page_size=100`).set('Authorization', user.auth);
    const over = await server.http.get(`${API}/users/?page_size=101`).set('Authorization', user.auth);

    // Assert
    expect(max.status).toBe(200);
    expectError(over, 400, 'validation_failed', ['page_size']);
  });

  it.each([
    ['page', 'page=0'],
    ['page', 'page=-1'],
    ['page', 'page=abc'],
    ['page', 'page=1.5'],
    ['page_size', 'page_size=0'],
    ['page_size', 'page_size=ten'],
  ])('When %s is invalid (%s), then it answers 400 naming it', async (field, query) => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/?${query}`).set('Authorization', user.auth);

    // Assert
    expectError(res, 400, 'validation_failed', [field]);
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Act
    const res = await server.http.get(`${API}/users/`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('GET /users/{user_id}/', () => {
  it('When the owner asks, then it answers their full profile', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/${user.userId}/`).set('Authorization', user.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(USER_KEYS);
    expect(res.body).toMatchObject({ user_id: user.userId, email: user.email });
  });

  it('When the path has no trailing slash, then it answers the same', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/${user.userId}`).set('Authorization', user.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.user_id).toBe(user.userId);
  });

  it("When staff ask for another user, then it answers that user's full profile", async () => {
    // Arrange
    const [staff, other] = await createUsers(server, 2);
    await server.makeStaff(staff);

    // Act
    const res = await server.http.get(`${API}/users/${other.userId}/`).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_id: other.userId, email: other.email });
  });

  it('When a stranger asks, then it answers the same 404 as for a user that does not exist', async () => {
    // Arrange
    const [stranger, other] = await createUsers(server, 2);
    const missing = await server.http.get(`${API}/users/${UNKNOWN_ID}/`).set('Authorization', stranger.auth);

    // Act
    const res = await server.http.get(`${API}/users/${other.userId}/`).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
    expect(res.body).toEqual(missing.body);
  });

  it('When staff ask for a user that does not exist, then it answers 404', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());

    // Act
    const res = await server.http.get(`${API}/users/${UNKNOWN_ID}/`).set('Authorization', staff.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the id is not a UUID, then it answers 400 naming user_id', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/not-a-uuid/`).set('Authorization', user.auth);

    // Assert
    expectError(res, 400, 'validation_failed', ['user_id']);
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/${user.userId}/`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('PATCH /users/{user_id}/', () => {
  const patch = (caller: TestUser, userId: string, body: object) =>
    server.http.patch(`${API}/users/${userId}/`).set('Authorization', caller.auth).send(body);

  it('When the owner changes their names and phone, then it answers the updated profile and keeps the rest', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { first_name: 'Yaw', last_name: 'Asante', phone_number: '+233201234567' });

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(USER_KEYS);
    expect(res.body).toMatchObject({
      first_name: 'Yaw',
      last_name: 'Asante',
      phone_number: '+233201234567',
      username: user.username,
      email: user.email,
    });
    const after = await server.http.get(`${API}/users/me/`).set('Authorization', user.auth).expect(200);
    expect(after.body).toEqual(res.body);
  });

  it('When the path has no trailing slash, then it updates the same', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.patch(`${API}/users/${user.userId}`).set('Authorization', user.auth).send({ first_name: 'Abena' });

    // Assert
    expect(res.status).toBe(200);
    expect((await findUserRow(user.userId))?.firstName).toBe('Abena');
  });

  it('When phone_number is set to null, then it is cleared', async () => {
    // Arrange
    const user = await server.createUser();
    await patch(user, user.userId, { phone_number: '+233201234567' }).expect(200);

    // Act
    const res = await patch(user, user.userId, { phone_number: null });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.phone_number).toBeNull();
    expect((await findUserRow(user.userId))?.phoneNumber).toBeNull();
  });

  it('When the owner changes their username, then they sign in with the new one', async () => {
    // Arrange
    const user = await server.createUser();
    const username = uniqueName('renamed');

    // Act
    const res = await patch(user, user.userId, { username });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.username).toBe(username);
    await server.http.post(`${API}/token/`).send({ username, password: TEST_PASSWORD }).expect(200);
    await server.http.post(`${API}/token/`).send({ username: user.username, password: TEST_PASSWORD }).expect(401);
  });

  it('When the owner changes only the case of their own username, then it is not a conflict', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { username: user.username.toUpperCase(), email: user.email.toUpperCase() });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.username).toBe(user.username.toUpperCase());
  });

  it('When the new username or email belongs to someone else in another case, then it answers 409 naming it and changes nothing', async () => {
    // Arrange
    const [user, other] = await createUsers(server, 2);

    // Act
    const username = await patch(user, user.userId, { username: other.username.toUpperCase() });
    const email = await patch(user, user.userId, { email: other.email.toUpperCase() });

    // Assert
    expectError(username, 409, 'conflict', ['username']);
    expectError(email, 409, 'conflict', ['email']);
    expect(await findUserRow(user.userId)).toMatchObject({ username: user.username, email: user.email });
  });

  it('When the new username is a UUID, then it answers 400 naming username and changes nothing', async () => {
    // Arrange
    const [user, other] = await createUsers(server, 2);

    // Act
    const res = await patch(user, user.userId, { username: other.userId });

    // Assert
    expectError(res, 400, 'validation_failed', ['username']);
    expect(await findUserRow(user.userId)).toMatchObject({ username: user.username });
  });

  it('When a stranger patches someone, then it answers 404 and changes nothing', async () => {
    // Arrange
    const [stranger, victim] = await createUsers(server, 2);

    // Act
    const res = await patch(stranger, victim.userId, { first_name: 'Hacked' });

    // Assert
    expectError(res, 404, 'not_found');
    expect((await findUserRow(victim.userId))?.firstName).toBe('Test');
  });

  it('When staff patch another user, then it answers 200 and the change is stored', async () => {
    // Arrange
    const [staff, other] = await createUsers(server, 2);
    await server.makeStaff(staff);

    // Act
    const res = await patch(staff, other.userId, { last_name: 'Changed-By-Staff' });

    // Assert
    expect(res.status).toBe(200);
    expect((await findUserRow(other.userId))?.lastName).toBe('Changed-By-Staff');
  });

  it('When staff patch a user that does not exist, then it answers 404', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());

    // Act
    const res = await patch(staff, UNKNOWN_ID, { first_name: 'Ghost' });

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the body tries to change user_id or created_at, then it answers 400 naming them and changes nothing', async () => {
    // Arrange
    const user = await server.createUser();
    const before = await findUserRow(user.userId);

    // Act
    const res = await patch(user, user.userId, { user_id: UNKNOWN_ID, created_at: '2000-01-01T00:00:00Z', first_name: 'Sneaky' });

    // Assert
    expectError(res, 400, 'validation_failed', ['user_id', 'created_at']);
    const after = await findUserRow(user.userId);
    expect(after?.createdAt.getTime()).toBe(before?.createdAt.getTime());
    expect(after?.firstName).toBe('Test');
  });

  it('When a field is invalid, then it answers 400 naming it', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { email: 'nope', first_name: '' });

    // Assert
    expectError(res, 400, 'validation_failed', ['email', 'first_name']);
  });

  it('When a non-staff user sets is_staff, then it answers 403 and they stay non-staff', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { is_staff: true });

    // Assert
    expectError(res, 403, 'forbidden');
    expect((await findUserRow(user.userId))?.isStaff).toBe(false);
  });

  it('When a non-staff user echoes is_staff false back unchanged, then the update goes through', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { is_staff: false, first_name: 'Echo' });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ is_staff: false, first_name: 'Echo' });
  });

  it('When a non-staff user gives themselves the admin role, then it answers 403 and the role is unchanged', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { role: 'admin' });

    // Assert
    expectError(res, 403, 'forbidden');
    expect((await findUserRow(user.userId))?.role).toBe('guest');
  });

  it('When a non-staff user switches to the host role, then it is allowed', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { role: 'host' });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('host');
  });

  it('When staff grant is_staff and the admin role, then both are stored', async () => {
    // Arrange
    const [staff, other] = await createUsers(server, 2);
    await server.makeStaff(staff);

    // Act
    const res = await patch(staff, other.userId, { is_staff: true, role: 'admin' });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ is_staff: true, role: 'admin' });
    expect(await findUserRow(other.userId)).toMatchObject({ isStaff: true, role: 'admin' });
  });

  it('When the password is changed without current_password, then it answers 400 naming current_password and keeps the old password', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { password: NEW_TEST_PASSWORD });

    // Assert
    expectError(res, 400, 'validation_failed', ['current_password']);
    await server.http.post(`${API}/token/`).send({ username: user.username, password: TEST_PASSWORD }).expect(200);
  });

  it('When current_password is wrong, then it answers 400 naming current_password and keeps the old password', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { password: NEW_TEST_PASSWORD, current_password: 'wrong-password' });

    // Assert
    expectError(res, 400, 'validation_failed', ['current_password']);
    await server.http.post(`${API}/token/`).send({ username: user.username, password: NEW_TEST_PASSWORD }).expect(401);
  });

  it('When the new password is too short, then it answers 400 naming password', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await patch(user, user.userId, { password: 'short', current_password: TEST_PASSWORD });

    // Assert
    expectError(res, 400, 'validation_failed', ['password']);
  });

  it('When the password is changed with the right current_password, then the new one works, the old does not, and every refresh token is revoked', async () => {
    // Arrange
    const user = await server.createUser();
    const otherDevice = await server.signIn(user.username);

    // Act
    const res = await patch(user, user.userId, { password: NEW_TEST_PASSWORD, current_password: TEST_PASSWORD });

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(USER_KEYS);
    await server.http.post(`${API}/token/`).send({ username: user.username, password: TEST_PASSWORD }).expect(401);
    for (const refresh of [user.refresh, otherDevice.refresh]) {
      expectError(await server.http.post(`${API}/token/refresh/`).send({ refresh }), 401, 'unauthorized');
    }
    const tokens = await refreshTokensOf(user.userId);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(token.revokedAt).toBeInstanceOf(Date);
    await server.http.post(`${API}/token/`).send({ username: user.username, password: NEW_TEST_PASSWORD }).expect(200);
  });

  it("When staff reset another user's password, then no current_password is needed and that user's refresh tokens are revoked", async () => {
    // Arrange
    const [staff, other] = await createUsers(server, 2);
    await server.makeStaff(staff);

    // Act
    const res = await patch(staff, other.userId, { password: NEW_TEST_PASSWORD });

    // Assert
    expect(res.status).toBe(200);
    expectError(await server.http.post(`${API}/token/refresh/`).send({ refresh: other.refresh }), 401, 'unauthorized');
    await server.http.post(`${API}/token/`).send({ username: other.username, password: NEW_TEST_PASSWORD }).expect(200);
    await server.http.post(`${API}/token/refresh/`).send({ refresh: staff.refresh }).expect(200);
  });

  it('When staff change their own password, then current_password is still required', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());

    // Act
    const res = await patch(staff, staff.userId, { password: NEW_TEST_PASSWORD });

    // Assert
    expectError(res, 400, 'validation_failed', ['current_password']);
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.patch(`${API}/users/${user.userId}/`).send({ first_name: 'Anon' });

    // Assert
    expectError(res, 401, 'unauthorized');
    expect((await findUserRow(user.userId))?.firstName).toBe('Test');
  });
});

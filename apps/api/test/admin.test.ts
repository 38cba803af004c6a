import {
  API,
  createConversation,
  expectError,
  PAGE_KEYS,
  sendMessage,
  sortedKeys,
  UNKNOWN_ID,
  USER_KEYS,
  type PageBody,
} from './support/api';
import { useTestServer, uniqueName, type TestUser } from './support/test-server';

const server = useTestServer();

const ADMIN = `${API}/admin`;
const ADMIN_USER_KEYS = [...USER_KEYS, 'is_active'].sort();

interface AdminUserBody {
  user_id: string;
  username: string;
  is_staff: boolean;
  is_active: boolean;
}

interface AdminConversationBody {
  conversation_id: string;
  participants: Array<{ user_id: string }>;
  created_at: string;
  last_activity_at: string;
  message_count: number;
}

async function staffUser(): Promise<TestUser> {
  return server.makeStaff(await server.createUser());
}

const userRow = async (userId: string) => (await server.running.db.models.User.findByPk(userId))?.get({ plain: true });

describe('who may use /admin', () => {
  it('When a signed-in user who is not staff calls any admin endpoint, then each answers 403 and changes nothing', async () => {
    // Arrange
    const [user, target] = [await server.createUser(), await server.createUser()];
    const conversation = await createConversation(server, user, target);
    const message = await sendMessage(server, target, conversation.conversation_id, 'keep me');
    const calls = [
      server.http.get(`${ADMIN}/users/`),
      server.http.get(`${ADMIN}/conversations/`),
      server.http.get(`${ADMIN}/stats/`),
      server.http.post(`${ADMIN}/users/${target.userId}/deactivate/`),
      server.http.post(`${ADMIN}/users/${target.userId}/reactivate/`),
      server.http.post(`${ADMIN}/users/${user.userId}/promote/`),
      server.http.delete(`${ADMIN}/messages/${message.message_id}/`),
    ];

    // Act
    const responses = await Promise.all(calls.map((call) => call.set('Authorization', user.auth)));

    // Assert
    for (const res of responses) expectError(res, 403, 'forbidden');
    expect(await userRow(target.userId)).toMatchObject({ isActive: true });
    expect(await userRow(user.userId)).toMatchObject({ isStaff: false });
    expect(await server.running.db.models.Message.count({ where: { messageId: message.message_id } })).toBe(1);
  });

  it('When nobody is signed in, then admin endpoints answer 401', async () => {
    expectError(await server.http.get(`${ADMIN}/users/`), 401, 'unauthorized');
    expectError(await server.http.get(`${ADMIN}/stats/`), 401, 'unauthorized');
  });
});

describe('GET /admin/users/', () => {
  it('When staff search, then the match is case-insensitive over username, email and names, inactive users included', async () => {
    // Arrange
    const staff = await staffUser();
    const marker = uniqueName('Zebra');
    const byUsername = await server.createUser({ username: `${marker}_u` });
    const byEmail = await server.createUser({ email: `x_${marker.toLowerCase()}@example.com` });
    const byName = await server.createUser({ last_name: `Mc${marker.toUpperCase()}` });
    await server.createUser();
    await server.http.post(`${ADMIN}/users/${byEmail.userId}/deactivate/`).set('Authorization', staff.auth).expect(200);

    // Act
    const res = await server.http.get(`${ADMIN}/users/`).query({ search: marker.toLowerCase() }).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    const page = res.body as PageBody<AdminUserBody>;
    expect(sortedKeys(page)).toEqual(PAGE_KEYS);
    expect(page.results.map((user) => user.user_id).sort()).toEqual([byUsername.userId, byEmail.userId, byName.userId].sort());
    for (const user of page.results) expect(sortedKeys(user)).toEqual(ADMIN_USER_KEYS);
    expect(page.results.find((user) => user.user_id === byEmail.userId)?.is_active).toBe(false);
  });

  it('When staff filter by is_active and is_staff and page through, then only matching users come, page by page', async () => {
    // Arrange
    const staff = await staffUser();
    const marker = uniqueName('filter');
    const users = await Promise.all([1, 2, 3].map((n) => server.createUser({ first_name: `${marker}${n}` })));
    await server.http.post(`${ADMIN}/users/${users[0].userId}/deactivate/`).set('Authorization', staff.auth).expect(200);
    await server.http.post(`${ADMIN}/users/${users[1].userId}/promote/`).set('Authorization', staff.auth).expect(200);

    // Act
    const inactive = await server.http.get(`${ADMIN}/users/`).query({ search: marker, is_active: false }).set('Authorization', staff.auth);
    const staffOnly = await server.http.get(`${ADMIN}/users/`).query({ search: marker, is_staff: true }).set('Authorization', staff.auth);
    const firstPage = await server.http.get(`${ADMIN}/users/`).query({ search: marker, page_size: 2 }).set('Authorization', staff.auth);
    const pastEnd = await server.http
      .get(`${ADMIN}/users/`)
      .query({ search: marker, page: 3, page_size: 2 })
      .set('Authorization', staff.auth);

    // Assert
    expect(inactive.body.results.map((user: AdminUserBody) => user.user_id)).toEqual([users[0].userId]);
    expect(staffOnly.body.results.map((user: AdminUserBody) => user.user_id)).toEqual([users[1].userId]);
    expect(firstPage.body).toMatchObject({ count: 3, previous: null, next: expect.stringContaining('page=2') });
    expect(firstPage.body.results).toHaveLength(2);
    expectError(pastEnd, 404, 'not_found');
  });

  it('When a filter is malformed, then it answers 400 naming it', async () => {
    const staff = await staffUser();
    const res = await server.http.get(`${ADMIN}/users/`).query({ is_active: 'sometimes', page_size: 101 }).set('Authorization', staff.auth);
    expectError(res, 400, 'validation_failed', ['is_active', 'page_size']);
  });
});

describe('POST /admin/users/{user_id}/deactivate/ and /reactivate/', () => {
  it('When staff deactivate a user, then the account is inactive, its access token gets 401, its refresh token and sign-in fail', async () => {
    // Arrange
    const [staff, user] = [await staffUser(), await server.createUser()];
    await server.http.get(`${API}/users/me/`).set('Authorization', user.auth).expect(200);

    // Act
    const res = await server.http.post(`${ADMIN}/users/${user.userId}/deactivate/`).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_id: user.userId, is_active: false });
    expect(await userRow(user.userId)).toMatchObject({ isActive: false });
    expectError(await server.http.get(`${API}/users/me/`).set('Authorization', user.auth), 401, 'unauthorized');
    expectError(await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }), 401, 'unauthorized');
    expectError(await server.http.post(`${API}/token/`).send({ username: user.username, password: user.password }), 401, 'unauthorized');
    const tokens = await server.running.db.models.RefreshToken.findAll({ where: { userId: user.userId } });
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);
  });

  it('When staff reactivate a deactivated user, then they can sign in again', async () => {
    // Arrange
    const [staff, user] = [await staffUser(), await server.createUser()];
    await server.http.post(`${ADMIN}/users/${user.userId}/deactivate/`).set('Authorization', staff.auth).expect(200);

    // Act
    const res = await server.http.post(`${ADMIN}/users/${user.userId}/reactivate/`).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_id: user.userId, is_active: true });
    expect(await userRow(user.userId)).toMatchObject({ isActive: true });
    const signIn = await server.signIn(user.username);
    await server.http.get(`${API}/users/me/`).set('Authorization', `Bearer ${signIn.access}`).expect(200);
  });

  it('When staff try to deactivate themselves, then it answers 409 and they stay active', async () => {
    const staff = await staffUser();

    const res = await server.http.post(`${ADMIN}/users/${staff.userId}/deactivate/`).set('Authorization', staff.auth);

    expectError(res, 409, 'conflict');
    expect(await userRow(staff.userId)).toMatchObject({ isActive: true });
  });

  it('When the user does not exist, then it answers 404; a malformed id is 400', async () => {
    const staff = await staffUser();
    expectError(await server.http.post(`${ADMIN}/users/${UNKNOWN_ID}/deactivate/`).set('Authorization', staff.auth), 404, 'not_found');
    expectError(await server.http.post(`${ADMIN}/users/${UNKNOWN_ID}/reactivate/`).set('Authorization', staff.auth), 404, 'not_found');
    expectError(await server.http.post(`${ADMIN}/users/${UNKNOWN_ID}/promote/`).set('Authorization', staff.auth), 404, 'not_found');
    expectError(
      await server.http.post(`${ADMIN}/users/not-a-uuid/deactivate/`).set('Authorization', staff.auth),
      400,
      'validation_failed',
      ['user_id'],
    );
  });
});

describe('POST /admin/users/{user_id}/promote/', () => {
  it('When staff promote a user, then they are staff and can use the admin endpoints with the token they already had', async () => {
    // Arrange
    const [staff, user] = [await staffUser(), await server.createUser()];

    // Act
    const res = await server.http.post(`${ADMIN}/users/${user.userId}/promote/`).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_id: user.userId, is_staff: true, is_active: true });
    expect(await userRow(user.userId)).toMatchObject({ isStaff: true });
    await server.http.get(`${ADMIN}/stats/`).set('Authorization', user.auth).expect(200);
  });
});

describe('GET /admin/conversations/', () => {
  it('When staff list conversations, then they see ones they are not in, with participants and message counts, newest activity first', async () => {
    // Arrange
    const staff = await staffUser();
    const [alice, bob, carol] = [await server.createUser(), await server.createUser(), await server.createUser()];
    const quiet = await createConversation(server, alice, bob);
    const busy = await createConversation(server, bob, carol);
    await sendMessage(server, bob, busy.conversation_id, 'one');
    await sendMessage(server, carol, busy.conversation_id, 'two');

    // Act
    const res = await server.http.get(`${ADMIN}/conversations/`).query({ page_size: 100 }).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    const results = (res.body as PageBody<AdminConversationBody>).results;
    const ids = results.map((conversation) => conversation.conversation_id);
    expect(ids.indexOf(busy.conversation_id)).toBeLessThan(ids.indexOf(quiet.conversation_id));
    const shown = results.find((conversation) => conversation.conversation_id === busy.conversation_id)!;
    expect(sortedKeys(shown)).toEqual(['conversation_id', 'created_at', 'last_activity_at', 'message_count', 'participants']);
    expect(shown.message_count).toBe(2);
    expect(shown.participants.map((participant) => participant.user_id).sort()).toEqual([bob.userId, carol.userId].sort());
    expect(results.find((conversation) => conversation.conversation_id === quiet.conversation_id)?.message_count).toBe(0);
  });
});

describe('DELETE /admin/messages/{message_id}/', () => {
  it('When staff delete someone else’s message, then it is gone for the participants', async () => {
    // Arrange
    const staff = await staffUser();
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const conversation = await createConversation(server, alice, bob);
    const message = await sendMessage(server, alice, conversation.conversation_id, 'something to moderate');

    // Act
    const res = await server.http.delete(`${ADMIN}/messages/${message.message_id}/`).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await server.running.db.models.Message.count({ where: { messageId: message.message_id } })).toBe(0);
    const asBob = `${API}/conversations/${conversation.conversation_id}/messages/${message.message_id}/`;
    expectError(await server.http.get(asBob).set('Authorization', bob.auth), 404, 'not_found');
  });

  it('When the message does not exist, then it answers 404', async () => {
    const staff = await staffUser();
    expectError(await server.http.delete(`${ADMIN}/messages/${UNKNOWN_ID}/`).set('Authorization', staff.auth), 404, 'not_found');
  });
});

describe('GET /admin/stats/', () => {
  it('When staff ask for counts, then users, conversations and today’s messages match the database, and grow with new rows', async () => {
    // Arrange
    const staff = await staffUser();
    const before = (await server.http.get(`${ADMIN}/stats/`).set('Authorization', staff.auth).expect(200)).body;
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const conversation = await createConversation(server, alice, bob);
    await sendMessage(server, alice, conversation.conversation_id, 'today');
    const old = await sendMessage(server, bob, conversation.conversation_id, 'long ago');
    await server.running.db.models.Message.update({ sentAt: new Date('2020-01-01T00:00:00Z') }, { where: { messageId: old.message_id } });

    // Act
    const res = await server.http.get(`${ADMIN}/stats/`).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(['active_users', 'conversations', 'messages', 'messages_today', 'staff_users', 'users']);
    const { models } = server.running.db;
    expect(res.body).toMatchObject({
      users: await models.User.count(),
      active_users: await models.User.count({ where: { isActive: true } }),
      staff_users: await models.User.count({ where: { isStaff: true } }),
      conversations: await models.Conversation.count(),
      messages: await models.Message.count(),
    });
    expect(res.body.users).toBe(before.users + 2);
    expect(res.body.messages).toBe(before.messages + 2);
    expect(res.body.messages_today).toBe(before.messages_today + 1);
  });
});

/**
 * The authorization matrix: every operation in the spec, tried by each kind of caller on objects that
 * belong to the owner, with the status each must get, whether the change happened, and a check that
 * no response body carries data the caller may not see.
 *
 * Adding an operation to the API fails this file until it has a row in MATRIX: say what each caller
 * gets (`expect`), how to build the request, and for operations that change something, how to see
 * whether the change happened (`effect`).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Test } from 'supertest';
import { API, expectError, sleep, type ConversationBody, type MessageBody } from './support/api';
import { openSse } from './support/sse';
import { startTestServer, TEST_PASSWORD, uniqueName, type TestServer, type TestUser } from './support/test-server';

const ROLES = ['anonymous', 'stranger', 'participant', 'owner', 'staff'] as const;
type Role = (typeof ROLES)[number];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * - owner: created the conversation, sent the message, and is the user whose profile is the target
 * - participant: in the owner's conversation, but did not send the message
 * - stranger: signed in, shares nothing with the owner
 * - staff: is_staff, and not in the conversation (so, like a stranger, it does not exist for them)
 * - anonymous: no Authorization header
 */
interface World {
  /** extra: someone to add to conversations; victim: the target of the admin account operations. */
  users: Record<Exclude<Role, 'anonymous'>, TestUser> & { extra: TestUser; victim: TestUser };
  conversation: ConversationBody;
  message: MessageBody;
  /** A fresh sign-in of the owner, for the token operations (each row may spend it). */
  ownerTokens: { access: string; refresh: string };
  /** Unique text in this row's message, and in what this row writes. */
  marker: string;
}

interface Row {
  request(world: World): { method: Method; path: string; body?: object };
  /** State this row needs before the call (e.g. an inactive account to reactivate). */
  arrange?(world: World, server: TestServer): Promise<void>;
  /** Admin views: staff may see every conversation's id there (never message bodies). */
  staffView?: true;
  expect: Record<Role, number>;
  /** For operations that change state: whether the change is there now. Must be true exactly when the status was 2xx. */
  effect?(world: World, server: TestServer, role: Role): Promise<boolean>;
  /** Ends the caller's sessions when it succeeds: the caller signs in again after the case. */
  signsCallerOut?: true;
  /**
   * Whose private data the response may rightly hold, when that is not the caller: the token
   * operations act for whoever holds the credentials or token in the body (here, the owner).
   */
  actsFor?: 'owner';
  /** A server-sent-events stream: read what it sends for a moment (its start and replay), then hang up. */
  stream?: true;
}

const all = (status: number): Record<Role, number> => ({
  anonymous: status,
  stranger: status,
  participant: status,
  owner: status,
  staff: status,
});
const signedIn = (anonymous: number, others: Omit<Record<Role, number>, 'anonymous'>) => ({ anonymous, ...others });

const messagesPath = (w: World) => `/conversations/${w.conversation.conversation_id}/messages/`;
const messagePath = (w: World) => `${messagesPath(w)}${w.message.message_id}/`;

const MATRIX: Record<string, Row> = {
  // --- Auth: the token in the body is the credential, whoever sends the request --------------------
  signIn: {
    request: (w) => ({ method: 'post', path: '/token/', body: { username: w.users.owner.username, password: TEST_PASSWORD } }),
    expect: all(200),
    actsFor: 'owner',
  },
  refreshToken: {
    request: (w) => ({ method: 'post', path: '/token/refresh/', body: { refresh: w.ownerTokens.refresh } }),
    expect: all(200),
    effect: async (w, s) => (await refreshRow(s, w.ownerTokens.refresh))?.replacedById != null,
    actsFor: 'owner',
  },
  logout: {
    request: (w) => ({ method: 'post', path: '/token/logout/', body: { refresh: w.ownerTokens.refresh } }),
    expect: all(204),
    effect: async (w, s) => (await refreshRow(s, w.ownerTokens.refresh))?.revokedAt != null,
    actsFor: 'owner',
  },
  verifyToken: {
    request: (w) => ({ method: 'post', path: '/token/verify/', body: { token: w.ownerTokens.access } }),
    expect: all(200),
    actsFor: 'owner',
  },

  // --- Users --------------------------------------------------------------------------------------
  registerUser: {
    // Registration is open, but creating a staff account is not.
    request: (w) => ({ method: 'post', path: '/users/', body: newUserBody(w.marker, { is_staff: true }) }),
    expect: signedIn(403, { stranger: 403, participant: 403, owner: 403, staff: 201 }),
    effect: async (w, s) => (await s.running.db.models.User.count({ where: { username: w.marker } })) === 1,
  },
  getCurrentUser: {
    request: () => ({ method: 'get', path: '/users/me/' }),
    expect: signedIn(401, { stranger: 200, participant: 200, owner: 200, staff: 200 }),
  },
  listUsers: {
    request: () => ({ method: 'get', path: '/users/?page_size=100' }),
    expect: signedIn(401, { stranger: 200, participant: 200, owner: 200, staff: 200 }),
  },
  getUser: {
    request: (w) => ({ method: 'get', path: `/users/${w.users.owner.userId}/` }),
    expect: signedIn(401, { stranger: 404, participant: 404, owner: 200, staff: 200 }),
  },
  signOutEverywhere: {
    // Everyone signed in may end their own sessions (and only their own: the path names no one else).
    request: () => ({ method: 'delete', path: '/users/me/sessions/' }),
    expect: signedIn(401, { stranger: 204, participant: 204, owner: 204, staff: 204 }),
    effect: async (w, s, role) =>
      role !== 'anonymous' &&
      (await s.running.db.models.UserSession.count({ where: { userId: w.users[role].userId, endedAt: null } })) === 0,
    signsCallerOut: true,
  },
  updateUser: {
    request: (w) => ({ method: 'patch', path: `/users/${w.users.owner.userId}/`, body: { last_name: w.marker } }),
    expect: signedIn(401, { stranger: 404, participant: 404, owner: 200, staff: 200 }),
    effect: async (w, s) => (await s.running.db.models.User.findByPk(w.users.owner.userId))?.lastName === w.marker,
  },

  // --- Events: each caller gets a stream of their own conversations only -----------------------------
  streamEvents: {
    // since=0 replays every event the caller may see, including those of the worlds built so far.
    request: () => ({ method: 'get', path: '/events?since=0' }),
    expect: signedIn(401, { stranger: 200, participant: 200, owner: 200, staff: 200 }),
    stream: true,
  },

  // --- Conversations: members only; everyone else is told it does not exist ------------------------
  listConversations: {
    request: () => ({ method: 'get', path: '/conversations/?page_size=100' }),
    expect: signedIn(401, { stranger: 200, participant: 200, owner: 200, staff: 200 }),
  },
  createConversation: {
    request: (w) => ({ method: 'post', path: '/conversations/', body: { participant_ids: [w.users.extra.userId], kind: 'group' } }),
    expect: signedIn(401, { stranger: 201, participant: 201, owner: 201, staff: 201 }),
    effect: async (w, s) => (await s.running.db.models.ConversationParticipant.count({ where: { userId: w.users.extra.userId } })) > 0,
  },
  getConversation: {
    request: (w) => ({ method: 'get', path: `/conversations/${w.conversation.conversation_id}/` }),
    expect: signedIn(401, { stranger: 404, participant: 200, owner: 200, staff: 404 }),
  },

  // --- Messages: members read and send; only the sender edits or deletes ----------------------------
  listMessages: {
    request: (w) => ({ method: 'get', path: messagesPath(w) }),
    expect: signedIn(401, { stranger: 404, participant: 200, owner: 200, staff: 404 }),
  },
  sendMessage: {
    request: (w) => ({ method: 'post', path: messagesPath(w), body: { message_body: `${w.marker} new` } }),
    expect: signedIn(401, { stranger: 404, participant: 201, owner: 201, staff: 404 }),
    effect: async (w, s) => (await s.running.db.models.Message.count({ where: { messageBody: `${w.marker} new` } })) === 1,
  },
  getMessage: {
    request: (w) => ({ method: 'get', path: messagePath(w) }),
    expect: signedIn(401, { stranger: 404, participant: 200, owner: 200, staff: 404 }),
  },
  updateMessage: {
    request: (w) => ({ method: 'patch', path: messagePath(w), body: { message_body: `${w.marker} edited` } }),
    expect: signedIn(401, { stranger: 404, participant: 403, owner: 200, staff: 404 }),
    effect: async (w, s) => (await s.running.db.models.Message.findByPk(w.message.message_id))?.messageBody === `${w.marker} edited`,
  },
  deleteMessage: {
    request: (w) => ({ method: 'delete', path: messagePath(w) }),
    expect: signedIn(401, { stranger: 404, participant: 403, owner: 204, staff: 404 }),
    effect: async (w, s) => (await s.running.db.models.Message.findByPk(w.message.message_id)) === null,
  },
  getUnreadSummary: {
    request: () => ({ method: 'get', path: '/users/me/unread/' }),
    expect: signedIn(401, { stranger: 200, participant: 200, owner: 200, staff: 200 }),
  },
  listMessageHistory: {
    request: (w) => ({ method: 'get', path: `${messagePath(w)}history/` }),
    expect: signedIn(401, { stranger: 404, participant: 200, owner: 200, staff: 404 }),
  },
  listReplies: {
    request: (w) => ({ method: 'get', path: `${messagePath(w)}replies/` }),
    expect: signedIn(401, { stranger: 404, participant: 200, owner: 200, staff: 404 }),
  },
  addReaction: {
    request: (w) => ({ method: 'put', path: `${messagePath(w)}reactions/${THUMBS_UP}/` }),
    expect: signedIn(401, { stranger: 404, participant: 200, owner: 200, staff: 404 }),
    effect: async (w, s) => (await s.running.db.models.MessageReaction.count({ where: { messageId: w.message.message_id } })) > 0,
  },
  removeReaction: {
    request: (w) => ({ method: 'delete', path: `${messagePath(w)}reactions/${THUMBS_UP}/` }),
    expect: signedIn(401, { stranger: 404, participant: 204, owner: 204, staff: 404 }),
  },
  addParticipants: {
    request: (w) => ({
      method: 'post',
      path: `/conversations/${w.conversation.conversation_id}/participants/`,
      body: { user_ids: [w.users.extra.userId] },
    }),
    expect: signedIn(401, { stranger: 404, participant: 200, owner: 200, staff: 404 }),
    effect: async (w, s) => isMember(s, w.conversation.conversation_id, w.users.extra.userId),
  },
  leaveConversation: {
    request: (w) => ({ method: 'delete', path: `/conversations/${w.conversation.conversation_id}/participants/me/` }),
    expect: signedIn(401, { stranger: 404, participant: 204, owner: 204, staff: 404 }),
  },
  removeParticipant: {
    // Only the group's creator (the owner) may remove someone else.
    request: (w) => ({ method: 'delete', path: `/conversations/${w.conversation.conversation_id}/participants/${w.users.extra.userId}/` }),
    arrange: (w, s) => addToConversation(s, w, w.users.extra),
    expect: signedIn(401, { stranger: 404, participant: 403, owner: 204, staff: 404 }),
    effect: async (w, s) => !(await isMember(s, w.conversation.conversation_id, w.users.extra.userId)),
  },
  markRead: {
    request: (w) => ({ method: 'post', path: `/conversations/${w.conversation.conversation_id}/read/`, body: {} }),
    expect: signedIn(401, { stranger: 404, participant: 200, owner: 200, staff: 404 }),
  },

  // --- Admin: staff only; everyone else signed in gets 403 -----------------------------------------
  searchUsers: {
    request: () => ({ method: 'get', path: '/admin/users/?page_size=100' }),
    expect: signedIn(401, { stranger: 403, participant: 403, owner: 403, staff: 200 }),
  },
  deactivateUser: {
    request: (w) => ({ method: 'post', path: `/admin/users/${w.users.victim.userId}/deactivate/` }),
    expect: signedIn(401, { stranger: 403, participant: 403, owner: 403, staff: 200 }),
    effect: async (w, s) => (await s.running.db.models.User.findByPk(w.users.victim.userId))?.isActive === false,
  },
  reactivateUser: {
    request: (w) => ({ method: 'post', path: `/admin/users/${w.users.victim.userId}/reactivate/` }),
    arrange: async (w, s) => {
      await s.running.db.models.User.update({ isActive: false }, { where: { userId: w.users.victim.userId } });
    },
    expect: signedIn(401, { stranger: 403, participant: 403, owner: 403, staff: 200 }),
    effect: async (w, s) => (await s.running.db.models.User.findByPk(w.users.victim.userId))?.isActive === true,
  },
  promoteUser: {
    request: (w) => ({ method: 'post', path: `/admin/users/${w.users.victim.userId}/promote/` }),
    expect: signedIn(401, { stranger: 403, participant: 403, owner: 403, staff: 200 }),
    effect: async (w, s) => (await s.running.db.models.User.findByPk(w.users.victim.userId))?.isStaff === true,
  },
  listAllConversations: {
    request: () => ({ method: 'get', path: '/admin/conversations/?page_size=100' }),
    expect: signedIn(401, { stranger: 403, participant: 403, owner: 403, staff: 200 }),
    staffView: true,
  },
  deleteAnyMessage: {
    request: (w) => ({ method: 'delete', path: `/admin/messages/${w.message.message_id}/` }),
    expect: signedIn(401, { stranger: 403, participant: 403, owner: 403, staff: 204 }),
    effect: async (w, s) => (await s.running.db.models.Message.findByPk(w.message.message_id)) === null,
  },
  getAdminStats: {
    request: () => ({ method: 'get', path: '/admin/stats/' }),
    expect: signedIn(401, { stranger: 403, participant: 403, owner: 403, staff: 200 }),
  },
};

const THUMBS_UP = encodeURIComponent('👍');

async function isMember(server: TestServer, conversationId: string, userId: string): Promise<boolean> {
  return (await server.running.db.models.ConversationParticipant.count({ where: { conversationId, userId } })) > 0;
}

async function addToConversation(server: TestServer, world: World, user: TestUser): Promise<void> {
  await server.http
    .post(`${API}/conversations/${world.conversation.conversation_id}/participants/`)
    .set('Authorization', world.users.owner.auth)
    .send({ user_ids: [user.userId] })
    .expect(200);
}

function newUserBody(username: string, extra: object = {}) {
  return { username, email: `${username}@example.com`, password: TEST_PASSWORD, first_name: 'New', last_name: 'User', ...extra };
}

async function refreshRow(server: TestServer, refresh: string) {
  const { jti } = JSON.parse(Buffer.from(refresh.split('.')[1], 'base64url').toString()) as { jti: string };
  return server.running.db.models.RefreshToken.findByPk(jti);
}

const spec = JSON.parse(readFileSync(path.resolve(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string }>>;
};
const specOperations = Object.entries(spec.paths).flatMap(([route, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ route, method, operationId: operation.operationId })),
);

let server: TestServer;
let people: World['users'];
/** Each user's private fields, which only they (and staff) may see. */
let privateFields: Map<string, string[]>;

beforeAll(async () => {
  server = await startTestServer();
  const make = async (role: string, index: number) => {
    const user = await server.createUser({ username: uniqueName(role) });
    // A phone number on every profile, so a leaked one would show.
    await server.http
      .patch(`${API}/users/${user.userId}/`)
      .set('Authorization', user.auth)
      .send({ phone_number: `+1555000${index}${index}` })
      .expect(200);
    return user;
  };
  people = {
    owner: await make('owner', 1),
    participant: await make('participant', 2),
    stranger: await make('stranger', 3),
    staff: await make('staff', 4),
    extra: await make('extra', 5),
    victim: await make('victim', 6),
  };
  await server.makeStaff(people.staff);
  privateFields = new Map(Object.values(people).map((user, index) => [user.userId, [user.email, `+1555000${index + 1}${index + 1}`]]));
}, 120_000);
afterAll(() => server.stop());
afterEach(() => expect(server.leaks).toEqual([]));
// The admin rows change the victim's account; every case starts from an active, non-staff victim.
afterEach(async () => {
  await server.running.db.models.User.update({ isActive: true, isStaff: false }, { where: { userId: people.victim.userId } });
});
/** A caller whose sessions the last case may have ended (sign out everywhere): signed in again. */
let mayBeSignedOut: Role | undefined;
afterEach(async () => {
  if (!mayBeSignedOut || mayBeSignedOut === 'anonymous') return;
  const user = people[mayBeSignedOut];
  const tokens = await server.signIn(user.username);
  Object.assign(user, { access: tokens.access, refresh: tokens.refresh, auth: `Bearer ${tokens.access}` });
  mayBeSignedOut = undefined;
});

/** A fresh conversation (owner + participant) with one message from the owner, and fresh owner tokens. */
async function buildWorld(): Promise<World> {
  const marker = uniqueName('marker');
  const { owner, participant } = people;
  const conversation = await server.http
    .post(`${API}/conversations/`)
    .set('Authorization', owner.auth)
    .send({ participant_ids: [participant.userId], kind: 'group' })
    .expect(201);
  const message = await server.http
    .post(`${API}/conversations/${conversation.body.conversation_id as string}/messages/`)
    .set('Authorization', owner.auth)
    .send({ message_body: `${marker} secret` })
    .expect(201);
  const ownerTokens = await server.signIn(owner.username);
  return { users: people, conversation: conversation.body as ConversationBody, message: message.body as MessageBody, ownerTokens, marker };
}

/** What `role` must never find in a response body on this row. */
function forbiddenFor(role: Role, row: Row, world: World): string[] {
  const identity = row.actsFor ? world.users[row.actsFor] : role === 'anonymous' ? undefined : world.users[role];
  const forbidden: string[] = [];
  if (role !== 'staff') {
    for (const [userId, fields] of privateFields) if (userId !== identity?.userId) forbidden.push(...fields);
  }
  const member = role === 'owner' || role === 'participant';
  if (!member) {
    if (!(row.staffView && role === 'staff')) forbidden.push(world.conversation.conversation_id);
    forbidden.push(world.message.message_id, `${world.marker} secret`);
  }
  return forbidden;
}

/** Opens the stream, reads for a moment, and answers like supertest would (status, text, JSON body). */
async function readStream(
  role: Role,
  request: { path: string },
): Promise<{ status: number; text: string; body: unknown; headers: Record<string, unknown> }> {
  const client = await openSse(server.url, `${API}${request.path}`, role === 'anonymous' ? {} : { Authorization: people[role].auth });
  if (client.status === 200) await Promise.race([sleep(500), client.ended]);
  else await client.ended;
  client.close();
  const text = client.body();
  return { status: client.status, text, headers: client.headers, body: client.status === 200 ? undefined : JSON.parse(text) };
}

function send(role: Role, request: { method: Method; path: string; body?: object }): Test {
  const call = server.http[request.method](`${API}${request.path}`);
  if (role !== 'anonymous') call.set('Authorization', people[role].auth);
  return request.body ? call.send(request.body) : call;
}

describe('the matrix covers the spec', () => {
  it('When the spec is read, then every operation has a row, and every row is an operation in the spec', () => {
    const inSpec = specOperations.map((operation) => operation.operationId).sort();
    expect(inSpec.filter((id) => !(id in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((id) => !inSpec.includes(id))).toEqual([]);
  });

  it("When each row's request is built, then it is that operation's method and path", async () => {
    const world = await buildWorld();
    for (const { route, method, operationId } of specOperations) {
      const request = MATRIX[operationId].request(world);
      const pattern = new RegExp(`^${route.replace(/\{[^}]+\}/g, '[^/]+')}/?(\\?.*)?$`);
      expect([operationId, request.method, pattern.test(request.path)]).toEqual([operationId, method, true]);
    }
  });
});

const cases = Object.entries(MATRIX).flatMap(([operationId, row]) =>
  ROLES.map((role) => [operationId, role, row.expect[role], row] as const),
);

describe('who may do what', () => {
  it.each(cases)('When %s is called by %s, then it answers %i', async (_operationId, role, expected, row) => {
    // Arrange
    const world = await buildWorld();
    await row.arrange?.(world, server);

    if (row.signsCallerOut) mayBeSignedOut = role;

    // Act
    const res = row.stream ? await readStream(role, row.request(world)) : await send(role, row.request(world));

    // Assert: the status, and the error shape when it is one.
    expect(res.status).toBe(expected);
    if (expected >= 400) {
      const code = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[expected] as string;
      expectError(res as Parameters<typeof expectError>[0], expected, code);
    }
    // The change happened exactly when the call succeeded.
    if (row.effect) expect(await row.effect(world, server, role)).toBe(expected < 300);
    // Nothing in the body that this caller may not see.
    const text = res.text ?? '';
    for (const secret of forbiddenFor(role, row, world)) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });
});

describe('what each caller sees in lists', () => {
  it('When each signed-in role lists users, then non-staff see exactly themselves and staff see everyone', async () => {
    for (const role of ['stranger', 'participant', 'owner'] as const) {
      const res = await send(role, { method: 'get', path: '/users/?page_size=100' }).expect(200);
      expect(res.body.results.map((user: { user_id: string }) => user.user_id)).toEqual([people[role].userId]);
    }
    const staff = await send('staff', { method: 'get', path: '/users/?page_size=100' }).expect(200);
    const ids = staff.body.results.map((user: { user_id: string }) => user.user_id);
    expect(ids).toEqual(expect.arrayContaining(Object.values(people).map((user) => user.userId)));
  });

  it("When each signed-in role lists conversations, then only members see the owner's conversation", async () => {
    const world = await buildWorld();
    const seen: Record<string, boolean> = {};
    for (const role of ['stranger', 'participant', 'owner', 'staff'] as const) {
      const res = await send(role, { method: 'get', path: '/conversations/?page_size=100' }).expect(200);
      seen[role] = res.body.results.some((c: { conversation_id: string }) => c.conversation_id === world.conversation.conversation_id);
    }
    expect(seen).toEqual({ stranger: false, participant: true, owner: true, staff: false });
  });

  it('When a member reads the conversation, then the other participant appears as a summary: no email, no phone', async () => {
    const world = await buildWorld();
    const res = await send('participant', { method: 'get', path: `/conversations/${world.conversation.conversation_id}/` }).expect(200);
    const owner = res.body.participants.find((p: { user_id: string }) => p.user_id === people.owner.userId);
    expect(Object.keys(owner).sort()).toEqual(['first_name', 'last_name', 'user_id', 'username']);
    expect(res.body.last_message.sender).not.toHaveProperty('email');
  });

  it('When an id that does not exist is used, then the answer is the same 404 a non-member gets', async () => {
    const world = await buildWorld();
    const missing = await send('stranger', { method: 'get', path: `/conversations/${randomUUID()}/` });
    const hidden = await send('stranger', { method: 'get', path: `/conversations/${world.conversation.conversation_id}/` });
    expect({ status: hidden.status, body: hidden.body }).toEqual({ status: missing.status, body: missing.body });
  });
});

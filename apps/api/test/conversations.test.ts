import {
  API,
  CONVERSATION_KEYS,
  createConversation,
  createGroup,
  createUsers,
  expectDetailStartingWith,
  expectError,
  PAGE_KEYS,
  relativeLink,
  sendMessage,
  sortedKeys,
  UNKNOWN_ID,
  USER_SUMMARY_KEYS,
  UUID_PATTERN,
  type ConversationBody,
  type PageBody,
} from './support/api';
import { useTestServer, type TestUser } from './support/test-server';

const server = useTestServer();

const participantIdsOf = (conversation: ConversationBody) => conversation.participants.map((p) => p.user_id).sort();
const idsOf = (...users: TestUser[]) => users.map((user) => user.userId).sort();

async function storedParticipants(conversationId: string): Promise<string[]> {
  const links = await server.running.db.models.ConversationParticipant.findAll({ where: { conversationId } });
  return links.map((link) => link.userId).sort();
}

const countConversationsCreatedBy = (user: TestUser) =>
  server.running.db.models.Conversation.count({ where: { createdById: user.userId } });

describe('POST /conversations/', () => {
  it('When a user starts a conversation with another, then it answers 201 with both as participants and no last message', async () => {
    // Arrange
    const [creator, other] = await createUsers(server, 2);

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', creator.auth)
      .send({ participant_ids: [other.userId] });

    // Assert
    expect(res.status).toBe(201);
    expect(sortedKeys(res.body)).toEqual(CONVERSATION_KEYS);
    expect(res.body.conversation_id).toMatch(UUID_PATTERN);
    expect(res.body.last_message).toBeNull();
    expect(participantIdsOf(res.body)).toEqual(idsOf(creator, other));
    for (const participant of res.body.participants) expect(sortedKeys(participant)).toEqual(USER_SUMMARY_KEYS);
    expect(res.body.participants).toContainEqual({
      user_id: other.userId,
      username: other.username,
      first_name: 'Test',
      last_name: 'User',
    });
    expect(await storedParticipants(res.body.conversation_id)).toEqual(idsOf(creator, other));
  });

  it('When the path has no trailing slash, then it creates the conversation the same', async () => {
    // Arrange
    const [creator, other] = await createUsers(server, 2);

    // Act
    const res = await server.http
      .post(`${API}/conversations`)
      .set('Authorization', creator.auth)
      .send({ participant_ids: [other.userId] });

    // Assert
    expect(res.status).toBe(201);
    expect(await storedParticipants(res.body.conversation_id)).toEqual(idsOf(creator, other));
  });

  it('When several people are named, then all of them and the creator take part', async () => {
    // Arrange
    const [creator, a, b, c] = await createUsers(server, 4);

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', creator.auth)
      .send({ participant_ids: [a.userId, b.userId, c.userId] });

    // Assert
    expect(res.status).toBe(201);
    expect(participantIdsOf(res.body)).toEqual(idsOf(creator, a, b, c));
  });

  it('When ids repeat, differ in case, or include the creator, then each person is added once', async () => {
    // Arrange
    const [creator, other] = await createUsers(server, 2);

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', creator.auth)
      .send({ participant_ids: [other.userId, other.userId.toUpperCase(), creator.userId] });

    // Assert
    expect(res.status).toBe(201);
    expect(participantIdsOf(res.body)).toEqual(idsOf(creator, other));
    expect(await storedParticipants(res.body.conversation_id)).toEqual(idsOf(creator, other));
  });

  it('When the only participant named is the creator, then it answers 400 naming participant_ids and creates nothing', async () => {
    // Arrange
    const creator = await server.createUser();

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', creator.auth)
      .send({ participant_ids: [creator.userId] });

    // Assert
    expectError(res, 400, 'validation_failed', ['participant_ids']);
    expect(await countConversationsCreatedBy(creator)).toBe(0);
  });

  it('When participant_ids is empty, then it answers 400 naming participant_ids', async () => {
    // Arrange
    const creator = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/conversations/`).set('Authorization', creator.auth).send({ participant_ids: [] });

    // Assert
    expectError(res, 400, 'validation_failed', ['participant_ids']);
  });

  it('When participant_ids is missing, then it answers 400 naming participant_ids', async () => {
    // Arrange
    const creator = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/conversations/`).set('Authorization', creator.auth).send({});

    // Assert
    expectError(res, 400, 'validation_failed', ['participant_ids']);
  });

  it('When an id is unknown, then it answers 400 whose details name that id, and creates nothing', async () => {
    // Arrange
    const [creator, other] = await createUsers(server, 2);

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', creator.auth)
      .send({ participant_ids: [other.userId, UNKNOWN_ID] });

    // Assert
    expectError(res, 400, 'validation_failed', ['participant_ids']);
    expect(res.body.error.details.participant_ids).toEqual({ unknown: [UNKNOWN_ID] });
    expect(res.body.error.message).toContain(UNKNOWN_ID);
    expect(await countConversationsCreatedBy(creator)).toBe(0);
  });

  it('When an id belongs to a deactivated user, then it is treated as unknown', async () => {
    // Arrange
    const [creator, inactive] = await createUsers(server, 2);
    await server.running.db.models.User.update({ isActive: false }, { where: { userId: inactive.userId } });

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', creator.auth)
      .send({ participant_ids: [inactive.userId] });

    // Assert
    expectError(res, 400, 'validation_failed', ['participant_ids']);
    expect(res.body.error.details.participant_ids).toEqual({ unknown: [inactive.userId] });
  });

  it('When an id is not a UUID, then it answers 400 naming participant_ids', async () => {
    // Arrange
    const creator = await server.createUser();

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', creator.auth)
      .send({ participant_ids: ['bob'] });

    // Assert
    expectError(res, 400, 'validation_failed');
    expectDetailStartingWith(res, 'participant_ids');
  });

  it('When more than 99 other participants are named, then it answers 400 naming participant_ids', async () => {
    // Arrange
    const creator = await server.createUser();
    const ids = Array.from({ length: 100 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

    // Act
    const res = await server.http.post(`${API}/conversations/`).set('Authorization', creator.auth).send({ participant_ids: ids });

    // Assert
    expectError(res, 400, 'validation_failed', ['participant_ids']);
  });

  it('When the body has an unknown field, then it answers 400 naming it', async () => {
    // Arrange
    const [creator, other] = await createUsers(server, 2);

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', creator.auth)
      .send({ participant_ids: [other.userId], topic: 'Weekend' });

    // Assert
    expectError(res, 400, 'validation_failed', ['topic']);
    expect(await countConversationsCreatedBy(creator)).toBe(0);
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Arrange
    const other = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/conversations/`).send({ participant_ids: [other.userId] });

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('GET /conversations/', () => {
  it('When a user lists conversations, then they see only their own, each with participants and last message', async () => {
    // Arrange
    const [me, friend, stranger, strangersFriend] = await createUsers(server, 4);
    const mine = await createConversation(server, friend, me);
    await createConversation(server, stranger, strangersFriend);
    const message = await sendMessage(server, friend, mine.conversation_id, 'Hello there');

    // Act
    const res = await server.http.get(`${API}/conversations/`).set('Authorization', me.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(PAGE_KEYS);
    expect(res.body).toMatchObject({ count: 1, next: null, previous: null });
    const [only] = res.body.results as ConversationBody[];
    expect(sortedKeys(only)).toEqual(CONVERSATION_KEYS);
    expect(only.conversation_id).toBe(mine.conversation_id);
    expect(participantIdsOf(only)).toEqual(idsOf(me, friend));
    expect(only.last_message).toEqual(message);
  });

  it('When the path has no trailing slash, then it answers the same', async () => {
    // Arrange
    const [me, friend] = await createUsers(server, 2);
    const conversation = await createConversation(server, me, friend);

    // Act
    const res = await server.http.get(`${API}/conversations`).set('Authorization', me.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.results.map((c: ConversationBody) => c.conversation_id)).toEqual([conversation.conversation_id]);
  });

  it('When a user has no conversations, then it answers an empty first page', async () => {
    // Arrange
    const loner = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/conversations/`).set('Authorization', loner.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  it('When a message arrives in an older conversation, then that conversation moves to the top', async () => {
    // Arrange
    const [me, a, b, c] = await createUsers(server, 4);
    const first = await createConversation(server, me, a);
    const second = await createConversation(server, me, b);
    const third = await createConversation(server, me, c);
    const before = await server.http.get(`${API}/conversations/`).set('Authorization', me.auth).expect(200);
    expect(before.body.results.map((x: ConversationBody) => x.conversation_id)).toEqual([
      third.conversation_id,
      second.conversation_id,
      first.conversation_id,
    ]);

    // Act
    const latest = await sendMessage(server, a, first.conversation_id, 'bumping the oldest one');
    const res = await server.http.get(`${API}/conversations/`).set('Authorization', me.auth);

    // Assert
    expect(res.status).toBe(200);
    const results = res.body.results as ConversationBody[];
    expect(results.map((x) => x.conversation_id)).toEqual([first.conversation_id, third.conversation_id, second.conversation_id]);
    expect(results[0].last_message).toEqual(latest);
    expect(results[1].last_message).toBeNull();
  });

  it('When conversations span several pages, then next and previous are absolute links and every conversation appears once', async () => {
    // Arrange
    const [me, ...others] = await createUsers(server, 6);
    for (const other of others) await createConversation(server, me, other);

    // Act
    const first = await server.http.get(`${API}/conversations/?page_size=2`).set('Authorization', me.auth);
    const second = await server.http.get(relativeLink(server, first.body.next)).set('Authorization', me.auth);
    const third = await server.http.get(relativeLink(server, second.body.next)).set('Authorization', me.auth);

    // Assert
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(first.body).toMatchObject({ count: 5, previous: null, next: `${server.url}${API}/conversations/?page_size=2&page=2` });
    expect(second.body.previous).toBe(`${server.url}${API}/conversations/?page_size=2&page=1`);
    expect(third.body.next).toBeNull();
    expect(third.body.results).toHaveLength(1);
    const seen = [first, second, third].flatMap((page) => (page.body as PageBody<ConversationBody>).results.map((c) => c.conversation_id));
    expect(new Set(seen).size).toBe(5);
  });

  it('When no page_size is given, then pages hold 20 conversations', async () => {
    // Arrange
    const [me, other] = await createUsers(server, 2);
    for (let i = 0; i < 21; i += 1) await createGroup(server, me, [other]);

    // Act
    const res = await server.http.get(`${API}/conversations/`).set('Authorization', me.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(21);
    expect(res.body.results).toHaveLength(20);
    expect(res.body.next).toBe(`${server.url}${API}/conversations/?page=2`);
  });

  it('When the page is past the end, then it answers 404 naming page', async () => {
    // Arrange
    const [me, other] = await createUsers(server, 2);
    await createConversation(server, me, other);

    // Act
    const res = await server.http.get(`${API}/conversations/?page=2`).set('Authorization', me.auth);

    // Assert
    expectError(res, 404, 'not_found', ['page']);
  });

  it.each([
    ['page_size', 'page_size=101'],
    ['page_size', 'page_size=0'],
    ['page', 'page=0'],
    ['page', 'page=two'],
  ])('When %s is out of bounds (%s), then it answers 400 naming it', async (field, query) => {
    // Arrange
    const me = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/conversations/?${query}`).set('Authorization', me.auth);

    // Assert
    expectError(res, 400, 'validation_failed', [field]);
  });

  it('When staff list conversations, then they too see only their own', async () => {
    // Arrange
    const [staff, a, b] = await createUsers(server, 3);
    await server.makeStaff(staff);
    await createConversation(server, a, b);

    // Act
    const res = await server.http.get(`${API}/conversations/`).set('Authorization', staff.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(0);
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Act
    const res = await server.http.get(`${API}/conversations/`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('GET /conversations/{conversation_id}/', () => {
  it('When a participant asks, then it answers the conversation with participants as summaries', async () => {
    // Arrange
    const [creator, other] = await createUsers(server, 2);
    const conversation = await createConversation(server, creator, other);

    // Act
    const res = await server.http.get(`${API}/conversations/${conversation.conversation_id}/`).set('Authorization', other.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toEqual(conversation);
    for (const participant of res.body.participants) expect(sortedKeys(participant)).toEqual(USER_SUMMARY_KEYS);
  });

  it('When the path has no trailing slash, then it answers the same', async () => {
    // Arrange
    const [creator, other] = await createUsers(server, 2);
    const conversation = await createConversation(server, creator, other);

    // Act
    const res = await server.http.get(`${API}/conversations/${conversation.conversation_id}`).set('Authorization', creator.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.conversation_id).toBe(conversation.conversation_id);
  });

  it('When messages are sent and the newest is deleted, then last_message follows', async () => {
    // Arrange
    const [creator, other] = await createUsers(server, 2);
    const conversation = await createConversation(server, creator, other);
    const url = `${API}/conversations/${conversation.conversation_id}/`;
    const older = await sendMessage(server, creator, conversation.conversation_id, 'first');
    const newer = await sendMessage(server, other, conversation.conversation_id, 'second');
    const withBoth = await server.http.get(url).set('Authorization', creator.auth).expect(200);

    // Act
    await server.http.delete(`${url}messages/${newer.message_id}/`).set('Authorization', other.auth).expect(204);
    const res = await server.http.get(url).set('Authorization', creator.auth);

    // Assert
    expect(withBoth.body.last_message).toEqual(newer);
    expect(res.status).toBe(200);
    expect(res.body.last_message).toEqual(older);
  });

  it('When a non-participant asks, then it answers the same 404 as for a conversation that does not exist', async () => {
    // Arrange
    const [creator, other, stranger] = await createUsers(server, 3);
    const conversation = await createConversation(server, creator, other);
    const missing = await server.http.get(`${API}/conversations/${UNKNOWN_ID}/`).set('Authorization', stranger.auth);

    // Act
    const res = await server.http.get(`${API}/conversations/${conversation.conversation_id}/`).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
    expect(res.body).toEqual(missing.body);
  });

  it('When staff who are not participants ask, then it answers 404', async () => {
    // Arrange
    const [creator, other, staff] = await createUsers(server, 3);
    await server.makeStaff(staff);
    const conversation = await createConversation(server, creator, other);

    // Act
    const res = await server.http.get(`${API}/conversations/${conversation.conversation_id}/`).set('Authorization', staff.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the id is not a UUID, then it answers 400 naming conversation_id', async () => {
    // Arrange
    const me = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/conversations/not-a-uuid/`).set('Authorization', me.auth);

    // Assert
    expectError(res, 400, 'validation_failed', ['conversation_id']);
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Arrange
    const [creator, other] = await createUsers(server, 2);
    const conversation = await createConversation(server, creator, other);

    // Act
    const res = await server.http.get(`${API}/conversations/${conversation.conversation_id}/`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

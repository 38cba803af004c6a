import {
  API,
  createConversation,
  createGroup,
  createUsers,
  expectError,
  sendMessage,
  sortedKeys,
  UNKNOWN_ID,
  type ConversationBody,
  type MessageBody,
  urls,
} from './support/api';
import { useTestServer, type TestUser } from './support/test-server';

const server = useTestServer();

const readUrl = urls.read;
const READ_STATE_KEYS = ['conversation_id', 'last_read_message_id', 'unread_count'];

async function entryFor(user: TestUser, conversationId: string): Promise<ConversationBody> {
  const res = await server.http.get(`${API}/conversations/${conversationId}/`).set('Authorization', user.auth).expect(200);
  return res.body as ConversationBody;
}

async function unreadTotals(user: TestUser): Promise<{ unread_count: number; unread_conversations: number }> {
  const res = await server.http.get(`${API}/users/me/unread/`).set('Authorization', user.auth).expect(200);
  return res.body;
}

const storedMarker = async (conversationId: string, user: TestUser) =>
  (await server.running.db.models.ConversationParticipant.findOne({ where: { conversationId, userId: user.userId } }))?.lastReadMessageId;

async function aliceWritesToBob(count: number): Promise<{ alice: TestUser; bob: TestUser; conversationId: string; sent: MessageBody[] }> {
  const [alice, bob] = await createUsers(server, 2);
  const { conversation_id: conversationId } = await createConversation(server, alice, bob);
  const sent: MessageBody[] = [];
  for (let i = 1; i <= count; i += 1) sent.push(await sendMessage(server, alice, conversationId, `message ${i}`));
  return { alice, bob, conversationId, sent };
}

describe('unread counts on conversations', () => {
  it('When alice sends messages, then they are unread for bob but not for alice, whose marker follows her own sends', async () => {
    // Arrange / Act
    const { alice, bob, conversationId, sent } = await aliceWritesToBob(3);

    // Assert
    expect(await entryFor(bob, conversationId)).toMatchObject({ unread_count: 3, last_read_message_id: null });
    expect(await entryFor(alice, conversationId)).toMatchObject({ unread_count: 0, last_read_message_id: sent[2].message_id });
    const list = await server.http.get(`${API}/conversations/`).set('Authorization', bob.auth).expect(200);
    expect(list.body.results[0]).toMatchObject({ conversation_id: conversationId, unread_count: 3, last_read_message_id: null });
  });

  it('When bob replies, then what alice wrote before counts as read for him', async () => {
    // Arrange
    const { bob, conversationId } = await aliceWritesToBob(2);

    // Act
    const reply = await sendMessage(server, bob, conversationId, 'got it');

    // Assert
    expect(await entryFor(bob, conversationId)).toMatchObject({ unread_count: 0, last_read_message_id: reply.message_id });
  });

  it('When a message with replies is deleted, then its tombstone no longer counts as unread', async () => {
    // Arrange
    const { alice, bob, conversationId, sent } = await aliceWritesToBob(2);
    await sendMessage(server, alice, conversationId, 'in the thread', sent[0].message_id);

    // Act
    await server.http
      .delete(`${API}/conversations/${conversationId}/messages/${sent[0].message_id}/`)
      .set('Authorization', alice.auth)
      .expect(204);

    // Assert
    expect((await entryFor(bob, conversationId)).unread_count).toBe(2);
  });
});

describe('POST /conversations/{conversation_id}/read/', () => {
  it('When bob marks the conversation read without a body, then the marker moves to the newest message and nothing is unread', async () => {
    // Arrange
    const { bob, conversationId, sent } = await aliceWritesToBob(3);

    // Act
    const res = await server.http.post(readUrl(conversationId)).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(READ_STATE_KEYS);
    expect(res.body).toEqual({ conversation_id: conversationId, last_read_message_id: sent[2].message_id, unread_count: 0 });
    expect(await storedMarker(conversationId, bob)).toBe(sent[2].message_id);
    expect(await entryFor(bob, conversationId)).toMatchObject({ unread_count: 0, last_read_message_id: sent[2].message_id });
  });

  it('When bob marks a message in the middle, then only the later ones stay unread', async () => {
    // Arrange
    const { bob, conversationId, sent } = await aliceWritesToBob(4);

    // Act
    const res = await server.http.post(readUrl(conversationId)).set('Authorization', bob.auth).send({ message_id: sent[1].message_id });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ conversation_id: conversationId, last_read_message_id: sent[1].message_id, unread_count: 2 });
    expect(await storedMarker(conversationId, bob)).toBe(sent[1].message_id);
  });

  it('When bob marks an older message than his marker, then the marker stays where it was', async () => {
    // Arrange
    const { bob, conversationId, sent } = await aliceWritesToBob(3);
    await server.http.post(readUrl(conversationId)).set('Authorization', bob.auth).send({}).expect(200);

    // Act
    const res = await server.http.post(readUrl(conversationId)).set('Authorization', bob.auth).send({ message_id: sent[0].message_id });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ last_read_message_id: sent[2].message_id, unread_count: 0 });
    expect(await storedMarker(conversationId, bob)).toBe(sent[2].message_id);
  });

  it('When the conversation has no messages, then marking it read leaves no marker and nothing unread', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    const { conversation_id: conversationId } = await createConversation(server, alice, bob);

    // Act
    const res = await server.http.post(readUrl(conversationId)).set('Authorization', bob.auth);

    // Assert
    expect(res.body).toEqual({ conversation_id: conversationId, last_read_message_id: null, unread_count: 0 });
  });

  it.each([
    ['from another conversation', 'foreign'],
    ['unknown', UNKNOWN_ID],
    ['not a UUID', 'latest'],
  ])('When message_id is %s, then it answers 400 naming message_id and the marker does not move', async (_label, which) => {
    // Arrange
    const { alice, bob, conversationId } = await aliceWritesToBob(1);
    const elsewhere = await createGroup(server, alice, [bob]);
    const foreign = await sendMessage(server, alice, elsewhere.conversation_id, 'elsewhere');

    // Act
    const res = await server.http
      .post(readUrl(conversationId))
      .set('Authorization', bob.auth)
      .send({ message_id: which === 'foreign' ? foreign.message_id : which });

    // Assert
    expectError(res, 400, 'validation_failed', ['message_id']);
    expect(await storedMarker(conversationId, bob)).toBeNull();
  });

  it('When the body has an unknown field, then it answers 400 naming it', async () => {
    // Arrange
    const { bob, conversationId } = await aliceWritesToBob(1);

    // Act
    const res = await server.http.post(readUrl(conversationId)).set('Authorization', bob.auth).send({ up_to: 'now' });

    // Assert
    expectError(res, 400, 'validation_failed', ['up_to']);
  });

  it('When a non-participant marks it read, then it answers 404', async () => {
    // Arrange
    const { conversationId } = await aliceWritesToBob(1);
    const [stranger] = await createUsers(server, 1);

    // Act
    const res = await server.http.post(readUrl(conversationId)).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });
});

describe('GET /users/me/unread/', () => {
  it('When several conversations have unread messages, then the totals add them up and count those conversations', async () => {
    // Arrange
    const [me, a, b, c] = await createUsers(server, 4);
    const withA = await createConversation(server, a, me);
    const withB = await createConversation(server, b, me);
    const withC = await createConversation(server, c, me);
    for (const text of ['a1', 'a2']) await sendMessage(server, a, withA.conversation_id, text);
    for (const text of ['b1', 'b2', 'b3']) await sendMessage(server, b, withB.conversation_id, text);
    await sendMessage(server, me, withC.conversation_id, 'mine only');

    // Act
    const before = await unreadTotals(me);
    await server.http.post(readUrl(withB.conversation_id)).set('Authorization', me.auth).expect(200);
    const after = await unreadTotals(me);

    // Assert
    expect(before).toEqual({ unread_count: 5, unread_conversations: 2 });
    expect(after).toEqual({ unread_count: 2, unread_conversations: 1 });
  });

  it('When a user has no conversations, then everything is zero', async () => {
    // Arrange
    const [loner] = await createUsers(server, 1);

    // Act / Assert
    expect(await unreadTotals(loner)).toEqual({ unread_count: 0, unread_conversations: 0 });
  });

  it('When a user leaves a group, then its new messages never reach their totals', async () => {
    // Arrange
    const [me, a] = await createUsers(server, 2);
    const group = await createGroup(server, a, [me]);
    await sendMessage(server, a, group.conversation_id, 'before');
    await server.http.delete(`${API}/conversations/${group.conversation_id}/participants/me/`).set('Authorization', me.auth).expect(204);

    // Act
    await sendMessage(server, a, group.conversation_id, 'after');

    // Assert
    expect(await unreadTotals(me)).toEqual({ unread_count: 0, unread_conversations: 0 });
  });

  it('When someone is added to a group, then its earlier history is not unread for them, but what follows is', async () => {
    // Arrange
    const [a, b, newcomer] = await createUsers(server, 3);
    const group = await createGroup(server, a, [b]);
    for (const text of ['old 1', 'old 2']) await sendMessage(server, a, group.conversation_id, text);
    await server.http
      .post(`${API}/conversations/${group.conversation_id}/participants/`)
      .set('Authorization', b.auth)
      .send({ user_ids: [newcomer.userId] })
      .expect(200);
    expect(await unreadTotals(newcomer)).toEqual({ unread_count: 0, unread_conversations: 0 });

    // Act
    await sendMessage(server, b, group.conversation_id, 'welcome!');

    // Assert
    expect(await unreadTotals(newcomer)).toEqual({ unread_count: 1, unread_conversations: 1 });
    expect((await entryFor(newcomer, group.conversation_id)).unread_count).toBe(1);
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Act
    const res = await server.http.get(`${API}/users/me/unread/`);

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

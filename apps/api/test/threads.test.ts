import {
  createConversation,
  createUsers,
  expectError,
  MESSAGE_KEYS,
  relativeLink,
  sendMessage,
  setSentAt,
  sortedKeys,
  UNKNOWN_ID,
  type MessageBody,
  type MessagePageBody,
  twoPeopleTalking,
  urls,
} from './support/api';
import { useTestServer } from './support/test-server';

const server = useTestServer();

const { messages: messagesUrl, message: messageUrl, replies: repliesUrl } = urls;
const findMessageRow = (messageId: string) => server.running.db.models.Message.findByPk(messageId);
const bodiesOf = (res: { body: MessagePageBody }) => res.body.results.map((message) => message.message_body);

describe('replies: POST /conversations/{conversation_id}/messages/ with parent_message_id', () => {
  it('When a participant replies, then the reply names its parent and the parent counts it with the reply time', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'Who is coming on Friday?');

    // Act
    const res = await server.http
      .post(messagesUrl(conversationId))
      .set('Authorization', bob.auth)
      .send({ message_body: 'Me!', parent_message_id: root.message_id });

    // Assert
    expect(res.status).toBe(201);
    expect(sortedKeys(res.body)).toEqual(MESSAGE_KEYS);
    expect(res.body).toMatchObject({ parent_message_id: root.message_id, reply_count: 0, last_reply_at: null, message_body: 'Me!' });
    const parent = await server.http.get(messageUrl(root)).set('Authorization', alice.auth).expect(200);
    expect(parent.body).toMatchObject({ reply_count: 1, last_reply_at: res.body.sent_at, parent_message_id: null });
    expect(await findMessageRow(res.body.message_id)).toMatchObject({ parentMessageId: root.message_id });
  });

  it('When several replies arrive, then reply_count counts them all and last_reply_at is the newest', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'Lunch?');

    // Act
    await sendMessage(server, bob, conversationId, 'yes', root.message_id);
    await sendMessage(server, alice, conversationId, 'great', root.message_id);
    const last = await sendMessage(server, bob, conversationId, 'noon?', root.message_id);

    // Assert
    const parent = await server.http.get(messageUrl(root)).set('Authorization', bob.auth).expect(200);
    expect(parent.body).toMatchObject({ reply_count: 3, last_reply_at: last.sent_at });
  });

  it("When replies are listed, then they come oldest first, paginated, and only that thread's", async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'Thread A');
    const other = await sendMessage(server, alice, conversationId, 'Thread B');
    for (const text of ['a1', 'a2', 'a3']) await sendMessage(server, bob, conversationId, text, root.message_id);
    await sendMessage(server, bob, conversationId, 'b1', other.message_id);

    // Act
    const first = await server.http.get(`${repliesUrl(root)}?page_size=2`).set('Authorization', alice.auth);
    const second = await server.http.get(relativeLink(server, first.body.next)).set('Authorization', alice.auth);

    // Assert
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ count: 3, previous: null });
    expect(bodiesOf(first)).toEqual(['a1', 'a2']);
    expect(bodiesOf(second)).toEqual(['a3']);
    expect(second.body.next).toBeNull();
  });

  it('When replies are read by cursor, then the next link continues oldest first with after, without repeats', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'root');
    for (const text of ['r1', 'r2', 'r3']) await sendMessage(server, alice, conversationId, text, root.message_id);
    const first = await server.http
      .get(`${repliesUrl(root)}?page_size=2`)
      .set('Authorization', alice.auth)
      .expect(200);

    // Act
    const rest = await server.http.get(`${repliesUrl(root)}?page_size=2&after=${first.body.next_cursor}`).set('Authorization', alice.auth);

    // Assert
    expect(rest.status).toBe(200);
    expect(bodiesOf(first)).toEqual(['r1', 'r2']);
    expect(bodiesOf(rest)).toEqual(['r3']);
    expect(rest.body).toMatchObject({ count: null, next: null });
    expect(rest.body.previous).toContain('before=');
  });

  it('When replies are listed newest first, then the order flips', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'root');
    for (const text of ['r1', 'r2']) await sendMessage(server, alice, conversationId, text, root.message_id);

    // Act
    const res = await server.http.get(`${repliesUrl(root)}?ordering=-sent_at`).set('Authorization', alice.auth);

    // Assert
    expect(bodiesOf(res)).toEqual(['r2', 'r1']);
  });

  it('When a message has no replies, then its replies list is an empty first page', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const lonely = await sendMessage(server, alice, conversationId, 'anyone?');

    // Act
    const res = await server.http.get(repliesUrl(lonely)).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 0, results: [], next: null, previous: null });
  });

  it("When replies are in the conversation, then the conversation's message list includes them with their parent", async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'root');
    const reply = await sendMessage(server, bob, conversationId, 'reply', root.message_id);

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?ordering=sent_at`).set('Authorization', alice.auth);

    // Assert
    expect(res.body.results.map((m: MessageBody) => [m.message_id, m.parent_message_id])).toEqual([
      [root.message_id, null],
      [reply.message_id, root.message_id],
    ]);
  });

  it('When the parent is in another conversation, then it answers 400 naming parent_message_id and stores nothing', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const elsewhere = await createConversation(server, alice, (await createUsers(server, 1))[0]);
    const foreign = await sendMessage(server, alice, elsewhere.conversation_id, 'elsewhere');

    // Act
    const res = await server.http
      .post(messagesUrl(conversationId))
      .set('Authorization', bob.auth)
      .send({ message_body: 'hi', parent_message_id: foreign.message_id });

    // Assert
    expectError(res, 400, 'validation_failed', ['parent_message_id']);
    expect(await server.running.db.models.Message.count({ where: { conversationId } })).toBe(0);
    expect((await findMessageRow(foreign.message_id))?.replyCount).toBe(0);
  });

  it.each([
    ['does not exist', UNKNOWN_ID],
    ['is not a UUID', 'not-a-uuid'],
  ])('When the parent %s, then it answers 400 naming parent_message_id', async (_label, parentId) => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http
      .post(messagesUrl(conversationId))
      .set('Authorization', alice.auth)
      .send({ message_body: 'hi', parent_message_id: parentId });

    // Assert
    expectError(res, 400, 'validation_failed', ['parent_message_id']);
  });

  it("When replying to a reply, then it answers 400 naming the thread's top-level message", async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'root');
    const reply = await sendMessage(server, bob, conversationId, 'reply', root.message_id);

    // Act
    const res = await server.http
      .post(messagesUrl(conversationId))
      .set('Authorization', alice.auth)
      .send({ message_body: 'nested', parent_message_id: reply.message_id });

    // Assert
    expectError(res, 400, 'validation_failed', ['parent_message_id']);
    expect(res.body.error.details.parent_message_id).toContain(root.message_id);
  });

  it('When a non-participant lists replies, then it answers 404', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'root');
    const [stranger] = await createUsers(server, 1);

    // Act
    const res = await server.http.get(repliesUrl(root)).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the message does not exist, then listing its replies answers 404', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}${UNKNOWN_ID}/replies/`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });
});

describe('deleting messages in threads: tombstones', () => {
  it('When a message with replies is deleted, then it stays as a tombstone without body, history or reactions, and the thread stays readable', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'original');
    await server.http.patch(messageUrl(root)).set('Authorization', alice.auth).send({ message_body: 'edited' }).expect(200);
    await server.http
      .put(`${messageUrl(root)}reactions/${encodeURIComponent('👍')}`)
      .set('Authorization', bob.auth)
      .expect(200);
    const reply = await sendMessage(server, bob, conversationId, 'a reply', root.message_id);

    // Act
    const res = await server.http.delete(messageUrl(root)).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(204);
    const tombstone = await server.http.get(messageUrl(root)).set('Authorization', bob.auth).expect(200);
    expect(tombstone.body).toMatchObject({
      deleted: true,
      message_body: '',
      reply_count: 1,
      reactions: [],
      sender: { user_id: alice.userId },
    });
    const replies = await server.http.get(repliesUrl(root)).set('Authorization', bob.auth).expect(200);
    expect(replies.body.results.map((m: MessageBody) => m.message_id)).toEqual([reply.message_id]);
    const history = await server.http
      .get(`${messageUrl(root)}history/`)
      .set('Authorization', bob.auth)
      .expect(200);
    expect(history.body).toMatchObject({ count: 0, results: [] });
    expect(await findMessageRow(root.message_id)).toMatchObject({ messageBody: '', deletedAt: expect.any(Date) });
    expect(await server.running.db.models.MessageEdit.count({ where: { messageId: root.message_id } })).toBe(0);
    expect(await server.running.db.models.MessageReaction.count({ where: { messageId: root.message_id } })).toBe(0);
  });

  it('When a tombstone is edited or reacted to, then it answers 409; deleting it again answers 204 and changes nothing', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'root');
    await sendMessage(server, bob, conversationId, 'reply', root.message_id);
    await server.http.delete(messageUrl(root)).set('Authorization', alice.auth).expect(204);

    // Act
    const edit = await server.http.patch(messageUrl(root)).set('Authorization', alice.auth).send({ message_body: 'back' });
    const react = await server.http.put(`${messageUrl(root)}reactions/${encodeURIComponent('🎉')}`).set('Authorization', bob.auth);
    const again = await server.http.delete(messageUrl(root)).set('Authorization', alice.auth);

    // Assert
    expectError(edit, 409, 'conflict');
    expectError(react, 409, 'conflict');
    expect(again.status).toBe(204);
    expect(await findMessageRow(root.message_id)).toMatchObject({ messageBody: '', replyCount: 1 });
  });

  it('When someone replies to a tombstone, then the thread goes on', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'root');
    await sendMessage(server, bob, conversationId, 'first', root.message_id);
    await server.http.delete(messageUrl(root)).set('Authorization', alice.auth).expect(204);

    // Act
    const res = await server.http
      .post(messagesUrl(conversationId))
      .set('Authorization', bob.auth)
      .send({ message_body: 'second', parent_message_id: root.message_id });

    // Assert
    expect(res.status).toBe(201);
    expect((await findMessageRow(root.message_id))?.replyCount).toBe(2);
  });

  it('When a reply is deleted, then it is removed and its parent counts one fewer with the newest remaining reply time', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'root');
    const older = await sendMessage(server, bob, conversationId, 'older', root.message_id);
    await setSentAt(server, older.message_id, '2026-01-01T10:00:00.000Z');
    const newer = await sendMessage(server, bob, conversationId, 'newer', root.message_id);

    // Act
    const res = await server.http.delete(messageUrl(newer)).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(await findMessageRow(newer.message_id)).toBeNull();
    const parent = await server.http.get(messageUrl(root)).set('Authorization', alice.auth).expect(200);
    expect(parent.body).toMatchObject({ reply_count: 1, last_reply_at: '2026-01-01T10:00:00.000Z', deleted: false });
  });

  it('When the last reply of a tombstone is deleted, then the tombstone goes too', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const root = await sendMessage(server, alice, conversationId, 'root');
    const reply = await sendMessage(server, bob, conversationId, 'only reply', root.message_id);
    await server.http.delete(messageUrl(root)).set('Authorization', alice.auth).expect(204);

    // Act
    await server.http.delete(messageUrl(reply)).set('Authorization', bob.auth).expect(204);

    // Assert
    expect(await findMessageRow(root.message_id)).toBeNull();
    const gone = await server.http.get(messageUrl(root)).set('Authorization', alice.auth);
    expectError(gone, 404, 'not_found');
  });

  it('When a message without replies is deleted, then it is removed as before (404 afterwards)', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'bye');

    // Act
    await server.http.delete(messageUrl(message)).set('Authorization', alice.auth).expect(204);

    // Assert
    expect(await findMessageRow(message.message_id)).toBeNull();
  });
});

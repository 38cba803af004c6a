import { API, createConversation, createUsers, expectError, sendMessage, sleep, UNKNOWN_ID, type MessageBody, urls } from './support/api';
import { useTestServer, type TestUser } from './support/test-server';

const server = useTestServer();

const { message: messageUrl, reaction: reactionUrl } = urls;
const storedReactions = (message: MessageBody) =>
  server.running.db.models.MessageReaction.findAll({ where: { messageId: message.message_id }, order: [['createdAt', 'ASC']] }).then(
    (rows) => rows.map((row) => [row.userId, row.emoji]),
  );

async function threePeopleAndAMessage(): Promise<{ alice: TestUser; bob: TestUser; carol: TestUser; message: MessageBody }> {
  const [alice, bob, carol] = await createUsers(server, 3);
  const conversation = await createConversation(server, alice, bob, carol);
  return { alice, bob, carol, message: await sendMessage(server, alice, conversation.conversation_id, 'Dinner at 7?') };
}

describe('PUT /conversations/{conversation_id}/messages/{message_id}/reactions/{emoji}/', () => {
  it('When a participant reacts, then the message comes back with the count and reacted_by_me, and the row is stored', async () => {
    // Arrange
    const { bob, message } = await threePeopleAndAMessage();

    // Act
    const res = await server.http.put(reactionUrl(message, '👍')).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message_id: message.message_id, reactions: [{ emoji: '👍', count: 1, reacted_by_me: true }] });
    expect(await storedReactions(message)).toEqual([[bob.userId, '👍']]);
  });

  it('When several people react, then each viewer sees the aggregated counts and whether they reacted, in first-use order', async () => {
    // Arrange
    const { alice, bob, carol, message } = await threePeopleAndAMessage();

    // Act
    await server.http.put(reactionUrl(message, '🎉')).set('Authorization', bob.auth).expect(200);
    await server.http.put(reactionUrl(message, '👍')).set('Authorization', carol.auth).expect(200);
    await server.http.put(reactionUrl(message, '🎉')).set('Authorization', carol.auth).expect(200);

    // Assert
    const asAlice = await server.http.get(messageUrl(message)).set('Authorization', alice.auth).expect(200);
    const asBob = await server.http.get(messageUrl(message)).set('Authorization', bob.auth).expect(200);
    expect(asAlice.body.reactions).toEqual([
      { emoji: '🎉', count: 2, reacted_by_me: false },
      { emoji: '👍', count: 1, reacted_by_me: false },
    ]);
    expect(asBob.body.reactions).toEqual([
      { emoji: '🎉', count: 2, reacted_by_me: true },
      { emoji: '👍', count: 1, reacted_by_me: false },
    ]);
    const list = await server.http
      .get(`${API}/conversations/${message.conversation_id}/messages/`)
      .set('Authorization', carol.auth)
      .expect(200);
    expect(list.body.results[0].reactions).toEqual([
      { emoji: '🎉', count: 2, reacted_by_me: true },
      { emoji: '👍', count: 1, reacted_by_me: true },
    ]);
  });

  it('When the same person reacts twice with the same emoji, then it still counts once', async () => {
    // Arrange
    const { bob, message } = await threePeopleAndAMessage();
    await server.http.put(reactionUrl(message, '❤️')).set('Authorization', bob.auth).expect(200);

    // Act
    const res = await server.http.put(reactionUrl(message, '❤️')).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.reactions).toEqual([{ emoji: '❤️', count: 1, reacted_by_me: true }]);
    expect(await storedReactions(message)).toHaveLength(1);
  });

  it.each([
    ['a skin-toned emoji', '👍🏽'],
    ['a family (ZWJ sequence)', '👨‍👩‍👧'],
    ['a flag', '🇬🇭'],
    ['a keycap', '1️⃣'],
  ])('When the emoji is %s, then it is accepted as one reaction', async (_label, emoji) => {
    // Arrange
    const { bob, message } = await threePeopleAndAMessage();

    // Act
    const res = await server.http.put(reactionUrl(message, emoji)).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.reactions).toEqual([{ emoji, count: 1, reacted_by_me: true }]);
  });

  it.each([
    ['a letter', 'a'],
    ['a word', 'thumbsup'],
    ['a shortcode', ':+1:'],
    ['two emojis', '👍👍'],
    ['an emoji and text', '👍ok'],
    ['a digit', '1'],
    ['a space', ' '],
  ])('When the "emoji" is %s, then it answers 400 naming emoji and stores nothing', async (_label, emoji) => {
    // Arrange
    const { bob, message } = await threePeopleAndAMessage();

    // Act
    const res = await server.http.put(reactionUrl(message, emoji)).set('Authorization', bob.auth);

    // Assert
    expectError(res, 400, 'validation_failed', ['emoji']);
    expect(await storedReactions(message)).toEqual([]);
  });

  it('When a non-participant reacts, then it answers 404 and stores nothing', async () => {
    // Arrange
    const { message } = await threePeopleAndAMessage();
    const [stranger] = await createUsers(server, 1);

    // Act
    const res = await server.http.put(reactionUrl(message, '👍')).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
    expect(await storedReactions(message)).toEqual([]);
  });

  it('When the message does not exist, then it answers 404', async () => {
    // Arrange
    const { bob, message } = await threePeopleAndAMessage();

    // Act
    const res = await server.http
      .put(`${API}/conversations/${message.conversation_id}/messages/${UNKNOWN_ID}/reactions/${encodeURIComponent('👍')}/`)
      .set('Authorization', bob.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the message is deleted while the reaction is being stored, then it answers 404 and stores nothing', async () => {
    // Arrange: an uncommitted delete of the message holds the row the reaction's foreign key must check
    const { bob, message } = await threePeopleAndAMessage();
    const { db } = server.running;
    let commitDelete!: () => void;
    const deleteMayCommit = new Promise<void>((resolve) => (commitDelete = resolve));
    let deleted!: () => void;
    const deleteDone = new Promise<void>((resolve) => (deleted = resolve));
    const deleting = db.transaction(async (transaction) => {
      await db.models.Message.destroy({ where: { messageId: message.message_id }, transaction });
      deleted();
      await deleteMayCommit;
    });
    await deleteDone;

    // Act
    const reacting = server.http
      .put(reactionUrl(message, '👍'))
      .set('Authorization', bob.auth)
      .then((res) => res);
    await sleep(300);
    commitDelete();
    await deleting;
    const res = await reacting;

    // Assert
    expectError(res, 404, 'not_found');
    expect(await storedReactions(message)).toEqual([]);
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Arrange
    const { message } = await threePeopleAndAMessage();

    // Act
    const res = await server.http.put(reactionUrl(message, '👍'));

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('DELETE /conversations/{conversation_id}/messages/{message_id}/reactions/{emoji}/', () => {
  it('When a participant takes back a reaction, then it answers 204, only theirs goes, and the others remain', async () => {
    // Arrange
    const { alice, bob, carol, message } = await threePeopleAndAMessage();
    await server.http.put(reactionUrl(message, '👍')).set('Authorization', bob.auth).expect(200);
    await server.http.put(reactionUrl(message, '👍')).set('Authorization', carol.auth).expect(200);

    // Act
    const res = await server.http.delete(reactionUrl(message, '👍')).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await storedReactions(message)).toEqual([[carol.userId, '👍']]);
    const seen = await server.http.get(messageUrl(message)).set('Authorization', alice.auth).expect(200);
    expect(seen.body.reactions).toEqual([{ emoji: '👍', count: 1, reacted_by_me: false }]);
  });

  it('When the caller had not reacted with that emoji, then it still answers 204 and nothing changes', async () => {
    // Arrange
    const { bob, carol, message } = await threePeopleAndAMessage();
    await server.http.put(reactionUrl(message, '👍')).set('Authorization', carol.auth).expect(200);

    // Act
    const res = await server.http.delete(reactionUrl(message, '👍')).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(await storedReactions(message)).toEqual([[carol.userId, '👍']]);
  });

  it('When the emoji is invalid, then it answers 400 naming emoji', async () => {
    // Arrange
    const { bob, message } = await threePeopleAndAMessage();

    // Act
    const res = await server.http.delete(reactionUrl(message, 'nope')).set('Authorization', bob.auth);

    // Assert
    expectError(res, 400, 'validation_failed', ['emoji']);
  });

  it('When a non-participant takes back a reaction, then it answers 404 and nothing changes', async () => {
    // Arrange
    const { bob, message } = await threePeopleAndAMessage();
    await server.http.put(reactionUrl(message, '👍')).set('Authorization', bob.auth).expect(200);
    const [stranger] = await createUsers(server, 1);

    // Act
    const res = await server.http.delete(reactionUrl(message, '👍')).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
    expect(await storedReactions(message)).toHaveLength(1);
  });
});

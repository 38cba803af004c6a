import {
  API,
  CONVERSATION_KEYS,
  createConversation,
  createGroup,
  createUsers,
  expectDetailStartingWith,
  expectError,
  sendMessage,
  sortedKeys,
  UNKNOWN_ID,
  type ConversationBody,
  urls,
} from './support/api';
import { useTestServer, type TestUser } from './support/test-server';

const server = useTestServer();

const { conversation: conversationUrl, participants: participantsUrl } = urls;
const idsOf = (...users: TestUser[]) => users.map((user) => user.userId).sort();
const participantIdsOf = (conversation: ConversationBody) => conversation.participants.map((p) => p.user_id).sort();
const storedParticipants = async (conversationId: string) =>
  (await server.running.db.models.ConversationParticipant.findAll({ where: { conversationId } })).map((link) => link.userId).sort();
const directConversationsBetween = (a: TestUser, b: TestUser) => {
  const [low, high] = [a.userId, b.userId].sort();
  return server.running.db.models.Conversation.count({ where: { directUserLow: low, directUserHigh: high } });
};

function post(user: TestUser, body: object) {
  return server.http.post(`${API}/conversations/`).set('Authorization', user.auth).send(body);
}

describe('POST /conversations/: kinds and titles', () => {
  it('When a user starts a conversation with one other person, then it is direct, untitled, and records who started it', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);

    // Act
    const res = await post(alice, { participant_ids: [bob.userId] });

    // Assert
    expect(res.status).toBe(201);
    expect(sortedKeys(res.body)).toEqual(CONVERSATION_KEYS);
    expect(res.body).toMatchObject({ kind: 'direct', title: null, created_by_id: alice.userId });
    expect(await directConversationsBetween(alice, bob)).toBe(1);
  });

  it('When either of the two starts their direct conversation again, then it answers 200 with the same one and creates nothing', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    const first = await createConversation(server, alice, bob);
    await sendMessage(server, bob, first.conversation_id, 'hello');

    // Act
    const again = await post(alice, { participant_ids: [bob.userId] });
    const fromBob = await post(bob, { participant_ids: [alice.userId.toUpperCase()], kind: 'direct' });

    // Assert
    expect([again.status, fromBob.status]).toEqual([200, 200]);
    expect(again.body.conversation_id).toBe(first.conversation_id);
    expect(fromBob.body.conversation_id).toBe(first.conversation_id);
    expect(fromBob.body.last_message.message_body).toBe('hello');
    expect(await directConversationsBetween(alice, bob)).toBe(1);
    expect(await server.running.db.models.Conversation.count({ where: { createdById: [alice.userId, bob.userId] } })).toBe(1);
  });

  it('When both people start their direct conversation at the same moment, then exactly one exists and everyone gets it', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);

    // Act
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 ? post(bob, { participant_ids: [alice.userId] }) : post(alice, { participant_ids: [bob.userId] }),
      ),
    );

    // Assert
    expect(responses.map((res) => res.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((res) => res.body.conversation_id)).size).toBe(1);
    expect(await directConversationsBetween(alice, bob)).toBe(1);
    expect(await storedParticipants(responses[0].body.conversation_id)).toEqual(idsOf(alice, bob));
  });

  it('When a group is asked for with one other person, then a new group is created each time', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    await createConversation(server, alice, bob);

    // Act
    const first = await post(alice, { participant_ids: [bob.userId], kind: 'group' });
    const second = await post(alice, { participant_ids: [bob.userId], kind: 'group' });

    // Assert
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.kind).toBe('group');
    expect(first.body.conversation_id).not.toBe(second.body.conversation_id);
    expect(await server.running.db.models.Conversation.count({ where: { createdById: alice.userId } })).toBe(3);
  });

  it('When several people are named, then it is a group by default, with its title trimmed', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);

    // Act
    const res = await post(alice, { participant_ids: [bob.userId, carol.userId], title: '  Saturday football ' });

    // Assert
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'group', title: 'Saturday football', created_by_id: alice.userId });
    expect((await server.running.db.models.Conversation.findByPk(res.body.conversation_id))?.title).toBe('Saturday football');
  });

  it.each([
    ['kind', (bob: TestUser, carol: TestUser) => ({ participant_ids: [bob.userId, carol.userId], kind: 'direct' })],
    ['kind', (bob: TestUser) => ({ participant_ids: [bob.userId], kind: 'channel' })],
    ['title', (bob: TestUser) => ({ participant_ids: [bob.userId], title: 'Just us' })],
    ['title', (bob: TestUser, carol: TestUser) => ({ participant_ids: [bob.userId, carol.userId], title: '   ' })],
    ['title', (bob: TestUser, carol: TestUser) => ({ participant_ids: [bob.userId, carol.userId], title: 'x'.repeat(201) })],
    ['title', (bob: TestUser, carol: TestUser) => ({ participant_ids: [bob.userId, carol.userId], title: '' })],
  ])('When %s does not fit the conversation, then it answers 400 naming it and creates nothing', async (field, body) => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);

    // Act
    const res = await post(alice, body(bob, carol));

    // Assert
    expectError(res, 400, 'validation_failed', [field]);
    expect(await server.running.db.models.Conversation.count({ where: { createdById: alice.userId } })).toBe(0);
  });
});

describe('POST /conversations/{conversation_id}/participants/', () => {
  it('When a participant who did not create the group adds someone, then they join, see the history, and the answer lists them', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);
    const group = await createGroup(server, alice, [bob], 'Trip');
    await sendMessage(server, alice, group.conversation_id, 'before carol');

    // Act
    const res = await server.http
      .post(participantsUrl(group.conversation_id))
      .set('Authorization', bob.auth)
      .send({ user_ids: [carol.userId] });

    // Assert
    expect(res.status).toBe(200);
    expect(participantIdsOf(res.body)).toEqual(idsOf(alice, bob, carol));
    expect(await storedParticipants(group.conversation_id)).toEqual(idsOf(alice, bob, carol));
    const history = await server.http
      .get(`${conversationUrl(group.conversation_id)}messages/`)
      .set('Authorization', carol.auth)
      .expect(200);
    expect(history.body.results.map((m: { message_body: string }) => m.message_body)).toEqual(['before carol']);
  });

  it('When everyone named is already in the group, then it answers 200 and nothing changes', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    const group = await createGroup(server, alice, [bob]);

    // Act
    const res = await server.http
      .post(participantsUrl(group.conversation_id))
      .set('Authorization', alice.auth)
      .send({ user_ids: [bob.userId, alice.userId] });

    // Assert
    expect(res.status).toBe(200);
    expect(await storedParticipants(group.conversation_id)).toEqual(idsOf(alice, bob));
  });

  it('When an id is unknown, then it answers 400 naming it and adds nobody', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);
    const group = await createGroup(server, alice, [bob]);

    // Act
    const res = await server.http
      .post(participantsUrl(group.conversation_id))
      .set('Authorization', alice.auth)
      .send({ user_ids: [carol.userId, UNKNOWN_ID] });

    // Assert
    expectError(res, 400, 'validation_failed', ['user_ids']);
    expect(res.body.error.details.user_ids).toEqual({ unknown: [UNKNOWN_ID] });
    expect(await storedParticipants(group.conversation_id)).toEqual(idsOf(alice, bob));
  });

  it.each([
    ['empty', { user_ids: [] }],
    ['missing', {}],
    ['not UUIDs', { user_ids: ['carol'] }],
  ])('When user_ids is %s, then it answers 400 naming user_ids', async (_label, body) => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    const group = await createGroup(server, alice, [bob]);

    // Act
    const res = await server.http.post(participantsUrl(group.conversation_id)).set('Authorization', alice.auth).send(body);

    // Assert
    expectError(res, 400, 'validation_failed');
    expectDetailStartingWith(res, 'user_ids');
  });

  it('When the group would pass 100 people, then it answers 400 naming user_ids', async () => {
    // Arrange
    const [alice] = await createUsers(server, 1);
    const filler = await server.running.db.models.User.bulkCreate(
      Array.from({ length: 100 }, (_, i) => ({
        username: `filler_${process.pid}_${Date.now()}_${i}`,
        email: `filler_${process.pid}_${Date.now()}_${i}@example.com`,
        passwordHash: 'not-a-real-hash',
        firstName: 'F',
        lastName: 'I',
        phoneNumber: null,
      })),
    );
    const group = await post(alice, { participant_ids: filler.slice(0, 99).map((user) => user.userId) }).expect(201);

    // Act
    const res = await server.http
      .post(participantsUrl(group.body.conversation_id))
      .set('Authorization', alice.auth)
      .send({ user_ids: [filler[99].userId] });

    // Assert
    expectError(res, 400, 'validation_failed', ['user_ids']);
    expect(await storedParticipants(group.body.conversation_id)).toHaveLength(100);
  });

  it('When the conversation is direct, then it answers 409 and adds nobody', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);
    const direct = await createConversation(server, alice, bob);

    // Act
    const res = await server.http
      .post(participantsUrl(direct.conversation_id))
      .set('Authorization', alice.auth)
      .send({ user_ids: [carol.userId] });

    // Assert
    expectError(res, 409, 'conflict');
    expect(await storedParticipants(direct.conversation_id)).toEqual(idsOf(alice, bob));
  });

  it('When a non-participant adds someone, then it answers 404 and adds nobody', async () => {
    // Arrange
    const [alice, bob, stranger] = await createUsers(server, 3);
    const group = await createGroup(server, alice, [bob]);

    // Act
    const res = await server.http
      .post(participantsUrl(group.conversation_id))
      .set('Authorization', stranger.auth)
      .send({ user_ids: [stranger.userId] });

    // Assert
    expectError(res, 404, 'not_found');
    expect(await storedParticipants(group.conversation_id)).toEqual(idsOf(alice, bob));
  });
});

describe('DELETE /conversations/{conversation_id}/participants/me/', () => {
  it('When a participant leaves, then the group no longer exists for them and they see nothing new; the others carry on', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);
    const group = await createGroup(server, alice, [bob, carol]);
    await sendMessage(server, bob, group.conversation_id, 'see you all');

    // Act
    const res = await server.http.delete(`${participantsUrl(group.conversation_id)}me/`).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(await storedParticipants(group.conversation_id)).toEqual(idsOf(alice, carol));
    await sendMessage(server, alice, group.conversation_id, 'after bob left');
    expectError(await server.http.get(conversationUrl(group.conversation_id)).set('Authorization', bob.auth), 404, 'not_found');
    expectError(
      await server.http.get(`${conversationUrl(group.conversation_id)}messages/`).set('Authorization', bob.auth),
      404,
      'not_found',
    );
    const bobsList = await server.http.get(`${API}/conversations/`).set('Authorization', bob.auth).expect(200);
    expect(bobsList.body.results.map((c: ConversationBody) => c.conversation_id)).not.toContain(group.conversation_id);
    const send = await server.http
      .post(`${conversationUrl(group.conversation_id)}messages/`)
      .set('Authorization', bob.auth)
      .send({ message_body: 'back?' });
    expectError(send, 404, 'not_found');
    const alicesView = await server.http.get(conversationUrl(group.conversation_id)).set('Authorization', alice.auth).expect(200);
    expect(participantIdsOf(alicesView.body)).toEqual(idsOf(alice, carol));
  });

  it('When the last participant leaves, then the group and its messages, threads, edits and reactions are deleted', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    const group = await createGroup(server, alice, [bob]);
    const root = await sendMessage(server, alice, group.conversation_id, 'anyone?');
    await sendMessage(server, bob, group.conversation_id, 'me', root.message_id);
    const messageUrl = `${conversationUrl(group.conversation_id)}messages/${root.message_id}/`;
    await server.http.patch(messageUrl).set('Authorization', alice.auth).send({ message_body: 'anyone at all?' }).expect(200);
    await server.http
      .put(`${messageUrl}reactions/${encodeURIComponent('👀')}/`)
      .set('Authorization', bob.auth)
      .expect(200);
    await server.http
      .delete(`${participantsUrl(group.conversation_id)}me/`)
      .set('Authorization', bob.auth)
      .expect(204);

    // Act
    const res = await server.http.delete(`${participantsUrl(group.conversation_id)}me`).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(await server.running.db.models.Conversation.findByPk(group.conversation_id)).toBeNull();
    expect(await server.running.db.models.Message.count({ where: { conversationId: group.conversation_id } })).toBe(0);
    expect(await server.running.db.models.MessageEdit.count({ where: { messageId: root.message_id } })).toBe(0);
    expect(await server.running.db.models.MessageReaction.count({ where: { messageId: root.message_id } })).toBe(0);
  });

  it('When the conversation is direct, then it answers 409 and nobody leaves', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    const direct = await createConversation(server, alice, bob);

    // Act
    const res = await server.http.delete(`${participantsUrl(direct.conversation_id)}me/`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 409, 'conflict');
    expect(await storedParticipants(direct.conversation_id)).toEqual(idsOf(alice, bob));
  });

  it('When a non-participant leaves, then it answers 404', async () => {
    // Arrange
    const [alice, bob, stranger] = await createUsers(server, 3);
    const group = await createGroup(server, alice, [bob]);

    // Act
    const res = await server.http.delete(`${participantsUrl(group.conversation_id)}me/`).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });
});

describe('DELETE /conversations/{conversation_id}/participants/{user_id}/', () => {
  it('When the creator removes someone, then it answers 204 and the group no longer exists for them', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);
    const group = await createGroup(server, alice, [bob, carol]);

    // Act
    const res = await server.http.delete(`${participantsUrl(group.conversation_id)}${carol.userId}/`).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(await storedParticipants(group.conversation_id)).toEqual(idsOf(alice, bob));
    expectError(await server.http.get(conversationUrl(group.conversation_id)).set('Authorization', carol.auth), 404, 'not_found');
  });

  it('When someone other than the creator removes a participant, then it answers 403 and nobody is removed', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);
    const group = await createGroup(server, alice, [bob, carol]);

    // Act
    const res = await server.http.delete(`${participantsUrl(group.conversation_id)}${carol.userId}/`).set('Authorization', bob.auth);

    // Assert
    expectError(res, 403, 'forbidden');
    expect(await storedParticipants(group.conversation_id)).toEqual(idsOf(alice, bob, carol));
  });

  it('When the person is not in the group, then it answers 404', async () => {
    // Arrange
    const [alice, bob, outsider] = await createUsers(server, 3);
    const group = await createGroup(server, alice, [bob]);

    // Act
    const res = await server.http.delete(`${participantsUrl(group.conversation_id)}${outsider.userId}/`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When a participant names themselves, then they leave', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    const group = await createGroup(server, alice, [bob]);

    // Act
    const res = await server.http.delete(`${participantsUrl(group.conversation_id)}${bob.userId}/`).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(await storedParticipants(group.conversation_id)).toEqual(idsOf(alice));
  });

  it('When the conversation is direct, then it answers 409 and nobody is removed', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    const direct = await createConversation(server, alice, bob);

    // Act
    const res = await server.http.delete(`${participantsUrl(direct.conversation_id)}${bob.userId}/`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 409, 'conflict');
    expect(await storedParticipants(direct.conversation_id)).toEqual(idsOf(alice, bob));
  });

  it('When a non-participant removes someone, then it answers 404 and nobody is removed', async () => {
    // Arrange
    const [alice, bob, stranger] = await createUsers(server, 3);
    const group = await createGroup(server, alice, [bob]);

    // Act
    const res = await server.http.delete(`${participantsUrl(group.conversation_id)}${bob.userId}/`).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
    expect(await storedParticipants(group.conversation_id)).toEqual(idsOf(alice, bob));
  });
});

import { QueryTypes } from '@messaging-app/shared';
import { API, createConversation, createUsers, expectError, sendMessage, sleep, twoPeopleTalking, UNKNOWN_ID, urls } from './support/api';
import { startTestServer, useTestServer, type TestUser } from './support/test-server';

const server = useTestServer();

const messagesUrl = urls.messages;
const countMessages = (conversationId: string) => server.running.db.models.Message.count({ where: { conversationId } });
const storedKeys = (user: TestUser) => server.running.db.models.IdempotencyKey.findAll({ where: { userId: user.userId } });
let keyCounter = 0;
const newKey = () => `key-${process.pid}-${Date.now()}-${(keyCounter += 1)}`;

function send(user: TestUser, conversationId: string, body: object, key?: string) {
  const req = server.http.post(messagesUrl(conversationId)).set('Authorization', user.auth);
  return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
}

describe('Idempotency-Key on POST /conversations/{conversation_id}/messages/', () => {
  it('When the same request is sent twice with one key, then the second answers the first message again and no second row exists', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const key = newKey();

    // Act
    const first = await send(alice, conversationId, { message_body: 'only once' }, key);
    const second = await send(alice, conversationId, { message_body: 'only once' }, key);

    // Assert
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countMessages(conversationId)).toBe(1);
    expect((await storedKeys(alice)).map((row) => [row.scope, row.idempotencyKey, row.responseStatus])).toEqual([
      ['sendMessage', key, 201],
    ]);
  });

  it('When the message changed after the first send, then the replay still answers the original result', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const key = newKey();
    const first = await send(alice, conversationId, { message_body: 'draft' }, key).expect(201);
    await server.http
      .patch(`${messagesUrl(conversationId)}${first.body.message_id}/`)
      .set('Authorization', alice.auth)
      .send({ message_body: 'final' })
      .expect(200);

    // Act
    const replay = await send(alice, conversationId, { message_body: 'draft' }, key);

    // Assert
    expect(replay.body).toEqual(first.body);
  });

  it('When the same key comes with a different body, then it answers 409 naming Idempotency-Key and sends nothing', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const key = newKey();
    await send(alice, conversationId, { message_body: 'first' }, key).expect(201);

    // Act
    const res = await send(alice, conversationId, { message_body: 'something else' }, key);

    // Assert
    expectError(res, 409, 'conflict', ['Idempotency-Key']);
    expect(await countMessages(conversationId)).toBe(1);
  });

  it('When the same key is used for another conversation, then it is a different request: 409', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const other = await createConversation(server, alice, (await createUsers(server, 1))[0]);
    const key = newKey();
    await send(alice, conversationId, { message_body: 'hi' }, key).expect(201);

    // Act
    const res = await send(alice, other.conversation_id, { message_body: 'hi' }, key);

    // Assert
    expectError(res, 409, 'conflict', ['Idempotency-Key']);
    expect(await countMessages(other.conversation_id)).toBe(0);
  });

  it('When two people use the same key, then each gets their own message (keys are per user)', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const key = newKey();

    // Act
    const fromAlice = await send(alice, conversationId, { message_body: 'same words' }, key);
    const fromBob = await send(bob, conversationId, { message_body: 'same words' }, key);

    // Assert
    expect([fromAlice.status, fromBob.status]).toEqual([201, 201]);
    expect(fromBob.body.message_id).not.toBe(fromAlice.body.message_id);
    expect(await countMessages(conversationId)).toBe(2);
  });

  it('When sends carry different keys or none, then each one is a new message', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    await send(alice, conversationId, { message_body: 'again' }, newKey()).expect(201);
    await send(alice, conversationId, { message_body: 'again' }, newKey()).expect(201);
    await send(alice, conversationId, { message_body: 'again' }).expect(201);
    await send(alice, conversationId, { message_body: 'again' }).expect(201);

    // Assert
    expect(await countMessages(conversationId)).toBe(4);
  });

  it('When a keyed request fails, then nothing is stored for the key and the retry runs again', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const key = newKey();
    const body = { message_body: 'reply', parent_message_id: UNKNOWN_ID };

    // Act
    const first = await send(alice, conversationId, body, key);
    const retry = await send(alice, conversationId, body, key);

    // Assert
    expectError(first, 400, 'validation_failed', ['parent_message_id']);
    expectError(retry, 400, 'validation_failed', ['parent_message_id']);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await storedKeys(alice)).toEqual([]);
  });

  it('When the key is older than 24 hours, then it is forgotten: reusing it sends a new message', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const key = newKey();
    await send(alice, conversationId, { message_body: 'yesterday' }, key).expect(201);
    await server.running.db.models.IdempotencyKey.update(
      { createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) },
      { where: { userId: alice.userId, idempotencyKey: key } },
    );

    // Act
    const res = await send(alice, conversationId, { message_body: 'today' }, key);

    // Assert
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await countMessages(conversationId)).toBe(2);
  });

  it('When a key is 23 hours old, then it is still honoured', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const key = newKey();
    const first = await send(alice, conversationId, { message_body: 'still remembered' }, key).expect(201);
    await server.running.db.models.IdempotencyKey.update(
      { createdAt: new Date(Date.now() - 23 * 60 * 60 * 1000) },
      { where: { userId: alice.userId, idempotencyKey: key } },
    );

    // Act
    const res = await send(alice, conversationId, { message_body: 'still remembered' }, key);

    // Assert
    expect(res.body.message_id).toBe(first.body.message_id);
    expect(await countMessages(conversationId)).toBe(1);
  });

  it.each([
    ['longer than 255 characters', 'k'.repeat(256)],
    ['holding a space', 'two words'],
    ['not ASCII', 'clé'],
  ])('When the key is %s, then it answers 400 naming Idempotency-Key and sends nothing', async (_label, key) => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await send(alice, conversationId, { message_body: 'hi' }, key);

    // Assert
    expectError(res, 400, 'validation_failed', ['Idempotency-Key']);
    expect(await countMessages(conversationId)).toBe(0);
  });

  it('When five duplicates with one key arrive at once, then exactly one message exists and all five answer it', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const key = newKey();

    // Act
    const responses = await Promise.all(Array.from({ length: 5 }, () => send(alice, conversationId, { message_body: 'burst' }, key)));

    // Assert
    expect(responses.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((res) => res.body.message_id)).size).toBe(1);
    expect(responses.filter((res) => res.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await countMessages(conversationId)).toBe(1);
  });

  it('When a duplicate arrives while the first is still inside its transaction, then it waits for it and replays its message', async () => {
    // Arrange: hold a lock the send needs (its conversation row), so the first send stops mid-transaction
    const { alice, conversationId } = await twoPeopleTalking(server);
    const { db } = server.running;
    const key = newKey();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let lockTaken!: () => void;
    const locked = new Promise<void>((resolve) => (lockTaken = resolve));
    const holder = db.transaction(async (transaction) => {
      await db.sequelize.query('SELECT 1 FROM conversations WHERE conversation_id = :conversationId FOR UPDATE', {
        replacements: { conversationId },
        transaction,
      });
      lockTaken();
      await released;
    });
    await locked;

    // Act
    const racing = () => send(alice, conversationId, { message_body: 'racing' }, key).then((res) => res);
    const duplicates = Promise.all([racing(), racing()]);
    if (db.kind === 'postgres') {
      // Both requests are inside the database: one waits on the conversation lock, the other on the key.
      await waitUntil(async () => (await backendsWaitingOnLocks()) >= 2);
    } else {
      // PGlite has one connection, which the holder has: both requests queue for it.
      await sleep(300);
    }
    release();
    await holder;
    const [first, second] = await duplicates;

    // Assert
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.message_id).toBe(first.body.message_id);
    expect([first, second].filter((res) => res.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
    expect(await countMessages(conversationId)).toBe(1);
  });
});

describe('Idempotency-Key on POST /conversations/', () => {
  it('When a group is created twice with one key, then one group exists and the retry answers it', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);
    const key = newKey();
    const body = { participant_ids: [bob.userId, carol.userId], title: 'Once' };

    // Act
    const first = await server.http.post(`${API}/conversations/`).set('Authorization', alice.auth).set('Idempotency-Key', key).send(body);
    const second = await server.http.post(`${API}/conversations/`).set('Authorization', alice.auth).set('Idempotency-Key', key).send(body);

    // Assert
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await server.running.db.models.Conversation.count({ where: { createdById: alice.userId } })).toBe(1);
  });

  it('When the key was used to send a message, then creating a conversation with it is independent (keys are per operation)', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const key = newKey();
    await send(alice, conversationId, { message_body: 'hi' }, key).expect(201);

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', alice.auth)
      .set('Idempotency-Key', key)
      .send({ participant_ids: [bob.userId], kind: 'group' });

    // Assert
    expect(res.status).toBe(201);
    expect((await storedKeys(alice)).map((row) => row.scope).sort()).toEqual(['createConversation', 'sendMessage']);
  });

  it('When the same key comes with different participants, then it answers 409', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);
    const key = newKey();
    await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', alice.auth)
      .set('Idempotency-Key', key)
      .send({ participant_ids: [bob.userId] })
      .expect(201);

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', alice.auth)
      .set('Idempotency-Key', key)
      .send({ participant_ids: [carol.userId] });

    // Assert
    expectError(res, 409, 'conflict', ['Idempotency-Key']);
    expect(await server.running.db.models.Conversation.count({ where: { createdById: alice.userId } })).toBe(1);
  });
});

describe('expired idempotency keys', () => {
  it('When a server handles its first keyed request, then keys older than 24 hours are purged', async () => {
    // Arrange: a server of its own, so this is its first keyed request
    const fresh = await startTestServer();
    try {
      const [alice, bob] = await Promise.all([fresh.createUser(), fresh.createUser()]);
      const { conversation_id: conversationId } = await createConversation(fresh, alice, bob);
      const { IdempotencyKey } = fresh.running.db.models;
      await IdempotencyKey.create({
        userId: bob.userId,
        scope: 'sendMessage',
        idempotencyKey: 'ancient',
        requestHash: '0'.repeat(64),
        responseStatus: 201,
        responseBody: {},
        createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000),
      });

      // Act
      await sendMessage(fresh, alice, conversationId, 'warm-up without a key');
      await fresh.http
        .post(messagesUrl(conversationId))
        .set('Authorization', alice.auth)
        .set('Idempotency-Key', 'fresh')
        .send({ message_body: 'hi' })
        .expect(201);

      // Assert
      expect((await IdempotencyKey.findAll()).map((row) => row.idempotencyKey)).toEqual(['fresh']);
    } finally {
      await fresh.stop();
    }
  });
});

async function backendsWaitingOnLocks(): Promise<number> {
  const [row] = await server.running.db.sequelize.query<{ waiting: string }>(
    "SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    { type: QueryTypes.SELECT },
  );
  return Number(row.waiting);
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await sleep(25);
  }
}

import {
  API,
  createGroup,
  expectError,
  MESSAGE_KEYS,
  MESSAGE_PAGE_KEYS,
  NO_MESSAGES,
  relativeLink,
  seedMessages,
  sendMessage,
  sortedKeys,
  UNKNOWN_ID,
  USER_SUMMARY_KEYS,
  UUID_PATTERN,
  type MessageBody,
  type PageBody,
  twoPeopleTalking,
  urls,
} from './support/api';
import { useTestServer } from './support/test-server';

const server = useTestServer();

const { messages: messagesUrl, message: messageUrl } = urls;
const findMessageRow = (messageId: string) => server.running.db.models.Message.findByPk(messageId);
const bodiesOf = (res: { body: PageBody<MessageBody> }) => res.body.results.map((message) => message.message_body);

/**
 * Five messages around the UTC day 2026-03-10, with bodies chosen for the search filter:
 * "50%" and "file_name" must match literally, not as LIKE wildcards ("500", "filexname").
 */
async function seededConversation() {
  const people = await twoPeopleTalking(server);
  const { alice, bob, conversationId } = people;
  await seedMessages(server, conversationId, [
    { from: alice, text: 'Morning COFFEE?', at: '2026-03-09T23:59:59.999Z' },
    { from: bob, text: 'Price is 50% off', at: '2026-03-10T00:00:00.000Z' },
    { from: alice, text: 'file_name.txt attached', at: '2026-03-10T12:00:00.000Z' },
    { from: bob, text: 'see you at 500', at: '2026-03-10T23:59:59.999Z' },
    { from: alice, text: 'filexname too', at: '2026-03-11T00:00:00.000Z' },
  ]);
  return people;
}

const M1 = 'Morning COFFEE?';
const M2 = 'Price is 50% off';
const M3 = 'file_name.txt attached';
const M4 = 'see you at 500';
const M5 = 'filexname too';

describe('POST /conversations/{conversation_id}/messages/', () => {
  it('When a participant sends a message, then it answers 201 with the message and the sender as a summary', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const before = Date.now();

    // Act
    const res = await server.http.post(messagesUrl(conversationId)).set('Authorization', alice.auth).send({ message_body: 'Hi Bob!' });

    // Assert
    expect(res.status).toBe(201);
    expect(sortedKeys(res.body)).toEqual(MESSAGE_KEYS);
    expect(res.body).toEqual({
      message_id: expect.stringMatching(UUID_PATTERN),
      conversation_id: conversationId,
      sender: { user_id: alice.userId, username: alice.username, first_name: 'Test', last_name: 'User' },
      message_body: 'Hi Bob!',
      sent_at: expect.any(String),
      edited_at: null,
      deleted: false,
      parent_message_id: null,
      reply_count: 0,
      last_reply_at: null,
      reactions: [],
    });
    expect(sortedKeys(res.body.sender)).toEqual(USER_SUMMARY_KEYS);
    expect(Date.parse(res.body.sent_at)).toBeGreaterThanOrEqual(before - 5);
    const row = await findMessageRow(res.body.message_id);
    expect(row).toMatchObject({ conversationId, senderId: alice.userId, messageBody: 'Hi Bob!', editedAt: null });
  });

  it("When a message is sent, then it becomes the conversation's last message and its latest activity", async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);

    // Act
    const message = await sendMessage(server, bob, conversationId, 'news');

    // Assert
    const conversation = await server.http.get(`${API}/conversations/${conversationId}/`).set('Authorization', alice.auth).expect(200);
    expect(conversation.body.last_message).toEqual(message);
    const row = await server.running.db.models.Conversation.findByPk(conversationId);
    expect(row?.lastActivityAt.toISOString()).toBe(message.sent_at);
  });

  it('When the path has no trailing slash, then it sends the same', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http
      .post(`${API}/conversations/${conversationId}/messages`)
      .set('Authorization', alice.auth)
      .send({ message_body: 'no slash' });

    // Assert
    expect(res.status).toBe(201);
    expect((await findMessageRow(res.body.message_id))?.messageBody).toBe('no slash');
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t  '],
  ])('When the body is %s, then it answers 400 naming message_body and stores nothing', async (_label, text) => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http.post(messagesUrl(conversationId)).set('Authorization', alice.auth).send({ message_body: text });

    // Assert
    expectError(res, 400, 'validation_failed', ['message_body']);
    expect(await server.running.db.models.Message.count({ where: { conversationId } })).toBe(0);
  });

  it('When the body is exactly 4000 characters, then it is accepted whole', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const text = 'x'.repeat(4000);

    // Act
    const res = await server.http.post(messagesUrl(conversationId)).set('Authorization', alice.auth).send({ message_body: text });

    // Assert
    expect(res.status).toBe(201);
    expect((await findMessageRow(res.body.message_id))?.messageBody).toHaveLength(4000);
  });

  it('When the body is 4001 characters, then it answers 400 naming message_body', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http
      .post(messagesUrl(conversationId))
      .set('Authorization', alice.auth)
      .send({ message_body: 'x'.repeat(4001) });

    // Assert
    expectError(res, 400, 'validation_failed', ['message_body']);
    expect(await server.running.db.models.Message.count({ where: { conversationId } })).toBe(0);
  });

  it.each([
    ['message_body', {}],
    ['message_body', { message_body: 42 }],
    ['message_body', { message_body: null }],
    ['sender_id', { message_body: 'hi', sender_id: UNKNOWN_ID }],
  ])('When the body is malformed (%s), then it answers 400 naming it', async (field, body) => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http.post(messagesUrl(conversationId)).set('Authorization', alice.auth).send(body);

    // Assert
    expectError(res, 400, 'validation_failed', [field]);
  });

  it('When a non-participant sends, then it answers 404 and stores nothing', async () => {
    // Arrange
    const { conversationId } = await twoPeopleTalking(server);
    const stranger = await server.createUser();

    // Act
    const res = await server.http.post(messagesUrl(conversationId)).set('Authorization', stranger.auth).send({ message_body: 'let me in' });

    // Assert
    expectError(res, 404, 'not_found');
    expect(await server.running.db.models.Message.count({ where: { conversationId } })).toBe(0);
  });

  it('When staff who are not participants send, then it answers 404', async () => {
    // Arrange
    const { conversationId } = await twoPeopleTalking(server);
    const stranger = await server.createUser();
    await server.makeStaff(stranger);

    // Act
    const res = await server.http
      .post(messagesUrl(conversationId))
      .set('Authorization', stranger.auth)
      .send({ message_body: 'staff here' });

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the conversation does not exist, then it answers 404', async () => {
    // Arrange
    const me = await server.createUser();

    // Act
    const res = await server.http.post(messagesUrl(UNKNOWN_ID)).set('Authorization', me.auth).send({ message_body: 'hello?' });

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Arrange
    const { conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http.post(messagesUrl(conversationId)).send({ message_body: 'anon' });

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('GET /conversations/{conversation_id}/messages/', () => {
  it('When a participant lists messages, then it answers them newest first in the page envelope', async () => {
    // Arrange
    const { bob, conversationId } = await seededConversation();

    // Act
    const res = await server.http.get(messagesUrl(conversationId)).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(MESSAGE_PAGE_KEYS);
    expect(res.body).toMatchObject({ count: 5, next: null, previous: null });
    expect(bodiesOf(res)).toEqual([M5, M4, M3, M2, M1]);
    for (const message of res.body.results) {
      expect(sortedKeys(message)).toEqual(MESSAGE_KEYS);
      expect(sortedKeys(message.sender)).toEqual(USER_SUMMARY_KEYS);
    }
  });

  it('When the path has no trailing slash, then it answers the same', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const res = await server.http.get(`${API}/conversations/${conversationId}/messages`).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(5);
  });

  it('When ordering=sent_at, then oldest come first; when ordering=-sent_at, then newest come first', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const oldest = await server.http.get(`${messagesUrl(conversationId)}?ordering=sent_at`).set('Authorization', alice.auth);
    const newest = await server.http.get(`${messagesUrl(conversationId)}?ordering=-sent_at`).set('Authorization', alice.auth);

    // Assert
    expect(bodiesOf(oldest)).toEqual([M1, M2, M3, M4, M5]);
    expect(bodiesOf(newest)).toEqual([M5, M4, M3, M2, M1]);
  });

  it('When ordering is anything else, then it answers 400 naming ordering', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?ordering=message_body`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 400, 'validation_failed', ['ordering']);
  });

  it("When filtering by sender id, then only that sender's messages are listed", async () => {
    // Arrange
    const { alice, bob, conversationId } = await seededConversation();

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?sender=${alice.userId}`).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(3);
    expect(bodiesOf(res)).toEqual([M5, M3, M1]);
    for (const message of res.body.results) expect(message.sender.user_id).toBe(alice.userId);
  });

  it('When filtering by sender id in upper case, then it matches the same sender', async () => {
    // Arrange
    const { alice, bob, conversationId } = await seededConversation();

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?sender=${bob.userId.toUpperCase()}`).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(bodiesOf(res)).toEqual([M4, M2]);
  });

  it("When filtering by sender username in another case, then only that sender's messages are listed", async () => {
    // Arrange
    const { alice, bob, conversationId } = await seededConversation();

    // Act
    const res = await server.http
      .get(`${messagesUrl(conversationId)}?sender=${bob.username.toUpperCase()}`)
      .set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(bodiesOf(res)).toEqual([M4, M2]);
  });

  it('When the sender is unknown or not in the conversation, then the list is empty', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();
    const stranger = await server.createUser();

    // Act
    const byName = await server.http.get(`${messagesUrl(conversationId)}?sender=no_such_person`).set('Authorization', alice.auth);
    const byId = await server.http.get(`${messagesUrl(conversationId)}?sender=${stranger.userId}`).set('Authorization', alice.auth);
    const pastEnd = await server.http.get(`${messagesUrl(conversationId)}?sender=no_such_person&page=2`).set('Authorization', alice.auth);

    // Assert
    expect(byName.body).toEqual(NO_MESSAGES);
    expect(byId.body).toEqual(NO_MESSAGES);
    expectError(pastEnd, 404, 'not_found', ['page']);
  });

  it('When start_date is a date, then messages from the start of that UTC day on are listed', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?start_date=2026-03-10`).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(bodiesOf(res)).toEqual([M5, M4, M3, M2]);
  });

  it('When end_date is a date, then that whole UTC day is included and nothing after it', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?end_date=2026-03-10`).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(bodiesOf(res)).toEqual([M4, M3, M2, M1]);
  });

  it('When start_date and end_date are the same date, then exactly that day is listed', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const res = await server.http
      .get(`${messagesUrl(conversationId)}?start_date=2026-03-10&end_date=2026-03-10`)
      .set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(bodiesOf(res)).toEqual([M4, M3, M2]);
  });

  it('When both bounds are date-times, then both are inclusive to the millisecond', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const res = await server.http
      .get(`${messagesUrl(conversationId)}?start_date=2026-03-10T12:00:00Z&end_date=2026-03-10T23:59:59.999Z`)
      .set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(bodiesOf(res)).toEqual([M4, M3]);
  });

  it('When start_date is a date-time and end_date is the same day as a date, then the rest of that day is listed', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const res = await server.http
      .get(`${messagesUrl(conversationId)}?start_date=2026-03-10T12:00:00Z&end_date=2026-03-10`)
      .set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(bodiesOf(res)).toEqual([M4, M3]);
  });

  it('When a date-time has an offset or none, then an offset is honoured and none means UTC', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const withOffset = await server.http
      .get(`${messagesUrl(conversationId)}?start_date=${encodeURIComponent('2026-03-10T13:00:00+01:00')}`)
      .set('Authorization', alice.auth);
    const withoutZone = await server.http
      .get(`${messagesUrl(conversationId)}?start_date=2026-03-10T12:00:00`)
      .set('Authorization', alice.auth);

    // Assert
    expect(bodiesOf(withOffset)).toEqual([M5, M4, M3]);
    expect(bodiesOf(withoutZone)).toEqual([M5, M4, M3]);
  });

  it('When start_date is after end_date, then it answers 400 naming end_date', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http
      .get(`${messagesUrl(conversationId)}?start_date=2026-03-11&end_date=2026-03-10`)
      .set('Authorization', alice.auth);

    // Assert
    expectError(res, 400, 'validation_failed', ['end_date']);
  });

  it.each([
    ['start_date', 'yesterday'],
    ['start_date', '2026-13-01'],
    ['start_date', '2026-02-30'],
    ['start_date', '2026-02-30T10:00:00Z'],
    ['start_date', '10/03/2026'],
    ['end_date', '2026-03-10T25:00:00Z'],
    ['end_date', '2026-03-10 12:00'],
    ['end_date', ''],
  ])('When %s is not an ISO date (%j), then it answers 400 naming it', async (param, value) => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http
      .get(`${messagesUrl(conversationId)}?${param}=${encodeURIComponent(value)}`)
      .set('Authorization', alice.auth);

    // Assert
    expectError(res, 400, 'validation_failed', [param]);
  });

  it('When searching, then the match is a case-insensitive substring', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?search=coffee`).set('Authorization', alice.auth);
    const upper = await server.http.get(`${messagesUrl(conversationId)}?search=SEE%20YOU`).set('Authorization', alice.auth);

    // Assert
    expect(bodiesOf(res)).toEqual([M1]);
    expect(bodiesOf(upper)).toEqual([M4]);
  });

  it('When the search text holds % or _, then they match literally, not as wildcards', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const percent = await server.http
      .get(`${messagesUrl(conversationId)}?search=${encodeURIComponent('50%')}`)
      .set('Authorization', alice.auth);
    const underscore = await server.http.get(`${messagesUrl(conversationId)}?search=file_name`).set('Authorization', alice.auth);

    // Assert
    expect(bodiesOf(percent)).toEqual([M2]);
    expect(bodiesOf(underscore)).toEqual([M3]);
  });

  it('When the search text holds a backslash, then it matches literally', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    await seedMessages(server, conversationId, [
      { from: alice, text: 'path C:\\temp\\x', at: '2026-03-10T10:00:00Z' },
      { from: alice, text: 'path C:tempx', at: '2026-03-10T11:00:00Z' },
    ]);

    // Act
    const res = await server.http
      .get(`${messagesUrl(conversationId)}?search=${encodeURIComponent('C:\\temp')}`)
      .set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(bodiesOf(res)).toEqual(['path C:\\temp\\x']);
  });

  it('When search or sender is longer than allowed, then it answers 400 naming it', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const search = await server.http.get(`${messagesUrl(conversationId)}?search=${'a'.repeat(201)}`).set('Authorization', alice.auth);
    const sender = await server.http.get(`${messagesUrl(conversationId)}?sender=${'a'.repeat(255)}`).set('Authorization', alice.auth);

    // Assert
    expectError(search, 400, 'validation_failed', ['search']);
    expectError(sender, 400, 'validation_failed', ['sender']);
  });

  it('When filters are combined, then a message must match all of them', async () => {
    // Arrange
    const { bob, alice, conversationId } = await seededConversation();

    // Act
    const res = await server.http
      .get(`${messagesUrl(conversationId)}?sender=${alice.username}&search=FILE&start_date=2026-03-10&ordering=sent_at`)
      .set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(bodiesOf(res)).toEqual([M3, M5]);
  });

  it('When filtered results span pages, then next and previous keep the filters and every message appears once', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();
    const query = `?start_date=2026-03-10&ordering=sent_at&page_size=2`;

    // Act
    const first = await server.http.get(`${messagesUrl(conversationId)}${query}`).set('Authorization', alice.auth);
    const second = await server.http.get(relativeLink(server, first.body.next)).set('Authorization', alice.auth);
    const back = await server.http.get(relativeLink(server, second.body.previous)).set('Authorization', alice.auth);

    // Assert
    expect(first.body).toMatchObject({ count: 4, previous: null, next: `${server.url}${messagesUrl(conversationId)}${query}&page=2` });
    expect(bodiesOf(first)).toEqual([M2, M3]);
    expect(bodiesOf(second)).toEqual([M4, M5]);
    expect(second.body.next).toBeNull();
    expect(second.body.previous).toBe(`${server.url}${messagesUrl(conversationId)}${query}&page=1`);
    expect(bodiesOf(back)).toEqual([M2, M3]);
  });

  it('When search results span pages, then each page has the total, the right slice and links, and a page past them answers 404', async () => {
    // Arrange: "i" is in four of the five bodies (not in "see you at 500").
    const { alice, conversationId } = await seededConversation();
    const query = `?search=I&page_size=3`;

    // Act
    const first = await server.http.get(`${messagesUrl(conversationId)}${query}`).set('Authorization', alice.auth);
    const second = await server.http.get(relativeLink(server, first.body.next)).set('Authorization', alice.auth);
    const pastEnd = await server.http.get(`${messagesUrl(conversationId)}${query}&page=3`).set('Authorization', alice.auth);
    const none = await server.http.get(`${messagesUrl(conversationId)}?search=nowhere`).set('Authorization', alice.auth);

    // Assert
    expect(first.body).toMatchObject({ count: 4, previous: null, next: `${server.url}${messagesUrl(conversationId)}${query}&page=2` });
    expect(bodiesOf(first)).toEqual([M5, M3, M2]);
    expect(second.body).toMatchObject({ count: 4, next: null });
    expect(bodiesOf(second)).toEqual([M1]);
    expectError(pastEnd, 404, 'not_found', ['page']);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ count: 0, results: [], next: null, previous: null });
  });

  it('When the page is past the end, then it answers 404 naming page', async () => {
    // Arrange
    const { alice, conversationId } = await seededConversation();

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?page_size=2&page=4`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 404, 'not_found', ['page']);
  });

  it('When a conversation has no messages, then page 1 is empty and page 2 is 404', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const first = await server.http.get(messagesUrl(conversationId)).set('Authorization', alice.auth);
    const second = await server.http.get(`${messagesUrl(conversationId)}?page=2`).set('Authorization', alice.auth);

    // Assert
    expect(first.body).toEqual(NO_MESSAGES);
    expectError(second, 404, 'not_found');
  });

  it('When no page_size is given, then pages hold 20 messages; 100 is the largest page_size allowed', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    for (let i = 0; i < 21; i += 1) await sendMessage(server, alice, conversationId, `message ${i}`);

    // Act
    const defaults = await server.http.get(messagesUrl(conversationId)).set('Authorization', alice.auth);
    const max = await server.http.get(`${messagesUrl(conversationId)}?page_size=100`).set('Authorization', alice.auth);
    const over = await server.http.get(`${messagesUrl(conversationId)}?page_size=101`).set('Authorization', alice.auth);

    // Assert
    expect(defaults.body.count).toBe(21);
    expect(defaults.body.results).toHaveLength(20);
    expect(defaults.body.results[0].message_body).toBe('message 20');
    expect(defaults.body.next).toBe(`${server.url}${messagesUrl(conversationId)}?page=2`);
    expect(max.body.results).toHaveLength(21);
    expect(max.body.next).toBeNull();
    expectError(over, 400, 'validation_failed', ['page_size']);
  });

  it('When a non-participant lists messages, then it answers 404', async () => {
    // Arrange
    const { conversationId } = await seededConversation();
    const stranger = await server.createUser();

    // Act
    const res = await server.http.get(messagesUrl(conversationId)).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When a non-participant sends bad filters, then it still answers 404 (nothing about the conversation leaks)', async () => {
    // Arrange
    const { conversationId } = await seededConversation();
    const stranger = await server.createUser();

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?start_date=nope`).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Arrange
    const { conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http.get(messagesUrl(conversationId));

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('GET /conversations/{conversation_id}/messages/{message_id}/', () => {
  it('When the sender or another participant reads a message, then both get it', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'read me');

    // Act
    const bySender = await server.http.get(messageUrl(message)).set('Authorization', alice.auth);
    const byOther = await server.http.get(messageUrl(message)).set('Authorization', bob.auth);

    // Assert
    expect(bySender.status).toBe(200);
    expect(bySender.body).toEqual(message);
    expect(byOther.status).toBe(200);
    expect(byOther.body).toEqual(message);
  });

  it('When the path has no trailing slash, then it answers the same', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'no slash');

    // Act
    const res = await server.http.get(messageUrl(message).replace(/\/$/, '')).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toEqual(message);
  });

  it('When a non-participant reads a message, then it answers 404', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const stranger = await server.createUser();
    const message = await sendMessage(server, alice, conversationId, 'private');

    // Act
    const res = await server.http.get(messageUrl(message)).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the message belongs to another conversation of the caller, then it answers 404', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const other = await createGroup(server, alice, [bob]);
    const message = await sendMessage(server, alice, conversationId, 'in the first one');

    // Act
    const res = await server.http.get(`${messagesUrl(other.conversation_id)}${message.message_id}/`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the message does not exist, then it answers 404', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}${UNKNOWN_ID}/`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the message id is not a UUID, then it answers 400 naming message_id', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}first/`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 400, 'validation_failed', ['message_id']);
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'hi');

    // Act
    const res = await server.http.get(messageUrl(message));

    // Assert
    expectError(res, 401, 'unauthorized');
  });
});

describe('PATCH /conversations/{conversation_id}/messages/{message_id}/', () => {
  it('When the sender edits a message, then it answers 200 with the new body and edited_at set, sent_at unchanged', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'typo');

    // Act
    const res = await server.http.patch(messageUrl(message)).set('Authorization', alice.auth).send({ message_body: 'fixed' });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message_id: message.message_id, message_body: 'fixed', sent_at: message.sent_at });
    expect(Date.parse(res.body.edited_at)).toBeGreaterThanOrEqual(Date.parse(message.sent_at));
    const seenByBob = await server.http.get(messageUrl(message)).set('Authorization', bob.auth).expect(200);
    expect(seenByBob.body).toEqual(res.body);
    const row = await findMessageRow(message.message_id);
    expect(row?.messageBody).toBe('fixed');
    expect(row?.editedAt?.toISOString()).toBe(res.body.edited_at);
  });

  it('When the path has no trailing slash, then it edits the same', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'before');

    // Act
    const res = await server.http
      .patch(messageUrl(message).replace(/\/$/, ''))
      .set('Authorization', alice.auth)
      .send({ message_body: 'after' });

    // Assert
    expect(res.status).toBe(200);
    expect((await findMessageRow(message.message_id))?.messageBody).toBe('after');
  });

  it('When another participant edits the message, then it answers 403 and the message is unchanged', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'mine');

    // Act
    const res = await server.http.patch(messageUrl(message)).set('Authorization', bob.auth).send({ message_body: 'yours now' });

    // Assert
    expectError(res, 403, 'forbidden');
    expect(await findMessageRow(message.message_id)).toMatchObject({ messageBody: 'mine', editedAt: null });
  });

  it('When a non-participant edits the message, then it answers 404 and the message is unchanged', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const stranger = await server.createUser();
    const message = await sendMessage(server, alice, conversationId, 'mine');

    // Act
    const res = await server.http.patch(messageUrl(message)).set('Authorization', stranger.auth).send({ message_body: 'hijacked' });

    // Assert
    expectError(res, 404, 'not_found');
    expect((await findMessageRow(message.message_id))?.messageBody).toBe('mine');
  });

  it('When staff who are not participants edit the message, then it answers 404', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const stranger = await server.createUser();
    await server.makeStaff(stranger);
    const message = await sendMessage(server, alice, conversationId, 'mine');

    // Act
    const res = await server.http.patch(messageUrl(message)).set('Authorization', stranger.auth).send({ message_body: 'moderated' });

    // Assert
    expectError(res, 404, 'not_found');
    expect((await findMessageRow(message.message_id))?.messageBody).toBe('mine');
  });

  it.each([
    ['message_body', { message_body: '   ' }],
    ['message_body', { message_body: '' }],
    ['message_body', { message_body: 'x'.repeat(4001) }],
    ['message_body', {}],
    ['sent_at', { message_body: 'ok', sent_at: '2020-01-01T00:00:00Z' }],
  ])('When the body is invalid (%s), then it answers 400 naming it and the message is unchanged', async (field, body) => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'original');

    // Act
    const res = await server.http.patch(messageUrl(message)).set('Authorization', alice.auth).send(body);

    // Assert
    expectError(res, 400, 'validation_failed', [field]);
    expect(await findMessageRow(message.message_id)).toMatchObject({ messageBody: 'original', editedAt: null });
  });

  it('When the message does not exist, then it answers 404', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const res = await server.http
      .patch(`${messagesUrl(conversationId)}${UNKNOWN_ID}/`)
      .set('Authorization', alice.auth)
      .send({ message_body: 'x' });

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When nobody is signed in, then it answers 401', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'mine');

    // Act
    const res = await server.http.patch(messageUrl(message)).send({ message_body: 'anon' });

    // Assert
    expectError(res, 401, 'unauthorized');
    expect((await findMessageRow(message.message_id))?.messageBody).toBe('mine');
  });
});

describe('DELETE /conversations/{conversation_id}/messages/{message_id}/', () => {
  it('When the sender deletes a message, then it answers 204 with no body and the message is gone', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'oops');

    // Act
    const res = await server.http.delete(messageUrl(message)).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await findMessageRow(message.message_id)).toBeNull();
    expectError(await server.http.get(messageUrl(message)).set('Authorization', bob.auth), 404, 'not_found');
    const list = await server.http.get(messagesUrl(conversationId)).set('Authorization', bob.auth).expect(200);
    expect(list.body.count).toBe(0);
  });

  it('When the path has no trailing slash, then it deletes the same', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'bye');

    // Act
    const res = await server.http.delete(messageUrl(message).replace(/\/$/, '')).set('Authorization', alice.auth);

    // Assert
    expect(res.status).toBe(204);
    expect(await findMessageRow(message.message_id)).toBeNull();
  });

  it('When another participant deletes the message, then it answers 403 and the message stays', async () => {
    // Arrange
    const { alice, bob, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'keep me');

    // Act
    const res = await server.http.delete(messageUrl(message)).set('Authorization', bob.auth);

    // Assert
    expectError(res, 403, 'forbidden');
    expect(await findMessageRow(message.message_id)).not.toBeNull();
  });

  it('When a non-participant deletes the message, then it answers 404 and the message stays', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const stranger = await server.createUser();
    const message = await sendMessage(server, alice, conversationId, 'keep me');

    // Act
    const res = await server.http.delete(messageUrl(message)).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
    expect(await findMessageRow(message.message_id)).not.toBeNull();
  });

  it('When staff who are not participants delete the message, then it answers 404 and the message stays', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const stranger = await server.createUser();
    await server.makeStaff(stranger);
    const message = await sendMessage(server, alice, conversationId, 'keep me');

    // Act
    const res = await server.http.delete(messageUrl(message)).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
    expect(await findMessageRow(message.message_id)).not.toBeNull();
  });

  it('When the message was already deleted, then deleting it again answers 404', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'once');
    await server.http.delete(messageUrl(message)).set('Authorization', alice.auth).expect(204);

    // Act
    const res = await server.http.delete(messageUrl(message)).set('Authorization', alice.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When nobody is signed in, then it answers 401 and the message stays', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const message = await sendMessage(server, alice, conversationId, 'keep me');

    // Act
    const res = await server.http.delete(messageUrl(message));

    // Assert
    expectError(res, 401, 'unauthorized');
    expect(await findMessageRow(message.message_id)).not.toBeNull();
  });
});

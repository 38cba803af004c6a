import {
  API,
  createConversation,
  createUsers,
  expectError,
  PAGE_KEYS,
  relativeLink,
  sendMessage,
  sortedKeys,
  UNKNOWN_ID,
  type MessageBody,
  urls,
} from './support/api';
import { useTestServer, type TestUser } from './support/test-server';

const server = useTestServer();

const { message: messageUrl, history: historyUrl } = urls;
const VERSION_KEYS = ['message_body', 'replaced_at', 'version', 'written_at'];

interface VersionBody {
  version: number;
  message_body: string;
  written_at: string;
  replaced_at: string | null;
}

async function aMessage(): Promise<{ alice: TestUser; bob: TestUser; message: MessageBody }> {
  const [alice, bob] = await createUsers(server, 2);
  const conversation = await createConversation(server, alice, bob);
  return { alice, bob, message: await sendMessage(server, alice, conversation.conversation_id, 'v1') };
}

async function edit(user: TestUser, message: MessageBody, text: string): Promise<MessageBody> {
  const res = await server.http.patch(messageUrl(message)).set('Authorization', user.auth).send({ message_body: text }).expect(200);
  return res.body as MessageBody;
}

describe('GET /conversations/{conversation_id}/messages/{message_id}/history/', () => {
  it('When a message was edited twice, then every participant sees three versions, oldest first, each replaced when the next was written', async () => {
    // Arrange
    const { alice, bob, message } = await aMessage();
    const second = await edit(alice, message, 'v2');
    const third = await edit(alice, message, 'v3');

    // Act
    const res = await server.http.get(historyUrl(message)).set('Authorization', bob.auth);

    // Assert
    expect(res.status).toBe(200);
    expect(sortedKeys(res.body)).toEqual(PAGE_KEYS);
    expect(res.body).toMatchObject({ count: 3, next: null, previous: null });
    for (const version of res.body.results) expect(sortedKeys(version)).toEqual(VERSION_KEYS);
    expect(res.body.results).toEqual([
      { version: 1, message_body: 'v1', written_at: message.sent_at, replaced_at: second.edited_at },
      { version: 2, message_body: 'v2', written_at: second.edited_at, replaced_at: third.edited_at },
      { version: 3, message_body: 'v3', written_at: third.edited_at, replaced_at: null },
    ]);
    expect(await server.running.db.models.MessageEdit.count({ where: { messageId: message.message_id } })).toBe(2);
  });

  it('When a message was never edited, then its history is the one version as sent, and edited_at is null', async () => {
    // Arrange
    const { alice, message } = await aMessage();

    // Act
    const res = await server.http.get(historyUrl(message)).set('Authorization', alice.auth);

    // Assert
    expect(res.body.results).toEqual([{ version: 1, message_body: 'v1', written_at: message.sent_at, replaced_at: null }]);
    expect(message.edited_at).toBeNull();
  });

  it('When an edit repeats the current body, then no version is added and edited_at stays', async () => {
    // Arrange
    const { alice, message } = await aMessage();
    const edited = await edit(alice, message, 'v2');

    // Act
    const same = await edit(alice, message, 'v2');

    // Assert
    expect(same.edited_at).toBe(edited.edited_at);
    const res = await server.http.get(historyUrl(message)).set('Authorization', alice.auth);
    expect(res.body.count).toBe(2);
  });

  it('When the history spans pages, then each version appears once, in order, with the current one last', async () => {
    // Arrange
    const { alice, message } = await aMessage();
    for (const text of ['v2', 'v3', 'v4', 'v5']) await edit(alice, message, text);

    // Act
    const first = await server.http.get(`${historyUrl(message)}?page_size=2`).set('Authorization', alice.auth);
    const second = await server.http.get(relativeLink(server, first.body.next)).set('Authorization', alice.auth);
    const third = await server.http.get(relativeLink(server, second.body.next)).set('Authorization', alice.auth);

    // Assert
    const versions = [first, second, third].flatMap((page) => (page.body.results as VersionBody[]).map((v) => [v.version, v.message_body]));
    expect(versions).toEqual([
      [1, 'v1'],
      [2, 'v2'],
      [3, 'v3'],
      [4, 'v4'],
      [5, 'v5'],
    ]);
    expect(third.body.next).toBeNull();
    expect((third.body.results as VersionBody[]).at(-1)?.replaced_at).toBeNull();
  });

  it('When the page is past the end, then it answers 404 naming page', async () => {
    // Arrange
    const { alice, message } = await aMessage();

    // Act
    const res = await server.http.get(`${historyUrl(message)}?page=2`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 404, 'not_found', ['page']);
  });

  it('When a non-participant asks, then it answers 404 and shows nothing', async () => {
    // Arrange
    const { alice, message } = await aMessage();
    await edit(alice, message, 'secret v2');
    const [stranger] = await createUsers(server, 1);

    // Act
    const res = await server.http.get(historyUrl(message)).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
    expect(JSON.stringify(res.body)).not.toContain('v1');
  });

  it('When another participant tries to edit, then it answers 403 and no version is recorded', async () => {
    // Arrange
    const { bob, message } = await aMessage();

    // Act
    const res = await server.http.patch(messageUrl(message)).set('Authorization', bob.auth).send({ message_body: 'hijack' });

    // Assert
    expectError(res, 403, 'forbidden');
    expect(await server.running.db.models.MessageEdit.count({ where: { messageId: message.message_id } })).toBe(0);
  });

  it('When the message does not exist, then it answers 404', async () => {
    // Arrange
    const { alice, message } = await aMessage();

    // Act
    const res = await server.http
      .get(`${API}/conversations/${message.conversation_id}/messages/${UNKNOWN_ID}/history/`)
      .set('Authorization', alice.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });

  it('When the message is removed, then its versions go with it', async () => {
    // Arrange
    const { alice, message } = await aMessage();
    await edit(alice, message, 'v2');

    // Act
    await server.http.delete(messageUrl(message)).set('Authorization', alice.auth).expect(204);

    // Assert
    expect(await server.running.db.models.MessageEdit.count({ where: { messageId: message.message_id } })).toBe(0);
  });
});

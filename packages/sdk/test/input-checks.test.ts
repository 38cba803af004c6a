/**
 * Plain JavaScript callers get no compile-time check of the objects they pass. The generated
 * serialisers copy only the keys they know, so before these checks `send(id, { message_body })` went
 * out as an empty body ("message_body is required") and `send(id, { messageBody, colour })` succeeded
 * without a word. Each call below is a TypeScript error too (@ts-expect-error), and at run time it
 * must fail with InvalidInputError naming the key, before anything is sent: not even the sign-in.
 */
import { InvalidInputError, MessagingClient, MessagingError, type MessagingEvent } from '../src';
import { PASSWORD, recordingFetch, startApiServer, type ApiServer } from './support/api-server';

const SOME_ID = '00000000-0000-4000-8000-000000000000';

let api: ApiServer;
let aliceName: string;
let bobId: string;

beforeAll(async () => {
  api = await startApiServer();
  ({ username: aliceName } = await api.newUserClient());
  ({
    user: { userId: bobId },
  } = await api.newUserClient());
});
afterAll(() => api?.stop());

/** A client for alice that has not signed in yet, and the requests it makes. */
function aliceClient() {
  const recorder = recordingFetch();
  return {
    client: new MessagingClient({ baseUrl: api.url, username: aliceName, password: PASSWORD, fetch: recorder.fetch }),
    requests: recorder.requests,
  };
}

async function rejectionOf(call: () => PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve()
    .then(call)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

describe('unknown keys from plain JavaScript', () => {
  const cases: Array<[string, string, (client: MessagingClient) => PromiseLike<unknown>]> = [
    // @ts-expect-error the API's snake_case name
    ['messages.send', 'message_body', (c) => c.messages.send(SOME_ID, { message_body: 'hi' })],
    // @ts-expect-error a key nobody knows, next to a right one
    ['messages.send', 'colour', (c) => c.messages.send(SOME_ID, { messageBody: 'hi', colour: 'red' })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['messages.update', 'body', (c) => c.messages.update(SOME_ID, SOME_ID, { body: 'hi' })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['messages.list', 'page_size', (c) => c.messages.list(SOME_ID, { page_size: 5 })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['messages.listByCursor', 'cursor', (c) => c.messages.listByCursor(SOME_ID, { cursor: 'abc' })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['messages.history', 'limit', (c) => c.messages.history(SOME_ID, SOME_ID, { limit: 5 })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['messages.replies', 'sort', (c) => c.messages.replies(SOME_ID, SOME_ID, { sort: 'newest' })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['conversations.create', 'participant_ids', (c) => c.conversations.create({ participant_ids: [bobId] })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['conversations.list', 'limit', (c) => c.conversations.list({ limit: 5 })],
    [
      'users.register',
      'first_name',
      // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
      (c) => c.users.register({ username: 'x', email: 'x@example.com', password: PASSWORD, first_name: 'A', lastName: 'B' }),
    ],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['users.update', 'nickname', (c) => c.users.update(SOME_ID, { nickname: 'al' })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['users.list', 'limit', (c) => c.users.list({ limit: 5 })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['admin.listUsers', 'is_staff', (c) => c.admin.listUsers({ is_staff: true })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['admin.listConversations', 'limit', (c) => c.admin.listConversations({ limit: 5 })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['auth.signIn', 'user', (c) => c.auth.signIn({ user: aliceName, password: PASSWORD })],
    // @ts-expect-error an option that is a header
    ['messages.send', 'idempotencyKey', (c) => c.messages.send(SOME_ID, { messageBody: 'hi' }, { idempotencyKey: 'k' })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['conversations.get', 'timeoutMs', (c) => c.conversations.get(SOME_ID, { timeoutMs: 5 })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['auth.verify', 'retries', (c) => c.auth.verify(undefined, { retries: 1 })],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['events.stream', 'from', (c) => c.events.stream({ from: '1' }).next()],
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    ['auth.signOutEverywhere', 'everywhere', (c) => c.auth.signOutEverywhere({ everywhere: true })],
  ];

  it.each(cases)('When %s is given "%s", then InvalidInputError names it and nothing is sent', async (operation, key, call) => {
    const { client, requests } = aliceClient();

    const error = await rejectionOf(() => call(client));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toBeInstanceOf(MessagingError);
    expect(error).toMatchObject({
      name: 'InvalidInputError',
      operation,
      details: { [key]: expect.stringMatching(/^unknown (key|option)/) },
    });
    expect((error as Error).message).toContain(`Invalid input to ${operation}, so nothing was sent. ${key}: unknown`);
    expect(requests).toEqual([]);
  });

  it('When a key is the API’s snake_case name of a field, then the error says which name the SDK uses', async () => {
    const { client } = aliceClient();

    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    const error = await rejectionOf(() => client.messages.send(SOME_ID, { message_body: 'hi' }));

    expect((error as InvalidInputError).details).toEqual({
      message_body:
        'unknown key; did you mean messageBody? (the SDK spells keys in camelCase; the API’s snake_case names are for raw HTTP)',
    });
  });

  it('When a key is unknown in any spelling, then the error lists the keys there are', async () => {
    const { client } = aliceClient();

    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    const error = await rejectionOf(() => client.messages.send(SOME_ID, { messageBody: 'hi', colour: 'red' }));

    expect((error as InvalidInputError).details).toEqual({ colour: 'unknown key; the keys are messageBody, parentMessageId.' });
  });

  it('When the client is constructed with an option it does not know, then it throws at once, naming the right one', () => {
    // @ts-expect-error baseURL, as other SDKs spell it
    const construct = () => new MessagingClient({ baseURL: 'http://chat.example.com', username: 'a', password: 'b' });

    expect(construct).toThrow(InvalidInputError);
    expect(construct).toThrow('baseURL: unknown option; did you mean baseUrl?');
  });

  it('When subscribing with an unknown option or without onEvent, then subscribe throws at once and opens no stream', () => {
    const { client, requests } = aliceClient();
    const onEvent = (event: MessagingEvent) => void event;

    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    expect(() => client.events.subscribe({ onEvent, onerror: () => undefined })).toThrow('onerror: unknown option');
    // @ts-expect-error: a key the input type does not have, as plain JavaScript could pass
    expect(() => client.events.subscribe({ onevent: onEvent })).toThrow(InvalidInputError);
    expect(requests).toEqual([]);
  });

  it('When the same calls use only the keys they take (undefined values included), then they go through', async () => {
    const { client, requests } = aliceClient();

    const conversation = await client.conversations.create(
      { participantIds: [bobId], kind: undefined, title: undefined },
      { timeout: 10_000 },
    );
    const message = await client.messages.send(conversation.conversationId, { messageBody: 'hi', parentMessageId: undefined });
    const page = await client.messages.list(conversation.conversationId, { pageSize: 5, search: undefined });

    expect(page.results.map((m) => m.messageId)).toEqual([message.messageId]);
    expect(requests.map((r) => r.status)).toEqual([200, 201, 201, 200]);
  });
});

describe('dates given where strings go', () => {
  it('When a date filter is an invalid Date, then InvalidInputError names it and nothing is sent', async () => {
    const { client, requests } = aliceClient();

    const error = await rejectionOf(() => client.messages.list(SOME_ID, { startDate: new Date('not a date') }));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ operation: 'messages.list', details: { startDate: 'is an invalid Date.' } });
    expect(requests).toEqual([]);
  });
});

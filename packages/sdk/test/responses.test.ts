/**
 * What a call gives back besides its result: the response behind a success (request id, idempotent
 * replay), errors in the SDK's own field names with the API's words in their message, date filters
 * that take the Dates results carry, and subscriptions that return a handle instead of blocking.
 */
import {
  ApiPromise,
  AuthenticationError,
  ConflictError,
  ConversationKind,
  MessagingClient,
  NotFoundError,
  ValidationError,
  type ApiError,
  type MessagingEvent,
} from '../src';
import { PASSWORD, recordingFetch, startApiServer, uniqueName, type ApiServer } from './support/api-server';

const REQUEST_ID = /^[0-9a-f-]{36}$/;

let api: ApiServer;
let alice: MessagingClient;
let bob: MessagingClient;
let bobId: string;

beforeAll(async () => {
  api = await startApiServer();
  ({ client: alice } = await api.newUserClient());
  ({
    client: bob,
    user: { userId: bobId },
  } = await api.newUserClient());
});
afterAll(() => api?.stop());

async function group(title = 'Room'): Promise<string> {
  return (await alice.conversations.create({ participantIds: [bobId], kind: ConversationKind.Group, title })).conversationId;
}

async function rejectionOf<T extends ApiError>(promise: PromiseLike<unknown>, ErrorClass: new (...args: never[]) => T): Promise<T> {
  const error: unknown = await Promise.resolve(promise).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ErrorClass);
  return error as T;
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('withResponse()', () => {
  it('When a send is repeated with the same Idempotency-Key, then withResponse tells the replay from the first send, each with its request id', async () => {
    const conversationId = await group();
    const headers = { 'Idempotency-Key': `outbox-${uniqueName()}` };

    const first = await alice.messages.send(conversationId, { messageBody: 'exactly once' }, { headers }).withResponse();
    const again = await alice.messages.send(conversationId, { messageBody: 'exactly once' }, { headers }).withResponse();

    expect(first).toMatchObject({ idempotentReplayed: false, requestId: expect.stringMatching(REQUEST_ID) });
    expect(first.response.status).toBe(201);
    expect(first.requestId).toBe(first.response.headers.get('x-request-id'));
    expect(again.idempotentReplayed).toBe(true);
    expect(again.requestId).toMatch(REQUEST_ID);
    expect(again.requestId).not.toBe(first.requestId);
    expect(again.data).toEqual(first.data);
    expect(first.data.sentAt).toBeInstanceOf(Date);
    expect((await alice.messages.list(conversationId)).count).toBe(1);
  });

  it('When a call is awaited as before, then it resolves to the result alone, and it is a Promise', async () => {
    const call = alice.users.me();

    expect(call).toBeInstanceOf(Promise);
    expect(call).toBeInstanceOf(ApiPromise);
    await expect(call).resolves.toMatchObject({ username: expect.any(String) });
    // then/catch/finally and withResponse all answer from the one request.
    const [viaThen, { data }] = await Promise.all([call.then((user) => user.userId), call.withResponse()]);
    expect(data.userId).toBe(viaThen);
  });

  it('When the caller sends its own X-Request-Id, then that is the requestId, to follow one call through the API’s logs', async () => {
    const mine = `trace-${uniqueName()}`;

    const { requestId, idempotentReplayed } = await alice.users.me({ headers: { 'X-Request-Id': mine } }).withResponse();

    expect(requestId).toBe(mine);
    expect(idempotentReplayed).toBe(false);
  });

  it('When starting a direct conversation that exists, then the response’s status tells it from a new one', async () => {
    const { user: carol } = await api.newUserClient();

    const created = await alice.conversations.create({ participantIds: [carol.userId] }).withResponse();
    const existing = await alice.conversations.create({ participantIds: [carol.userId] }).withResponse();

    expect([created.response.status, existing.response.status]).toEqual([201, 200]);
    expect(existing.data.conversationId).toBe(created.data.conversationId);
    expect(existing.idempotentReplayed).toBe(false);
  });

  it('When a list is asked withResponse, then it is the first page with its response, and the pages after it still follow', async () => {
    const conversationId = await group();
    for (const text of ['one', 'two', 'three']) await alice.messages.send(conversationId, { messageBody: text });

    const { data: page, requestId, response } = await alice.messages.list(conversationId, { pageSize: 2 }).withResponse();

    expect(requestId).toMatch(REQUEST_ID);
    expect(response.status).toBe(200);
    expect(page.results.map((m) => m.messageBody)).toEqual(['three', 'two']);
    expect((await page.getNextPage()).results.map((m) => m.messageBody)).toEqual(['one']);
    const byCursor = await alice.messages.listByCursor(conversationId, { pageSize: 2 }).withResponse();
    expect(byCursor.data.results.map((m) => m.messageBody)).toEqual(['three', 'two']);
    expect(byCursor.requestId).toMatch(REQUEST_ID);
  });

  it('When a call has no result (204), then withResponse still gives the response', async () => {
    const conversationId = await group();
    const message = await alice.messages.send(conversationId, { messageBody: 'gone soon' });

    const deleted = await alice.messages.delete(conversationId, message.messageId).withResponse();

    expect(deleted.data).toBeUndefined();
    expect(deleted.response.status).toBe(204);
    expect(deleted.requestId).toMatch(REQUEST_ID);
  });

  it('When the call fails, then withResponse rejects with the same typed error', async () => {
    const error = await rejectionOf(alice.conversations.get('00000000-0000-4000-8000-000000000000').withResponse(), NotFoundError);

    expect(error.requestId).toMatch(REQUEST_ID);
  });
});

describe('errors in the SDK’s names and the API’s words', () => {
  it('When an array item is invalid, then details name it as the SDK does, rawDetails as the API does, and the message says what is wrong', async () => {
    const error = await rejectionOf(alice.conversations.create({ participantIds: ['not-a-user-id'] }), ValidationError);

    const raw = (error.body as { error: { message: string; details: Record<string, string> } }).error;
    expect(error.rawDetails).toEqual(raw.details);
    expect(Object.keys(error.rawDetails!)).toEqual(['participant_ids.$0']);
    expect(error.details).toEqual({ 'participantIds[0]': raw.details['participant_ids.$0'] });
    expect(error.message.startsWith(raw.message)).toBe(true);
    expect(error.message).toContain(`participantIds[0]: ${raw.details['participant_ids.$0']}`);
  });

  it('When the API’s message is general, then the SDK’s message goes on with each field’s problem', async () => {
    const conversationId = await group();

    const error = await rejectionOf(alice.messages.send(conversationId, { messageBody: '   ' }), ValidationError);

    const raw = (error.body as { error: { message: string; details: Record<string, string> } }).error;
    expect(Object.keys(raw.details)).toEqual(['message_body']);
    expect(error.details).toEqual({ messageBody: raw.details.message_body });
    expect(error.message).toBe(`${raw.message} messageBody: ${raw.details.message_body.replace(/([^.!?])$/, '$1.')}`);
  });

  it('When a detail says what the message already says, then the message does not repeat it', async () => {
    const { username, user } = await api.newUserClient();

    const error = await rejectionOf(
      new MessagingClient({ baseUrl: api.url }).users.register({
        username,
        email: `again-${user.email}`,
        password: PASSWORD,
        firstName: 'A',
        lastName: 'B',
      }),
      ConflictError,
    );

    const raw = (error.body as { error: { message: string; details: Record<string, string> } }).error;
    expect(raw.details).toEqual({ username: expect.any(String) });
    expect(raw.message).toContain(raw.details.username);
    expect(error.message).toBe(raw.message);
    expect(error.details).toEqual(raw.details);
  });
});

describe('date filters', () => {
  it('When a date filter is a Date, then it is sent as its ISO instant and filters as that string does', async () => {
    const conversationId = await group();
    const first = await alice.messages.send(conversationId, { messageBody: 'first' });
    await alice.messages.send(conversationId, { messageBody: 'second' });
    const recorder = recordingFetch();
    const { client } = await api.newUserClient({ fetch: recorder.fetch });
    await alice.conversations.addParticipants(conversationId, [(await client.users.me()).userId]);

    const fromDate = await client.messages.list(conversationId, { startDate: first.sentAt });
    const fromString = await client.messages.list(conversationId, { startDate: first.sentAt.toISOString() });
    const future = await client.messages.list(conversationId, { startDate: new Date(Date.now() + 86_400_000) });
    const past = await client.messages.listByCursor(conversationId, { endDate: new Date(0) });

    expect(fromDate.results.map((m) => m.messageBody)).toEqual(['second', 'first']);
    expect(fromString.results).toEqual(fromDate.results);
    expect(future.results).toEqual([]);
    expect(past.results).toEqual([]);
    const sent = recorder.requests.filter((r) => r.url.includes('/messages')).map((r) => new URL(r.url).searchParams);
    expect(sent[0].get('start_date')).toBe(first.sentAt.toISOString());
    expect(sent[3].get('end_date')).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('events.subscribe', () => {
  it('When subscribing, then it returns a handle at once, the code after it runs, and close() ends it', async () => {
    const conversationId = await group('Live');
    const received: MessagingEvent[] = [];
    let opens = 0;
    const recorder = recordingFetch();
    const { client: carol, user: carolUser } = await api.newUserClient({ fetch: recorder.fetch });
    await alice.conversations.addParticipants(conversationId, [carolUser.userId]);

    // As the README had it: awaiting subscribe() must not wait for the stream to end.
    // eslint-disable-next-line @typescript-eslint/await-thenable -- the point of the test: awaiting it must not hang
    const subscription = await carol.events.subscribe({ onOpen: () => (opens += 1), onEvent: (event) => void received.push(event) });
    await until(() => opens === 1);
    await alice.messages.send(conversationId, { messageBody: 'live' });
    await until(() => received.length === 1);
    subscription.close();

    await expect(subscription.done).resolves.toBeUndefined();
    expect('then' in subscription).toBe(false);
    expect(received.map((event) => event.type)).toEqual(['message.created']);
    // Closed for good: no reconnection after close().
    const streams = () => recorder.requests.filter((r) => r.url.includes('/events')).length;
    const opened = streams();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(streams()).toBe(opened);
  });

  it('When onEvent throws, then the subscription ends and done rejects with that error', async () => {
    const conversationId = await group('Throws');
    let opened = false;
    const failure = new Error('the handler broke');
    const subscription = bob.events.subscribe({
      onOpen: () => (opened = true),
      onEvent: () => {
        throw failure;
      },
    });
    await until(() => opened);

    await alice.messages.send(conversationId, { messageBody: 'boom' });

    await expect(subscription.done).rejects.toBe(failure);
  });

  it('When the account is deactivated, then done rejects with AuthenticationError', async () => {
    const { client: staff, user: staffUser } = await api.newUserClient();
    await api.makeStaff(staffUser.userId);
    const { client: dave, user: daveUser } = await api.newUserClient();
    await dave.users.me();
    await staff.admin.deactivateUser(daveUser.userId);

    const subscription = dave.events.subscribe({ onEvent: () => undefined });

    await expect(subscription.done).rejects.toBeInstanceOf(AuthenticationError);
  });
});

/** client.events against a server whose access tokens live 2 seconds: streams end at expiry and the SDK carries on. */
import { AuthenticationError, ConversationKind, MessagingClient, type MessagingEvent } from '../src';
import { PASSWORD, recordingFetch, startApiServer, type ApiServer } from './support/api-server';

let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer({ ACCESS_TOKEN_TTL: '2' });
});
afterAll(() => api?.stop());

describe('events across token expiry', () => {
  it('When the access token expires, then the server ends the stream and the SDK reconnects with a refreshed token, missing nothing', async () => {
    // Arrange
    const { client: alice } = await api.newUserClient();
    const { client: bob, user: bobUser } = await api.newUserClient();
    const conversation = await alice.conversations.create({ participantIds: [bobUser.userId], kind: ConversationKind.Group });
    const controller = new AbortController();
    const received: MessagingEvent[] = [];
    const disconnects: string[] = [];
    let opens = 0;
    const { done } = bob.events.subscribe({
      signal: controller.signal,
      onOpen: () => (opens += 1),
      onDisconnect: (reason) => disconnects.push(reason),
      onEvent: (event) => {
        received.push(event);
      },
    });
    while (opens === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const tokenBefore = bob.auth.tokens.access;

    // Act: one message before the expiry, one across it, one after
    await alice.messages.send(conversation.conversationId, { messageBody: 'one' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await alice.messages.send(conversation.conversationId, { messageBody: 'two' });
    while (opens < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    await alice.messages.send(conversation.conversationId, { messageBody: 'three' });
    while (received.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await done;

    // Assert
    expect(disconnects[0]).toBe('token_expired');
    expect(bob.auth.tokens.access).not.toBe(tokenBefore);
    expect(received.map((event) => (event.type === 'message.created' ? event.data.message.messageBody : event.type))).toEqual([
      'one',
      'two',
      'three',
    ]);
  }, 30_000);
});

describe('events from a position the server cannot serve', () => {
  it('When the saved position is unknown to the server (or older than its retention), then onMissedEvents is called and live events still arrive', async () => {
    // Arrange
    const { client: alice } = await api.newUserClient();
    const { client: bob, user: bobUser } = await api.newUserClient();
    const conversation = await alice.conversations.create({ participantIds: [bobUser.userId], kind: ConversationKind.Group });
    const controller = new AbortController();
    let missed = 0;
    let opened = false;
    const received: MessagingEvent[] = [];

    // Act
    const { done } = bob.events.subscribe({
      since: '999999999999',
      signal: controller.signal,
      onOpen: () => (opened = true),
      onMissedEvents: () => {
        missed += 1;
      },
      onEvent: (event) => {
        received.push(event);
      },
    });
    while (!opened) await new Promise((resolve) => setTimeout(resolve, 20));
    await alice.messages.send(conversation.conversationId, { messageBody: 'hello again' });
    while (received.length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await done;

    // Assert
    expect(missed).toBe(1);
    expect(received.map((event) => (event.type === 'message.created' ? event.data.message.messageBody : event.type))).toEqual([
      'hello again',
    ]);
    expect(BigInt(bob.events.position!)).toBeLessThan(999999999999n);
  }, 30_000);
});

describe('events when the session ends', () => {
  // Tokens that do not expire during the test, so the only thing that ends a stream is the session.
  let longLived: ApiServer;
  beforeAll(async () => {
    longLived = await startApiServer();
  });
  afterAll(() => longLived?.stop());

  it('When the user signs out everywhere elsewhere, then a client with only tokens hears session_ended and the stream fails with AuthenticationError, without trying the dead tokens again', async () => {
    // Arrange
    const { client: passwordClient, username } = await longLived.newUserClient();
    const tokens = await new MessagingClient({ baseUrl: longLived.url }).auth.signIn({ username, password: PASSWORD });
    const recorder = recordingFetch();
    const tokenOnly = new MessagingClient({
      baseUrl: longLived.url,
      accessToken: tokens.access,
      refreshToken: tokens.refresh,
      fetch: recorder.fetch,
    });
    const disconnects: string[] = [];
    let opened = false;
    const { done } = tokenOnly.events.subscribe({
      onOpen: () => (opened = true),
      onDisconnect: (reason) => disconnects.push(reason),
      onEvent: () => undefined,
    });
    const outcome = done.then(
      () => undefined,
      (error: unknown) => error,
    );
    while (!opened) await new Promise((resolve) => setTimeout(resolve, 20));
    const sentBefore = recorder.requests.length;

    // Act
    await passwordClient.auth.signOutEverywhere();

    // Assert
    expect(await outcome).toBeInstanceOf(AuthenticationError);
    expect(disconnects).toEqual(['session_ended']);
    expect(recorder.requests.slice(sentBefore)).toEqual([]);
    expect(tokenOnly.auth.tokens).toEqual({ access: undefined, refresh: undefined });
  }, 30_000);

  it('When the session of a client that knows the password ends, then it signs in again and the stream carries on', async () => {
    // Arrange
    const { client: alice } = await longLived.newUserClient();
    const { client: bob, user: bobUser } = await longLived.newUserClient();
    const conversation = await alice.conversations.create({ participantIds: [bobUser.userId], kind: ConversationKind.Group });
    const controller = new AbortController();
    const received: MessagingEvent[] = [];
    const disconnects: string[] = [];
    let opens = 0;
    const { done } = bob.events.subscribe({
      signal: controller.signal,
      onOpen: () => (opens += 1),
      onDisconnect: (reason) => disconnects.push(reason),
      onEvent: (event) => {
        received.push(event);
      },
    });
    while (opens === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const before = bob.auth.tokens;

    // Act: bob's sign-in is logged out from another client holding its refresh token
    await new MessagingClient({ baseUrl: longLived.url, refreshToken: before.refresh }).auth.logout();
    while (opens < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    await alice.messages.send(conversation.conversationId, { messageBody: 'after the new sign-in' });
    while (received.length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await done;

    // Assert
    expect(disconnects).toEqual(['session_ended']);
    expect(bob.auth.tokens.refresh).not.toBe(before.refresh);
    expect(received.map((event) => (event.type === 'message.created' ? event.data.message.messageBody : event.type))).toEqual([
      'after the new sign-in',
    ]);
  }, 30_000);
});

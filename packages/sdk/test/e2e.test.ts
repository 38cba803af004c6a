import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type ApiError,
  AuthenticationError,
  ConflictError,
  ConversationKind,
  MessageOrderingParam,
  MessagingClient,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
  type Message,
  type MessagingEvent,
} from '../src';
import { PASSWORD, recordingFetch, startApiServer, uniqueName, urlOf, type ApiServer } from './support/api-server';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const REQUEST_ID = /^[0-9a-f-]{36}$/;

/** Every request of this file goes through here, so the last test can check that each spec operation was used. */
const recorder = recordingFetch();

let api: ApiServer;
let alice: MessagingClient;
let aliceId: string;
let bob: MessagingClient;
let bobId: string;

beforeAll(async () => {
  api = await startApiServer();
  ({
    client: alice,
    user: { userId: aliceId },
  } = await api.newUserClient({ fetch: recorder.fetch }));
  ({
    client: bob,
    user: { userId: bobId },
  } = await api.newUserClient({ fetch: recorder.fetch }));
});
afterAll(() => api?.stop());

async function expectRejection<T extends ApiError>(promise: PromiseLike<unknown>, ErrorClass: new (...args: never[]) => T): Promise<T> {
  const error: unknown = await Promise.resolve(promise).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ErrorClass);
  return error as T;
}

describe('auth', () => {
  it('When signing in explicitly, then the user and both tokens come back and the tokens verify', async () => {
    const username = uniqueName();
    const anonymous = new MessagingClient({ baseUrl: api.url, fetch: recorder.fetch });
    await anonymous.users.register({ username, email: `${username}@example.com`, password: PASSWORD, firstName: 'Ann', lastName: 'Lee' });

    const signedIn = await anonymous.auth.signIn({ username: username.toUpperCase(), password: PASSWORD });

    expect(signedIn.user).toMatchObject({ username, firstName: 'Ann', lastName: 'Lee' });
    expect(signedIn.user.createdAt).toBeInstanceOf(Date);
    expect(anonymous.auth.tokens).toEqual({ access: signedIn.access, refresh: signedIn.refresh });
    await expect(anonymous.auth.verify()).resolves.toBe(true);
    await expect(anonymous.auth.verify(signedIn.refresh)).resolves.toBe(true);
    await expect(anonymous.auth.verify('not-a-token')).resolves.toBe(false);
  });

  it('When a client is given saved tokens, then it uses them without signing in', async () => {
    const { access, refresh } = await alice.auth.signIn();
    const requests = recordingFetch();
    const client = new MessagingClient({ baseUrl: api.url, accessToken: access, refreshToken: refresh, fetch: requests.fetch });

    await expect(client.users.me()).resolves.toMatchObject({ userId: aliceId });
    expect(requests.requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/users/me']);
  });

  it('When refreshing explicitly, then the pair rotates and the old refresh token is dead', async () => {
    const { client } = await api.newUserClient({ fetch: recorder.fetch });
    await client.users.me();
    const before = client.auth.tokens;

    const after = await client.auth.refresh();

    expect(after.refresh).not.toBe(before.refresh);
    expect(client.auth.tokens).toEqual(after);
    await expect(client.auth.verify(before.refresh)).resolves.toBe(false);
  });

  it('When logging out, then the refresh token is revoked on the server and the client holds no tokens', async () => {
    const { client } = await api.newUserClient({ fetch: recorder.fetch });
    await client.users.me();
    const { refresh } = client.auth.tokens;

    await client.auth.logout();

    expect(client.auth.tokens).toEqual({ access: undefined, refresh: undefined });
    await expect(client.auth.verify(refresh)).resolves.toBe(false);
    await expectRejection(client.users.me(), AuthenticationError);
  });

  it('When logging out, then the access token of that sign-in stops working at once', async () => {
    const { client, username } = await api.newUserClient({ fetch: recorder.fetch });
    await client.users.me();
    const { access, refresh } = client.auth.tokens;
    const sameSignIn = new MessagingClient({ baseUrl: api.url, accessToken: access, fetch: recorder.fetch });
    const { access: laptopAccess } = await new MessagingClient({ baseUrl: api.url }).auth.signIn({ username, password: PASSWORD });

    await client.auth.logout();

    await expect(client.auth.verify(access)).resolves.toBe(false);
    await expect(client.auth.verify(refresh)).resolves.toBe(false);
    await expectRejection(sameSignIn.users.me(), AuthenticationError);
    await expect(client.auth.verify(laptopAccess)).resolves.toBe(true);
  });

  it('When signing out everywhere, then every sign-in of the user ends and the client holds no tokens', async () => {
    const { client, username } = await api.newUserClient({ fetch: recorder.fetch });
    await client.users.me();
    const { access } = client.auth.tokens;
    const laptop = await new MessagingClient({ baseUrl: api.url }).auth.signIn({ username, password: PASSWORD });
    const tokenOnly = new MessagingClient({
      baseUrl: api.url,
      accessToken: laptop.access,
      refreshToken: laptop.refresh,
      fetch: recorder.fetch,
    });
    await tokenOnly.users.me();

    await client.auth.signOutEverywhere();

    expect(client.auth.tokens).toEqual({ access: undefined, refresh: undefined });
    await expect(client.auth.verify(access)).resolves.toBe(false);
    await expect(client.auth.verify(laptop.refresh)).resolves.toBe(false);
    await expectRejection(tokenOnly.users.me(), AuthenticationError);
    await expectRejection(client.users.me(), AuthenticationError);
  });
});

describe('users', () => {
  it('When a user reads, updates and lists, then each answer is that user', async () => {
    const me = await alice.users.me();
    expect(me.userId).toBe(aliceId);

    await expect(alice.users.get(aliceId)).resolves.toMatchObject({ userId: aliceId });
    const updated = await alice.users.update(aliceId, { firstName: 'Alice' });
    expect(updated).toMatchObject({ firstName: 'Alice', lastName: me.lastName });

    const page = await alice.users.list();
    expect(page.results.map((user) => user.userId)).toEqual([aliceId]);
    expect(page).toMatchObject({ count: 1, next: null, previous: null });
    expect(page.hasNextPage()).toBe(false);
  });
});

describe('conversations and messages', () => {
  it('When alice starts a conversation with bob, then both see it', async () => {
    const created = await alice.conversations.create({ participantIds: [bobId] });

    expect(created.participants.map((p) => p.userId).sort()).toEqual([aliceId, bobId].sort());
    await expect(bob.conversations.get(created.conversationId)).resolves.toMatchObject({ conversationId: created.conversationId });
    const bobs = await bob.conversations.list();
    expect(bobs.results.map((c) => c.conversationId)).toContain(created.conversationId);
  });

  it('When messages are sent, read, edited and deleted, then each step shows in the conversation', async () => {
    const conversationId = await freshConversation();

    const sent = await alice.messages.send(conversationId, { messageBody: 'hi bob' });
    expect(sent).toMatchObject({ conversationId, messageBody: 'hi bob', editedAt: null, sender: { userId: aliceId } });
    await expect(bob.messages.get(conversationId, sent.messageId)).resolves.toMatchObject({ messageBody: 'hi bob' });

    const edited = await alice.messages.update(conversationId, sent.messageId, { messageBody: 'hi there bob' });
    expect(edited.editedAt).toBeInstanceOf(Date);
    const found = await bob.messages.list(conversationId, { search: 'THERE' });
    expect(found.results.map((m) => m.messageId)).toEqual([sent.messageId]);

    await alice.messages.delete(conversationId, sent.messageId);
    await expectRejection(bob.messages.get(conversationId, sent.messageId), NotFoundError);
  });
});

/** A new conversation between alice and bob (a group: their direct conversation is one and shared), for tests that need it empty. */
async function freshConversation(): Promise<string> {
  return (await alice.conversations.create({ participantIds: [bobId], kind: ConversationKind.Group })).conversationId;
}

describe('membership', () => {
  it('When alice starts her direct conversation with bob twice, then it is the same one', async () => {
    const first = await alice.conversations.create({ participantIds: [bobId] });
    const again = await bob.conversations.create({ participantIds: [aliceId] });

    expect(first).toMatchObject({ kind: ConversationKind.Direct, title: null, createdById: expect.any(String) });
    expect(again.conversationId).toBe(first.conversationId);
  });

  it('When carol is added to a titled group, then she is in it; once removed, the group is gone for her; bob can leave', async () => {
    const { client: carol, user: carolUser } = await api.newUserClient({ fetch: recorder.fetch });
    const group = await alice.conversations.create({ participantIds: [bobId], kind: ConversationKind.Group, title: 'Trip' });
    expect(group).toMatchObject({ kind: ConversationKind.Group, title: 'Trip', createdById: aliceId });

    const grown = await bob.conversations.addParticipants(group.conversationId, [carolUser.userId]);
    expect(grown.participants.map((p) => p.userId).sort()).toEqual([aliceId, bobId, carolUser.userId].sort());
    await expect(carol.conversations.get(group.conversationId)).resolves.toMatchObject({ title: 'Trip' });

    await expectRejection(bob.conversations.removeParticipant(group.conversationId, carolUser.userId), PermissionDeniedError);
    await alice.conversations.removeParticipant(group.conversationId, carolUser.userId);
    await expectRejection(carol.conversations.get(group.conversationId), NotFoundError);

    await bob.conversations.leave(group.conversationId);
    const left = await alice.conversations.get(group.conversationId);
    expect(left.participants.map((p) => p.userId)).toEqual([aliceId]);
  });

  it('When leaving a direct conversation, then ConflictError', async () => {
    const direct = await alice.conversations.create({ participantIds: [bobId] });
    await expectRejection(alice.conversations.leave(direct.conversationId), ConflictError);
  });
});

describe('threads, edit history and reactions', () => {
  it('When bob replies in a thread, then the parent counts it and replies() lists the thread', async () => {
    const conversationId = await freshConversation();
    const root = await alice.messages.send(conversationId, { messageBody: 'Friday?' });

    const reply = await bob.messages.send(conversationId, { messageBody: 'Yes', parentMessageId: root.messageId });
    await alice.messages.send(conversationId, { messageBody: 'Great', parentMessageId: root.messageId });

    expect(reply.parentMessageId).toBe(root.messageId);
    const parent = await alice.messages.get(conversationId, root.messageId);
    expect(parent).toMatchObject({ replyCount: 2, deleted: false });
    expect(parent.lastReplyAt).toBeInstanceOf(Date);
    const thread = await bob.messages.replies(conversationId, root.messageId, { pageSize: 1 });
    expect(thread.count).toBe(2);
    const bodies: string[] = [];
    for await (const message of bob.messages.replies(conversationId, root.messageId, { pageSize: 1 })) bodies.push(message.messageBody);
    expect(bodies).toEqual(['Yes', 'Great']);
  });

  it('When alice deletes a message that has replies, then bob sees a tombstone', async () => {
    const conversationId = await freshConversation();
    const root = await alice.messages.send(conversationId, { messageBody: 'oops' });
    await bob.messages.send(conversationId, { messageBody: 'what?', parentMessageId: root.messageId });

    await alice.messages.delete(conversationId, root.messageId);

    await expect(bob.messages.get(conversationId, root.messageId)).resolves.toMatchObject({
      deleted: true,
      messageBody: '',
      replyCount: 1,
    });
  });

  it('When alice edits a message, then history() lists every version, oldest first', async () => {
    const conversationId = await freshConversation();
    const sent = await alice.messages.send(conversationId, { messageBody: 'v1' });
    await alice.messages.update(conversationId, sent.messageId, { messageBody: 'v2' });

    const history = await bob.messages.history(conversationId, sent.messageId);

    expect(history.results.map((v) => [v.version, v.messageBody, v.replacedAt === null])).toEqual([
      [1, 'v1', false],
      [2, 'v2', true],
    ]);
    expect(history.results[0]?.writtenAt).toEqual(sent.sentAt);
  });

  it('When both react and bob takes his back, then the counts and reactedByMe follow', async () => {
    const conversationId = await freshConversation();
    const sent = await alice.messages.send(conversationId, { messageBody: 'party' });

    await alice.messages.addReaction(conversationId, sent.messageId, '🎉');
    const both = await bob.messages.addReaction(conversationId, sent.messageId, '🎉');
    expect(both.reactions).toEqual([{ emoji: '🎉', count: 2, reactedByMe: true }]);

    await bob.messages.removeReaction(conversationId, sent.messageId, '🎉');
    await expect(bob.messages.get(conversationId, sent.messageId)).resolves.toMatchObject({
      reactions: [{ emoji: '🎉', count: 1, reactedByMe: false }],
    });
    await expectRejection(bob.messages.addReaction(conversationId, sent.messageId, 'not an emoji'), ValidationError);
  });
});

describe('safe retries of sends', () => {
  it('When the answer to a send is lost, then the SDK retries with the same key and exactly one message exists', async () => {
    const conversationId = await freshConversation();
    let dropped = 0;
    const { client } = await api.newUserClient({
      // The server does the work, but the answer never arrives: the first time only.
      fetch: async (input, init) => {
        const response = await recorder.fetch(input, init);
        if (init?.method === 'POST' && urlOf(input).endsWith('/messages') && dropped === 0) {
          dropped += 1;
          throw new TypeError('socket hang up');
        }
        return response;
      },
    });
    await alice.conversations.addParticipants(conversationId, [(await client.users.me()).userId]);

    const sent = await client.messages.send(conversationId, { messageBody: 'exactly once' });

    expect(dropped).toBe(1);
    const all = await alice.messages.list(conversationId, { search: 'exactly once' });
    expect(all.results.map((m) => m.messageId)).toEqual([sent.messageId]);
  });
});

describe('read state', () => {
  it('When alice writes, then bob has unread messages until he marks them read, up to a message or to the newest', async () => {
    const { client: carol, user: carolUser } = await api.newUserClient({ fetch: recorder.fetch });
    const { conversationId } = await alice.conversations.create({ participantIds: [carolUser.userId] });
    const first = await alice.messages.send(conversationId, { messageBody: 'one' });
    const second = await alice.messages.send(conversationId, { messageBody: 'two' });

    await expect(carol.users.unread()).resolves.toEqual({ unreadCount: 2, unreadConversations: 1 });
    await expect(carol.conversations.get(conversationId)).resolves.toMatchObject({ unreadCount: 2, lastReadMessageId: null });

    await expect(carol.conversations.markRead(conversationId, first.messageId)).resolves.toEqual({
      conversationId,
      lastReadMessageId: first.messageId,
      unreadCount: 1,
    });
    await expect(carol.conversations.markRead(conversationId)).resolves.toMatchObject({
      lastReadMessageId: second.messageId,
      unreadCount: 0,
    });
    await expect(carol.users.unread()).resolves.toEqual({ unreadCount: 0, unreadConversations: 0 });
  });
});

describe('reading by cursor', () => {
  let conversationId: string;
  let sent: Message[];

  beforeAll(async () => {
    conversationId = await freshConversation();
    sent = [];
    for (let i = 0; i < 7; i += 1) sent.push(await alice.messages.send(conversationId, { messageBody: `c${i}` }));
  });

  it('When iterating by cursor, then every message arrives once, newest first, and later pages are not counted', async () => {
    const first = await bob.messages.listByCursor(conversationId, { pageSize: 3 });
    const second = await first.getNextPage();

    const seen: string[] = [];
    for await (const message of bob.messages.listByCursor(conversationId, { pageSize: 3 })) seen.push(message.messageId);

    expect(seen).toEqual(
      oldestFirst(sent)
        .reverse()
        .map((m) => m.messageId),
    );
    expect(first.count).toBe(7);
    expect(second.count).toBeNull();
    expect(second.hasPreviousPage()).toBe(true);
    expect((await second.getPreviousPage()).results.map((m) => m.messageId)).toEqual(first.results.map((m) => m.messageId));
  });

  it('When new messages arrive, then after=prevCursor of the newest page catches up with exactly those', async () => {
    const newest = await bob.messages.listByCursor(conversationId, { pageSize: 2 });
    const arrived = [
      await alice.messages.send(conversationId, { messageBody: 'late 1' }),
      await alice.messages.send(conversationId, { messageBody: 'late 2' }),
    ];

    const caughtUp: string[] = [];
    for await (const message of bob.messages.listByCursor(conversationId, {
      after: newest.prevCursor!,
      ordering: MessageOrderingParam.OldestFirst,
      pageSize: 1,
    })) {
      caughtUp.push(message.messageId);
    }

    expect(caughtUp).toEqual(arrived.map((m) => m.messageId));
  });

  it('When a cursor is malformed, then ValidationError names it', async () => {
    const error = await expectRejection(bob.messages.listByCursor(conversationId, { before: 'bogus' }), ValidationError);
    expect(error.details).toHaveProperty('before');
  });
});

/** The API's order: by sent time, ties broken by id (two sends can share a millisecond). */
function oldestFirst(messages: Message[]): Message[] {
  return [...messages].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || (a.messageId < b.messageId ? -1 : 1));
}

describe('auto-pagination', () => {
  const TOTAL = 45;
  let conversationId: string;
  let sent: Message[];

  beforeAll(async () => {
    conversationId = await freshConversation();
    sent = [];
    for (let i = 0; i < TOTAL; i += 1) {
      sent.push(await alice.messages.send(conversationId, { messageBody: `message ${i}${i % 3 === 0 ? ' needle' : ''}` }));
    }
  });

  it('When iterating with a small page size, then every item of every page arrives once, in order', async () => {
    const requestsBefore = recorder.requests.length;

    const seen: string[] = [];
    for await (const message of bob.messages.list(conversationId, { pageSize: 10, ordering: MessageOrderingParam.OldestFirst })) {
      seen.push(message.messageId);
    }

    expect(seen).toEqual(oldestFirst(sent).map((m) => m.messageId));
    const listCalls = recorder.requests.slice(requestsBefore).filter((r) => r.url.includes(`/conversations/${conversationId}/messages?`));
    expect(listCalls).toHaveLength(5);
  });

  it('When filtering, then iteration keeps the filter on every page', async () => {
    const bodies: string[] = [];
    for await (const message of bob.messages.list(conversationId, { search: 'needle', pageSize: 4 })) bodies.push(message.messageBody);

    const needles = sent.filter((m) => m.messageBody.endsWith('needle'));
    expect(needles).toHaveLength(15);
    expect(bodies).toEqual(
      oldestFirst(needles)
        .reverse()
        .map((m) => m.messageBody),
    );
  });

  it('When awaiting a list, then it is the first page, and the next ones can be fetched by hand', async () => {
    const first = await bob.messages.list(conversationId, { pageSize: 20 });
    expect(first).toMatchObject({ count: TOTAL, previous: null });
    expect(first.results).toHaveLength(20);
    expect(first.hasNextPage()).toBe(true);

    const second = await first.getNextPage();
    const third = await second.getNextPage();
    expect(second.results[0]?.messageId).not.toBe(first.results[0]?.messageId);
    expect(third.results).toHaveLength(5);
    expect(third.hasNextPage()).toBe(false);
    await expect(third.getNextPage()).rejects.toThrow(/last page/);
  });

  it('When a page past the end is requested, then that is a NotFoundError', async () => {
    const error = await expectRejection(bob.messages.list(conversationId, { page: 99 }), NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('typed errors from the API', () => {
  it('When the body is invalid, then ValidationError carries the code, field details and request id', async () => {
    const { conversationId } = await alice.conversations.create({ participantIds: [bobId] });

    const error = await expectRejection(alice.messages.send(conversationId, { messageBody: '' }), ValidationError);

    expect(error).toMatchObject({ status: 400, code: 'validation_failed', name: 'ValidationError' });
    expect(error.details).toEqual({ messageBody: expect.any(String) });
    expect(error.rawDetails).toEqual({ message_body: error.details!.messageBody });
    expect(error.requestId).toMatch(REQUEST_ID);
    expect(error.body).toEqual({ error: { code: 'validation_failed', message: expect.any(String), details: error.rawDetails } });
  });

  it('When the password is wrong, then the first call fails with AuthenticationError', async () => {
    const { username } = await api.newUserClient();
    const client = new MessagingClient({ baseUrl: api.url, username, password: 'wrong-password-123', fetch: recorder.fetch });

    const error = await expectRejection(client.users.me(), AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('When bob edits alice’s message, then PermissionDeniedError', async () => {
    const { conversationId } = await alice.conversations.create({ participantIds: [bobId] });
    const message = await alice.messages.send(conversationId, { messageBody: 'mine' });

    const error = await expectRejection(
      bob.messages.update(conversationId, message.messageId, { messageBody: 'yours' }),
      PermissionDeniedError,
    );
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('When a conversation does not exist, then NotFoundError', async () => {
    const error = await expectRejection(alice.conversations.get(UNKNOWN_ID), NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('When a username is taken, then ConflictError', async () => {
    const me = await alice.users.me();
    const error = await expectRejection(
      new MessagingClient({ baseUrl: api.url, fetch: recorder.fetch }).users.register({
        username: me.username,
        email: `other-${me.email}`,
        password: PASSWORD,
        firstName: 'Copy',
        lastName: 'Cat',
      }),
      ConflictError,
    );
    expect(error).toMatchObject({ status: 409, code: 'conflict' });
  });
});

describe('admin (staff only)', () => {
  it('When staff use the admin resource, then every admin operation works through the SDK', async () => {
    // Arrange
    const { client: staff, user: staffUser } = await api.newUserClient({ fetch: recorder.fetch });
    await api.makeStaff(staffUser.userId);
    const { user: target, username } = await api.newUserClient({ fetch: recorder.fetch });
    // A group of its own: alice and bob's direct conversation already has messages from other tests.
    const { conversationId } = await alice.conversations.create({ participantIds: [bobId], kind: ConversationKind.Group });
    const message = await alice.messages.send(conversationId, { messageBody: 'to be moderated' });

    // Act and assert, operation by operation
    const found = await staff.admin.listUsers({ search: username.toUpperCase() });
    expect(found.results.map((user) => user.userId)).toEqual([target.userId]);
    expect(found.results[0]).toMatchObject({ isActive: true, isStaff: false });

    await expect(staff.admin.deactivateUser(target.userId)).resolves.toMatchObject({ userId: target.userId, isActive: false });
    await expect(staff.admin.reactivateUser(target.userId)).resolves.toMatchObject({ userId: target.userId, isActive: true });
    await expect(staff.admin.promoteUser(target.userId)).resolves.toMatchObject({ userId: target.userId, isStaff: true });

    const conversations = [];
    for await (const conversation of staff.admin.listConversations({ pageSize: 50 })) conversations.push(conversation);
    expect(conversations.find((conversation) => conversation.conversationId === conversationId)).toMatchObject({ messageCount: 1 });

    await staff.admin.deleteMessage(message.messageId);
    await expectRejection(bob.messages.get(conversationId, message.messageId), NotFoundError);

    const stats = await staff.admin.stats();
    expect(stats.users).toBeGreaterThanOrEqual(4);
    expect(stats.messagesToday).toBeGreaterThanOrEqual(0);
  });

  it('When someone who is not staff uses the admin resource, then PermissionDeniedError', async () => {
    const error = await expectRejection(alice.admin.stats(), PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('events', () => {
  it('When subscribed, then events arrive typed with the REST models, and aborting ends the subscription', async () => {
    // Arrange
    const conversation = await alice.conversations.create({ participantIds: [bobId], kind: ConversationKind.Group, title: 'Live' });
    const controller = new AbortController();
    const received: MessagingEvent[] = [];
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const { done } = bob.events.subscribe({
      signal: controller.signal,
      onOpen: () => opened(),
      onEvent: (event) => {
        received.push(event);
        if (received.length === 2) controller.abort();
      },
    });
    await open;

    // Act
    const first = await alice.messages.send(conversation.conversationId, { messageBody: 'first' });
    await alice.messages.addReaction(conversation.conversationId, first.messageId, '🎉');
    await done;

    // Assert
    expect(received.map((event) => event.type)).toEqual(['message.created', 'reaction.added']);
    const [created, reacted] = received;
    if (created.type !== 'message.created' || reacted.type !== 'reaction.added') throw new Error('unexpected event types');
    expect(created.data.message).toEqual(first);
    expect(created.data.message.sentAt).toBeInstanceOf(Date);
    expect(created.conversationId).toBe(conversation.conversationId);
    expect(reacted.data).toEqual({ messageId: first.messageId, userId: aliceId, emoji: '🎉' });
    expect(bob.events.position).toBe(reacted.id);
  });

  it('When the connection drops, then the SDK reconnects with Last-Event-ID and delivers what it missed once, in order', async () => {
    // Arrange: a fetch whose stream connections the test can cut
    const streams: AbortController[] = [];
    const cuttable: typeof fetch = (input, init) => {
      if (!urlOf(input).includes('/events')) return recorder.fetch(input, init);
      const own = new AbortController();
      streams.push(own);
      const signal = init?.signal ? AbortSignal.any([init.signal, own.signal]) : own.signal;
      return recorder.fetch(input, { ...init, signal });
    };
    const { client: carol, user: carolUser } = await api.newUserClient({ fetch: cuttable });
    const conversation = await alice.conversations.create({ participantIds: [carolUser.userId], kind: ConversationKind.Group });
    const controller = new AbortController();
    const bodies: string[] = [];
    const positions: string[] = [];
    let next: () => void = () => undefined;
    const iterate = (async () => {
      for await (const event of carol.events.stream({ signal: controller.signal, onOpen: (position) => positions.push(position) })) {
        if (event.type === 'message.created') bodies.push(event.data.message.messageBody);
        next();
      }
    })();
    const waitForBodies = (count: number) =>
      new Promise<void>((resolve) => {
        next = () => bodies.length >= count && resolve();
        next();
      });
    while (positions.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await alice.messages.send(conversation.conversationId, { messageBody: 'before' });
    await waitForBodies(1);

    // Act: cut the stream, send while it is down, and let it come back by itself
    streams.at(-1)!.abort();
    for (const text of ['missed 1', 'missed 2', 'missed 3']) await alice.messages.send(conversation.conversationId, { messageBody: text });
    while (positions.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    await alice.messages.send(conversation.conversationId, { messageBody: 'after' });
    await waitForBodies(5);
    controller.abort();
    await iterate;

    // Assert
    expect(bodies).toEqual(['before', 'missed 1', 'missed 2', 'missed 3', 'after']);
    const reconnect = recorder.requests.filter((request) => request.url.includes('/events')).at(-1)!;
    expect(reconnect.headers.get('Last-Event-ID')).toMatch(/^\d+$/);
  });
});

describe('the spec', () => {
  it('When this file has run, then every operation in openapi.json was called through the SDK', () => {
    const spec = JSON.parse(readFileSync(path.resolve(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operations = Object.entries(spec.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, { operationId }]) => ({
        operationId,
        method: method.toUpperCase(),
        pattern: new RegExp(`^/api/v1${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        // Literal paths (/users/me) win over templated ones (/users/{user_id}).
        placeholders: (template.match(/\{/g) ?? []).length,
      })),
    );

    const called = new Set<string>();
    for (const request of recorder.requests) {
      const { pathname } = new URL(request.url);
      const match = operations
        .filter((op) => op.method === request.method && op.pattern.test(pathname))
        .sort((a, b) => a.placeholders - b.placeholders)[0];
      if (match) called.add(match.operationId);
    }

    expect(operations.map((op) => op.operationId).filter((id) => !called.has(id))).toEqual([]);
  });
});

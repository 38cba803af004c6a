/** Small helpers shared by the endpoint suites: error-shape assertions and fixture builders. */
import type { Response } from 'supertest';
import type { TestServer, TestUser } from './test-server';

export const API = '/api/v1';

/** A message, by its ids or as the API answered it. */
type MessageRef = { conversation_id: string; message_id: string };

/** The paths of the API's resources, built one way for every suite. */
export const urls = {
  conversation: (conversationId: string) => `${API}/conversations/${conversationId}/`,
  participants: (conversationId: string) => `${API}/conversations/${conversationId}/participants/`,
  read: (conversationId: string) => `${API}/conversations/${conversationId}/read/`,
  messages: (conversationId: string) => `${API}/conversations/${conversationId}/messages/`,
  message: (message: MessageRef) => `${API}/conversations/${message.conversation_id}/messages/${message.message_id}/`,
  history: (message: MessageRef) => `${urls.message(message)}history/`,
  replies: (message: MessageRef) => `${urls.message(message)}replies/`,
  reaction: (message: MessageRef, emoji: string) => `${urls.message(message)}reactions/${encodeURIComponent(emoji)}/`,
};

export const ERROR_CODES = [
  'validation_failed',
  'invalid_json',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
  'service_unavailable',
];

/** The full profile (the user themselves, or staff): exactly these keys, never a password. */
export const USER_KEYS = ['created_at', 'email', 'first_name', 'is_staff', 'last_name', 'phone_number', 'role', 'user_id', 'username'];
/** How other people appear: no email, no phone. */
export const USER_SUMMARY_KEYS = ['first_name', 'last_name', 'user_id', 'username'];
export const MESSAGE_KEYS = [
  'conversation_id',
  'deleted',
  'edited_at',
  'last_reply_at',
  'message_body',
  'message_id',
  'parent_message_id',
  'reactions',
  'reply_count',
  'sender',
  'sent_at',
];
export const CONVERSATION_KEYS = [
  'conversation_id',
  'created_at',
  'created_by_id',
  'kind',
  'last_message',
  'last_read_message_id',
  'participants',
  'title',
  'unread_count',
];
export const PAGE_KEYS = ['count', 'next', 'previous', 'results'];
/** Message lists add cursors to the page envelope. */
export const MESSAGE_PAGE_KEYS = ['count', 'next', 'next_cursor', 'prev_cursor', 'previous', 'results'];
/** An empty first page of messages. */
export const NO_MESSAGES = { count: 0, next: null, previous: null, next_cursor: null, prev_cursor: null, results: [] };

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Asserts the status and the error body shape `{ error: { code, message, details? } }`, nothing
 * else at the top level, and that `details` names every field in `detailFields`.
 */
export function expectError(res: Response, status: number, code: string, detailFields: string[] = []): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const { error } = res.body as { error: Record<string, unknown> };
  expect(ERROR_CODES).toContain(error.code);
  expect(typeof error.message).toBe('string');
  expect((error.message as string).length).toBeGreaterThan(0);
  for (const key of Object.keys(error)) expect(['code', 'message', 'details']).toContain(key);
  if (detailFields.length > 0) {
    expect(error.details).toEqual(expect.any(Object));
    expect(Object.keys(error.details as object)).toEqual(expect.arrayContaining(detailFields));
  }
}

/** Asserts `details` has a key starting with `prefix` (tsoa names array items `field.$0`). */
export function expectDetailStartingWith(res: Response, prefix: string): void {
  const details = (res.body as { error: { details?: Record<string, unknown> } }).error.details ?? {};
  expect(Object.keys(details).some((key) => key === prefix || key.startsWith(`${prefix}.`))).toBe(true);
}

export function sortedKeys(value: object): string[] {
  return Object.keys(value).sort();
}

export interface ConversationBody {
  conversation_id: string;
  kind: 'direct' | 'group';
  title: string | null;
  created_by_id: string | null;
  unread_count: number;
  last_read_message_id: string | null;
  participants: Array<{ user_id: string; username: string; first_name: string; last_name: string }>;
  created_at: string;
  last_message: MessageBody | null;
}

export interface MessageBody {
  message_id: string;
  conversation_id: string;
  sender: { user_id: string; username: string; first_name: string; last_name: string };
  message_body: string;
  sent_at: string;
  edited_at: string | null;
  deleted: boolean;
  parent_message_id: string | null;
  reply_count: number;
  last_reply_at: string | null;
  reactions: Array<{ emoji: string; count: number; reacted_by_me: boolean }>;
}

export interface PageBody<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface MessagePageBody extends Omit<PageBody<MessageBody>, 'count'> {
  count: number | null;
  next_cursor: string | null;
  prev_cursor: string | null;
}

/**
 * Creates a conversation through the API, as `creator`, with `others` (direct with one other person,
 * so it must be a new pair: a repeated pair answers 200 with the existing conversation).
 */
export async function createConversation(server: TestServer, creator: TestUser, ...others: TestUser[]): Promise<ConversationBody> {
  const res = await server.http
    .post(`${API}/conversations/`)
    .set('Authorization', creator.auth)
    .send({ participant_ids: others.map((user) => user.userId) })
    .expect(201);
  return res.body as ConversationBody;
}

/** Creates a group conversation through the API (always a new one, whoever is in it). */
export async function createGroup(server: TestServer, creator: TestUser, others: TestUser[], title?: string): Promise<ConversationBody> {
  const res = await server.http
    .post(`${API}/conversations/`)
    .set('Authorization', creator.auth)
    .send({ participant_ids: others.map((user) => user.userId), kind: 'group', ...(title === undefined ? {} : { title }) })
    .expect(201);
  return res.body as ConversationBody;
}

/** Sends a message through the API (a reply when `parentMessageId` is given). */
export async function sendMessage(
  server: TestServer,
  sender: TestUser,
  conversationId: string,
  text: string,
  parentMessageId?: string,
): Promise<MessageBody> {
  const res = await server.http
    .post(`${API}/conversations/${conversationId}/messages/`)
    .set('Authorization', sender.auth)
    .send(parentMessageId ? { message_body: text, parent_message_id: parentMessageId } : { message_body: text })
    .expect(201);
  return res.body as MessageBody;
}

/** Moves a message to a chosen instant, straight in the database (the API always stamps "now"). */
export async function setSentAt(server: TestServer, messageId: string, sentAt: string): Promise<void> {
  await server.running.db.models.Message.update({ sentAt: new Date(sentAt) }, { where: { messageId } });
}

/** Sends messages one by one and pins each to the given instant; returns them in the order given. */
export async function seedMessages(
  server: TestServer,
  conversationId: string,
  rows: Array<{ from: TestUser; text: string; at: string }>,
): Promise<MessageBody[]> {
  const created: MessageBody[] = [];
  for (const row of rows) {
    const message = await sendMessage(server, row.from, conversationId, row.text);
    await setSentAt(server, message.message_id, row.at);
    created.push({ ...message, sent_at: new Date(row.at).toISOString() });
  }
  return created;
}

/** Two new people in a new direct conversation. */
export async function twoPeopleTalking(server: TestServer): Promise<{ alice: TestUser; bob: TestUser; conversationId: string }> {
  const [alice, bob] = await createUsers(server, 2);
  const conversation = await createConversation(server, alice, bob);
  return { alice, bob, conversationId: conversation.conversation_id };
}

/** Creates `count` users in parallel. */
export function createUsers(server: TestServer, count: number): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: count }, () => server.createUser()));
}

/** Path and query of an absolute `next`/`previous` link, after checking it points at this server. */
export function relativeLink(server: TestServer, link: string | null): string {
  expect(link).not.toBeNull();
  expect(link!.startsWith(`${server.url}/`)).toBe(true);
  const url = new URL(link!);
  return `${url.pathname}${url.search}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

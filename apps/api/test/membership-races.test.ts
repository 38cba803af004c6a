/**
 * Writes racing a member's leave (issue 13, item 3). Each test runs the race many times with real
 * concurrency (on PostgreSQL the two requests run on two connections at once; on the embedded
 * database they queue on its one connection), and every outcome must be one of two: the write landed
 * while the writer was still a member (its event comes before the leave's in the conversation's
 * event log, and the others see it), or it answered 404 and changed nothing. Never a 500, never a
 * write that lands after the leave.
 */
import { sql } from '@messaging-app/shared';
import type { Response } from 'supertest';
import { createGroup, createUsers, expectError, sendMessage, type MessageBody, urls } from './support/api';
import { useTestServer, type TestServer, type TestUser } from './support/test-server';

/** The audit saw the races in 11 of 15 and 14 of 20 tries; 20 each makes a pass meaningful. */
const TRIES = 20;
const RACE_TIMEOUT = 120_000;

const server = useTestServer();

const conversationUrl = urls.conversation;
const messageUrl = (conversationId: string, messageId: string) => urls.message({ conversation_id: conversationId, message_id: messageId });
const reactionUrl = (conversationId: string, messageId: string) =>
  urls.reaction({ conversation_id: conversationId, message_id: messageId }, '👍');

interface LoggedEvent {
  eventId: number;
  type: string;
  data: Record<string, unknown>;
}

/** The conversation's events after `afterId`, in commit order (events outlive a deleted group). */
async function eventsAfter(conversationId: string, afterId: number): Promise<LoggedEvent[]> {
  const rows = await server.running.db.query<{ event_id: string; event_type: string; payload: { data: Record<string, unknown> } }>(
    sql`SELECT event_id, event_type, payload FROM events WHERE conversation_id = ${conversationId} AND event_id > ${afterId} ORDER BY event_id`,
  );
  return rows.map((row) => ({ eventId: Number(row.event_id), type: row.event_type, data: row.payload.data }));
}

async function lastEventId(): Promise<number> {
  const [row] = await server.running.db.query<{ max: string | null }>(sql`SELECT max(event_id) AS max FROM events`);
  return Number(row.max ?? 0);
}

function leave(user: TestUser, conversationId: string) {
  return server.http.delete(`${conversationUrl(conversationId)}participants/me/`).set('Authorization', user.auth);
}

/**
 * Runs `write` and `user`'s leave at nearly the same moment: the leave `offsetMs` after the write (the
 * write after the leave when negative), so that over the tries the leave lands before, during and
 * after the write's own checks. Both answers, once both are done.
 */
async function race(
  write: () => PromiseLike<Response>,
  user: TestUser,
  conversationId: string,
  offsetMs: number,
): Promise<{ write: Response; leave: Response }> {
  const after = (ms: number, request: () => PromiseLike<Response>) =>
    new Promise<Response>((resolve, reject) => {
      setTimeout(() => request().then(resolve, reject), ms);
    });
  const [written, left] = await Promise.all([
    after(Math.max(0, -offsetMs), write),
    after(Math.max(0, offsetMs), () => leave(user, conversationId)),
  ]);
  return { write: written, leave: left };
}

/** From 3 ms leave first to 4 ms write first, over and over: a write takes a few milliseconds here. */
const offsetOf = (attempt: number) => (attempt % 8) - 3;

/** The write's event must come before the leave's: it landed while the writer was a member. */
function expectBeforeLeave(events: LoggedEvent[], writeType: string, leaver: TestUser): LoggedEvent {
  const left = events.find((event) => event.type === 'participant.removed' && event.data.user_id === leaver.userId);
  const written = events.find((event) => event.type === writeType);
  expect(left).toBeDefined();
  expect(written).toBeDefined();
  expect({ written: written!.eventId, before: written!.eventId < left!.eventId }).toEqual({ written: written!.eventId, before: true });
  return written!;
}

describe('a member leaves while their own write is in flight', () => {
  it(
    'When a member sends and leaves at the same moment, then the send either lands before the leave (201, in the others\u2019 history) or answers 404 and stores nothing',
    async () => {
      const [alice, bob, carol] = await createUsers(server, 3);
      const outcomes: number[] = [];
      for (let attempt = 0; attempt < TRIES; attempt += 1) {
        // Arrange
        const { conversation_id: conversationId } = await createGroup(server, alice, [bob, carol]);
        const since = await lastEventId();
        const text = `in flight ${attempt}`;

        // Act
        const { write: sent, leave: left } = await race(
          () =>
            server.http
              .post(`${conversationUrl(conversationId)}messages/`)
              .set('Authorization', alice.auth)
              .send({ message_body: text }),
          alice,
          conversationId,
          offsetOf(attempt),
        );

        // Assert
        expect(left.status).toBe(204);
        outcomes.push(sent.status);
        const stored = await server.running.db.models.Message.count({ where: { conversationId, senderId: alice.userId } });
        const history = await server.http
          .get(`${conversationUrl(conversationId)}messages/`)
          .set('Authorization', bob.auth)
          .expect(200);
        const events = await eventsAfter(conversationId, since);
        if (sent.status === 201) {
          expect(stored).toBe(1);
          expect(history.body.results.map((message: MessageBody) => message.message_id)).toContain(sent.body.message_id);
          const created = expectBeforeLeave(events, 'message.created', alice);
          expect((created.data.message as MessageBody).message_id).toBe(sent.body.message_id);
        } else {
          expectError(sent, 404, 'not_found');
          expect(stored).toBe(0);
          expect(history.body.results).toEqual([]);
          expect(events.filter((event) => event.type === 'message.created')).toEqual([]);
        }
      }
      expect(outcomes.filter((status) => status !== 201 && status !== 404)).toEqual([]);
    },
    RACE_TIMEOUT,
  );

  it(
    'When the last member sends and leaves at the same moment, then the send answers 201 before the group is deleted or 404, never 500',
    async () => {
      const [alice, bob] = await createUsers(server, 2);
      for (let attempt = 0; attempt < TRIES; attempt += 1) {
        // Arrange: bob has left already, so alice is the last member.
        const { conversation_id: conversationId } = await createGroup(server, alice, [bob]);
        await leave(bob, conversationId).expect(204);
        const since = await lastEventId();

        // Act
        const { write: sent, leave: left } = await race(
          () =>
            server.http
              .post(`${conversationUrl(conversationId)}messages/`)
              .set('Authorization', alice.auth)
              .send({ message_body: `last words ${attempt}` }),
          alice,
          conversationId,
          offsetOf(attempt),
        );

        // Assert: the group is gone with whatever it held.
        expect(left.status).toBe(204);
        expect(await server.running.db.models.Conversation.findByPk(conversationId)).toBeNull();
        expect(await server.running.db.models.Message.count({ where: { conversationId } })).toBe(0);
        const events = await eventsAfter(conversationId, since);
        if (sent.status === 201) {
          expectBeforeLeave(events, 'message.created', alice);
        } else {
          expectError(sent, 404, 'not_found');
          expect(events.filter((event) => event.type === 'message.created')).toEqual([]);
        }
      }
    },
    RACE_TIMEOUT,
  );

  /**
   * The other writes that need membership. Each: what to prepare (alice is a member of a group with
   * bob and carol), the write, its success status, the event it records, and what "changed nothing"
   * means when it answers 404.
   */
  interface MembershipWrite {
    name: string;
    prepare(alice: TestUser, bob: TestUser, conversationId: string): Promise<MessageBody>;
    write(alice: TestUser, conversationId: string, message: MessageBody): ReturnType<TestServer['http']['get']>;
    status: number;
    event: string;
    unchanged(alice: TestUser, conversationId: string, message: MessageBody): Promise<void>;
  }

  const reactionsBy = (user: TestUser, message: MessageBody) =>
    server.running.db.models.MessageReaction.count({ where: { messageId: message.message_id, userId: user.userId } });

  const writes: MembershipWrite[] = [
    {
      name: 'edits their message',
      prepare: (alice, _bob, conversationId) => sendMessage(server, alice, conversationId, 'first draft'),
      write: (alice, conversationId, message) =>
        server.http
          .patch(messageUrl(conversationId, message.message_id))
          .set('Authorization', alice.auth)
          .send({ message_body: 'second draft' }),
      status: 200,
      event: 'message.updated',
      unchanged: async (_alice, _conversationId, message) => {
        const row = await server.running.db.models.Message.findByPk(message.message_id);
        expect(row?.messageBody).toBe('first draft');
      },
    },
    {
      name: 'deletes their message',
      prepare: (alice, _bob, conversationId) => sendMessage(server, alice, conversationId, 'regrettable'),
      write: (alice, conversationId, message) =>
        server.http.delete(messageUrl(conversationId, message.message_id)).set('Authorization', alice.auth),
      status: 204,
      event: 'message.deleted',
      unchanged: async (_alice, _conversationId, message) => {
        expect(await server.running.db.models.Message.findByPk(message.message_id)).not.toBeNull();
      },
    },
    {
      name: 'reacts to a message',
      prepare: (_alice, bob, conversationId) => sendMessage(server, bob, conversationId, 'react to me'),
      write: (alice, conversationId, message) =>
        server.http.put(reactionUrl(conversationId, message.message_id)).set('Authorization', alice.auth),
      status: 200,
      event: 'reaction.added',
      unchanged: async (alice, _conversationId, message) => {
        expect(await reactionsBy(alice, message)).toBe(0);
      },
    },
    {
      name: 'takes back a reaction',
      prepare: async (alice, bob, conversationId) => {
        const message = await sendMessage(server, bob, conversationId, 'reacted to');
        await server.http.put(reactionUrl(conversationId, message.message_id)).set('Authorization', alice.auth).expect(200);
        return message;
      },
      write: (alice, conversationId, message) =>
        server.http.delete(reactionUrl(conversationId, message.message_id)).set('Authorization', alice.auth),
      status: 204,
      event: 'reaction.removed',
      unchanged: async (alice, _conversationId, message) => {
        expect(await reactionsBy(alice, message)).toBe(1);
      },
    },
    {
      name: 'marks the conversation read',
      // Bob's message is unread for alice, so marking it read moves her marker (and records read.updated).
      prepare: (_alice, bob, conversationId) => sendMessage(server, bob, conversationId, 'unread by alice'),
      write: (alice, conversationId) =>
        server.http
          .post(`${conversationUrl(conversationId)}read/`)
          .set('Authorization', alice.auth)
          .send({}),
      status: 200,
      event: 'read.updated',
      // Her marker went with her participation; what must not exist is a read.updated after the leave.
      unchanged: () => Promise.resolve(undefined),
    },
  ];

  it.each(writes)(
    'When a member $name and leaves at the same moment, then the write lands before the leave or answers 404 and changes nothing',
    async ({ prepare, write, status, event, unchanged }) => {
      const [alice, bob, carol] = await createUsers(server, 3);
      for (let attempt = 0; attempt < TRIES; attempt += 1) {
        // Arrange
        const { conversation_id: conversationId } = await createGroup(server, alice, [bob, carol]);
        const message = await prepare(alice, bob, conversationId);
        const since = await lastEventId();

        // Act
        const outcome = await race(() => write(alice, conversationId, message), alice, conversationId, offsetOf(attempt));

        // Assert
        expect(outcome.leave.status).toBe(204);
        const events = await eventsAfter(conversationId, since);
        if (outcome.write.status === status) {
          expectBeforeLeave(events, event, alice);
        } else {
          expectError(outcome.write, 404, 'not_found');
          expect(events.filter((logged) => logged.type === event)).toEqual([]);
          await unchanged(alice, conversationId, message);
        }
      }
    },
    RACE_TIMEOUT,
  );
});

/**
 * What the client does when the real API refuses a send over the message limit (429 with
 * Retry-After): it waits and sends again with the same Idempotency-Key, and it tells `onRetry` before
 * each wait, so an app can show or log it, or choose not to wait.
 */
import { RateLimitError, type RetryInfo } from '../src';
import { startApiServer, type ApiServer } from './support/api-server';

let api: ApiServer;
beforeAll(async () => {
  // One message per 2 s per user, so the second send of a test is refused for a second or two.
  api = await startApiServer({ RATE_LIMIT_MESSAGES_PER_USER: '1/2s' });
});
afterAll(() => api?.stop());

/** A user alone with a friend in a new direct conversation, with `onRetry` set on the user's client. */
async function sender(onRetry: (retry: RetryInfo) => void | boolean) {
  const { client, user } = await api.newUserClient({ onRetry });
  const { user: friend } = await api.newUserClient();
  const conversation = await client.conversations.create({ participantIds: [friend.userId] });
  return { client: client, userId: user.userId, conversationId: conversation.conversationId };
}

async function storedMessages(conversationId: string): Promise<number> {
  return api.running.db.models.Message.count({ where: { conversationId } });
}

describe('onRetry', () => {
  it('When a send is over the rate limit, then onRetry hears of the wait (attempt, delay, 429, request) and the send goes through after it', async () => {
    // Arrange
    const retries: RetryInfo[] = [];
    const { client, conversationId } = await sender((retry) => {
      retries.push(retry);
    });
    await client.messages.send(conversationId, { messageBody: 'first' });

    // Act
    const started = Date.now();
    const second = await client.messages.send(conversationId, { messageBody: 'second, too soon' });
    const elapsed = Date.now() - started;

    // Assert
    expect(second.messageBody).toBe('second, too soon');
    expect(retries).toHaveLength(1);
    const [retry] = retries;
    expect(retry).toMatchObject({
      attempt: 1,
      status: 429,
      request: { method: 'POST', url: `${api.url}/api/v1/conversations/${conversationId}/messages` },
    });
    expect(retry.error).toBeInstanceOf(RateLimitError);
    expect((retry.error as RateLimitError).retryAfter).toBe(retry.delayMs / 1000);
    expect(retry.delayMs).toBeGreaterThanOrEqual(1000);
    expect(retry.delayMs).toBeLessThanOrEqual(2000);
    expect(elapsed).toBeGreaterThanOrEqual(retry.delayMs - 50);
    expect(await storedMessages(conversationId)).toBe(2);
  });

  it('When onRetry answers false, then the call fails at once with the RateLimitError instead of waiting', async () => {
    // Arrange
    const retries: RetryInfo[] = [];
    const { client, conversationId } = await sender((retry) => {
      retries.push(retry);
      return false;
    });
    await client.messages.send(conversationId, { messageBody: 'first' });

    // Act
    const started = Date.now();
    const error = await client.messages.send(conversationId, { messageBody: 'second, not now' }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;

    // Assert
    expect(error).toBeInstanceOf(RateLimitError);
    expect(retries.map((retry) => retry.attempt)).toEqual([1]);
    expect(elapsed).toBeLessThan(900);
    expect(await storedMessages(conversationId)).toBe(1);
  });
});

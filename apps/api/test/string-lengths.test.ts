/**
 * Lengths in the contract (minLength, maxLength) count characters, as JSON Schema and PostgreSQL's
 * varchar do, not UTF-16 code units: an emoji is one character. The contract fuzzer found both sides:
 * a 7-character password with an emoji passed `minLength 8`, and a message of 4,000 emoji, valid by
 * the contract, was refused.
 */
import { API, expectError, twoPeopleTalking } from './support/api';
import { useTestServer, TEST_PASSWORD, uniqueName } from './support/test-server';

/** One character, two UTF-16 code units. */
const EMOJI = '😀';

const server = useTestServer();

function registration(fields: Record<string, string>) {
  const username = uniqueName('len');
  return { username, email: `${username}@example.com`, password: TEST_PASSWORD, first_name: 'Ama', last_name: 'Owusu', ...fields };
}

it('When a password has 7 characters, one of them an emoji (8 UTF-16 units), then it is too short: 400 naming password', async () => {
  const res = await server.http.post(`${API}/users/`).send(registration({ password: `abcdef${EMOJI}` }));

  expectError(res, 400, 'validation_failed', ['password']);
});

it('When a message is 4,000 emoji, then it is sent (4,000 characters is the limit); 4,001 are refused naming message_body', async () => {
  // Arrange
  const { alice, conversationId } = await twoPeopleTalking(server);
  const send = (text: string) =>
    server.http.post(`${API}/conversations/${conversationId}/messages/`).set('Authorization', alice.auth).send({ message_body: text });

  // Act
  const atLimit = await send(EMOJI.repeat(4000));
  const overLimit = await send(EMOJI.repeat(4001));

  // Assert
  expect(atLimit.status).toBe(201);
  expect(atLimit.body.message_body).toBe(EMOJI.repeat(4000));
  expectError(overLimit, 400, 'validation_failed', ['message_body']);
});

it('When a first name is 150 emoji, then it is accepted and stored whole (the column is varchar(150): characters too)', async () => {
  const res = await server.http.post(`${API}/users/`).send(registration({ first_name: EMOJI.repeat(150) }));

  expect(res.status).toBe(201);
  expect(res.body.first_name).toBe(EMOJI.repeat(150));
});

it('When a query parameter is 200 emoji (search allows 200 characters), then it is accepted; 201 are refused naming search', async () => {
  // Arrange
  const { alice, conversationId } = await twoPeopleTalking(server);
  const search = (text: string) =>
    server.http.get(`${API}/conversations/${conversationId}/messages/?search=${encodeURIComponent(text)}`).set('Authorization', alice.auth);

  // Act
  const atLimit = await search(EMOJI.repeat(200));
  const overLimit = await search(EMOJI.repeat(201));

  // Assert
  expect(atLimit.status).toBe(200);
  expectError(overLimit, 400, 'validation_failed', ['search']);
});

import { AuthenticationError, MessagingClient, type Tokens } from '../src';
import { PASSWORD, recordingFetch, startApiServer, type ApiServer, type RecordedRequest } from './support/api-server';

/** Access tokens live 2 seconds here (JWT times are whole seconds, so one is valid for 1–2s). */
const ACCESS_TOKEN_TTL_MS = 2_000;

let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer({ ACCESS_TOKEN_TTL: '2s' });
});
afterAll(() => api?.stop());

const waitForExpiry = () => new Promise((resolve) => setTimeout(resolve, ACCESS_TOKEN_TTL_MS + 100));
const to = (requests: RecordedRequest[], path: string) => requests.filter((r) => new URL(r.url).pathname === `/api/v1${path}`);

/** A registered user, and a recording client that knows only their credentials. */
async function passwordClient(onTokens?: (tokens: Tokens) => void) {
  const recorder = recordingFetch();
  const { client, username } = await api.newUserClient({ fetch: recorder.fetch, onTokens });
  return { client, username, requests: recorder.requests };
}

/** Fresh tokens for a user, from a separate client, to hand to a token-only client. */
async function tokensFor(username: string): Promise<Tokens> {
  const { access, refresh } = await new MessagingClient({ baseUrl: api.url }).auth.signIn({ username, password: PASSWORD });
  return { access, refresh };
}

describe('signing in', () => {
  it('When a client is created, then it signs in only on the first call, once, and reports the tokens', async () => {
    const announced: Tokens[] = [];
    const { client, requests } = await passwordClient((tokens) => announced.push(tokens));
    expect(to(requests, '/token')).toHaveLength(0);

    await Promise.all([client.users.me(), client.conversations.list()]);

    expect(to(requests, '/token')).toHaveLength(1);
    expect(announced).toEqual([client.auth.tokens]);
    expect(to(requests, '/users/me')[0]?.headers.get('authorization')).toBe(`Bearer ${announced[0]?.access}`);
  });
});

describe('refreshing', () => {
  it('When the access token has expired, then one refresh happens first, the pair rotates and onTokens hears of it', async () => {
    const announced: Tokens[] = [];
    const { client, requests } = await passwordClient((tokens) => announced.push(tokens));
    await client.users.me();
    await waitForExpiry();

    await client.users.me();

    expect(to(requests, '/token/refresh')).toHaveLength(1);
    expect(requests.filter((r) => r.status === 401)).toHaveLength(0);
    expect(announced).toHaveLength(2);
    expect(announced[1]?.refresh).not.toBe(announced[0]?.refresh);
    expect(client.auth.tokens).toEqual(announced[1]);
  });

  it('When calls run concurrently over an expired token, then they share one refresh', async () => {
    const { client, requests } = await passwordClient();
    await client.users.me();
    await waitForExpiry();

    await Promise.all([
      client.users.me(),
      client.users.list(),
      client.conversations.list(),
      client.users.me(),
      client.conversations.list(),
    ]);

    expect(to(requests, '/token/refresh')).toHaveLength(1);
    expect(requests.filter((r) => r.status === 401)).toHaveLength(0);
  });

  it('When the server rejects the access token, then the client refreshes once and replays the call', async () => {
    const { username } = await passwordClient();
    const { refresh } = await tokensFor(username);
    const recorder = recordingFetch();
    const client = new MessagingClient({
      baseUrl: api.url,
      accessToken: 'revoked-or-garbage',
      refreshToken: refresh,
      fetch: recorder.fetch,
    });

    await expect(client.users.me()).resolves.toMatchObject({ username });

    expect(recorder.requests.map((r) => `${new URL(r.url).pathname} ${r.status}`)).toEqual([
      '/api/v1/users/me 401',
      '/api/v1/token/refresh 200',
      '/api/v1/users/me 200',
    ]);
  });

  it('When concurrent calls all get a 401, then they still share one refresh (a second would revoke the family)', async () => {
    const { username } = await passwordClient();
    const { refresh } = await tokensFor(username);
    const recorder = recordingFetch();
    const client = new MessagingClient({
      baseUrl: api.url,
      accessToken: 'revoked-or-garbage',
      refreshToken: refresh,
      fetch: recorder.fetch,
    });

    const results = await Promise.all(Array.from({ length: 5 }, () => client.users.me()));

    expect(results.every((user) => user.username === username)).toBe(true);
    expect(to(recorder.requests, '/token/refresh')).toHaveLength(1);
    await expect(client.auth.verify(client.auth.tokens.refresh)).resolves.toBe(true);
  });

  it('When the refresh token is dead but credentials are known, then the client signs in again', async () => {
    const { username } = await passwordClient();
    const recorder = recordingFetch();
    const client = new MessagingClient({
      baseUrl: api.url,
      username,
      password: PASSWORD,
      accessToken: 'dead',
      refreshToken: 'also-dead',
      fetch: recorder.fetch,
    });

    await expect(client.users.me()).resolves.toMatchObject({ username });

    expect(recorder.requests.map((r) => `${new URL(r.url).pathname} ${r.status}`)).toEqual([
      '/api/v1/users/me 401',
      '/api/v1/token/refresh 401',
      '/api/v1/token 200',
      '/api/v1/users/me 200',
    ]);
  });

  it('When the refresh token is dead and no credentials are known, then AuthenticationError, and the tokens are dropped', async () => {
    const client = new MessagingClient({ baseUrl: api.url, accessToken: 'dead', refreshToken: 'also-dead' });

    await expect(client.users.me()).rejects.toBeInstanceOf(AuthenticationError);
    expect(client.auth.tokens).toEqual({ access: undefined, refresh: undefined });
  });
});

describe('signing out', () => {
  it('When signed out, then calls that need a user fail without asking the server', async () => {
    const { client, requests } = await passwordClient();
    await client.users.me();
    const sent = requests.length;

    client.auth.signOut();

    await expect(client.users.me()).rejects.toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(requests).toHaveLength(sent);
    expect(client.auth.tokens).toEqual({ access: undefined, refresh: undefined });
  });
});

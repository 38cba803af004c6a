import { AdminApi, AuthApi, BASE_PATH, Configuration, ConversationsApi, EventsApi, MessagesApi, UsersApi } from '../generated';
import { KnownKeys, type EveryKey } from '../internal/input';
import { callerOf } from '../internal/request';
import { Session } from '../internal/session';
import { Transport, guardedFetch, type Call } from '../internal/transport';
import type { ClientOptions, Credentials } from './options';
import { AdminResource } from './resources/admin';
import { AuthResource } from './resources/auth';
import { ConversationsResource } from './resources/conversations';
import { EventsResource } from './resources/events';
import { MessagesResource } from './resources/messages';
import { UsersResource } from './resources/users';

export const DEFAULT_BASE_URL = 'http://localhost:3000';
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

const CLIENT_OPTION_KEYS = new KnownKeys(
  {
    baseUrl: true,
    onTokens: true,
    onRetry: true,
    fetch: true,
    timeout: true,
    maxRetries: true,
    username: true,
    password: true,
    accessToken: true,
    refreshToken: true,
  } satisfies EveryKey<ClientOptions>,
  'option',
);

/** Accepts the server origin with or without the API prefix, so both spellings people use work. */
function apiRoot(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith(BASE_PATH) ? trimmed : `${trimmed}${BASE_PATH}`;
}

function credentialsOf(options: ClientOptions): Credentials | undefined {
  return options.username !== undefined && options.password !== undefined
    ? { username: options.username, password: options.password }
    : undefined;
}

/**
 * The messaging API client. Signs in lazily with the credentials it was given, keeps the access
 * token fresh, retries transient failures, and throws typed errors (see ApiError).
 *
 * ```ts
 * const client = new MessagingClient({ baseUrl, username, password });
 * for await (const message of client.messages.list(conversationId, { search: 'hi' })) console.log(message.messageBody);
 * ```
 */
export class MessagingClient {
  readonly auth: AuthResource;
  readonly users: UsersResource;
  readonly conversations: ConversationsResource;
  readonly messages: MessagesResource;
  /** Staff only. */
  readonly admin: AdminResource;
  /** Live events of the user's conversations (server-sent events, resumed after reconnects). */
  readonly events: EventsResource;

  /** Throws InvalidInputError for an option it does not know (e.g. `baseURL`), rather than ignore it. */
  constructor(options: ClientOptions = {}) {
    CLIENT_OPTION_KEYS.check('new MessagingClient', options);
    options ??= {};
    const configuration = new Configuration({
      basePath: apiRoot(options.baseUrl ?? DEFAULT_BASE_URL),
      fetchApi: guardedFetch(options.fetch),
    });
    const transport = new Transport({
      timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      basePath: configuration.basePath,
      onRetry: options.onRetry,
    });
    const authApi = new AuthApi(configuration);
    const session = new Session({
      credentials: credentialsOf(options),
      tokens: { access: options.accessToken, refresh: options.refreshToken },
      onTokens: options.onTokens,
      signIn: (credentials) => transport.run((init) => authApi.signIn({ signInRequest: credentials }, init)),
      refresh: (refresh) => transport.run((init) => authApi.refreshToken({ refreshRequest: { refresh } }, init)),
    });

    const asUser: Call = (operation, callOptions) => transport.run(operation, { ...callOptions, auth: session.required });
    const asAnyone: Call = (operation, callOptions) => transport.run(operation, { ...callOptions, auth: session.optional });
    const anonymous: Call = (operation, callOptions) => transport.run(operation, callOptions);

    const usersApi = new UsersApi(configuration);
    this.auth = new AuthResource(authApi, session, anonymous, usersApi, asUser);
    this.users = new UsersResource(usersApi, callerOf(asUser), callerOf(asAnyone));
    this.conversations = new ConversationsResource(new ConversationsApi(configuration), callerOf(asUser));
    this.messages = new MessagesResource(new MessagesApi(configuration), callerOf(asUser));
    this.admin = new AdminResource(new AdminApi(configuration), callerOf(asUser));
    this.events = new EventsResource(new EventsApi(configuration), asUser, {
      current: () => session.tokens.access,
      sessionEnded: (access) => session.sessionEnded(access),
    });
  }
}

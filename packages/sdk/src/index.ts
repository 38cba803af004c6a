// The public surface: the client, the types of what it takes and returns, and its errors. Everything
// under ./internal is private. Of the generated client, only the models the client's methods take or
// return are here, as types (and the enums as values, which callers pass); the rest (its serialisers
// `*FromJSON`/`*ToJSON`/`instanceOf*`, the wire-only models, the API classes and runtime) is at
// '@messaging-app/sdk/generated'. test/exports.test.ts keeps the two lists complete.
export { ApiPromise, type WithResponse } from './core/api-promise';
export { DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, MessagingClient } from './core/client';
export {
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidInputError,
  MessagingError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type ApiErrorFields,
} from './core/errors';
export type {
  ClientOptions,
  Credentials,
  PasswordClientOptions,
  RequestOptions,
  RetryInfo,
  TokenClientOptions,
  Tokens,
} from './core/options';
export {
  CursorPage,
  CursorPagePromise,
  LazyList,
  Page,
  PagePromise,
  type CursorDirections,
  type CursorFetcher,
  type CursorPageData,
  type PageData,
  type PageFetcher,
} from './core/pagination';
export type { AdminConversationListParams, AdminResource, AdminUserListParams } from './core/resources/admin';
export type { AuthResource } from './core/resources/auth';
export type { ConversationListParams, ConversationsResource } from './core/resources/conversations';
export type {
  EventsResource,
  EventStreamOptions,
  MessagingEvent,
  MessagingEventType,
  SubscribeOptions,
  Subscription,
} from './core/resources/events';
export type {
  MessageCursorParams,
  MessageHistoryParams,
  MessageListParams,
  MessagesResource,
  ReplyListParams,
} from './core/resources/messages';
export type { UserListParams, UsersResource } from './core/resources/users';
export type {
  AdminConversation,
  AdminStats,
  AdminUser,
  Conversation,
  CreateConversationRequest,
  Message,
  MessageVersion,
  ReactionSummary,
  ReadState,
  RegisterUserRequest,
  SendMessageRequest,
  SignInResponse,
  TokenPair,
  UnreadSummary,
  UpdateMessageRequest,
  UpdateUserRequest,
  User,
  UserSummary,
} from './generated';
// The enums are values too: `MessageOrderingParam.OldestFirst`, `ConversationKind.Group`.
export { ConversationKind, MessageOrderingParam, Role } from './generated';

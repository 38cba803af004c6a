// The public surface. Everything under ./internal is private, and ./generated is re-exported only
// for its models: the resources on MessagingClient wrap the generated API classes.
export { DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, MessagingClient } from './core/client';
export {
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  MessagingError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type ApiErrorFields,
} from './core/errors';
export type { ClientOptions, Credentials, PasswordClientOptions, RequestOptions, TokenClientOptions, Tokens } from './core/options';
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
export type { EventsResource, EventStreamOptions, MessagingEvent, MessagingEventType, SubscribeOptions } from './core/resources/events';
export type { MessageCursorParams, MessageHistoryParams, MessageListParams, MessagesResource, ReplyListParams } from './core/resources/messages';
export type { UserListParams, UsersResource } from './core/resources/users';
export * from './generated/models';

/* tslint:disable */
/* eslint-disable */
export * from './AddParticipantsRequest';
export * from './Conversation';
export * from './ConversationKind';
export * from './ConversationPage';
export * from './CreateConversationRequest';
export * from './ErrorBody';
export * from './ErrorBodyError';
export * from './Message';
export * from './MessageOrderingParam';
export * from './MessagePage';
export * from './MessageVersion';
export * from './MessageVersionPage';
export * from './ReactionSummary';
export * from './RefreshRequest';
export * from './RegisterUserRequest';
export * from './Role';
export * from './SendMessageRequest';
export * from './SignInRequest';
export * from './SignInResponse';
export * from './TokenPair';
export * from './UpdateMessageRequest';
export * from './UpdateUserRequest';
export * from './User';
export * from './UserPage';
export * from './UserSummary';
export * from './VerifyRequest';

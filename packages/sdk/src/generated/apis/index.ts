/* tslint:disable */
/* eslint-disable */
export * from './AdminApi';
export * from './AuthApi';
export * from './ConversationsApi';
export * from './EventsApi';
export * from './MessagesApi';
export * from './UsersApi';

import { type Model, type Sequelize } from 'sequelize';
import { AdminSession } from './admin-session';
import { Conversation } from './conversation';
import { ConversationParticipant } from './conversation-participant';
import { IdempotencyKey } from './idempotency-key';
import { Message } from './message';
import { MessageEdit } from './message-edit';
import { MessageReaction } from './message-reaction';
import { RefreshToken } from './refresh-token';
import { refuseUnstorableText } from './unstorable-text';
import { User } from './user';
import { UserSession } from './user-session';

export {
  AdminSession,
  Conversation,
  ConversationParticipant,
  IdempotencyKey,
  Message,
  MessageEdit,
  MessageReaction,
  RefreshToken,
  User,
  UserSession,
};
export { CONVERSATION_KINDS, type ConversationKind } from './conversation';
export { USER_ROLES, type UserRole } from './user';

export interface Models {
  User: typeof User;
  RefreshToken: typeof RefreshToken;
  Conversation: typeof Conversation;
  ConversationParticipant: typeof ConversationParticipant;
  Message: typeof Message;
  AdminSession: typeof AdminSession;
  MessageEdit: typeof MessageEdit;
  MessageReaction: typeof MessageReaction;
  IdempotencyKey: typeof IdempotencyKey;
  UserSession: typeof UserSession;
}

/**
 * A subclass of a model class of its own for one Sequelize instance. `Model.init` binds a class to one
 * instance, so sharing the exported classes would bind every open database's models to whichever was
 * opened last (two databases in one process: tests, tools copying between databases).
 */
function forThisDatabase<T extends abstract new (...args: never[]) => Model>(base: T): T {
  const name = base.name;
  // A computed key names the class expression, and Sequelize takes the model's name from the class.
  const bound = { [name]: class extends (base as unknown as new (...args: unknown[]) => Model) {} }[name];
  return bound as unknown as T;
}

/** Defines every model, with its associations, on this Sequelize instance's own classes. */
export function initModels(sequelize: Sequelize): Models {
  const models: Models = {
    User: forThisDatabase(User),
    RefreshToken: forThisDatabase(RefreshToken),
    Conversation: forThisDatabase(Conversation),
    ConversationParticipant: forThisDatabase(ConversationParticipant),
    Message: forThisDatabase(Message),
    AdminSession: forThisDatabase(AdminSession),
    MessageEdit: forThisDatabase(MessageEdit),
    MessageReaction: forThisDatabase(MessageReaction),
    IdempotencyKey: forThisDatabase(IdempotencyKey),
    UserSession: forThisDatabase(UserSession),
  };
  for (const model of Object.values(models)) (model as { initModel(sequelize: Sequelize): unknown }).initModel(sequelize);
  refuseUnstorableText(sequelize);
  const {
    User: UserModel,
    RefreshToken: RefreshTokenModel,
    Conversation: ConversationModel,
    ConversationParticipant: ParticipantModel,
  } = models;
  const { Message: MessageModel, MessageEdit: MessageEditModel, MessageReaction: MessageReactionModel } = models;

  UserModel.hasMany(RefreshTokenModel, { foreignKey: 'userId', as: 'refreshTokens' });
  RefreshTokenModel.belongsTo(UserModel, { foreignKey: 'userId', as: 'user' });

  ConversationModel.belongsTo(UserModel, { foreignKey: 'createdById', as: 'createdBy' });
  ConversationModel.hasMany(ParticipantModel, { foreignKey: 'conversationId', as: 'participantLinks' });
  ConversationModel.belongsToMany(UserModel, {
    through: ParticipantModel,
    foreignKey: 'conversationId',
    otherKey: 'userId',
    as: 'participants',
  });
  UserModel.belongsToMany(ConversationModel, {
    through: ParticipantModel,
    foreignKey: 'userId',
    otherKey: 'conversationId',
    as: 'conversations',
  });
  ParticipantModel.belongsTo(UserModel, { foreignKey: 'userId', as: 'user' });

  ConversationModel.hasMany(MessageModel, { foreignKey: 'conversationId', as: 'messages' });
  MessageModel.belongsTo(ConversationModel, { foreignKey: 'conversationId', as: 'conversation' });
  MessageModel.belongsTo(UserModel, { foreignKey: 'senderId', as: 'sender' });
  MessageModel.belongsTo(MessageModel, { foreignKey: 'parentMessageId', as: 'parent' });
  MessageModel.hasMany(MessageEditModel, { foreignKey: 'messageId', as: 'edits' });
  MessageModel.hasMany(MessageReactionModel, { foreignKey: 'messageId', as: 'reactions' });

  return models;
}

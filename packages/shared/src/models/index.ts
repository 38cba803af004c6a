import { Sequelize } from 'sequelize';
import { AdminSession } from './admin-session';
import { Conversation } from './conversation';
import { ConversationParticipant } from './conversation-participant';
import { Message } from './message';
import { RefreshToken } from './refresh-token';
import { User } from './user';

export { AdminSession, Conversation, ConversationParticipant, Message, RefreshToken, User };
export { USER_ROLES, type UserRole } from './user';

export interface Models {
  User: typeof User;
  RefreshToken: typeof RefreshToken;
  Conversation: typeof Conversation;
  ConversationParticipant: typeof ConversationParticipant;
  Message: typeof Message;
  AdminSession: typeof AdminSession;
}

export function initModels(sequelize: Sequelize): Models {
  User.initModel(sequelize);
  RefreshToken.initModel(sequelize);
  Conversation.initModel(sequelize);
  ConversationParticipant.initModel(sequelize);
  Message.initModel(sequelize);
  AdminSession.initModel(sequelize);

  User.hasMany(RefreshToken, { foreignKey: 'userId', as: 'refreshTokens' });
  RefreshToken.belongsTo(User, { foreignKey: 'userId', as: 'user' });

  Conversation.belongsTo(User, { foreignKey: 'createdById', as: 'createdBy' });
  Conversation.hasMany(ConversationParticipant, { foreignKey: 'conversationId', as: 'participantLinks' });
  Conversation.belongsToMany(User, {
    through: ConversationParticipant,
    foreignKey: 'conversationId',
    otherKey: 'userId',
    as: 'participants',
  });
  User.belongsToMany(Conversation, {
    through: ConversationParticipant,
    foreignKey: 'userId',
    otherKey: 'conversationId',
    as: 'conversations',
  });
  ConversationParticipant.belongsTo(User, { foreignKey: 'userId', as: 'user' });

  Conversation.hasMany(Message, { foreignKey: 'conversationId', as: 'messages' });
  Message.belongsTo(Conversation, { foreignKey: 'conversationId', as: 'conversation' });
  Message.belongsTo(User, { foreignKey: 'senderId', as: 'sender' });

  return { User, RefreshToken, Conversation, ConversationParticipant, Message, AdminSession };
}

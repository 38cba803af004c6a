import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';

export class ConversationParticipant extends Model<
  InferAttributes<ConversationParticipant>,
  InferCreationAttributes<ConversationParticipant>
> {
  declare conversationId: string;
  declare userId: string;
  declare joinedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof ConversationParticipant {
    return ConversationParticipant.init(
      {
        conversationId: { type: DataTypes.UUID, primaryKey: true },
        userId: { type: DataTypes.UUID, primaryKey: true },
        joinedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'conversation_participants', underscored: true, timestamps: false },
    );
  }
}

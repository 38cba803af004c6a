import { DataTypes, type InferAttributes, type InferCreationAttributes, Model, type Sequelize } from 'sequelize';

/** One user's reaction with one emoji to one message. */
export class MessageReaction extends Model<InferAttributes<MessageReaction>, InferCreationAttributes<MessageReaction>> {
  declare messageId: string;
  declare userId: string;
  declare emoji: string;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): typeof MessageReaction {
    return this.init(
      {
        messageId: { type: DataTypes.UUID, primaryKey: true },
        userId: { type: DataTypes.UUID, primaryKey: true },
        emoji: { type: DataTypes.STRING(64), primaryKey: true },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, tableName: 'message_reactions', underscored: true, timestamps: false },
    );
  }
}

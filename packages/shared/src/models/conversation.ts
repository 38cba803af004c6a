import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';

export class Conversation extends Model<InferAttributes<Conversation>, InferCreationAttributes<Conversation>> {
  declare conversationId: CreationOptional<string>;
  declare createdById: string | null;
  /** When the conversation last had activity (creation or a new message); orders the conversation list. */
  declare lastActivityAt: Date;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof Conversation {
    return Conversation.init(
      {
        conversationId: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        createdById: { type: DataTypes.UUID, allowNull: true },
        lastActivityAt: { type: DataTypes.DATE, allowNull: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'conversations', underscored: true, updatedAt: false },
    );
  }
}

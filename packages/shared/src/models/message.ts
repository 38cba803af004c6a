import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';

export class Message extends Model<InferAttributes<Message>, InferCreationAttributes<Message>> {
  declare messageId: CreationOptional<string>;
  declare conversationId: string;
  declare senderId: string;
  declare messageBody: string;
  /** Set by the application (millisecond precision) so keyset cursors built from JS dates stay exact. */
  declare sentAt: Date;
  declare editedAt: Date | null;

  static initModel(sequelize: Sequelize): typeof Message {
    return Message.init(
      {
        messageId: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        conversationId: { type: DataTypes.UUID, allowNull: false },
        senderId: { type: DataTypes.UUID, allowNull: false },
        messageBody: { type: DataTypes.TEXT, allowNull: false },
        sentAt: { type: DataTypes.DATE, allowNull: false },
        editedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { sequelize, tableName: 'messages', underscored: true, timestamps: false },
    );
  }
}

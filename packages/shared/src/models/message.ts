import { type CreationOptional, DataTypes, type InferAttributes, type InferCreationAttributes, Model, type Sequelize } from 'sequelize';

export class Message extends Model<InferAttributes<Message>, InferCreationAttributes<Message>> {
  declare messageId: CreationOptional<string>;
  declare conversationId: string;
  declare senderId: string;
  /** Empty once the message is a tombstone (deletedAt set). */
  declare messageBody: string;
  /** Set by the application (millisecond precision) so keyset cursors built from JS dates stay exact. */
  declare sentAt: Date;
  declare editedAt: Date | null;
  /** The top-level message this one replies to, or null for a top-level message. */
  declare parentMessageId: CreationOptional<string | null>;
  /** Replies to this message, kept by the application in the transactions that add and delete them. */
  declare replyCount: CreationOptional<number>;
  declare lastReplyAt: CreationOptional<Date | null>;
  /** Set when a message that has replies is deleted: its body is gone, the thread stays readable. */
  declare deletedAt: CreationOptional<Date | null>;

  static initModel(sequelize: Sequelize): typeof Message {
    return this.init(
      {
        messageId: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        conversationId: { type: DataTypes.UUID, allowNull: false },
        senderId: { type: DataTypes.UUID, allowNull: false },
        messageBody: { type: DataTypes.TEXT, allowNull: false },
        sentAt: { type: DataTypes.DATE, allowNull: false },
        editedAt: { type: DataTypes.DATE, allowNull: true },
        parentMessageId: { type: DataTypes.UUID, allowNull: true, defaultValue: null },
        replyCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        lastReplyAt: { type: DataTypes.DATE, allowNull: true, defaultValue: null },
        deletedAt: { type: DataTypes.DATE, allowNull: true, defaultValue: null },
      },
      { sequelize, tableName: 'messages', underscored: true, timestamps: false },
    );
  }
}

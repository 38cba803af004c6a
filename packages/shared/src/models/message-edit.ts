import { DataTypes, type InferAttributes, type InferCreationAttributes, Model, type Sequelize } from 'sequelize';

/** A body a message had before it was edited. Versions count from 1; the message row holds the newest. */
export class MessageEdit extends Model<InferAttributes<MessageEdit>, InferCreationAttributes<MessageEdit>> {
  declare messageId: string;
  declare version: number;
  declare messageBody: string;
  /** When this version was written (the send, or the edit that produced it). */
  declare writtenAt: Date;
  /** When the next edit replaced it. */
  declare replacedAt: Date;

  static initModel(sequelize: Sequelize): typeof MessageEdit {
    return this.init(
      {
        messageId: { type: DataTypes.UUID, primaryKey: true },
        version: { type: DataTypes.INTEGER, primaryKey: true },
        messageBody: { type: DataTypes.TEXT, allowNull: false },
        writtenAt: { type: DataTypes.DATE, allowNull: false },
        replacedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, tableName: 'message_edits', underscored: true, timestamps: false },
    );
  }
}

import { type CreationOptional, DataTypes, type InferAttributes, type InferCreationAttributes, Model, type Sequelize } from 'sequelize';

export class ConversationParticipant extends Model<
  InferAttributes<ConversationParticipant>,
  InferCreationAttributes<ConversationParticipant>
> {
  declare conversationId: string;
  declare userId: string;
  declare joinedAt: CreationOptional<Date>;
  /**
   * The read marker: the position (sent_at, message_id) of the last message this participant has read,
   * or null when nothing has been read. Unread messages are the others' messages after it.
   */
  declare lastReadSentAt: CreationOptional<Date | null>;
  declare lastReadMessageId: CreationOptional<string | null>;

  static initModel(sequelize: Sequelize): typeof ConversationParticipant {
    return this.init(
      {
        conversationId: { type: DataTypes.UUID, primaryKey: true },
        userId: { type: DataTypes.UUID, primaryKey: true },
        joinedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
        lastReadSentAt: { type: DataTypes.DATE, allowNull: true },
        lastReadMessageId: { type: DataTypes.UUID, allowNull: true },
      },
      { sequelize, tableName: 'conversation_participants', underscored: true, timestamps: false },
    );
  }
}

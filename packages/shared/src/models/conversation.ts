import { type CreationOptional, DataTypes, type InferAttributes, type InferCreationAttributes, Model, type Sequelize } from 'sequelize';

export const CONVERSATION_KINDS = ['direct', 'group'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export class Conversation extends Model<InferAttributes<Conversation>, InferCreationAttributes<Conversation>> {
  declare conversationId: CreationOptional<string>;
  declare createdById: string | null;
  /** `direct`: exactly two people, one conversation per pair; `group`: people can be added and leave. */
  declare kind: ConversationKind;
  declare title: string | null;
  /** For direct conversations, the pair's two user ids in ascending order (unique together); null for groups. */
  declare directUserLow: string | null;
  declare directUserHigh: string | null;
  /** When the conversation last had activity (creation or a new message); orders the conversation list. */
  declare lastActivityAt: Date;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof Conversation {
    return this.init(
      {
        conversationId: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        createdById: { type: DataTypes.UUID, allowNull: true },
        kind: { type: DataTypes.STRING(8), allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: true },
        directUserLow: { type: DataTypes.UUID, allowNull: true },
        directUserHigh: { type: DataTypes.UUID, allowNull: true },
        lastActivityAt: { type: DataTypes.DATE, allowNull: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'conversations', underscored: true, updatedAt: false },
    );
  }
}

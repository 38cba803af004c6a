import { DataTypes, type InferAttributes, type InferCreationAttributes, Model, type Sequelize } from 'sequelize';

/** A request made with an Idempotency-Key, and the response to replay when the same request comes again. */
export class IdempotencyKey extends Model<InferAttributes<IdempotencyKey>, InferCreationAttributes<IdempotencyKey>> {
  declare userId: string;
  /** The operation the key belongs to (e.g. `sendMessage`): a key is only compared within one. */
  declare scope: string;
  declare idempotencyKey: string;
  /** SHA-256 of the request's parameters and body, to tell a retry from a different request reusing the key. */
  declare requestHash: string;
  declare responseStatus: number | null;
  declare responseBody: unknown;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): typeof IdempotencyKey {
    return this.init(
      {
        userId: { type: DataTypes.UUID, primaryKey: true },
        scope: { type: DataTypes.STRING(64), primaryKey: true },
        idempotencyKey: { type: DataTypes.STRING(255), primaryKey: true },
        requestHash: { type: DataTypes.CHAR(64), allowNull: false },
        responseStatus: { type: DataTypes.INTEGER, allowNull: true },
        responseBody: { type: DataTypes.JSONB, allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, tableName: 'idempotency_keys', underscored: true, timestamps: false },
    );
  }
}

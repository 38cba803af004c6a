import { type CreationOptional, DataTypes, type InferAttributes, type InferCreationAttributes, Model, type Sequelize } from 'sequelize';

/**
 * One sign-in of a user to the API: live until it is ended (logout, sign-out everywhere, a password
 * change, deactivation, or reuse of a rotated refresh token). Its id is the refresh-token family's
 * and the access tokens' `sid`. (Not the web admin panel's sessions: those are AdminSession.)
 */
export class UserSession extends Model<InferAttributes<UserSession>, InferCreationAttributes<UserSession>> {
  declare userId: string;
  declare sessionId: string;
  declare createdAt: CreationOptional<Date>;
  declare endedAt: Date | null;

  static initModel(sequelize: Sequelize): typeof UserSession {
    return this.init(
      {
        userId: { type: DataTypes.UUID, primaryKey: true },
        sessionId: { type: DataTypes.UUID, primaryKey: true },
        createdAt: DataTypes.DATE,
        endedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { sequelize, tableName: 'user_sessions', underscored: true, updatedAt: false },
    );
  }
}

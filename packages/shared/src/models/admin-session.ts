import { DataTypes, type InferAttributes, type InferCreationAttributes, Model, type Sequelize } from 'sequelize';

/**
 * A signed-in session of the web admin panel (express-session, stored through
 * connect-session-sequelize), so staff stay signed in across restarts and replicas.
 */
export class AdminSession extends Model<InferAttributes<AdminSession>, InferCreationAttributes<AdminSession>> {
  declare sid: string;
  declare expires: Date | null;
  /** The session as JSON: the signed-in staff user's id, username and email. */
  declare data: string;

  static initModel(sequelize: Sequelize): typeof AdminSession {
    return this.init(
      {
        sid: { type: DataTypes.STRING(255), primaryKey: true },
        expires: { type: DataTypes.DATE, allowNull: true },
        data: { type: DataTypes.TEXT, allowNull: false },
      },
      { sequelize, tableName: 'admin_sessions', underscored: true, timestamps: false },
    );
  }
}

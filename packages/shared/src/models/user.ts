import { type CreationOptional, DataTypes, type InferAttributes, type InferCreationAttributes, Model, type Sequelize } from 'sequelize';

export const USER_ROLES = ['guest', 'host', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare userId: CreationOptional<string>;
  declare username: string;
  declare email: string;
  declare passwordHash: string;
  declare firstName: string;
  declare lastName: string;
  declare phoneNumber: string | null;
  declare role: CreationOptional<UserRole>;
  declare isStaff: CreationOptional<boolean>;
  declare isActive: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof User {
    return this.init(
      {
        userId: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        username: { type: DataTypes.STRING(150), allowNull: false },
        email: { type: DataTypes.STRING(254), allowNull: false },
        passwordHash: { type: DataTypes.TEXT, allowNull: false },
        firstName: { type: DataTypes.STRING(150), allowNull: false },
        lastName: { type: DataTypes.STRING(150), allowNull: false },
        phoneNumber: { type: DataTypes.STRING(32), allowNull: true },
        role: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'guest' },
        isStaff: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        isActive: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'users', underscored: true },
    );
  }
}

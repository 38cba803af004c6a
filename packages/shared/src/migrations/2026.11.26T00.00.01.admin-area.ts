import { DataTypes } from 'sequelize';
import type { Migration } from '../db/migration';

export const name = '2026.11.26T00.00.01.admin-area';

/** Sessions of the web admin panel, and an index for the admin's "messages sent today" count. */
export const up: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  await qi.createTable(
    'admin_sessions',
    {
      sid: { type: DataTypes.STRING(255), primaryKey: true },
      expires: { type: DataTypes.DATE, allowNull: true },
      data: { type: DataTypes.TEXT, allowNull: false },
    },
    { transaction },
  );
  // Expired sessions are deleted by expiry time, periodically.
  await qi.addIndex('admin_sessions', ['expires'], { name: 'admin_sessions_expires_idx', transaction });
  await qi.addIndex('messages', ['sent_at'], { name: 'messages_sent_at_idx', transaction });
};

export const down: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  await qi.removeIndex('messages', 'messages_sent_at_idx', { transaction });
  await qi.dropTable('admin_sessions', { transaction });
};

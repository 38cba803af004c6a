import { DataTypes } from 'sequelize';
import type { Migration } from '../db/migration';

export const name = '2026.11.25T00.00.00.initial-schema';

export const up: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  const opts = { transaction };
  const now = { type: DataTypes.DATE, allowNull: false };

  await qi.createTable(
    'users',
    {
      user_id: { type: DataTypes.UUID, primaryKey: true },
      username: { type: DataTypes.STRING(150), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: false },
      password_hash: { type: DataTypes.TEXT, allowNull: false },
      first_name: { type: DataTypes.STRING(150), allowNull: false },
      last_name: { type: DataTypes.STRING(150), allowNull: false },
      phone_number: { type: DataTypes.STRING(32), allowNull: true },
      role: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'guest' },
      is_staff: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: now,
      updated_at: now,
    },
    opts,
  );
  await qi.sequelize.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('guest', 'host', 'admin'))`, opts);
  // Sign-in and uniqueness are case-insensitive, so the unique indexes are on lower().
  await qi.sequelize.query('CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username))', opts);
  await qi.sequelize.query('CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))', opts);
  await qi.addIndex('users', ['created_at', 'user_id'], { name: 'users_created_at_user_id_idx', ...opts });

  await qi.createTable(
    'refresh_tokens',
    {
      token_id: { type: DataTypes.UUID, primaryKey: true },
      user_id: {
        type: DataTypes.UUID,
        allowNull: false,
        references: { model: 'users', key: 'user_id' },
        onDelete: 'CASCADE',
      },
      family_id: { type: DataTypes.UUID, allowNull: false },
      expires_at: now,
      revoked_at: { type: DataTypes.DATE, allowNull: true },
      replaced_by_id: { type: DataTypes.UUID, allowNull: true },
      created_at: now,
    },
    opts,
  );
  await qi.addIndex('refresh_tokens', ['user_id'], { name: 'refresh_tokens_user_id_idx', ...opts });
  await qi.addIndex('refresh_tokens', ['family_id'], { name: 'refresh_tokens_family_id_idx', ...opts });

  await qi.createTable(
    'conversations',
    {
      conversation_id: { type: DataTypes.UUID, primaryKey: true },
      created_by_id: {
        type: DataTypes.UUID,
        allowNull: true,
        references: { model: 'users', key: 'user_id' },
        onDelete: 'SET NULL',
      },
      last_activity_at: now,
      created_at: now,
    },
    opts,
  );

  await qi.createTable(
    'conversation_participants',
    {
      conversation_id: {
        type: DataTypes.UUID,
        primaryKey: true,
        references: { model: 'conversations', key: 'conversation_id' },
        onDelete: 'CASCADE',
      },
      user_id: {
        type: DataTypes.UUID,
        primaryKey: true,
        references: { model: 'users', key: 'user_id' },
        onDelete: 'CASCADE',
      },
      joined_at: now,
    },
    opts,
  );
  // The primary key serves lookups by conversation; this one serves "my conversations".
  await qi.addIndex('conversation_participants', ['user_id', 'conversation_id'], {
    name: 'conversation_participants_user_id_idx',
    ...opts,
  });

  await qi.createTable(
    'messages',
    {
      message_id: { type: DataTypes.UUID, primaryKey: true },
      conversation_id: {
        type: DataTypes.UUID,
        allowNull: false,
        references: { model: 'conversations', key: 'conversation_id' },
        onDelete: 'CASCADE',
      },
      sender_id: {
        type: DataTypes.UUID,
        allowNull: false,
        references: { model: 'users', key: 'user_id' },
        onDelete: 'CASCADE',
      },
      message_body: { type: DataTypes.TEXT, allowNull: false },
      sent_at: now,
      edited_at: { type: DataTypes.DATE, allowNull: true },
    },
    opts,
  );
  // Serves the message list in both orders, its keyset/offset pages, date-range filters and the
  // latest-message lookup per conversation; it also covers the conversation_id foreign key.
  await qi.addIndex('messages', ['conversation_id', 'sent_at', 'message_id'], {
    name: 'messages_conversation_sent_at_id_idx',
    ...opts,
  });
  await qi.addIndex('messages', ['sender_id'], { name: 'messages_sender_id_idx', ...opts });
};

export const down: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  for (const table of ['messages', 'conversation_participants', 'conversations', 'refresh_tokens', 'users']) {
    await qi.dropTable(table, { transaction });
  }
};

import { DataTypes } from 'sequelize';
import type { Migration } from '../db/migration';

export const name = '2026.11.26T00.00.02.rate-limit-hits';

/**
 * Rate-limit counters live in the database so every API process counts the same hits: one row per
 * limited key (limiter name + user, account or IP), reset when its window has passed.
 */
export const up: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  await qi.createTable(
    'rate_limit_hits',
    {
      key: { type: DataTypes.TEXT, primaryKey: true },
      hits: { type: DataTypes.INTEGER, allowNull: false },
      reset_at: { type: DataTypes.DATE, allowNull: false },
    },
    { transaction },
  );
  // Sweeping expired windows is a range scan on this index.
  await qi.addIndex('rate_limit_hits', ['reset_at'], { name: 'rate_limit_hits_reset_at_idx', transaction });
};

export const down: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  await qi.dropTable('rate_limit_hits', { transaction });
};

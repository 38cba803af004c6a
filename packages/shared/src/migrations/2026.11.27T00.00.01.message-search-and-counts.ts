import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.27T00.00.01.message-search-and-counts';

/**
 * Two things the benchmark showed (docs/performance.md):
 *
 * - `search` is `message_body ILIKE '%term%'`, which no B-tree can serve: in a conversation of a
 *   million messages PostgreSQL read every one of them. A trigram GIN index (pg_trgm, shipped with
 *   PostgreSQL and with PGlite as a contrib extension) answers it from the index. The index leads
 *   with conversation_id (btree_gin, also a contrib extension of both), so a common word is
 *   narrowed to the one conversation inside the index instead of matching it in every conversation.
 * - Every numbered page of a conversation counted its messages (`count(*)` over the whole
 *   conversation): cheap for a thousand, 40+ ms for a million, on every page. The count is now kept
 *   on the conversation by a statement-level trigger, in the same transaction as the insert or
 *   delete, so it is exact; lists with filters still count what matches.
 * - The B-tree on messages(sent_at) (for the admin statistics' "messages since") offered the planner
 *   a way to read a big conversation's newest page: walk all messages newest first and keep that
 *   conversation's. It took it for the million-message conversation, and then every newer message
 *   of every other conversation was read and thrown away (20,600 rows for a page of 20 after a burst
 *   of sends elsewhere). A BRIN index serves the admin's time-range count just as well (messages
 *   arrive in time order) and cannot return rows in order, so the (conversation_id, sent_at,
 *   message_id) index is the only ordered path left.
 */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await run('CREATE EXTENSION IF NOT EXISTS btree_gin');
  await run('CREATE INDEX messages_body_trgm_idx ON messages USING gin (conversation_id, message_body gin_trgm_ops)');

  await run('DROP INDEX messages_sent_at_idx');
  await run('CREATE INDEX messages_sent_at_brin_idx ON messages USING brin (sent_at)');

  await run('ALTER TABLE conversations ADD COLUMN message_count bigint NOT NULL DEFAULT 0');
  await run(`UPDATE conversations c
                SET message_count = counted.n
               FROM (SELECT conversation_id, count(*) AS n FROM messages GROUP BY conversation_id) counted
              WHERE counted.conversation_id = c.conversation_id`);
  // Per statement, with the statement's rows as a table: a bulk INSERT ... SELECT of a million
  // messages updates each conversation once, not a million times.
  await run(`CREATE FUNCTION messages_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               UPDATE conversations c SET message_count = c.message_count + added.n
                 FROM (SELECT conversation_id, count(*) AS n FROM inserted GROUP BY conversation_id) added
                WHERE c.conversation_id = added.conversation_id;
               RETURN NULL;
             END $$`);
  await run(`CREATE FUNCTION messages_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               UPDATE conversations c SET message_count = c.message_count - removed.n
                 FROM (SELECT conversation_id, count(*) AS n FROM deleted GROUP BY conversation_id) removed
                WHERE c.conversation_id = removed.conversation_id;
               RETURN NULL;
             END $$`);
  await run(`CREATE TRIGGER messages_count_inserted AFTER INSERT ON messages
             REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION messages_count_inserted()`);
  await run(`CREATE TRIGGER messages_count_deleted AFTER DELETE ON messages
             REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION messages_count_deleted()`);
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('DROP TRIGGER messages_count_deleted ON messages');
  await run('DROP TRIGGER messages_count_inserted ON messages');
  await run('DROP FUNCTION messages_count_deleted()');
  await run('DROP FUNCTION messages_count_inserted()');
  await run('ALTER TABLE conversations DROP COLUMN message_count');
  await run('DROP INDEX messages_body_trgm_idx');
  await run('DROP INDEX messages_sent_at_brin_idx');
  await run('CREATE INDEX messages_sent_at_idx ON messages (sent_at)');
};

import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.30T00.00.00.published-views-and-message-counts';

/**
 * Two changes of the API's module structure (docs/architecture.md), no change in behaviour:
 *
 * - **Published views.** Each module owns its tables; where another module's statements need a few of
 *   its columns in the same statement (a message list shows each sender's name; an event goes to the
 *   conversation's members), the owner publishes a view of just those columns, and the others join the
 *   view, never the table. The owner may change its table behind the view. Simple views are inlined by
 *   the planner: the join costs what joining the table costs.
 *   - `user_summaries` (users module): what anyone may see of a person.
 *   - `conversation_members` (conversations module): who is in which conversation now.
 * - **Message counts kept by the statements that change them.** A statement-level trigger kept
 *   `conversations.message_count`, so every send updated the conversation row twice (the trigger, then
 *   the last-activity update). The send now sets both in one UPDATE, and deletes take the count down
 *   themselves; triggers that update other tables are also what a distributed database (Citus) cannot
 *   run where the rows live.
 */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('CREATE VIEW user_summaries AS SELECT user_id, username, first_name, last_name, is_active FROM users');
  await run('CREATE VIEW conversation_members AS SELECT conversation_id, user_id, joined_at FROM conversation_participants');
  await run('DROP TRIGGER messages_count_inserted ON messages');
  await run('DROP TRIGGER messages_count_deleted ON messages');
  await run('DROP FUNCTION messages_count_inserted()');
  await run('DROP FUNCTION messages_count_deleted()');
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
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
  await run('DROP VIEW conversation_members');
  await run('DROP VIEW user_summaries');
};

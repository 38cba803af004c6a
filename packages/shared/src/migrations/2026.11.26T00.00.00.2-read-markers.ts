import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.26T00.00.00.2-read-markers';
/** Recorded instead, with its five siblings, where the one migration they were split from already ran. */
export const replaces = '2026.11.26T00.00.00.messaging-features';

/** Read markers: each participant's position in the conversation, for unread counts. */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
  // Read markers: the (sent_at, message_id) position of the last message read, so the unread count is a
  // range count on messages_conversation_sent_at_id_idx. No foreign key: the position stays meaningful
  // after that message is deleted.
  await run(`
    ALTER TABLE conversation_participants
      ADD COLUMN last_read_sent_at timestamptz NULL,
      ADD COLUMN last_read_message_id uuid NULL,
      ADD CONSTRAINT conversation_participants_read_marker_check CHECK ((last_read_sent_at IS NULL) = (last_read_message_id IS NULL))`);
  // Existing participants start with everything read, rather than with their whole history unread.
  await run(`
    UPDATE conversation_participants p
       SET last_read_sent_at = latest.sent_at, last_read_message_id = latest.message_id
      FROM conversations c
      CROSS JOIN LATERAL (
        SELECT m.sent_at, m.message_id FROM messages m
         WHERE m.conversation_id = c.conversation_id
         ORDER BY m.sent_at DESC, m.message_id DESC
         LIMIT 1
      ) latest
     WHERE c.conversation_id = p.conversation_id`);
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('ALTER TABLE conversation_participants DROP COLUMN last_read_sent_at, DROP COLUMN last_read_message_id');
};

import type { ConversationKind } from '@messaging-app/shared';

export interface ConversationRecord {
  conversationId: string;
  createdById: string | null;
  kind: ConversationKind;
  title: string | null;
  createdAt: Date;
  lastActivityAt: Date;
  messageCount: number;
}

export interface ConversationRow {
  conversation_id: string;
  created_by_id: string | null;
  kind: ConversationKind;
  title: string | null;
  created_at: Date;
  last_activity_at: Date;
  message_count: string | number;
}

export function conversationFromRow(row: ConversationRow): ConversationRecord {
  return {
    conversationId: row.conversation_id,
    createdById: row.created_by_id,
    kind: row.kind,
    title: row.title,
    createdAt: new Date(row.created_at),
    lastActivityAt: new Date(row.last_activity_at),
    messageCount: Number(row.message_count),
  };
}

/** A participant's read marker: the position of the last message they read, if any. */
export interface ReadMarker {
  lastReadSentAt: Date | null;
  lastReadMessageId: string | null;
}

/** The two people of a direct conversation, in the order the unique pair index stores them. */
export function directPair(a: string, b: string): { low: string; high: string } {
  const [low, high] = [a.toLowerCase(), b.toLowerCase()].sort();
  return { low, high };
}

import { validationFailed } from '../../platform/errors/app-error';

/** Where a message sits in a conversation's order: by sent time, ties broken by id. */
export interface Position {
  sentAt: Date;
  messageId: string;
}

const CURSOR_TEXT = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Cursors are opaque to clients: base64url of "<epoch milliseconds>.<message id>". `sent_at` is set by
 * the application with millisecond precision, so the position is exact.
 */
export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.sentAt.getTime()}.${position.messageId}`).toString('base64url');
}

/** Decodes a cursor given as query parameter `parameter`; anything else is a 400 naming it. */
export function decodeCursor(value: string, parameter: string): Position {
  const match = /^[A-Za-z0-9_-]+$/.test(value) ? CURSOR_TEXT.exec(Buffer.from(value, 'base64url').toString('latin1')) : null;
  const sentAt = match ? new Date(Number(match[1])) : undefined;
  if (!match || !sentAt || Number.isNaN(sentAt.getTime())) {
    throw validationFailed(`Invalid ${parameter} cursor.`, {
      [parameter]: 'Must be a cursor from next_cursor or prev_cursor of a message list.',
    });
  }
  return { sentAt, messageId: match[2] };
}

export function positionOf(message: { sentAt: Date; messageId: string }): Position {
  return { sentAt: message.sentAt, messageId: message.messageId };
}

import type { Request } from 'express';
import { decodeCursor, encodeCursor, type Position } from './cursor';
import { requestUrlWith } from '../../platform/http/links';
import { pageRequest, toEnvelope, type PageParams, type PageRequest } from '../../platform/http/pagination';
import { validationFailed } from '../../platform/errors/app-error';
import type { Message, MessagePage } from './message.dto';
import type { Direction, MessageOrdering } from './messages.queries';

/** Which slice of a message list to answer: a numbered page, or the messages next to a cursor. */
export type MessageWindow =
  { kind: 'page'; page: PageRequest } | { kind: 'cursor'; direction: Direction; from: Position; pageSize: number };

/** What lies on one side (older or newer) of a page. */
export interface Side {
  /** Where to resume from on that side, if anywhere. */
  cursor: string | null;
  /** Whether messages exist on that side right now. */
  more: boolean;
}

export interface WindowOfMessages {
  window: MessageWindow;
  /** The total, for numbered pages only. */
  count: number | null;
  results: Message[];
  older: Side;
  newer: Side;
}

/** Reads `page`/`page_size`/`before`/`after`: either a page number or one cursor, never both. */
export function messageWindow(params: PageParams & { before?: string; after?: string }): MessageWindow {
  const { page, pageSize } = pageRequest(params);
  if (params.before !== undefined && params.after !== undefined) {
    throw validationFailed('Give either before or after, not both.', { after: 'Not allowed together with before.' });
  }
  const cursor = params.before ?? params.after;
  if (cursor === undefined) return { kind: 'page', page: { page, pageSize } };
  if (params.page !== undefined) {
    throw validationFailed('Give either page or a cursor (before/after), not both.', { page: 'Not allowed together with a cursor.' });
  }
  const parameter = params.before !== undefined ? 'before' : 'after';
  return {
    kind: 'cursor',
    direction: parameter === 'before' ? 'older' : 'newer',
    from: decodeCursor(cursor, parameter),
    pageSize,
  };
}

/** The older and newer sides of a page whose oldest and newest positions are given (or, if empty, the cursor it came from). */
export function sidesOf(edges: { oldest?: Position; newest?: Position; hasOlder: boolean; hasNewer: boolean }): {
  older: Side;
  newer: Side;
} {
  return {
    // History does not grow backwards: once nothing is older, there is nowhere to resume.
    older: { cursor: edges.hasOlder && edges.oldest ? encodeCursor(edges.oldest) : null, more: edges.hasOlder },
    // New messages keep arriving: the newest position is always worth keeping, to catch up from later.
    newer: { cursor: edges.newest ? encodeCursor(edges.newest) : null, more: edges.hasNewer },
  };
}

/**
 * The wire envelope. `next` follows the list's order (older messages for newest-first, newer ones for
 * `ordering=sent_at`) and `previous` goes back; for cursor windows, the links carry `before`/`after`.
 */
export function toMessagePage(req: Request, ordering: MessageOrdering, page: WindowOfMessages): MessagePage {
  const newestFirst = ordering === '-sent_at';
  const forward = newestFirst ? page.older : page.newer;
  const backward = newestFirst ? page.newer : page.older;
  const cursors = { next_cursor: forward.cursor, prev_cursor: backward.cursor };

  if (page.window.kind === 'page') {
    const { count, next, previous, results } = toEnvelope(req, { ...page.window.page, count: page.count ?? 0, results: page.results });
    return { count, next, previous, ...cursors, results };
  }
  const link = (side: Side, parameter: 'before' | 'after') =>
    side.more && side.cursor ? requestUrlWith(req, { [parameter]: side.cursor }, ['page', 'before', 'after']) : null;
  return {
    count: null,
    next: link(forward, newestFirst ? 'before' : 'after'),
    previous: link(backward, newestFirst ? 'after' : 'before'),
    ...cursors,
    results: page.results,
  };
}

import { validationFailed } from '../../platform/errors/app-error';
import type { MessageOrderingParam } from './message.dto';
import type { MessageFilters } from './messages.queries';

/** The list's query parameters, as the API takes them. */
export interface MessageListQuery {
  sender?: string;
  start_date?: string;
  end_date?: string;
  search?: string;
  ordering?: MessageOrderingParam;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** True when year-month-day is a real calendar day (no 2026-02-30, which Date would roll over). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/**
 * Parses an ISO 8601 date (a whole UTC day) or date-time (no offset means UTC).
 * Returns the instant, and for dates the start of the following day, or undefined if malformed.
 */
function parseDateParam(value: string): { at: Date; dateOnly: boolean; nextDay?: Date } | undefined {
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const [year, month, day] = dateOnly.slice(1).map(Number);
    if (!isCalendarDay(year, month, day)) return undefined;
    return { at: new Date(Date.UTC(year, month - 1, day)), dateOnly: true, nextDay: new Date(Date.UTC(year, month - 1, day + 1)) };
  }
  const dateTime = DATE_TIME.exec(value);
  if (!dateTime) return undefined;
  const [year, month, day] = dateTime.slice(1, 4).map(Number);
  if (!isCalendarDay(year, month, day)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const at = new Date(hasZone ? value : `${value}Z`);
  return Number.isNaN(at.getTime()) ? undefined : { at, dateOnly: false };
}

/**
 * Turns the list's query parameters into filters; undefined when no message can match (a sender
 * username nobody has). `findUserId` resolves a username, case-insensitively.
 */
export async function resolveFilters(
  query: MessageListQuery,
  findUserId: (username: string) => Promise<string | undefined>,
): Promise<MessageFilters | undefined> {
  const errors: Record<string, string> = {};
  const start = query.start_date === undefined ? undefined : parseDateParam(query.start_date);
  const end = query.end_date === undefined ? undefined : parseDateParam(query.end_date);
  if (query.start_date !== undefined && !start)
    errors.start_date = 'Must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z).';
  if (query.end_date !== undefined && !end) errors.end_date = 'Must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z).';
  // A date-only end_date runs to the end of its day, so it may share that day with a date-time start_date.
  const emptyRange = start && end && (end.dateOnly ? start.at >= (end.nextDay as Date) : start.at > end.at);
  if (emptyRange) errors.end_date = 'Must not be before start_date.';
  if (Object.keys(errors).length > 0) throw validationFailed('Invalid message filters.', errors);

  const filters: MessageFilters = {
    sentFrom: start?.at,
    // A date-only end_date includes that whole day.
    sentTo: end ? (end.dateOnly ? { at: end.nextDay as Date, inclusive: false } : { at: end.at, inclusive: true }) : undefined,
    search: query.search || undefined,
  };
  if (query.sender) {
    if (UUID_PATTERN.test(query.sender)) {
      filters.senderId = query.sender.toLowerCase();
    } else {
      const senderId = await findUserId(query.sender);
      if (!senderId) return undefined;
      filters.senderId = senderId;
    }
  }
  return filters;
}

import { Writable } from 'node:stream';
import pino, { type Level, type Logger } from 'pino';
import { REDACTED_PATHS } from '../../src/platform/observability/logger';

export interface CapturedLogs {
  /** A logger like the API's own (same redaction), writing here instead of stdout. */
  logger: Logger;
  /** Every line written so far, parsed. */
  entries(): Array<Record<string, unknown>>;
  /** Every line written so far, as written. */
  lines: string[];
}

/** A logger whose lines the test can read: for asserting what the API logs (and what it never does). */
export function captureLogs(level: Level = 'info'): CapturedLogs {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

import { createHash } from 'node:crypto';
import type { Database, Transaction } from '@messaging-app/shared';
import { conflict } from '../errors/app-error';
import type { IdempotencyKeysRepository } from './idempotency.repository';

/** How long a key is remembered: at least a day, so a client can retry across a long outage. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** Expired keys are purged at most this often, by whichever request comes first. */
const PURGE_INTERVAL_MS = 10 * 60 * 1000;

/** What an operation answered: its status and body, as replayed later for the same key. */
export interface Outcome<T> {
  status: number;
  body: T;
}

export interface IdempotentRequest {
  userId: string;
  /** The operation (e.g. `sendMessage`); keys are per user and operation. */
  scope: string;
  /** The client's Idempotency-Key, if it sent one. */
  key?: string;
  /** Everything that defines the request (path parameters and body), to recognise a retry. */
  payload: unknown;
}

/** JSON with object keys sorted, so the same request always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

/**
 * Runs create operations at most once per Idempotency-Key. The key is claimed in the same transaction
 * as the work and stores the response there, so either both happen or neither. A retry with the same
 * key and request gets the stored response (`replayed`); a concurrent duplicate waits on the key's
 * primary key until the first commits, then replays it; the same key with a different request is a
 * 409. Failures are not stored: the transaction rolls back with them, so a retry runs again.
 */
export class IdempotencyService {
  private lastPurgeAt = 0;

  constructor(
    private readonly db: Database,
    private readonly keys: IdempotencyKeysRepository,
  ) {}

  /**
   * `authorize`, when given, runs first in the same transaction, before the key is looked at: what a
   * replay must pass too (the caller still has access), and the locks that keep it true to the commit.
   */
  async run<T>(
    request: IdempotentRequest,
    work: (transaction: Transaction) => Promise<Outcome<T>>,
    authorize?: (transaction: Transaction) => Promise<void>,
  ): Promise<Outcome<T> & { replayed: boolean }> {
    if (request.key === undefined) {
      const outcome = await this.db.transaction(async (transaction) => {
        await authorize?.(transaction);
        return work(transaction);
      });
      return { ...outcome, replayed: false };
    }
    const ref = { userId: request.userId, scope: request.scope, key: request.key };
    const hash = requestHash(request.payload);
    await this.purgeExpired();

    return this.db.transaction(async (transaction) => {
      await authorize?.(transaction);
      const at = new Date();
      const claimed = await this.keys.claim(
        { ...ref, requestHash: hash, at, expiredBefore: new Date(at.getTime() - IDEMPOTENCY_KEY_TTL_MS) },
        transaction,
      );
      if (!claimed) return { ...(await this.replay<T>(ref, hash, transaction)), replayed: true };
      const outcome = await work(transaction);
      // Stored as the JSON the client received, so a replay is byte-for-byte the same answer.
      await this.keys.saveResponse({ ...ref, status: outcome.status, body: JSON.parse(JSON.stringify(outcome.body)) }, transaction);
      return { ...outcome, replayed: false };
    });
  }

  private async replay<T>(
    ref: { userId: string; scope: string; key: string },
    hash: string,
    transaction: Transaction,
  ): Promise<Outcome<T>> {
    const stored = await this.keys.find(ref, transaction);
    if (!stored || stored.status === null || stored.requestHash !== hash) {
      throw conflict('This Idempotency-Key was already used for a different request.', {
        'Idempotency-Key': 'Use a new key for a new request; reuse a key only to retry the same request.',
      });
    }
    return { status: stored.status, body: stored.body as T };
  }

  private async purgeExpired(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurgeAt < PURGE_INTERVAL_MS) return;
    this.lastPurgeAt = now;
    await this.keys.purgeOlderThan(new Date(now - IDEMPOTENCY_KEY_TTL_MS));
  }
}

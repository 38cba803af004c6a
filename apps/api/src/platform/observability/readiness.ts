import { createMigrator, type Database } from '@messaging-app/shared';
import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

/** Long enough for a healthy database under load; short enough that an orchestrator's probe never hangs. */
export const READINESS_TIMEOUT_MS = 2_000;

class NotReady extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NotReady(message)), ms);
  });
  // The abandoned query settles later on its own (or fails with the connection); nobody waits for it.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function check(db: Database): Promise<void> {
  try {
    await db.ping();
  } catch {
    throw new NotReady('The database is unreachable.');
  }
  const pending = await createMigrator(db.sequelize).pending();
  if (pending.length > 0) {
    throw new NotReady(`Database migrations are pending: ${pending.map((migration) => migration.name).join(', ')}.`);
  }
}

/** GET /readyz: 200 when the database answers and every migration is applied, else 503 in the error shape. */
export function readinessEndpoint(db: Database, timeoutMs = READINESS_TIMEOUT_MS): RequestHandler {
  return async (_req, res, next) => {
    try {
      await withTimeout(check(db), timeoutMs, `The database did not answer within ${timeoutMs} ms.`);
      res.set('Cache-Control', 'no-store').json({ status: 'ready' });
    } catch (error) {
      const message = error instanceof NotReady ? error.message : 'The readiness check failed.';
      next(new AppError('service_unavailable', message));
    }
  };
}

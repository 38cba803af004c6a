import { createScratchDatabase } from '@messaging-app/shared';

/**
 * With DATABASE_URL set (CI's PostgreSQL run), every test file gets a database of its own, created
 * here and dropped afterwards, so files can run in parallel and never see each other's rows.
 * Without it, the server under test starts its own in-memory PGlite.
 */
export async function createIsolatedDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return { url: undefined, drop: () => Promise.resolve() };
  return createScratchDatabase(adminUrl, 'messaging_test');
}

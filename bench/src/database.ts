import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createScratchDatabase, openDatabase, type ScratchDatabase } from '@messaging-app/shared';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The server to benchmark on: DATABASE_URL, or the machine's PostgreSQL started by the repo's script. */
export function resolveAdminUrl(adminUrl: string | undefined): string {
  if (adminUrl) return adminUrl;
  const script = path.join(REPO_ROOT, 'scripts', 'start-postgres.sh');
  return execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/**
 * A database of its own for this run, with the schema made by our migrations (never by hand, so the
 * benchmark follows the schema as it changes). Nothing of the developer's own database is touched.
 */
export async function createBenchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const scratch = await createScratchDatabase(adminUrl, 'bench');
  try {
    const db = await openDatabase({ databaseUrl: scratch.url });
    try {
      await db.migrate();
    } finally {
      await db.close();
    }
    return scratch;
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}

// A database of the fuzz run's own on the PostgreSQL server FUZZ_DATABASE_URL points at:
//   node scripts/fuzz/scratch-database.mjs create   → prints the new database's connection string
//   node scripts/fuzz/scratch-database.mjs drop URL → drops it (connections still open are ended)
import pg from 'pg';
import { createScratchDatabase } from '@messaging-app/shared';

const [command, url] = process.argv.slice(2);
const adminUrl = process.env.FUZZ_DATABASE_URL;
if (!adminUrl) throw new Error('FUZZ_DATABASE_URL is not set');

if (command === 'create') {
  console.log((await createScratchDatabase(adminUrl, 'fuzz')).url);
} else if (command === 'drop' && url) {
  const name = new URL(url).pathname.slice(1);
  if (!/^fuzz_[0-9a-f]+$/.test(name)) throw new Error(`not a fuzz scratch database: ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
} else {
  throw new Error('usage: node scripts/fuzz/scratch-database.mjs create | drop URL');
}

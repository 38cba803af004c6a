// Starts the real API for the Python SDK's tests, in this process, the way the TypeScript SDK's tests do
// (test/support/api-server.ts): real HTTP on a free port of 127.0.0.1, an in-memory PGlite database, or
// a scratch database of its own on the PostgreSQL server DATABASE_URL names. tests/support/api_server.py
// drives it:
//
//   node api-server.mjs '{"ACCESS_TOKEN_TTL": "2s"}'    (settings on top of the test defaults)
//   stdout: API_READY {"url": "http://127.0.0.1:PORT"}
//   stdin, one JSON command a line:  {"make_staff": "<user id>"}  ->  stdout: API_DONE {"ok": true}
//
// It stops the server and drops the scratch database when stdin closes (the test run ended, or died),
// or on SIGTERM/SIGINT, so nothing outlives the run.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const { loadConfig, startServer } = require('@messaging-app/api');
const { createScratchDatabase } = require('@messaging-app/shared');

// The suites register, sign in and send at machine speed from one address: limits that never trip.
const GENEROUS_RATE_LIMITS = {
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '100000/1m',
  RATE_LIMIT_SIGN_IN_PER_IP: '100000/1m',
  RATE_LIMIT_REGISTRATIONS_PER_IP: '100000/1m',
  RATE_LIMIT_MESSAGES_PER_USER: '100000/1m',
};

const settings = JSON.parse(process.argv[2] ?? '{}');
const adminUrl = process.env.DATABASE_URL;
const database = adminUrl ? await createScratchDatabase(adminUrl, 'messaging_sdk_python_test') : undefined;
const config = loadConfig(
  {
    NODE_ENV: 'test',
    ADMIN_PANEL: 'false',
    DEMO_PAGE: 'false',
    ...GENEROUS_RATE_LIMITS,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...settings,
  },
  { port: 0, host: '127.0.0.1', pgliteDataDir: 'memory://' },
);
const running = await startServer(config);

let stopping;
function stop() {
  stopping ??= (async () => {
    await running.stop();
    await database?.drop();
  })().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
  return stopping;
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

const commands = createInterface({ input: process.stdin });
commands.on('line', async (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  if (command.make_staff) {
    await running.db.models.User.update({ isStaff: true }, { where: { userId: command.make_staff } });
  }
  process.stdout.write(`API_DONE ${JSON.stringify({ ok: true })}\n`);
});
commands.on('close', stop);

process.stdout.write(`API_READY ${JSON.stringify({ url: running.url })}\n`);

// Realtime delivery latency: message POST → event received, with N event streams open.
//
//   DATABASE_URL=postgres://... node apps/api/scripts/realtime-latency.mjs [--streams 100] [--messages 300] [--interval 20]
//
// Starts the built API (apps/api/dist/main.js) on a scratch database created from DATABASE_URL (an
// account that may CREATE DATABASE; dropped afterwards), with rate limits off. Registers `streams`
// users in groups of at most 100 (the participant limit), opens one stream per user, then sends
// `messages` messages (one every `interval` ms, round-robin over the groups) and times, for every
// receiving stream, the POST's start to the event's arrival. Prints p50/p90/p99/max in ms. The
// clients run in this process, on the same machine as the server and the database.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createScratchDatabase, freePort } from '@messaging-app/shared';

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '100' },
    messages: { type: 'string', default: '300' },
    interval: { type: 'string', default: '20' },
  },
});
const STREAMS = Number(values.streams);
const MESSAGES = Number(values.messages);
const INTERVAL_MS = Number(values.interval);
const GROUP = 100;
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const PASSWORD = 'latency-password-123';

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL server (bash scripts/start-postgres.sh prints one).');
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(base, method, route, { token, body } = {}) {
  const res = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** One stream; calls onEvent(parsedEvent, arrivalTime) for each domain event. */
function openStream(base, token, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/events`, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        const arrived = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === 'ready') resolve(req);
          else if (event === 'message.created') onEvent(JSON.parse(data), arrived);
        }
      });
    });
    req.on('error', reject);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const scratch = await createScratchDatabase(process.env.DATABASE_URL, 'realtime_latency');
const port = await freePort();
const server = spawn(process.execPath, [MAIN], {
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DATABASE_URL: scratch.url,
    JWT_SECRET: 'latency-measurement-secret-'.padEnd(48, 'x'),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ADMIN_PANEL: 'false',
    METRICS_TOKEN: 'latency-metrics-token-xyz',
    RATE_LIMIT_SIGN_IN_PER_ACCOUNT: 'off',
    RATE_LIMIT_SIGN_IN_PER_IP: 'off',
    RATE_LIMIT_REGISTRATIONS_PER_IP: 'off',
    RATE_LIMIT_MESSAGES_PER_USER: 'off',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
const streams = [];
try {
  for (let i = 0; ; i += 1) {
    if (i > 150) throw new Error('the API did not start');
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(200);
  }

  // Users, signed in, in groups of at most 100.
  const run = Date.now().toString(36);
  const users = [];
  for (let i = 0; i < STREAMS; i += 1) {
    const username = `lat_${run}_${i}`;
    await call(base, 'POST', '/users/', {
      body: { username, email: `${username}@example.com`, password: PASSWORD, first_name: 'L', last_name: 'T' },
    });
    const signedIn = await call(base, 'POST', '/token/', { body: { username, password: PASSWORD } });
    users.push({ id: signedIn.user.user_id, token: signedIn.access });
  }
  const groups = [];
  for (let i = 0; i < users.length; i += GROUP) {
    const members = users.slice(i, i + GROUP);
    const created = await call(base, 'POST', '/conversations/', {
      token: members[0].token,
      body: { participant_ids: members.slice(1).map((u) => u.id), kind: 'group' },
    });
    groups.push({ id: created.conversation_id, members });
  }

  // One stream per user; every arrival of a timed message is one sample.
  const sentAt = new Map();
  const samples = [];
  let expected = 0;
  for (const user of users) {
    streams.push(
      await openStream(base, user.token, (event, arrived) => {
        const started = sentAt.get(event.data.message.message_body);
        if (started !== undefined) samples.push(arrived - started);
      }),
    );
  }

  const sends = [];
  for (let i = 0; i < MESSAGES; i += 1) {
    const group = groups[i % groups.length];
    const sender = group.members[i % group.members.length];
    const body = `latency ${i}`;
    expected += group.members.length;
    sentAt.set(body, performance.now());
    sends.push(call(base, 'POST', `/conversations/${group.id}/messages/`, { token: sender.token, body: { message_body: body } }));
    await sleep(INTERVAL_MS);
  }
  await Promise.all(sends);
  for (let waited = 0; samples.length < expected && waited < 30_000; waited += 100) await sleep(100);

  const sorted = [...samples].sort((a, b) => a - b);
  const ms = (value) => Math.round(value * 10) / 10;
  const result = {
    streams: STREAMS,
    messages: MESSAGES,
    intervalMs: INTERVAL_MS,
    deliveries: samples.length,
    expectedDeliveries: expected,
    p50: ms(percentile(sorted, 50)),
    p90: ms(percentile(sorted, 90)),
    p99: ms(percentile(sorted, 99)),
    max: ms(sorted.at(-1)),
  };
  console.log(JSON.stringify(result));
  console.log(
    `${STREAMS} streams, ${MESSAGES} messages (one per ${INTERVAL_MS} ms): ${samples.length}/${expected} deliveries; ` +
      `POST → event p50 ${result.p50} ms, p90 ${result.p90} ms, p99 ${result.p99} ms, max ${result.max} ms`,
  );
  if (samples.length < expected) process.exitCode = 1;
} finally {
  streams.forEach((req) => req.destroy());
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await scratch.drop();
}

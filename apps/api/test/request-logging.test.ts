/**
 * Request logging on both sides of `info`: at `info` one completion line per request (pino-http);
 * above it no per-request line, yet whatever a request logs (errors) still carries its request id.
 */
import express from 'express';
import type { Level } from 'pino';
import request from 'supertest';
import { requestLogging } from '../src/platform/observability/request-logging';
import { captureLogs } from './support/logs';

function appLoggingAt(level: Level) {
  const logs = captureLogs(level);
  const app = express();
  app.use(requestLogging(logs.logger));
  app.get('/ok', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/fails', (req, res) => {
    req.log.error({ reason: 'test' }, 'something failed');
    res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong.' } });
  });
  return { app, lines: logs.entries };
}

describe('request logging', () => {
  it('When the level is warn, then no line is written per request, and a request’s own error line carries its request id', async () => {
    const { app, lines: entries } = appLoggingAt('warn');

    const ok = await request(app).get('/ok').expect(200);
    const failed = await request(app).get('/fails').set('X-Request-Id', 'trace-warn-1').expect(500);

    expect(ok.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.headers['x-request-id']).toBe('trace-warn-1');
    const lines = entries();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'something failed',
      reason: 'test',
      req: { id: 'trace-warn-1', method: 'GET', url: '/fails' },
    });
  });

  it('When the level is info, then each request gets one completion line with its id, method, URL, route and status', async () => {
    const { app, lines: entries } = appLoggingAt('info');

    await request(app).get('/ok').set('X-Request-Id', 'trace-info-1').expect(200);

    const completions = entries().filter((line) => line.msg === 'request completed');
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({
      req: { id: 'trace-info-1', method: 'GET', url: '/ok' },
      res: { statusCode: 200 },
      route: '/ok',
    });
  });
});

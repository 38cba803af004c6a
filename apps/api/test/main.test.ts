import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertBuilt, freePort, launch, stop, waitForHealth } from './support/processes';

describe('npm start (dist/main.js)', () => {
  beforeAll(assertBuilt);

  it('When started without DATABASE_URL, then it serves on the embedded database, keeps data and secret across restarts, and exits 0 on SIGTERM', async () => {
    const dataRoot = mkdtempSync(path.join(tmpdir(), 'messaging-main-'));
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = { NODE_ENV: 'development', PORT: String(port), PGLITE_DATA_DIR: path.join(dataRoot, 'pglite') };

    const first = launch(env);
    await waitForHealth(baseUrl, first);
    const register = await fetch(`${baseUrl}/api/v1/users/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        username: 'persist',
        email: 'persist@example.com',
        password: 'persisted-pass',
        first_name: 'P',
        last_name: 'S',
      }),
    });
    expect(register.status).toBe(201);
    const signIn = await fetch(`${baseUrl}/api/v1/token/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'persist', password: 'persisted-pass' }),
    });
    const { access } = (await signIn.json()) as { access: string };
    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('embedded PGlite');

    const second = launch(env);
    await waitForHealth(baseUrl, second);
    // Same data folder: the user is still there, and the generated secret was reused, so the old token works.
    const me = await fetch(`${baseUrl}/api/v1/users/me/`, { headers: { Authorization: `Bearer ${access}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('persist');
    const docs = await fetch(`${baseUrl}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    expect(await stop(second)).toBe(0);
  }, 60_000);

  it('When started in production, then the admin panel’s bundled assets are served, /readyz is ready, and /metrics is off with a warning', async () => {
    // Arrange
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const started = launch({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PGLITE_DATA_DIR: 'memory://',
      JWT_SECRET: 'j'.repeat(48),
      PUBLIC_URL: baseUrl,
    });

    try {
      // Act
      await waitForHealth(baseUrl, started);
      // Each body is read before the next request: a large body left unread while other requests
      // go out can have its socket closed under it on a loaded machine ("other side closed").
      const bundle = await fetch(`${baseUrl}/admin/frontend/assets/components.bundle.js`);
      const bundleText = await bundle.text();
      const login = await fetch(`${baseUrl}/admin/login`);
      await login.text();
      const ready = await fetch(`${baseUrl}/readyz`);
      await ready.text();
      const metrics = await fetch(`${baseUrl}/metrics`);
      await metrics.text();

      // Assert
      expect(bundle.status).toBe(200);
      expect(bundleText).toContain('AdminJS.UserComponents');
      expect(login.status).toBe(200);
      expect(ready.status).toBe(200);
      expect(metrics.status).toBe(404);
      expect(started.output()).toContain('/metrics is off');
    } finally {
      expect(await stop(started)).toBe(0);
    }
  }, 60_000);

  it('When NODE_ENV=production and JWT_SECRET is unset, then it refuses to start and names the variable', async () => {
    const started = launch({ NODE_ENV: 'production', PORT: String(await freePort()), DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none' });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('JWT_SECRET must be set in production');
  });

  it('When NODE_ENV=production and PUBLIC_URL is unset, then it refuses to start and names the variable', async () => {
    const started = launch({
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none',
      JWT_SECRET: 'j'.repeat(48),
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('PUBLIC_URL must be set in production');
  });
});

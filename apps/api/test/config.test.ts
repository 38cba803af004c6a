import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCliConfig } from '../src/cli/support';
import { ConfigError, loadConfig } from '../src/platform/config';

describe('configuration', () => {
  it('When production has no JWT_SECRET, then start-up is refused with a message naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/app' })).toThrow(
      /JWT_SECRET must be set in production/,
    );
  });

  it('When JWT_SECRET is too short, then it is rejected', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'secret' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'secret' })).toThrow(/at least 32 characters/);
  });

  it('When production has no PUBLIC_URL, then start-up is refused naming it (links would otherwise follow the Host header); the CLIs, which build no links, do not need it', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DATABASE_URL: 'postgres://u:p@db:5432/app' };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_URL must be set in production/);
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://chat.example.com' }).publicUrl).toBe('https://chat.example.com');
    expect(loadCliConfig(production).publicUrl).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'p'.repeat(40) }).publicUrl).toBeUndefined();
  });

  it('When PUBLIC_URL is given, then a trailing slash is dropped and a path prefix kept; anything but an http(s) base URL is rejected', () => {
    const base = { NODE_ENV: 'test' };
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://chat.example.com/' }).publicUrl).toBe('https://chat.example.com');
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://example.com:8443/messaging/' }).publicUrl).toBe('https://example.com:8443/messaging');
    for (const bad of [
      'chat.example.com',
      'ftp://chat.example.com',
      'https://user:pw@chat.example.com',
      'https://chat.example.com/?x=1',
      'https://chat.example.com/#top',
    ]) {
      expect(() => loadConfig({ ...base, PUBLIC_URL: bad })).toThrow(/PUBLIC_URL must be an http\(s\) URL/);
    }
  });

  it('When development has no JWT_SECRET, then a random secret is generated once, kept beside the data (0600) and reused', () => {
    const dataRoot = mkdtempSync(path.join(tmpdir(), 'messaging-config-'));
    const env = { NODE_ENV: 'development', PGLITE_DATA_DIR: path.join(dataRoot, 'pglite') };

    const first = loadConfig(env);
    const second = loadConfig(env);
    const otherFolder = loadConfig({ ...env, PGLITE_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'x-')), 'pglite') });

    const secretFile = path.join(dataRoot, 'jwt-secret');
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(otherFolder.jwtSecret).not.toBe(first.jwtSecret);
    expect(readFileSync(secretFile, 'utf8').trim()).toBe(first.jwtSecret);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
  });

  it('When values are malformed, then the error names the variable', () => {
    const base = { NODE_ENV: 'test' };
    expect(() => loadConfig({ ...base, PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ ...base, PORT: '70000' })).toThrow(/PORT must be between/);
    expect(() => loadConfig({ ...base, ACCESS_TOKEN_TTL: 'soon' })).toThrow(/ACCESS_TOKEN_TTL/);
    expect(() => loadConfig({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ...base, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ ...base, LOG_PRETTY: 'maybe' })).toThrow(/LOG_PRETTY/);
  });

  it('When PGLITE_DATA_DIR is :memory:, then the embedded database keeps nothing on disk', () => {
    expect(loadConfig({ NODE_ENV: 'test', PGLITE_DATA_DIR: ':memory:' }).pgliteDataDir).toBe('memory://');
  });

  it('When durations are given with units, then they are converted to seconds', () => {
    const config = loadConfig({ NODE_ENV: 'test', ACCESS_TOKEN_TTL: '15m', REFRESH_TOKEN_TTL: '7d' });
    expect(config.accessTokenTtlSeconds).toBe(900);
    expect(config.refreshTokenTtlSeconds).toBe(7 * 86400);
  });

  it('When REFRESH_REUSE_GRACE is unset, 0 or a duration, then the grace is 10 s, none, or that; malformed names the variable', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).refreshReuseGraceSeconds).toBe(10);
    expect(loadConfig({ NODE_ENV: 'test', REFRESH_REUSE_GRACE: '0' }).refreshReuseGraceSeconds).toBe(0);
    expect(loadConfig({ NODE_ENV: 'test', REFRESH_REUSE_GRACE: '30s' }).refreshReuseGraceSeconds).toBe(30);
    expect(() => loadConfig({ NODE_ENV: 'test', REFRESH_REUSE_GRACE: 'a while' })).toThrow(/REFRESH_REUSE_GRACE/);
  });

  it('When rate limits are given as count/window or off, then they are parsed; malformed ones name the variable', () => {
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_MESSAGES_PER_USER: '20/30s', RATE_LIMIT_SIGN_IN_PER_IP: 'off' });
    expect(config.rateLimits.messagesPerUser).toEqual([{ limit: 20, windowSeconds: 30 }]);
    expect(config.rateLimits.signInPerIp).toBeNull();
    for (const bad of ['5', '5/', 'five/1m', '0/1m', '5/soon', '5/0s', '5/1m/2']) {
      expect(() => loadConfig({ NODE_ENV: 'test', RATE_LIMIT_REGISTRATIONS_PER_IP: bad })).toThrow(
        /RATE_LIMIT_REGISTRATIONS_PER_IP must be a count per window/,
      );
    }
    expect(loadConfig({ NODE_ENV: 'test', RATE_LIMIT_MESSAGES_PER_USER: 'off' }).rateLimits.messagesPerUser).toBeNull();
  });

  it('When the message limit lists several windows, then all are kept, shortest first; a repeated or malformed window names the variable', () => {
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_MESSAGES_PER_USER: '100/1h, 10/5s,60/1m' });
    expect(config.rateLimits.messagesPerUser).toEqual([
      { limit: 10, windowSeconds: 5 },
      { limit: 60, windowSeconds: 60 },
      { limit: 100, windowSeconds: 3600 },
    ]);
    for (const bad of ['10/5s,', '10/5s,20/5s', '10/5s,off', '10/5s;60/1m', '10/5s,60/1m/2']) {
      expect(() => loadConfig({ NODE_ENV: 'test', RATE_LIMIT_MESSAGES_PER_USER: bad })).toThrow(
        /RATE_LIMIT_MESSAGES_PER_USER must be one or more counts per window/,
      );
    }
  });

  it('When RATE_LIMIT_PROFILE is strict, then the unset limits are the strict ones; a limit that is set still wins', () => {
    const strict = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PROFILE: 'strict' });
    expect(strict.rateLimits).toEqual({
      signInPerAccount: { limit: 5, windowSeconds: 900 },
      signInPerIp: { limit: 20, windowSeconds: 900 },
      registrationsPerIp: { limit: 3, windowSeconds: 3600 },
      messagesPerUser: [{ limit: 5, windowSeconds: 60 }],
    });
    const mixed = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PROFILE: 'Strict', RATE_LIMIT_MESSAGES_PER_USER: '20/1m' });
    expect(mixed.rateLimits.messagesPerUser).toEqual([{ limit: 20, windowSeconds: 60 }]);
    expect(mixed.rateLimits.signInPerAccount).toEqual({ limit: 5, windowSeconds: 900 });
    expect(() => loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PROFILE: 'lenient' })).toThrow(/RATE_LIMIT_PROFILE must be standard or strict/);
  });

  it('When CORS_ORIGINS lists origins, then they are kept; anything but a bare origin is rejected', () => {
    expect(loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    expect(loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    for (const bad of ['https://app.example.com/', 'app.example.com', 'ftp://files.example.com', 'https://app.example.com/path']) {
      expect(() => loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
  });

  it('When nothing is set, then the documented defaults apply', () => {
    const config = loadConfig({ JWT_SECRET: 'x'.repeat(32) });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      pgliteDataDir: './.data/pglite',
      accessTokenTtlSeconds: 3600,
      refreshTokenTtlSeconds: 86400,
      bodyLimit: '100kb',
      shutdownGraceSeconds: 10,
      corsOrigins: [],
      rateLimits: {
        signInPerAccount: { limit: 10, windowSeconds: 900 },
        signInPerIp: { limit: 50, windowSeconds: 900 },
        registrationsPerIp: { limit: 10, windowSeconds: 3600 },
        messagesPerUser: [
          { limit: 10, windowSeconds: 5 },
          { limit: 60, windowSeconds: 60 },
        ],
      },
    });
  });

  it('When METRICS_TOKEN is short or METRICS_PORT is the API port, then start-up is refused naming the variable', () => {
    const base = { NODE_ENV: 'test' };
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'has spaces in it, sixteen+' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ ...base, PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT must differ from PORT/);
    expect(() => loadConfig({ ...base, METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT must be a whole number/);
    expect(() => loadConfig({ ...base, ADMIN_PANEL: 'perhaps' })).toThrow(/ADMIN_PANEL/);
  });

  it('When the metrics and admin panel variables are set, then they are read; unset, metrics are unprotected and the panel is on', () => {
    expect(loadConfig({ NODE_ENV: 'test', METRICS_TOKEN: 'a'.repeat(16), METRICS_PORT: '9100', ADMIN_PANEL: 'false' })).toMatchObject({
      metricsToken: 'a'.repeat(16),
      metricsPort: 9100,
      adminPanel: false,
    });
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ metricsToken: undefined, metricsPort: undefined, adminPanel: true });
  });
});

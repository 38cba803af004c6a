/**
 * Every setting the API reads from its environment, validated once at start-up. Nothing else in
 * the API reads process.env. Explicit overrides (tests, CLIs) win over the environment.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  nodeEnv: NodeEnv;
  /** HOST: interface to listen on. */
  host: string;
  /** PORT */
  port: number;
  /** DATABASE_URL: PostgreSQL connection string; unset → embedded PGlite. */
  databaseUrl?: string;
  /** PGLITE_DATA_DIR: where the embedded database keeps its data (`memory://` or `:memory:` for none). */
  pgliteDataDir: string;
  /** DB_POOL_MAX: connections to PostgreSQL (the embedded database always uses one). */
  dbPoolMax: number;
  /** JWT_SECRET: HS256 signing key, at least 32 characters. */
  jwtSecret: string;
  /** Where the secret came from, for the start-up log line (never the secret itself). */
  jwtSecretSource: 'environment' | 'generated-file' | 'override';
  /** ACCESS_TOKEN_TTL: access token lifetime in seconds. */
  accessTokenTtlSeconds: number;
  /** REFRESH_TOKEN_TTL: refresh token lifetime in seconds. */
  refreshTokenTtlSeconds: number;
  /**
   * REFRESH_REUSE_GRACE: for this long after a refresh token is first used, presenting it again answers
   * the same new pair (two tabs refreshing at once both carry on); later reuse ends the session. 0 = none.
   */
  refreshReuseGraceSeconds: number;
  /** LOG_LEVEL */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** LOG_PRETTY: human-readable logs (default on in development). */
  logPretty: boolean;
  /** BODY_LIMIT: largest accepted JSON body. */
  bodyLimit: string;
  /** TRUST_PROXY: express "trust proxy" setting, so client IPs (and, without PUBLIC_URL, links) are right behind a proxy. */
  trustProxy: boolean | number | string;
  /**
   * PUBLIC_URL: the base URL clients reach the API at (`https://chat.example.com`, optionally with a
   * path prefix), without a trailing slash. Absolute links (pagination) start with it. Required in
   * production; in development and test, unset means links follow the request's own scheme and host.
   */
  publicUrl?: string;

  // Operations: metrics and the admin panel.
  /** METRICS_TOKEN: when set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** METRICS_PORT: when set, /metrics is served on this port only (its own listener), not on PORT. */
  metricsPort?: number;
  /** ADMIN_PANEL: serve the staff web admin panel at /admin. */
  adminPanel: boolean;
  /** DEMO_PAGE: serve the realtime demo page at /demo/ (static files and the SDK's browser build). */
  demoPage: boolean;
  /** SHUTDOWN_GRACE_PERIOD: on SIGTERM, how long requests in flight may take before connections are cut. */
  shutdownGraceSeconds: number;
  /**
   * WEB_CONCURRENCY: API processes to run (node:cluster), sharing PostgreSQL; `auto` is one per CPU
   * core, the default in production. The embedded database serves one process only (main.ts runs one).
   */
  webConcurrency: number;

  // --- Abuse protection -------------------------------------------------------------------------
  /**
   * RATE_LIMIT_*: how many requests of a kind one client may make per window; null = unlimited. Unset
   * ones come from the RATE_LIMIT_PROFILE (`standard` by default, or `strict`).
   */
  rateLimits: RateLimits;
  /** CORS_ORIGINS: browser origins allowed to call the API (comma-separated, or `*`); empty = none. */
  corsOrigins: string[] | '*';

  // --- Realtime events (GET /api/v1/events) --------------------------------------------------------
  events: EventSettings;
}

export interface EventSettings {
  /** EVENTS_RETENTION: how long events stay replayable (Last-Event-ID); older ones are pruned. */
  retentionSeconds: number;
  /** EVENTS_HEARTBEAT_INTERVAL: a comment line this often keeps proxies from closing idle streams. */
  heartbeatSeconds: number;
  /** EVENTS_POLL_INTERVAL: safety-net read of new events, in case a notification was missed. */
  pollSeconds: number;
  /** EVENTS_MAX_STREAMS_PER_USER: open streams one user may have on one API process. */
  maxStreamsPerUser: number;
  /** EVENTS_MAX_BUFFER_BYTES: unsent bytes a stream may hold for a slow client before it is closed. */
  maxBufferBytes: number;
}

/** At most `limit` requests per `windowSeconds`, counted per key (user, account or client IP). */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export interface RateLimits {
  /** RATE_LIMIT_SIGN_IN_PER_ACCOUNT: failed sign-ins per username (guessing one account's password). */
  signInPerAccount: RateLimit | null;
  /** RATE_LIMIT_SIGN_IN_PER_IP: failed sign-ins per client IP (spraying passwords over many accounts). */
  signInPerIp: RateLimit | null;
  /** RATE_LIMIT_REGISTRATIONS_PER_IP: registration attempts per client IP. */
  registrationsPerIp: RateLimit | null;
  /**
   * RATE_LIMIT_MESSAGES_PER_USER: messages a user may send, as one or more windows that must all have
   * room (a short burst window and a sustained one); only sends that are accepted count.
   */
  messagesPerUser: RateLimit[] | null;
}

export type RateLimitProfile = 'standard' | 'strict';

/**
 * The defaults of each RATE_LIMIT_* setting, by RATE_LIMIT_PROFILE. `standard` lets people chat: a
 * fast typist sends a line a second or two at most, in bursts of a few (Discord allows 5 per 5 s per
 * channel, Sendbird 5 a second), so 10 in any 5 s and 60 a minute are never met by a person, while a
 * script flooding conversations is stopped within seconds. `strict` is for deployments that want the
 * seed API's message throttle (5 a minute) and tighter sign-in and registration limits.
 */
export const RATE_LIMIT_PROFILES: Record<RateLimitProfile, Record<keyof RateLimits, string>> = {
  standard: {
    signInPerAccount: '10/15m',
    signInPerIp: '50/15m',
    registrationsPerIp: '10/1h',
    messagesPerUser: '10/5s,60/1m',
  },
  strict: {
    signInPerAccount: '5/15m',
    signInPerIp: '20/15m',
    registrationsPerIp: '3/1h',
    messagesPerUser: '5/1m',
  },
};

/** The documented defaults (the `standard` profile). */
export const DEFAULT_RATE_LIMITS = RATE_LIMIT_PROFILES.standard;

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const MIN_SECRET_LENGTH = 32;
const MIN_METRICS_TOKEN_LENGTH = 16;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Seconds in "3600", "3600s", "60m", "24h" or "1d"; undefined when it is not such a duration. */
function parseDuration(raw: string): number | undefined {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(raw.trim());
  if (!match) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

function readDuration(env: Env, name: string, fallbackSeconds: number, minSeconds = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallbackSeconds;
  const seconds = parseDuration(raw);
  if (seconds === undefined) throw new ConfigError(name, `must be a duration such as 3600, 90s, 60m, 24h or 1d, got "${raw}"`);
  if (seconds < minSeconds) throw new ConfigError(name, 'must be at least one second');
  return seconds;
}

/** One `count/window` such as `5/1m` (five per minute); undefined when it is not one. */
function parseRateLimit(raw: string): RateLimit | undefined {
  const [count, window, extra] = raw.split('/');
  const windowSeconds = window === undefined ? undefined : parseDuration(window);
  if (extra !== undefined || !/^\d+$/.test(count?.trim() ?? '') || Number(count) < 1 || windowSeconds === undefined || windowSeconds < 1)
    return undefined;
  return { limit: Number(count), windowSeconds };
}

/** `count/window` such as `5/1m` (five per minute), or `off`. */
function readRateLimit(env: Env, name: string, fallback: string): RateLimit | null {
  const raw = (env[name] || fallback).trim();
  if (raw.toLowerCase() === 'off') return null;
  const limit = parseRateLimit(raw);
  if (!limit) throw new ConfigError(name, `must be a count per window such as 5/1m, 100/15m or 10/1h, or off, got "${raw}"`);
  return limit;
}

/** Comma-separated `count/window`s that must all have room, such as `10/5s,60/1m`, or `off`. */
function readRateLimitWindows(env: Env, name: string, fallback: string): RateLimit[] | null {
  const raw = (env[name] || fallback).trim();
  if (raw.toLowerCase() === 'off') return null;
  const limits = raw.split(',').map((part) => parseRateLimit(part.trim()));
  const windows = new Set(limits.map((limit) => limit?.windowSeconds));
  if (limits.some((limit) => limit === undefined) || windows.size !== limits.length) {
    throw new ConfigError(
      name,
      `must be one or more counts per window, each window once, such as 10/5s,60/1m or 5/1m, or off, got "${raw}"`,
    );
  }
  // Shortest window first: the order limits are counted and reported in.
  return (limits as RateLimit[]).sort((a, b) => a.windowSeconds - b.windowSeconds);
}

function readRateLimitProfile(env: Env): RateLimitProfile {
  const raw = (env.RATE_LIMIT_PROFILE || 'standard').trim().toLowerCase();
  if (raw !== 'standard' && raw !== 'strict')
    throw new ConfigError('RATE_LIMIT_PROFILE', `must be standard or strict, got "${env.RATE_LIMIT_PROFILE}"`);
  return raw;
}

function readRateLimits(env: Env): RateLimits {
  const defaults = RATE_LIMIT_PROFILES[readRateLimitProfile(env)];
  return {
    signInPerAccount: readRateLimit(env, 'RATE_LIMIT_SIGN_IN_PER_ACCOUNT', defaults.signInPerAccount),
    signInPerIp: readRateLimit(env, 'RATE_LIMIT_SIGN_IN_PER_IP', defaults.signInPerIp),
    registrationsPerIp: readRateLimit(env, 'RATE_LIMIT_REGISTRATIONS_PER_IP', defaults.registrationsPerIp),
    messagesPerUser: readRateLimitWindows(env, 'RATE_LIMIT_MESSAGES_PER_USER', defaults.messagesPerUser),
  };
}

/** Origins exactly as browsers send them (`https://app.example.com`, no path), or `*` for any. */
function readCorsOrigins(env: Env): string[] | '*' {
  const raw = env.CORS_ORIGINS?.trim() ?? '';
  if (raw === '*') return '*';
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `must list origins such as https://app.example.com (no path or trailing slash), got "${origin}"`,
      );
    }
  }
  return origins;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

const MAX_WEB_CONCURRENCY = 64;

function readWebConcurrency(env: Env, nodeEnv: NodeEnv): number {
  const raw = env.WEB_CONCURRENCY?.trim() || (nodeEnv === 'production' ? 'auto' : '1');
  if (raw.toLowerCase() === 'auto') return Math.min(os.availableParallelism(), MAX_WEB_CONCURRENCY);
  return readInt({ WEB_CONCURRENCY: raw }, 'WEB_CONCURRENCY', 1, 1, MAX_WEB_CONCURRENCY);
}

function readTrustProxy(env: Env): boolean | number | string {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw === '') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (['true', 'false'].includes(raw.toLowerCase())) return raw.toLowerCase() === 'true';
  return raw;
}

/**
 * Links must not follow the request's Host header in production: anyone can send `Host: evil.example`,
 * and a cache or a client following `next` would be sent there. Only the scheme, host, port and an
 * optional path prefix are accepted; the trailing slash is dropped so paths can be appended.
 */
function readPublicUrl(env: Env, nodeEnv: NodeEnv): string | undefined {
  const raw = env.PUBLIC_URL?.trim() ?? '';
  if (raw === '') {
    if (nodeEnv === 'production') {
      throw new ConfigError(
        'PUBLIC_URL',
        'must be set in production: the base URL clients reach the API at, such as https://chat.example.com (absolute links are built from it, never from the request)',
      );
    }
    return undefined;
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (
    !parsed ||
    !['http:', 'https:'].includes(parsed.protocol) ||
    parsed.username ||
    parsed.password ||
    parsed.search ||
    parsed.hash ||
    raw.includes('?') ||
    raw.includes('#')
  ) {
    throw new ConfigError(
      'PUBLIC_URL',
      `must be an http(s) URL such as https://chat.example.com (optionally with a path, no query or credentials), got "${raw}"`,
    );
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** Metrics settings; a token short enough to guess, or a port clashing with PORT, is refused. */
function readMetrics(env: Env, port: number): Pick<Config, 'metricsToken' | 'metricsPort'> {
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(metricsToken))) {
    throw new ConfigError('METRICS_TOKEN', `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters, without spaces`);
  }
  const metricsPort = env.METRICS_PORT ? readInt(env, 'METRICS_PORT', 0, 0, 65535) : undefined;
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) {
    throw new ConfigError('METRICS_PORT', `must differ from PORT (${port}): it is a separate listener`);
  }
  return { metricsToken, metricsPort };
}

/**
 * Without JWT_SECRET, development keeps a random secret next to the embedded data so tokens survive
 * restarts; production refuses to start rather than sign with something guessable.
 */
function resolveJwtSecret(env: Env, nodeEnv: NodeEnv, pgliteDataDir: string): Pick<Config, 'jwtSecret' | 'jwtSecretSource'> {
  const configured = env.JWT_SECRET;
  if (configured !== undefined && configured !== '') {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new ConfigError('JWT_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return { jwtSecret: configured, jwtSecretSource: 'environment' };
  }
  if (nodeEnv === 'production') {
    throw new ConfigError('JWT_SECRET', 'must be set in production (generate one with: openssl rand -base64 48)');
  }
  if (nodeEnv === 'test' || pgliteDataDir === 'memory://') {
    return { jwtSecret: randomBytes(48).toString('base64'), jwtSecretSource: 'generated-file' };
  }
  const secretFile = path.join(path.dirname(path.resolve(pgliteDataDir)), 'jwt-secret');
  if (existsSync(secretFile)) {
    const stored = readFileSync(secretFile, 'utf8').trim();
    if (stored.length >= MIN_SECRET_LENGTH) return { jwtSecret: stored, jwtSecretSource: 'generated-file' };
  }
  mkdirSync(path.dirname(secretFile), { recursive: true });
  const secret = randomBytes(48).toString('base64');
  writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
  chmodSync(secretFile, 0o600);
  return { jwtSecret: secret, jwtSecretSource: 'generated-file' };
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnvRaw = env.NODE_ENV || 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as NodeEnv;

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// connection string');
  }
  // `:memory:` is accepted as the familiar spelling of PGlite's `memory://`.
  const pgliteDataDirRaw = overrides.pgliteDataDir ?? (env.PGLITE_DATA_DIR || './.data/pglite');
  const pgliteDataDir = pgliteDataDirRaw === ':memory:' ? 'memory://' : pgliteDataDirRaw;

  const logLevel = (env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info')) as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  const bodyLimit = env.BODY_LIMIT || '100kb';
  if (!/^\d+(b|kb|mb)?$/i.test(bodyLimit)) throw new ConfigError('BODY_LIMIT', `must look like 100kb or 1mb, got "${bodyLimit}"`);

  const secret = overrides.jwtSecret
    ? { jwtSecret: overrides.jwtSecret, jwtSecretSource: 'override' as const }
    : resolveJwtSecret(env, nodeEnv, pgliteDataDir);

  const config: Config = {
    nodeEnv,
    host: env.HOST || (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port: readInt(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    pgliteDataDir,
    dbPoolMax: readInt(env, 'DB_POOL_MAX', 10, 1, 1000),
    ...secret,
    accessTokenTtlSeconds: readDuration(env, 'ACCESS_TOKEN_TTL', 60 * 60),
    refreshTokenTtlSeconds: readDuration(env, 'REFRESH_TOKEN_TTL', 24 * 60 * 60),
    refreshReuseGraceSeconds: readDuration(env, 'REFRESH_REUSE_GRACE', 10, 0),
    logLevel,
    logPretty: readBool(env, 'LOG_PRETTY', nodeEnv === 'development'),
    bodyLimit,
    trustProxy: readTrustProxy(env),
    // An explicit override (the CLIs, which build no links) replaces the variable and its requirement.
    publicUrl: 'publicUrl' in overrides ? overrides.publicUrl : readPublicUrl(env, nodeEnv),
    ...readMetrics(env, readInt(env, 'PORT', 3000, 0, 65535)),
    adminPanel: readBool(env, 'ADMIN_PANEL', true),
    demoPage: readBool(env, 'DEMO_PAGE', true),
    shutdownGraceSeconds: readDuration(env, 'SHUTDOWN_GRACE_PERIOD', 10),
    webConcurrency: readWebConcurrency(env, nodeEnv),
    rateLimits: readRateLimits(env),
    corsOrigins: readCorsOrigins(env),
    events: {
      retentionSeconds: readDuration(env, 'EVENTS_RETENTION', 24 * 60 * 60),
      heartbeatSeconds: readDuration(env, 'EVENTS_HEARTBEAT_INTERVAL', 15),
      pollSeconds: readDuration(env, 'EVENTS_POLL_INTERVAL', 5),
      maxStreamsPerUser: readInt(env, 'EVENTS_MAX_STREAMS_PER_USER', 5, 1, 1000),
      maxBufferBytes: readInt(env, 'EVENTS_MAX_BUFFER_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
  };
  return { ...config, ...overrides, pgliteDataDir, ...secret };
}

/**
 * The baseline: the benchmark's endpoints on bare express + pg, answering with the same SQL and the
 * same JSON as our API but with none of its layers: no tsoa validation, no ORM, no request logging
 * or security headers, and the bearer token verified with the same JWT library but the user never
 * loaded from the database. It is the practical ceiling ours is measured against; it serves the
 * benchmark and nothing else (no edge cases, no error details).
 *
 * Environment: PORT, DATABASE_URL, JWT_SECRET, DB_POOL_MAX (as ours reads them).
 */
import { createSecretKey, randomUUID } from 'node:crypto';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER } from '@messaging-app/api';
import argon2 from 'argon2';
import express, { type NextFunction, type Request, type Response } from 'express';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import * as sql from './queries';

const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? '', 'utf8'));
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX || 10),
  idleTimeoutMillis: 10_000,
});
// Our API's default token lifetimes.
const ACCESS_TTL_SECONDS = 60 * 60;
const REFRESH_TTL_SECONDS = 24 * 60 * 60;

type Handler = (req: Request, res: Response) => Promise<unknown>;

/** Our API's error body. */
function fail(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

function signToken(claims: object, subject: string, jwtid: string, expiresIn: number): string {
  return jwt.sign(claims, secret, { algorithm: JWT_ALGORITHM, subject, jwtid, issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn });
}

/**
 * The user id of a valid access token, or undefined: the signature and claims are checked, the user
 * is not looked up (ours does, to honour deactivation at once: one of its layers). The key is a
 * KeyObject made once, as ours makes it (a string secret costs jsonwebtoken a PEM parse per call).
 */
function accessTokenSubject(req: Request): string | undefined {
  try {
    const claims = jwt.verify((req.headers.authorization ?? '').replace(/^Bearer /, ''), secret, {
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    }) as jwt.JwtPayload;
    return claims.typ === 'access' && typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

function authenticated(handler: (req: Request, res: Response, userId: string) => Promise<unknown>): Handler {
  return async (req, res) => {
    const userId = accessTokenSubject(req);
    if (!userId) return fail(res, 401, 'unauthorized', 'The access token is invalid.');
    await handler(req, res, userId);
  };
}

function pageOf(req: Request): { page: number; pageSize: number; offset: number } {
  const page = Number(req.query.page ?? 1);
  const pageSize = Number(req.query.page_size ?? 20);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The same envelope and absolute links as ours. */
function envelope<T>(req: Request, page: { page: number; pageSize: number }, result: { count: number; results: T[] }) {
  const link = (to: number) => {
    const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
    url.searchParams.set('page', String(to));
    return url.toString();
  };
  return {
    count: result.count,
    next: page.page * page.pageSize < result.count ? link(page.page + 1) : null,
    previous: page.page > 1 ? link(page.page - 1) : null,
    results: result.results,
  };
}

/** start_date / end_date as ours reads them: a date is a whole UTC day, a date-time without offset is UTC. */
function dateFilters(query: Request['query']): Pick<sql.MessageFilters, 'sentFrom' | 'sentTo'> {
  const parse = (value: unknown) => {
    if (typeof value !== 'string') return undefined;
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const at = new Date(dateOnly || /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
    return { at, dateOnly };
  };
  const start = parse(query.start_date);
  const end = parse(query.end_date);
  return {
    sentFrom: start?.at,
    sentTo: end && (end.dateOnly ? { at: new Date(end.at.getTime() + 86_400_000), inclusive: false } : { at: end.at, inclusive: true }),
  };
}

const signIn: Handler = async (req, res) => {
  const { username, password } = req.body as { username: string; password: string };
  const user = await sql.findUserByUsername(pool, username);
  if (!user || !(await argon2.verify(user.password_hash, password)) || !user.is_active) {
    return fail(res, 401, 'unauthorized', 'No active account found with the given credentials.');
  }
  const tokenId = randomUUID();
  const familyId = randomUUID();
  const refresh = signToken({ typ: 'refresh', fam: familyId }, user.user_id, tokenId, REFRESH_TTL_SECONDS);
  await sql.insertRefreshToken(pool, {
    tokenId,
    userId: user.user_id,
    familyId,
    expiresAt: new Date(Date.now() + REFRESH_TTL_SECONDS * 1000),
  });
  res.json({ access: signToken({ typ: 'access' }, user.user_id, randomUUID(), ACCESS_TTL_SECONDS), refresh, user: sql.toUser(user) });
};

const me = authenticated(async (_req, res, userId) => {
  const user = await sql.findUserById(pool, userId);
  if (!user) return fail(res, 404, 'not_found', 'User not found.');
  res.json(sql.toUser(user));
});

const listConversations = authenticated(async (req, res, userId) => {
  const page = pageOf(req);
  const result = await sql.listConversations(pool, { userId, offset: page.offset, limit: page.pageSize });
  res.json(envelope(req, page, result));
});

/** The absolute URL of this request with `set` applied and `remove` taken out, as ours builds its links. */
function urlWith(req: Request, set: Record<string, string>, remove: string[]): string {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  for (const name of remove) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(set)) url.searchParams.set(name, value);
  return url.toString();
}

const listMessages = authenticated(async (req, res, userId) => {
  const conversationId = req.params.conversation_id as string;
  if (!(await sql.isParticipant(pool, conversationId, userId))) return fail(res, 404, 'not_found', 'Conversation not found.');
  const page = pageOf(req);
  const search = typeof req.query.search === 'string' && req.query.search !== '' ? req.query.search : undefined;
  const filters = { ...dateFilters(req.query), search };
  const newestFirst = req.query.ordering !== 'sent_at';
  const cursorText = (req.query.before ?? req.query.after) as string | undefined;
  if (cursorText === undefined) {
    const result = await sql.listMessages(pool, {
      conversationId,
      viewerId: userId,
      filters,
      newestFirst,
      offset: page.offset,
      limit: page.pageSize,
    });
    if (page.page > 1 && page.offset >= result.count) return fail(res, 404, 'not_found', 'Invalid page.');
    // Newest first: the far end of the page is its oldest message; more lie beyond when the count says so.
    const further = page.offset + result.rows.length < result.count;
    const last = result.rows.at(-1);
    const first = result.rows[0];
    const cursors = newestFirst
      ? {
          next_cursor: further && last ? sql.encodeCursor(sql.positionOf(last)) : null,
          prev_cursor: first ? sql.encodeCursor(sql.positionOf(first)) : null,
        }
      : {
          next_cursor: last ? sql.encodeCursor(sql.positionOf(last)) : null,
          prev_cursor: page.offset > 0 && first ? sql.encodeCursor(sql.positionOf(first)) : null,
        };
    const { count, next, previous, results } = envelope(req, page, result);
    return res.json({ count, next, previous, ...cursors, results });
  }
  // The benchmark asks for newest-first history before a cursor; that is what this answers.
  const from = sql.decodeCursor(cursorText);
  if (!from || req.query.before === undefined || !newestFirst)
    return fail(res, 400, 'validation_error', 'Only ?before= on newest-first lists here.');
  const result = await sql.listMessagesFrom(pool, {
    conversationId,
    viewerId: userId,
    filters,
    direction: 'older',
    from,
    limit: page.pageSize,
  });
  const oldest = result.rows.at(-1) ? sql.positionOf(result.rows.at(-1)!) : from;
  const newest = result.rows[0] ? sql.positionOf(result.rows[0]) : from;
  const olderCursor = result.more ? sql.encodeCursor(oldest) : null;
  const newerCursor = sql.encodeCursor(newest);
  res.json({
    count: null,
    next: olderCursor ? urlWith(req, { before: olderCursor }, ['page', 'before', 'after']) : null,
    previous: result.moreOnOtherSide ? urlWith(req, { after: newerCursor }, ['page', 'before', 'after']) : null,
    next_cursor: olderCursor,
    prev_cursor: newerCursor,
    results: result.results,
  });
});

const sendMessage = authenticated(async (req, res, userId) => {
  const conversationId = req.params.conversation_id as string;
  if (!(await sql.isParticipant(pool, conversationId, userId))) return fail(res, 404, 'not_found', 'Conversation not found.');
  const message = await sql.sendMessage(pool, {
    messageId: randomUUID(),
    conversationId,
    senderId: userId,
    body: (req.body as { message_body: string }).message_body,
  });
  res.status(201).json(message);
});

const app = express();
app.disable('x-powered-by');
app.use(express.json());
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/api/v1/token', signIn);
app.get('/api/v1/users/me', me);
app.get('/api/v1/conversations', listConversations);
app.get('/api/v1/conversations/:conversation_id/messages', listMessages);
app.post('/api/v1/conversations/:conversation_id/messages', sendMessage);
// express 5 sends a rejected handler's error here.
app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
  console.error(error);
  fail(res, 500, 'internal_error', 'Something went wrong.');
});

const server = app.listen(Number(process.env.PORT || 3000), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeIdleConnections();
});

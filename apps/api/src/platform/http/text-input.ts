import type { RequestHandler } from 'express';
import { validationFailed } from '../errors/app-error';

/**
 * Text PostgreSQL cannot store as it was sent, refused at the door with a 400 naming the field.
 *
 * - NUL (U+0000): a `text` value cannot hold it. Sent as a bind parameter, the server refuses the whole
 *   statement (SQLSTATE 22021, "invalid byte sequence for encoding UTF8: 0x00"), which surfaced as a
 *   500; written through Sequelize's inline escaping (model create and update, `replacements`), its
 *   sql-string.js rewrites every NUL to the two characters `\0` for PostgreSQL, so "Al\u0000ice" was
 *   stored as "Al\0ice". The same on PGlite and on PostgreSQL: it is PostgreSQL's rule and Sequelize's
 *   escaping, not the driver.
 * - An unpaired UTF-16 surrogate ("\ud800" in JSON): it has no UTF-8 form, and node-postgres would
 *   store U+FFFD in its place, again something else than was sent.
 */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemWith(text: string): string | undefined {
  if (text.includes('\u0000')) return 'Must not contain NUL characters (U+0000).';
  if (UNPAIRED_SURROGATE.test(text)) return 'Must be well-formed Unicode text (no unpaired surrogate code points).';
  return undefined;
}

/** Whether PostgreSQL can store (or look up) this text exactly as it is. */
export function isStorableText(text: string): boolean {
  return problemWith(text) === undefined;
}

/** Strings, and what can contain them: numbers, booleans and null are not queued at all. */
const mayHoldText = (value: unknown) => typeof value === 'string' || (value !== null && typeof value === 'object');

/** Enough to say what is wrong; a body of thousands of bad strings does not need thousands of lines back. */
const MAX_REPORTED = 20;

/** A value waiting to be looked at, and where it sits (its name is only spelled out when it is reported). */
interface Pending {
  value: unknown;
  parent?: Pending;
  key: string;
}

function nameOf(entry: Pending): string {
  const parts: string[] = [];
  for (let at: Pending | undefined = entry; at; at = at.parent) if (at.key !== '') parts.push(at.key);
  return parts.reverse().join('.') || 'body';
}

/**
 * Every string in `root` (nested objects and arrays, property names included) that PostgreSQL could
 * not store unaltered, named the way tsoa names fields in its validation errors: `title`, `a.b`,
 * `participant_ids.$0` (`body` for a bare string, `body.$0` for items of a bare array). Iterative, so
 * a deeply nested body cannot exhaust the stack, and linear: a full 100 kB body costs milliseconds.
 */
function findUnstorable(root: unknown, rootName: string, found: Record<string, string>): void {
  const pending: Pending[] = [{ value: root, key: rootName }];
  let reported = Object.keys(found).length;
  const report = (entry: Pending, problem: string) => {
    found[nameOf(entry)] = problem;
    reported += 1;
  };
  for (let next = 0; next < pending.length && reported < MAX_REPORTED; next += 1) {
    const entry = pending[next];
    const { value } = entry;
    if (typeof value === 'string') {
      const problem = problemWith(value);
      if (problem) report(entry, problem);
    } else if (Array.isArray(value)) {
      // tsoa names the items of a bare array body `body.$0`.
      const parent = entry.key === '' && !entry.parent ? { ...entry, key: 'body' } : entry;
      value.forEach((item, index) => {
        if (mayHoldText(item)) pending.push({ value: item, parent, key: `$${index}` });
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const keyProblem = problemWith(key);
        if (keyProblem)
          report({ value: key, parent: entry, key }, `The property name: ${keyProblem.charAt(0).toLowerCase()}${keyProblem.slice(1)}`);
        if (mayHoldText(item)) pending.push({ value: item, parent: entry, key });
      }
    }
  }
}

interface SpecPaths {
  paths: Record<string, unknown>;
}

interface PathTemplate {
  pattern: RegExp;
  parameters: string[];
  /** Literal paths (/users/me) are tried before templated ones (/users/{user_id}), as the router does. */
  placeholders: number;
}

function pathTemplatesOf(spec: SpecPaths, prefix: string): PathTemplate[] {
  return Object.keys(spec.paths)
    .map((route) => {
      const parameters = [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const source = route.replace(/\{[^}]+\}/g, '([^/]+)');
      return { pattern: new RegExp(`^${prefix}${source}/?$`), parameters, placeholders: parameters.length };
    })
    .sort((a, b) => a.placeholders - b.placeholders);
}

/** The path parameters of this request, decoded as the router will decode them (by name, from the spec). */
function pathParameters(templates: PathTemplate[], path: string): Record<string, string> {
  for (const template of templates) {
    const match = template.pattern.exec(path);
    if (!match) continue;
    const values: Record<string, string> = {};
    template.parameters.forEach((name, index) => {
      try {
        values[name] = decodeURIComponent(match[index + 1]);
      } catch {
        // Not valid percent-encoding: the router answers that with its own 400.
      }
    });
    return values;
  }
  return {};
}

/**
 * Refuses a request whose JSON body, query string or path parameters hold text PostgreSQL cannot
 * store unaltered: 400 `validation_failed`, `details` naming each field as tsoa does. Runs after the
 * JSON parser and before the routes, so no operation can forget it. Headers need nothing here: Node's
 * HTTP parser refuses a NUL in any header before the request exists, and the ones that reach the
 * domain (Idempotency-Key, Last-Event-ID) have patterns of printable ASCII or digits.
 */
export function refuseUnstorableText(spec: SpecPaths, prefix: string): RequestHandler {
  const templates = pathTemplatesOf(spec, prefix);
  return (req, _res, next) => {
    const found: Record<string, string> = {};
    for (const [name, value] of Object.entries(pathParameters(templates, req.path))) findUnstorable(value, name, found);
    findUnstorable(req.query, '', found);
    if (req.body !== undefined) findUnstorable(req.body, '', found);
    if (Object.keys(found).length === 0) return next();
    next(validationFailed('The request is invalid: text must not contain NUL characters or unpaired surrogates.', found));
  };
}

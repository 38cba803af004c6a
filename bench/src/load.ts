/** Drives one server with autocannon, and takes one answer as a sample to compare ours with the baseline. */
import autocannon from 'autocannon';
import type { RequestSpec } from './scenarios';

export interface Tokens {
  busy: string;
  quiet: string;
}

export interface LoadFigures {
  reqPerSec: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  max: number;
  requests: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Count per HTTP status. */
  statuses: Record<string, number>;
}

function headersFor(request: RequestSpec, tokens: Tokens): Record<string, string> {
  return {
    ...(request.as ? { authorization: `Bearer ${tokens[request.as]}` } : {}),
    ...(request.body ? { 'content-type': 'application/json' } : {}),
  };
}

export async function drive(
  url: string,
  request: RequestSpec,
  tokens: Tokens,
  options: { connections: number; durationSeconds: number },
): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: headersFor(request, tokens),
    requests: [
      {
        method: request.method,
        path: request.paths[0],
        body: request.body ? JSON.stringify(request.body) : undefined,
        setupRequest: (raw) => ({ ...raw, path: request.paths[next++ % request.paths.length] }),
      },
    ],
  });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, Number((stats as { count: number | string }).count)]),
  );
  return {
    // Over the whole run rather than autocannon's per-second samples, which a short smoke run barely has.
    reqPerSec: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
}

export interface Sample {
  status: number;
  body: unknown;
}

export async function sample(url: string, request: RequestSpec, tokens: Tokens): Promise<Sample> {
  const response = await fetch(`${url}${request.paths[0]}`, {
    method: request.method,
    headers: headersFor(request, tokens),
    body: request.body ? JSON.stringify(request.body) : undefined,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: compared as text.
  }
  return { status: response.status, body };
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Where two answers differ: by value for reads, by shape (keys and types) for writes, whose ids,
 * timestamps and tokens are new each time. Empty when they match.
 */
export function differences(ours: unknown, baseline: unknown, compareValues: boolean, at = '$', found: string[] = []): string[] {
  if (found.length >= 5) return found;
  const [a, b] = [kindOf(ours), kindOf(baseline)];
  if (a !== b) {
    found.push(`${at}: ${a} in ours, ${b} in the baseline`);
  } else if (a === 'array') {
    const [left, right] = [ours as unknown[], baseline as unknown[]];
    if (compareValues && left.length !== right.length) found.push(`${at}: ${left.length} items in ours, ${right.length} in the baseline`);
    for (let i = 0; i < Math.min(left.length, right.length); i++) differences(left[i], right[i], compareValues, `${at}[${i}]`, found);
  } else if (a === 'object') {
    const [left, right] = [ours as Record<string, unknown>, baseline as Record<string, unknown>];
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      if (!(key in right)) found.push(`${at}.${key}: only in ours`);
      else if (!(key in left)) found.push(`${at}.${key}: only in the baseline`);
      else differences(left[key], right[key], compareValues, `${at}.${key}`, found);
    }
  } else if (compareValues && ours !== baseline) {
    found.push(`${at}: ${JSON.stringify(ours)} in ours, ${JSON.stringify(baseline)} in the baseline`);
  }
  return found;
}

import type request from 'supertest';

type Agent = ReturnType<typeof request>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** Argon2 PHC strings ($argon2id$v=19$m=…) and anything that names a password field. */
const HASH_MARKER = '$argon2';
const PASSWORD_KEY = /pass(word)?_?hash|password/i;

/**
 * Paths of keys that name a password, except inside `error.details`, where naming the offending
 * field (`password`, `current_password`) is exactly what an error is for.
 */
function passwordKeys(value: unknown, path: string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => passwordKeys(item, [...path, String(index)]));
  if (value === null || typeof value !== 'object') return [];
  const inErrorDetails = path.length === 2 && path[0] === 'error' && path[1] === 'details';
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [
    ...(!inErrorDetails && PASSWORD_KEY.test(key) ? [[...path, key].join('.')] : []),
    ...passwordKeys(child, [...path, key]),
  ]);
}

const isSpec = (url: string) => new URL(url, 'http://test').pathname.endsWith('/openapi.json');

/**
 * Watches every response the agent receives and records any that carries one of the `secrets`
 * (plaintext passwords), a password hash, or a password-named field. Tests assert the list stays empty (see TestServer.leaks).
 */
export function guardAgainstLeaks(agent: Agent, leaks: string[], secrets: readonly string[]): Agent {
  for (const method of METHODS) {
    const original = agent[method].bind(agent);
    agent[method] = (url: string) => {
      const test = original(url);
      test.on('response', (res: { status: number; text?: string; body?: unknown }) => {
        const where = `${method.toUpperCase()} ${url} → ${res.status}`;
        const text = res.text ?? JSON.stringify(res.body ?? null);
        if (text.includes(HASH_MARKER)) leaks.push(`${where}: contains a password hash`);
        for (const secret of secrets) if (text.includes(secret)) leaks.push(`${where}: contains a plaintext password`);
        // The contract describes the password fields a client sends; it is not a response carrying one.
        if (isSpec(url)) return;
        for (const key of passwordKeys(res.body)) leaks.push(`${where}: has a field "${key}"`);
      });
      return test;
    };
  }
  return agent;
}

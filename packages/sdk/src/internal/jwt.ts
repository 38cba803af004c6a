/** Refresh this long before expiry at most, so a token does not run out between our check and the server's. */
const MAX_EXPIRY_MARGIN_MS = 5_000;

interface TimeClaims {
  iat?: number;
  exp?: number;
}

/** Reads the payload without verifying it: only the server can verify, we only want to know when it expires. */
function readClaims(token: string): TimeClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64));
    return typeof claims === 'object' && claims !== null ? claims : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the token is expired or about to be. The margin shrinks for short-lived tokens (a quarter of
 * the lifetime) so they are still used at all. Tokens we cannot read count as fresh: a 401 will tell.
 */
export function isExpiring(token: string, now = Date.now()): boolean {
  const { exp, iat } = readClaims(token) ?? {};
  if (typeof exp !== 'number') return false;
  const lifetimeMs = typeof iat === 'number' ? (exp - iat) * 1000 : MAX_EXPIRY_MARGIN_MS * 4;
  const margin = Math.min(MAX_EXPIRY_MARGIN_MS, lifetimeMs / 4);
  return exp * 1000 - margin <= now;
}

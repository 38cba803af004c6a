import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

export const JWT_ISSUER = 'messaging-app';
export const JWT_AUDIENCE = 'messaging-app-api';
export const JWT_ALGORITHM = 'HS256';

export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  sub: string;
  typ: TokenType;
  jti: string;
  /** Refresh tokens only: the sign-in this token descends from. */
  fam?: string;
  iat: number;
  exp: number;
}

export interface TokenSettings {
  secret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

/** Signs and verifies the API's JWTs. Every token names its type so one can never stand in for the other. */
export class TokenSigner {
  constructor(private readonly settings: TokenSettings) {}

  get secret(): string {
    return this.settings.secret;
  }

  signAccess(userId: string): string {
    return jwt.sign({ typ: 'access' }, this.settings.secret, {
      algorithm: JWT_ALGORITHM,
      subject: userId,
      jwtid: randomUUID(),
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      expiresIn: this.settings.accessTokenTtlSeconds,
    });
  }

  signRefresh(userId: string, tokenId: string, familyId: string): { token: string; expiresAt: Date } {
    const token = jwt.sign({ typ: 'refresh', fam: familyId }, this.settings.secret, {
      algorithm: JWT_ALGORITHM,
      subject: userId,
      jwtid: tokenId,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      expiresIn: this.settings.refreshTokenTtlSeconds,
    });
    const { exp } = jwt.decode(token) as TokenClaims;
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Returns the claims of a well-formed, correctly signed, unexpired token of the given type, else undefined. */
  verify(token: string, type?: TokenType): TokenClaims | undefined {
    try {
      const claims = jwt.verify(token, this.settings.secret, {
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      }) as Partial<TokenClaims>;
      if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string') return undefined;
      if (claims.typ !== 'access' && claims.typ !== 'refresh') return undefined;
      if (type && claims.typ !== type) return undefined;
      return claims as TokenClaims;
    } catch {
      return undefined;
    }
  }
}

/**
 * The auth module: sign-in, JWT access and refresh tokens (refresh-token rotation with reuse
 * detection), and the per-request check of a bearer token (passport-jwt behind tsoa's @Security). It
 * owns `refresh_tokens`; accounts and sessions belong to the users module, which it uses.
 */
import type { Database } from '@messaging-app/shared';
import type { Authenticator } from '../../platform/http/authenticator';
import type { ControllerBindings } from '../../platform/http/controllers';
import type { AccountStates, UsersService } from '../users';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { createAuthenticator } from './authentication';
import { createPassport } from './passport';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokenSigner } from './tokens';

export { AuthService } from './auth.service';
export { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, TokenSigner, type TokenClaims } from './tokens';

export interface AuthSettings {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  refreshReuseGraceSeconds: number;
}

export interface AuthModule {
  auth: AuthService;
  tokens: TokenSigner;
  /** The bearer-token check the app installs for its routes. */
  authenticator: Authenticator;
  controllers: ControllerBindings;
}

export function createAuthModule({
  db,
  settings,
  users,
  accountStates,
}: {
  db: Database;
  settings: AuthSettings;
  users: UsersService;
  accountStates: AccountStates;
}): AuthModule {
  const tokens = new TokenSigner({
    secret: settings.jwtSecret,
    accessTokenTtlSeconds: settings.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: settings.refreshTokenTtlSeconds,
  });
  const auth = new AuthService({
    db,
    users,
    accountStates,
    refreshTokens: new RefreshTokensRepository(db),
    tokens,
    refreshReuseGraceSeconds: settings.refreshReuseGraceSeconds,
  });
  users.onSessionsEnded((ended, transaction) => auth.revokeRefreshTokensOf(ended, transaction));
  const authenticator = createAuthenticator(createPassport(settings.jwtSecret, accountStates));
  return { auth, tokens, authenticator, controllers: [[AuthController, () => new AuthController(auth)]] };
}

import { randomUUID } from 'node:crypto';
import type { Database, Transaction } from '@messaging-app/shared';
import { unauthorized } from '../../platform/errors/app-error';
import { toUser, type AccountStates, type UsersService } from '../users';
import type { SignInResponse, TokenPair } from './auth.dto';
import type { RefreshTokensRepository } from './refresh-tokens.repository';
import type { TokenSigner } from './tokens';

const INVALID_CREDENTIALS = 'No active account found with the given credentials.';
const INVALID_TOKEN = 'Token is invalid or expired.';

export interface AuthServiceDependencies {
  db: Database;
  users: UsersService;
  accountStates: Pick<AccountStates, 'find'>;
  refreshTokens: RefreshTokensRepository;
  tokens: TokenSigner;
  /** How long a used refresh token still answers the pair it was exchanged for (REFRESH_REUSE_GRACE). */
  refreshReuseGraceSeconds: number;
}

type RefreshOutcome = { kind: 'issued'; pair: TokenPair } | { kind: 'reused'; userId: string; sessionId: string } | { kind: 'invalid' };

/**
 * Sign-in, token rotation and sessions. Every sign-in is a session (`user_sessions`), whose id is the
 * refresh-token family and the access tokens' `sid`; authenticating a request checks the session is
 * live, so ending one ends its access tokens at once, in every process.
 */
export class AuthService {
  private readonly db: Database;
  private readonly users: UsersService;
  private readonly accountStates: Pick<AccountStates, 'find'>;
  private readonly refreshTokens: RefreshTokensRepository;
  private readonly tokens: TokenSigner;
  private readonly refreshReuseGraceSeconds: number;

  constructor(dependencies: AuthServiceDependencies) {
    ({
      db: this.db,
      users: this.users,
      accountStates: this.accountStates,
      refreshTokens: this.refreshTokens,
      tokens: this.tokens,
      refreshReuseGraceSeconds: this.refreshReuseGraceSeconds,
    } = dependencies);
  }

  async signIn({ username, password }: { username: string; password: string }): Promise<SignInResponse> {
    const user = await this.users.verifyCredentials({ username, password });
    if (!user) throw unauthorized(INVALID_CREDENTIALS);

    const sessionId = randomUUID();
    const refreshTokenId = randomUUID();
    const pair = this.tokens.signPair({ userId: user.userId, sessionId, refreshTokenId, issuedAt: new Date() });
    await this.db.transaction(async (transaction) => {
      await this.users.startSession(user.userId, sessionId, transaction);
      await this.refreshTokens.create(
        { tokenId: refreshTokenId, userId: user.userId, familyId: sessionId, expiresAt: pair.refreshExpiresAt },
        transaction,
      );
    });
    return { access: pair.access, refresh: pair.refresh, user: toUser(user) };
  }

  /**
   * Rotates a refresh token: the presented one is spent and replaced. Presenting a spent token again
   * means it leaked (or a client replayed it), so its session ends, with every token of it. Except
   * within the reuse grace: two requests of one client racing each other (two tabs, a retry after a
   * lost answer) both get the pair of the first, re-signed from what is stored (byte for byte the
   * same: see TokenSigner.signPair), as long as that pair's refresh token has not been used itself.
   */
  async refresh({ refresh }: { refresh: string }): Promise<TokenPair> {
    const claims = this.tokens.verify(refresh, 'refresh');
    if (!claims) throw unauthorized(INVALID_TOKEN);

    const outcome = await this.db.transaction(async (transaction): Promise<RefreshOutcome> => {
      // Locked, so concurrent refreshes of one token take turns: the first rotates, the others see it.
      const stored = await this.refreshTokens.findForUpdate(claims.jti, transaction);
      if (!stored || stored.userId !== claims.sub) return { kind: 'invalid' };
      const session = await this.users.findSession(stored.userId, stored.familyId, transaction);
      if (!session || session.endedAt) return { kind: 'invalid' };
      const user = await this.users.findActiveUser(stored.userId, transaction);
      if (!user) return { kind: 'invalid' };

      if (stored.revokedAt) {
        const successor = stored.replacedById ? await this.refreshTokens.findById(stored.replacedById, transaction) : undefined;
        const withinGrace = Date.now() - stored.revokedAt.getTime() <= this.refreshReuseGraceSeconds * 1000;
        if (!successor || successor.revokedAt || !withinGrace) return { kind: 'reused', userId: stored.userId, sessionId: stored.familyId };
        const again = this.tokens.signPair({
          userId: user.userId,
          sessionId: stored.familyId,
          refreshTokenId: successor.tokenId,
          issuedAt: stored.revokedAt,
        });
        return { kind: 'issued', pair: { access: again.access, refresh: again.refresh } };
      }

      const nextId = randomUUID();
      const rotatedAt = new Date();
      const next = this.tokens.signPair({ userId: user.userId, sessionId: stored.familyId, refreshTokenId: nextId, issuedAt: rotatedAt });
      await this.refreshTokens.create(
        { tokenId: nextId, userId: user.userId, familyId: stored.familyId, expiresAt: next.refreshExpiresAt },
        transaction,
      );
      await this.refreshTokens.markRotated(stored.tokenId, nextId, rotatedAt, transaction);
      return { kind: 'issued', pair: { access: next.access, refresh: next.refresh } };
    });

    if (outcome.kind === 'issued') return outcome.pair;
    if (outcome.kind === 'reused') await this.endSession(outcome.userId, outcome.sessionId);
    throw unauthorized(INVALID_TOKEN);
  }

  /**
   * Ends the sign-in the refresh token belongs to: the session ends (its access tokens stop working
   * at once) and every refresh token of it is revoked. Possessing the token is the credential (as for
   * refreshing), so no access token is needed. Only a live token logs out; any other is a 401, as
   * everywhere else, and a rotated or already revoked one still ends its session, because presenting
   * it is a replay.
   */
  async logout({ refresh }: { refresh: string }): Promise<void> {
    const claims = this.tokens.verify(refresh, 'refresh');
    const stored = claims && (await this.refreshTokens.findById(claims.jti));
    if (!claims || !stored || stored.userId !== claims.sub) throw unauthorized(INVALID_TOKEN);
    await this.endSession(stored.userId, stored.familyId);
    const user = await this.users.findActiveUser(stored.userId);
    if (stored.revokedAt || !user) throw unauthorized(INVALID_TOKEN);
  }

  /** Valid means: correctly signed, unexpired, and still honoured (session live, refresh not spent, account active). */
  async verify({ token }: { token: string }): Promise<Record<string, never>> {
    const claims = this.tokens.verify(token);
    if (!claims) throw unauthorized(INVALID_TOKEN);
    if (claims.typ === 'refresh') {
      const stored = await this.refreshTokens.findById(claims.jti);
      if (!stored || stored.revokedAt || stored.userId !== claims.sub) throw unauthorized(INVALID_TOKEN);
    }
    const state = await this.accountStates.find(claims.sub, (claims.sid ?? claims.fam) as string);
    if (!state?.user.isActive || !state.sessionLive) throw unauthorized(INVALID_TOKEN);
    return {};
  }

  /**
   * Revokes the refresh tokens of sessions that end, in the transaction that ends them (the users
   * module tells: UsersService.onSessionsEnded), whatever ended them: a logout, a reuse, a new
   * password, a deactivation, signing out everywhere.
   */
  async revokeRefreshTokensOf({ userId, sessionId }: { userId: string; sessionId?: string }, transaction: Transaction): Promise<void> {
    if (sessionId) await this.refreshTokens.revokeFamily(sessionId, transaction);
    else await this.refreshTokens.revokeAllForUser(userId, transaction);
  }

  /** Ends one session, and with it every refresh token of it; this process forgets the user's state once it commits. */
  private async endSession(userId: string, sessionId: string): Promise<void> {
    await this.users.endSession(userId, sessionId);
  }
}

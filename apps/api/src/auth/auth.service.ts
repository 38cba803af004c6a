import { randomUUID } from 'node:crypto';
import type { Database } from '@messaging-app/shared';
import { unauthorized } from '../errors/app-error';
import { toUser } from '../users/user.dto';
import type { UsersRepository } from '../users/users.repository';
import type { SignInResponse, TokenPair } from './auth.dto';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import type { RefreshTokensRepository } from './refresh-tokens.repository';
import type { TokenSigner } from './tokens';

const INVALID_CREDENTIALS = 'No active account found with the given credentials.';
const INVALID_TOKEN = 'Token is invalid or expired.';

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly tokens: TokenSigner,
  ) {}

  async signIn({ username, password }: { username: string; password: string }): Promise<SignInResponse> {
    const user = await this.users.findByUsername(username);
    if (!user) {
      await verifyAgainstDummy(password);
      throw unauthorized(INVALID_CREDENTIALS);
    }
    const passwordMatches = await verifyPassword(user.passwordHash, password);
    if (!passwordMatches || !user.isActive) throw unauthorized(INVALID_CREDENTIALS);

    const refresh = await this.issueRefreshToken(user.userId, randomUUID());
    return { access: this.tokens.signAccess(user.userId), refresh, user: toUser(user) };
  }

  /**
   * Rotates a refresh token: the presented one is revoked and replaced. Presenting a token that was
   * already rotated means it leaked (or a client replayed it), so its whole family is revoked.
   */
  async refresh({ refresh }: { refresh: string }): Promise<TokenPair> {
    const claims = this.tokens.verify(refresh, 'refresh');
    if (!claims?.fam) throw unauthorized(INVALID_TOKEN);

    const outcome = await this.db.transaction(async (transaction) => {
      const stored = await this.refreshTokens.findForUpdate(claims.jti, transaction);
      if (!stored || stored.userId !== claims.sub) return { kind: 'invalid' as const };
      if (stored.revokedAt) return { kind: 'reused' as const, familyId: stored.familyId };
      const user = await this.users.findById(stored.userId, transaction);
      if (!user?.isActive) return { kind: 'invalid' as const };

      const nextId = randomUUID();
      const next = this.tokens.signRefresh(user.userId, nextId, stored.familyId);
      await this.refreshTokens.create(
        { tokenId: nextId, userId: user.userId, familyId: stored.familyId, expiresAt: next.expiresAt },
        transaction,
      );
      await this.refreshTokens.markRotated(stored.tokenId, nextId, transaction);
      return { kind: 'rotated' as const, pair: { access: this.tokens.signAccess(user.userId), refresh: next.token } };
    });

    if (outcome.kind === 'rotated') return outcome.pair;
    if (outcome.kind === 'reused') await this.refreshTokens.revokeFamily(outcome.familyId);
    throw unauthorized(INVALID_TOKEN);
  }

  /**
   * Ends the sign-in the refresh token belongs to: the token and every token rotated from the same
   * sign-in are revoked. Possessing the token is the credential (as for refreshing), so no access
   * token is needed. Only a live token logs out; any other is a 401, as everywhere else, and a
   * rotated or already revoked one still gets its family revoked, because presenting it is a replay.
   */
  async logout({ refresh }: { refresh: string }): Promise<void> {
    const claims = this.tokens.verify(refresh, 'refresh');
    const stored = claims && (await this.refreshTokens.findById(claims.jti));
    if (!claims || !stored || stored.userId !== claims.sub) throw unauthorized(INVALID_TOKEN);
    await this.refreshTokens.revokeFamily(stored.familyId);
    const user = await this.users.findById(stored.userId);
    if (stored.revokedAt || !user?.isActive) throw unauthorized(INVALID_TOKEN);
  }

  /** Valid means: correctly signed, unexpired, and still honoured (refresh not revoked, account active). */
  async verify({ token }: { token: string }): Promise<Record<string, never>> {
    const claims = this.tokens.verify(token);
    if (!claims) throw unauthorized(INVALID_TOKEN);
    if (claims.typ === 'refresh') {
      const stored = await this.refreshTokens.findById(claims.jti);
      if (!stored || stored.revokedAt) throw unauthorized(INVALID_TOKEN);
    }
    const user = await this.users.findById(claims.sub);
    if (!user?.isActive) throw unauthorized(INVALID_TOKEN);
    return {};
  }

  async revokeAllRefreshTokens(userId: string): Promise<void> {
    await this.refreshTokens.revokeAllForUser(userId);
  }

  private async issueRefreshToken(userId: string, familyId: string): Promise<string> {
    const tokenId = randomUUID();
    const { token, expiresAt } = this.tokens.signRefresh(userId, tokenId, familyId);
    await this.refreshTokens.create({ tokenId, userId, familyId, expiresAt });
    return token;
  }
}

import type { AuthApi, SignInResponse, UsersApi } from '../../generated';
import { KnownKeys, REQUEST_OPTION_KEYS, type EveryKey } from '../../internal/input';
import type { Session } from '../../internal/session';
import type { Call } from '../../internal/transport';
import { AuthenticationError } from '../errors';
import type { Credentials, RequestOptions, Tokens } from '../options';

const CREDENTIAL_KEYS = new KnownKeys({ username: true, password: true } satisfies EveryKey<Credentials>);

/** Sign-in state. Other resources sign in and refresh by themselves; use this to do it explicitly. */
export class AuthResource {
  constructor(
    private readonly api: AuthApi,
    private readonly session: Session,
    private readonly anonymous: Call,
    private readonly usersApi: UsersApi,
    private readonly asUser: Call,
  ) {}

  /** The tokens the client holds now (also announced through `onTokens`). */
  get tokens(): Partial<Tokens> {
    return this.session.tokens;
  }

  /** Signs in with these credentials (remembered for later re-sign-ins) or the ones the client was given. */
  async signIn(credentials?: Credentials): Promise<SignInResponse> {
    CREDENTIAL_KEYS.check('auth.signIn', credentials);
    return this.session.signIn(credentials);
  }

  /** Exchanges the refresh token for a new pair; the old refresh token stops working. */
  refresh(): Promise<Tokens> {
    return this.session.refresh();
  }

  /** Whether the API still honours a token (by default the current access token). */
  async verify(token = this.session.tokens.access, options?: RequestOptions): Promise<boolean> {
    REQUEST_OPTION_KEYS.check('auth.verify', options);
    if (!token) return false;
    try {
      await this.anonymous((init) => this.api.verifyToken({ verifyRequest: { token } }, init), options);
      return true;
    } catch (error) {
      if (error instanceof AuthenticationError) return false;
      throw error;
    }
  }

  /**
   * Signs out on the server and here: the API ends this sign-in (its access tokens stop working at
   * once, and its refresh tokens are revoked), then the client forgets its tokens and credentials. A
   * refresh token the API already rejects counts as signed out. Other sign-ins of the user go on.
   */
  async logout(options?: RequestOptions): Promise<void> {
    REQUEST_OPTION_KEYS.check('auth.logout', options);
    const refresh = this.session.tokens.refresh;
    this.session.signOut();
    if (!refresh) return;
    try {
      await this.anonymous((init) => this.api.logout({ logoutRequest: { refresh } }, init), options);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
    }
  }

  /**
   * Signs out everywhere: the API ends every sign-in of the user, this client's included (every access
   * token stops working at once, every refresh token is revoked, every event stream ends with
   * `session_ended`), then the client forgets its tokens and credentials. Other clients holding the
   * user's tokens fail with AuthenticationError from then on, or sign in again if they know the password.
   */
  async signOutEverywhere(options?: RequestOptions): Promise<void> {
    REQUEST_OPTION_KEYS.check('auth.signOutEverywhere', options);
    try {
      await this.asUser((init) => this.usersApi.signOutEverywhere(init), options);
    } catch (error) {
      // Not signed in (any more): there is nothing of ours left to end.
      if (!(error instanceof AuthenticationError)) throw error;
    } finally {
      this.session.signOut();
    }
  }

  /**
   * Forgets the tokens and the credentials, so calls that need a user fail until the next signIn.
   * Only local: the refresh token stays valid on the server until it expires; use logout() to revoke it.
   */
  signOut(): void {
    this.session.signOut();
  }
}

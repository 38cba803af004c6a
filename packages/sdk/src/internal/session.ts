import { AuthenticationError } from '../core/errors';
import type { Credentials, Tokens } from '../core/options';
import type { SignInResponse, TokenPair } from '../generated/models';
import { isExpiring } from './jwt';

/** How the transport gets a bearer token for a request, and a better one after a 401. */
export interface Authorizer {
  /** The token to send, or undefined to send none. */
  accessToken(): Promise<string | undefined>;
  /** After `rejected` earned a 401: a fresh token (refreshed or re-signed-in), or throws AuthenticationError. */
  renew(rejected: string): Promise<string>;
}

export interface SessionOptions {
  credentials?: Credentials;
  tokens: Partial<Tokens>;
  onTokens?: (tokens: Tokens) => void | Promise<void>;
  /** The token endpoints, called without a bearer token. */
  signIn(credentials: Credentials): Promise<SignInResponse>;
  refresh(refreshToken: string): Promise<TokenPair>;
}

function notSignedIn(message: string): AuthenticationError {
  return new AuthenticationError({ status: 401, code: 'unauthorized', message });
}

/**
 * Owns the tokens. Every path that needs new tokens goes through one in-flight promise, so concurrent
 * calls that find the token expired (or get a 401) share a single refresh. (The API answers a refresh
 * token presented twice within a few seconds with the same pair, so racing refreshes would not sign us
 * out; but later, or once the new pair was used, it ends the whole session, and one request is cheaper.)
 */
export class Session {
  private credentials?: Credentials;
  private access?: string;
  private refreshToken?: string;
  private pending?: Promise<Tokens>;
  /** Bumped by signOut, so tokens from a renewal that was already in flight are not stored afterwards. */
  private generation = 0;

  constructor(private readonly options: SessionOptions) {
    this.credentials = options.credentials;
    this.access = options.tokens.access;
    this.refreshToken = options.tokens.refresh;
  }

  get tokens(): Partial<Tokens> {
    return { access: this.access, refresh: this.refreshToken };
  }

  /** For operations that need a user: signs in or refreshes first when there is no usable token. */
  readonly required: Authorizer = {
    accessToken: async () => {
      if (this.pending) return (await this.pending).access;
      if (this.access && !isExpiring(this.access)) return this.access;
      return (await this.renewTokens()).access;
    },
    renew: (rejected) => this.renewAfterRejection(rejected),
  };

  /** For public operations that do more for a signed-in caller: sends a token only if one is at hand. */
  readonly optional: Authorizer = {
    accessToken: async () => (this.pending ? (await this.pending).access : this.access),
    renew: (rejected) => this.renewAfterRejection(rejected),
  };

  async signIn(credentials?: Credentials): Promise<SignInResponse> {
    if (credentials) this.credentials = credentials;
    const known = this.credentials;
    if (!known) throw notSignedIn('No username and password to sign in with.');
    await this.settled();
    return this.begin(() => this.options.signIn(known));
  }

  /** Rotates the tokens with the stored refresh token; no fallback to signing in. */
  async refresh(): Promise<Tokens> {
    await this.settled();
    return this.begin(() => this.rotate());
  }

  /**
   * The server ended the session `access` belongs to (logout, sign out everywhere, a password change):
   * its pair will never work again, so it is dropped now rather than tried. The credentials stay, so the
   * next call signs in again when they are known (as after any refresh token that stopped working).
   * Nothing changes when the tokens were already replaced (a renewal since).
   */
  sessionEnded(access: string | undefined): void {
    if (this.pending || !access || this.access !== access) return;
    this.access = undefined;
    this.refreshToken = undefined;
  }

  /** Forgets tokens and credentials: calls that need a user fail until the next signIn. */
  signOut(): void {
    this.generation += 1;
    this.pending = undefined;
    this.credentials = undefined;
    this.access = undefined;
    this.refreshToken = undefined;
  }

  private async renewAfterRejection(rejected: string): Promise<string> {
    if (this.pending) return (await this.pending).access;
    // Another call may have renewed while this one was in flight: use that instead of refreshing again.
    if (this.access && this.access !== rejected && !isExpiring(this.access)) return this.access;
    return (await this.renewTokens()).access;
  }

  private renewTokens(): Promise<Tokens> {
    return this.shared(async () => {
      if (this.refreshToken) {
        try {
          return await this.rotate();
        } catch (error) {
          // Expired, revoked or reused: this refresh token will never work again.
          if (!(error instanceof AuthenticationError)) throw error;
          this.access = this.refreshToken = undefined;
          if (!this.credentials) throw error;
        }
      }
      if (!this.credentials) throw notSignedIn('Not signed in: pass username and password or tokens, or call auth.signIn().');
      return this.options.signIn(this.credentials);
    });
  }

  private async rotate(): Promise<Tokens> {
    if (!this.refreshToken) throw notSignedIn('There is no refresh token to refresh with.');
    return this.options.refresh(this.refreshToken);
  }

  /** Joins the renewal in flight, or starts one. */
  private shared(obtain: () => Promise<Tokens>): Promise<Tokens> {
    return this.pending ?? this.begin(obtain);
  }

  /** Runs `obtain` as the renewal in flight. */
  private begin<T extends Tokens>(obtain: () => Promise<T>): Promise<T> {
    const flight = this.obtainAndStore(obtain).finally(() => {
      if (this.pending === flight) this.pending = undefined;
    });
    this.pending = flight;
    return flight;
  }

  private async obtainAndStore<T extends Tokens>(obtain: () => Promise<T>): Promise<T> {
    const generation = this.generation;
    const result = await obtain();
    if (generation !== this.generation) throw notSignedIn('Signed out while new tokens were being fetched.');
    this.access = result.access;
    this.refreshToken = result.refresh;
    await this.options.onTokens?.({ access: result.access, refresh: result.refresh });
    return result;
  }

  /** Waits out a renewal in flight, whatever its outcome, so an explicit sign-in or refresh does not race it. */
  private async settled(): Promise<void> {
    while (this.pending) await this.pending.catch(() => undefined);
  }
}

import type { User } from '../users';

export interface SignInRequest {
  /** Case-insensitive. @example "kwame" */
  username: string;
  /** @example "messaging-demo-pass" */
  password: string;
}

export interface TokenPair {
  /** Short-lived JWT for `Authorization: Bearer`. */
  access: string;
  /** Long-lived JWT that obtains new token pairs; each use rotates it. */
  refresh: string;
}

export interface SignInResponse extends TokenPair {
  user: User;
}

export interface RefreshRequest {
  refresh: string;
}

export interface LogoutRequest {
  /** The refresh token of the session to end. */
  refresh: string;
}

export interface VerifyRequest {
  token: string;
}

/** An empty object: the token is valid. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the contract answers exactly {}
export interface VerifyResponse {}

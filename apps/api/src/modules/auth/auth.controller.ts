import { Body, Controller, Middlewares, Post, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { ErrorBody } from '../../platform/errors/error-body';
import { rateLimit } from '../../platform/rate-limits/rate-limiters';
import type { LogoutRequest, RefreshRequest, SignInRequest, SignInResponse, TokenPair, VerifyRequest, VerifyResponse } from './auth.dto';
import type { AuthService } from './auth.service';

@Route('token')
@Tags('Auth')
@Response<ErrorBody>(400, 'The request is invalid')
@Response<ErrorBody>(401, 'Wrong credentials, or an invalid, expired or revoked token')
export class AuthController extends Controller {
  constructor(private readonly auth: AuthService) {
    super();
  }

  /**
   * Signs in with username (case-insensitive) and password; returns an access and a refresh token.
   * Failed attempts are limited per account and per client address (429 with Retry-After).
   */
  @Post()
  @Middlewares(rateLimit('signInPerIp'), rateLimit('signInPerAccount'))
  @Response<ErrorBody>(429, 'Too many failed sign-ins for this account or from this address')
  public async signIn(@Body() body: SignInRequest): Promise<SignInResponse> {
    return this.auth.signIn(body);
  }

  /**
   * Exchanges a refresh token for a new pair. The presented refresh token is spent (rotation). Presented
   * again within REFRESH_REUSE_GRACE (10 s by default), it answers the same pair, as long as that
   * pair's refresh token is unused (concurrent refreshes of one client all succeed); presented again
   * after that, it counts as stolen and its whole sign-in ends (401).
   */
  @Post('refresh')
  public async refreshToken(@Body() body: RefreshRequest): Promise<TokenPair> {
    return this.auth.refresh(body);
  }

  /**
   * Signs out of one sign-in (session): its access tokens stop working at once, and the refresh token
   * and every token rotated from the same sign-in are revoked, so none of them can be refreshed again;
   * its event streams end with `session_ended`. A token that is not live (expired, revoked, already
   * logged out) is a 401. Other sign-ins of the user are untouched (to end them all:
   * `DELETE /users/me/sessions/`).
   */
  @Post('logout')
  @SuccessResponse(204, 'Signed out')
  public async logout(@Body() body: LogoutRequest): Promise<void> {
    await this.auth.logout(body);
    this.setStatus(204);
  }

  /** Checks a token (access or refresh): 200 with `{}` when valid, 401 otherwise. */
  @Post('verify')
  public async verifyToken(@Body() body: VerifyRequest): Promise<VerifyResponse> {
    return this.auth.verify(body);
  }
}

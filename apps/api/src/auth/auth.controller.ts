import { Body, Controller, Post, Response, Route, Tags } from '@tsoa/runtime';
import type { ErrorBody } from '../errors/error-body';
import type { Services } from '../services';
import type { RefreshRequest, SignInRequest, SignInResponse, TokenPair, VerifyRequest, VerifyResponse } from './auth.dto';

@Route('token')
@Tags('Auth')
@Response<ErrorBody>(400, 'The request is invalid')
@Response<ErrorBody>(401, 'Wrong credentials, or an invalid, expired or revoked token')
export class AuthController extends Controller {
  constructor(private readonly services: Services) {
    super();
  }

  /** Signs in with username (case-insensitive) and password; returns an access and a refresh token. */
  @Post()
  public async signIn(@Body() body: SignInRequest): Promise<SignInResponse> {
    return this.services.auth.signIn(body);
  }

  /** Exchanges a refresh token for a new pair. The presented refresh token is revoked (rotation). */
  @Post('refresh')
  public async refreshToken(@Body() body: RefreshRequest): Promise<TokenPair> {
    return this.services.auth.refresh(body);
  }

  /** Checks a token (access or refresh): 200 with `{}` when valid, 401 otherwise. */
  @Post('verify')
  public async verifyToken(@Body() body: VerifyRequest): Promise<VerifyResponse> {
    return this.services.auth.verify(body);
  }
}

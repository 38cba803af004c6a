import type { Request as ExpressRequest } from 'express';
import {
  Body,
  Controller,
  Delete,
  Get,
  Middlewares,
  NoSecurity,
  Patch,
  Path,
  Post,
  Queries,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { ErrorBody } from '../../platform/errors/error-body';
import { optionalCaller } from '../../platform/http/authenticator';
import { pageRequest, toEnvelope, type PageParams } from '../../platform/http/pagination';
import { rateLimit } from '../../platform/rate-limits/rate-limiters';
import type { User, UUID } from './user.dto';
import type { RegisterUserRequest, UpdateUserRequest, UserPage } from './users.dto';
import type { UsersService } from './users.service';

@Route('users')
@Tags('Users')
@Security('jwt')
@Response<ErrorBody>(400, 'The request is invalid')
@Response<ErrorBody>(401, 'Missing, invalid or expired access token')
export class UsersController extends Controller {
  constructor(private readonly users: UsersService) {
    super();
  }

  /**
   * Creates an account. Open to everyone; a staff caller (with a bearer token) may also create
   * staff users and users with the `admin` role. Registrations are limited per client address.
   */
  @Post()
  @NoSecurity()
  @Middlewares(rateLimit('registrationsPerIp'))
  @SuccessResponse(201, 'Created')
  @Response<ErrorBody>(403, 'Only staff may set is_staff or the admin role')
  @Response<ErrorBody>(409, 'The username or email is taken')
  @Response<ErrorBody>(429, 'Too many registrations from this address')
  public async registerUser(@Body() body: RegisterUserRequest, @Request() request: ExpressRequest): Promise<User> {
    const caller = await optionalCaller(request);
    const user = await this.users.registerUser({ input: body, caller });
    this.setStatus(201);
    return user;
  }

  /** The signed-in user's own profile. */
  @Get('me')
  public async getCurrentUser(@Request() request: ExpressRequest): Promise<User> {
    return this.users.getCurrentUser(request.user!);
  }

  /**
   * Signs out everywhere: ends every session (sign-in) of the caller, this one included. Their access
   * tokens stop working at once, on every API process; their refresh tokens are revoked; their open
   * event streams end with `session_ended`. Sign in again to continue. (To end only one sign-in, use
   * `POST /token/logout/` with its refresh token.)
   */
  @Delete('me/sessions')
  @SuccessResponse(204, 'Every session ended')
  public async signOutEverywhere(@Request() request: ExpressRequest): Promise<void> {
    await this.users.signOutEverywhere(request.user!);
    this.setStatus(204);
  }

  /** Staff see every user; anyone else sees only themselves. */
  @Get()
  @Response<ErrorBody>(404, 'The page is past the end')
  public async listUsers(@Request() request: ExpressRequest, @Queries() query: PageParams): Promise<UserPage> {
    const result = await this.users.listUsers({ caller: request.user!, page: pageRequest(query) });
    return toEnvelope(request, result);
  }

  /** A user's profile: visible to that user and to staff; anyone else gets 404. */
  @Get('{user_id}')
  @Response<ErrorBody>(404, 'No such user (or not yours to see)')
  public async getUser(@Path() user_id: UUID, @Request() request: ExpressRequest): Promise<User> {
    return this.users.getUser({ caller: request.user!, userId: user_id });
  }

  /** Updates a profile (the user themselves, or staff). Fields not sent are left unchanged. */
  @Patch('{user_id}')
  @Response<ErrorBody>(403, 'Only staff may change is_staff or grant admin')
  @Response<ErrorBody>(404, 'No such user (or not yours to change)')
  @Response<ErrorBody>(409, 'The username or email is taken')
  public async updateUser(@Path() user_id: UUID, @Body() body: UpdateUserRequest, @Request() request: ExpressRequest): Promise<User> {
    return this.users.updateUser({ caller: request.user!, userId: user_id, input: body });
  }
}

/**
 * The web admin panel at /admin: AdminJS over our Sequelize models, like Django's admin. Staff sign in
 * with their own account; the session lives in the database (admin_sessions).
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { Database } from '@messaging-app/shared';
import type { AdminJSOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import SequelizeStoreFactory from 'connect-session-sequelize';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { noStore } from '../../common/cache-control';
import { isStorableText } from '../../common/text-input';
import type { Config } from '../../config';
import { AppError } from '../../errors/app-error';
import type { RateLimiters } from '../../rate-limits/rate-limiters';
import type { AdminService } from '../admin.service';
import { panelResources, toPanelAdmin, type PanelAdmin } from './resources';

export const ADMIN_PANEL_PATH = '/admin';
const SESSION_COOKIE = 'messaging_admin';
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
const LOGIN_PATH = '/login';

type AdminJsModules = {
  AdminJS: typeof import('adminjs', { with: { 'resolution-mode': 'import' } }).default;
  assets: typeof import('adminjs', { with: { 'resolution-mode': 'import' } }).Router.assets;
  buildAuthenticatedRouter: typeof import('@adminjs/express', { with: { 'resolution-mode': 'import' } }).buildAuthenticatedRouter;
};

let loading: Promise<AdminJsModules> | undefined;

/**
 * AdminJS and its plugins are ESM-only and the API is CommonJS: they load with a dynamic import()
 * (kept as-is by the node16 module setting; under jest it needs --experimental-vm-modules, which the
 * API's test script sets). Once per process: the adapter registration is global to AdminJS.
 */
function loadAdminJs(): Promise<AdminJsModules> {
  loading ??= (async () => {
    // One after the other: they share modules, and jest's ESM loader trips over concurrent links.
    const { default: AdminJS, Router } = await import('adminjs');
    const { buildAuthenticatedRouter } = await import('@adminjs/express');
    const { Database, Resource } = await import('@adminjs/sequelize');
    AdminJS.registerAdapter({ Database, Resource });
    return { AdminJS, assets: Router.assets, buildAuthenticatedRouter };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/**
 * The cookie-signing secret, derived from JWT_SECRET (required in production, random in development)
 * so there is no predictable default and no second secret to manage.
 */
function sessionSecret(config: Pick<Config, 'jwtSecret'>): string {
  return createHmac('sha256', config.jwtSecret).update('messaging-admin-panel-session').digest('base64url');
}

/**
 * The API keeps helmet's strict policy; the panel's pages boot with inline scripts and
 * styled-components inject styles, so it needs 'unsafe-inline' for both, and nothing from elsewhere:
 * the Google Fonts stylesheet AdminJS links to is blocked, and text falls back to the system font.
 */
const panelSecurityHeaders = helmet({
  // Not helmet's no-referrer: with it, browsers send `Origin: null` on the panel's own form posts, and
  // the sign-in's cross-site check could not tell them from a sandboxed attacker page.
  referrerPolicy: { policy: 'same-origin' },
  contentSecurityPolicy: {
    directives: {
      'script-src': ["'self'", "'unsafe-inline'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'font-src': ["'self'", 'data:'],
      'img-src': ["'self'", 'data:', 'blob:'],
      'connect-src': ["'self'"],
    },
  },
});

const LOCALE: AdminJSOptions['locale'] = {
  language: 'en',
  availableLanguages: ['en'],
  translations: {
    en: {
      components: {
        Login: {
          welcomeHeader: 'Messaging admin',
          welcomeMessage: 'For staff: sign in with your messaging username and password.',
          properties: { email: 'Username', password: 'Password' },
          loginButton: 'Sign in',
        },
      },
      actions: { deactivate: 'Deactivate', reactivate: 'Reactivate', promote: 'Make staff' },
      messages: {
        invalidCredentials: 'Enter the username and password of an active staff account.',
        confirmDeactivate: 'Deactivate this account? The user is signed out everywhere and cannot sign in until reactivated.',
        confirmReactivate: 'Reactivate this account? The user can sign in again.',
        confirmPromote: 'Make this user staff? They will see and manage every user, conversation and message.',
        userDeactivated: 'The account was deactivated and signed out everywhere.',
        userReactivated: 'The account was reactivated.',
        userPromoted: 'The user is now staff.',
      },
    },
  },
};

export interface AdminPanel {
  router: Router;
  /** Stops the session store's periodic clean-up of expired sessions. */
  close(): void;
}

export async function createAdminPanel({
  config,
  db,
  admin,
  rateLimiters,
  logger,
}: {
  config: Config;
  db: Database;
  admin: AdminService;
  /** The API's own sign-in limiters: one budget per account and per address, whichever door is knocked on. */
  rateLimiters: Pick<RateLimiters, 'signInPerIp' | 'signInPerAccount'>;
  logger: Logger;
}): Promise<AdminPanel> {
  const { AdminJS, assets, buildAuthenticatedRouter } = await loadAdminJs();
  const adminJs = new AdminJS({
    rootPath: ADMIN_PANEL_PATH,
    loginPath: `${ADMIN_PANEL_PATH}${LOGIN_PATH}`,
    logoutPath: `${ADMIN_PANEL_PATH}/logout`,
    resources: panelResources(db.models, admin),
    branding: { companyName: 'Messaging admin', withMadeWithLove: false, logo: false },
    locale: LOCALE,
  });
  // In production AdminJS bundles its components on start; awaited here so a failure stops start-up
  // with a message instead of surfacing as an unhandled rejection later.
  await adminJs.initialize();

  const SequelizeStore = SequelizeStoreFactory(session.Store);
  const store = new SequelizeStore({ db: db.sequelize, table: 'AdminSession', expiration: SESSION_LIFETIME_MS });
  const secret = sessionSecret(config);
  const sessionOptions: session.SessionOptions = {
    name: SESSION_COOKIE,
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    cookie: { path: ADMIN_PANEL_PATH, httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_LIFETIME_MS },
  };

  const router = express.Router();
  router.use(panelSecurityHeaders);
  // Ours, so it runs before the staff re-check; AdminJS's own session middleware then sees the session and steps aside.
  router.use(session(sessionOptions));
  router.use(recheckStaff(admin, logger));
  router.use('/api', sameSiteCallsOnly);
  // @adminjs/express serves its files with res.sendFile, which Express 5 refuses for paths through a
  // dot-folder, and in production AdminJS writes its component bundle to .adminjs/. Served here first.
  for (const asset of assets) {
    router.get(asset.path, (_req, res, next) => res.sendFile(path.resolve(asset.src), { dotfiles: 'allow' }, (error) => error && next(error)));
  }
  // Past the static bundles, every page and call is a signed-in staff member's view of people's data.
  router.use(noStore);
  const loginPage = (res: Response, status: number, errorMessage: string) =>
    adminJs.renderLogin({ action: adminJs.options.loginPath, errorMessage }).then((html) => {
      res.status(status).type('html').send(html);
    });
  // Ours, registered before AdminJS's, which then never sees a sign-in post: see panelSignIn.
  router.post(LOGIN_PATH, ...panelSignIn({ config, admin, rateLimiters, loginPage, logger }));
  buildAuthenticatedRouter(
    adminJs,
    {
      // AdminJS insists on one, but its sign-in route is never reached (panelSignIn answers first); were
      // it reached, it would be a door without limits, so it lets nobody in.
      authenticate: async () => null,
      cookieName: SESSION_COOKIE,
      cookiePassword: secret,
    },
    router,
    sessionOptions,
  );
  return { router, close: () => store.stopExpiringSessions() };
}

type LoginPage = (res: Response, status: number, errorMessage: string) => Promise<void>;

/** The login form's fields (AdminJS's form names the username `email`), small and flat. */
const loginForm = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });

/**
 * The panel's sign-in, in place of AdminJS's (which counted failures in memory, per address and per
 * process, 10 a minute, and never per account: the panel was a brute-force door beside POST /token/):
 *
 * 1. Cross-site posts are refused (login CSRF: signing a victim's browser into the attacker's session).
 * 2. The form is read into the API's sign-in shape, and the API's own limiters count it: the same
 *    database-backed keys per address and per account (case-insensitive username), so failures at
 *    either door spend one budget. A failure answers 401 (a 4xx is what the limiters count), success a
 *    redirect, which they give back; over a limit, the login page says so (429, with Retry-After).
 * 3. On success the session id is regenerated, so an id planted before sign-in (session fixation) is
 *    worth nothing afterwards.
 */
function panelSignIn({
  config,
  admin,
  rateLimiters,
  loginPage,
  logger,
}: {
  config: Config;
  admin: AdminService;
  rateLimiters: Pick<RateLimiters, 'signInPerIp' | 'signInPerAccount'>;
  loginPage: LoginPage;
  logger: Logger;
}): RequestHandler[] {
  const refuseCrossSite: RequestHandler = (req, res, next) => {
    if (!isCrossSitePost(req, config)) return next();
    loginPage(res, 403, 'Sign in from this panel’s own page: sign-in forms sent from other sites are refused.').catch(next);
  };
  const asApiSignIn: RequestHandler = (req, res, next) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const [username, password] = [text(form.email), text(form.password)];
    // A NUL or an unpaired surrogate names no account, and the database could not even count it.
    if ([username, password].some((value) => value !== undefined && !isStorableText(value))) {
      return void loginPage(res, 400, 'invalidCredentials').catch(next);
    }
    req.body = { username, password };
    next();
  };
  // The limiters report a limit as an AppError for the API's JSON error handler; a person at the form gets the page.
  const onTheLoginPage =
    (limiter: RequestHandler): RequestHandler =>
    (req, res, next) =>
      limiter(req, res, (error?: unknown) => {
        if (error instanceof AppError && error.code === 'rate_limited') return void loginPage(res, 429, error.message).catch(next);
        next(error);
      });
  const signIn: RequestHandler = (req, res, next) => {
    const { username, password } = req.body as { username?: string; password?: string };
    const checking = username !== undefined && password !== undefined ? admin.authenticateStaff({ username, password }) : Promise.resolve(undefined);
    checking.then((user) => {
      if (!user) return loginPage(res, 401, 'invalidCredentials');
      req.session.regenerate((regenerateError) => {
        if (regenerateError) return next(regenerateError);
        req.session.adminUser = toPanelAdmin(user);
        req.session.save((saveError) => {
          if (saveError) return next(saveError);
          logger.info({ userId: user.userId }, 'admin panel sign-in');
          res.redirect(302, ADMIN_PANEL_PATH);
        });
      });
    }).catch(next);
  };
  return [refuseCrossSite, loginForm, asApiSignIn, onTheLoginPage(rateLimiters.signInPerIp), onTheLoginPage(rateLimiters.signInPerAccount), signIn];
}

/**
 * Browsers label a form post with Sec-Fetch-Site (current ones), and with Origin: the panel's own page
 * is `same-origin`, and its Origin is this host (or PUBLIC_URL's origin, behind a proxy that rewrites
 * Host). Neither can be forged by another site in a victim's browser. Sec-Fetch-Site decides when it is
 * there; Origin otherwise (it is `null` from a page whose Referrer-Policy is no-referrer, hence the
 * panel's same-origin policy). A client that sends neither (curl, a script) is no cross-site forgery.
 */
function isCrossSitePost(req: Request, config: Pick<Config, 'publicUrl'>): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin';
  const origin = req.get('origin');
  if (origin === undefined) return false;
  if (config.publicUrl !== undefined && origin === new URL(config.publicUrl).origin) return false;
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    // `null` (a sandboxed frame, a redirect from elsewhere) or garbage.
    return true;
  }
}

/**
 * AdminJS calls custom actions with GET, so SameSite=Lax cookies alone would let a link on another
 * site trigger one (deactivate a user) in a signed-in staff member's browser. Browsers label every
 * request with Sec-Fetch-Site; the panel's own calls are same-origin, and anything else is refused.
 */
const sameSiteCallsOnly: RequestHandler = (req, _res, next) => {
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin') return next();
  next(new AppError('forbidden', 'Admin panel calls are accepted from the panel itself only.'));
};

/**
 * A panel session is only as good as the account behind it: on every request the user is loaded
 * again, and a deactivated or demoted one is signed out of the panel at once.
 */
function recheckStaff(admin: AdminService, logger: Logger): RequestHandler {
  return (req, _res, next) => {
    const signedIn = req.session.adminUser as PanelAdmin | undefined;
    if (!signedIn) return next();
    admin.currentStaff(signedIn.id).then((user) => {
      if (user) {
        req.session.adminUser = toPanelAdmin(user);
        return next();
      }
      logger.info({ userId: signedIn.id }, 'admin panel session ended: the account is no longer active staff');
      req.session.destroy((error) => next(error));
    }, next);
  };
}

declare module 'express-session' {
  interface SessionData {
    adminUser?: PanelAdmin;
  }
}

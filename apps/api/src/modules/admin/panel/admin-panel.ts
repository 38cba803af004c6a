/**
 * The web admin panel at /admin: AdminJS over our Sequelize models, like Django's admin. Staff sign in
 * with their own account; the session lives in the database (admin_sessions).
 *
 * AdminJS loads on the first request to /admin, not at start-up: importing it takes a second or more
 * of CPU, which every start (and every worker) would otherwise pay before answering /healthz.
 */
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '@messaging-app/shared';
import type { buildAuthenticatedRouter as BuildAuthenticatedRouter } from '@adminjs/express' with { 'resolution-mode': 'import' };
import type { default as AdminJSClass, AdminJSOptions, Router as AdminJSRouter } from 'adminjs' with { 'resolution-mode': 'import' };
import SequelizeStoreFactory from 'connect-session-sequelize';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { noStore } from '../../../platform/http/cache-control';
import { isStorableText } from '../../../platform/http/text-input';
import type { Config } from '../../../platform/config';
import { AppError } from '../../../platform/errors/app-error';
import type { RateLimiters } from '../../../platform/rate-limits/rate-limiters';
import type { AdminService } from '../admin.service';
import { callerOf, panelResources, toPanelAdmin, type PanelAdmin } from './resources';

export const ADMIN_PANEL_PATH = '/admin';
/** The dashboard's chart: sign-ups and messages on each of this many days, today included. */
const ACTIVITY_DAYS = 30;
const SESSION_COOKIE = 'messaging_admin';
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
const LOGIN_PATH = '/login';

type AdminJsModules = {
  AdminJS: typeof AdminJSClass;
  assets: typeof AdminJSRouter.assets;
  buildAuthenticatedRouter: typeof BuildAuthenticatedRouter;
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

/** apps/api: the nearest folder above `from` with a package.json (the same from src/ under jest and from dist/). */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const API_ROOT = packageRoot(__dirname);
/**
 * The panel's React components (the dashboard), bundled at build time by scripts/bundle-admin-panel.mjs
 * with AdminJS's own bundler, instead of by AdminJS at start-up (production) or on the first page
 * (development): seconds of rollup and babel, and a writable .adminjs/ folder, saved on every start.
 */
const COMPONENTS_BUNDLE = path.join(API_ROOT, 'dist', 'admin-panel', 'components.bundle.js');
/** The component's name in that bundle. */
const DASHBOARD_COMPONENT = 'Dashboard';
/** panel.css (our styles and the Roboto font faces) and the favicon. */
const PANEL_STATIC_DIR = path.join(API_ROOT, 'public', 'admin');
const ROBOTO_FILES_DIR = path.join(path.dirname(require.resolve('@fontsource/roboto/LICENSE')), 'files');
/** Where the panel's own files are served, beside AdminJS's (before sign-in: the sign-in page uses them too). */
const PANEL_ASSETS_PATH = '/frontend/assets/panel';
const ROBOTO_FILE = /^roboto-latin-(300|400|500|700)-normal\.woff2$/;
/** AdminJS's page templates link Roboto from Google Fonts, which the panel's CSP blocks; panel.css brings it instead. */
const REMOTE_FONT_LINK = /<link rel="stylesheet" href="https:\/\/fonts\.googleapis\.com\/[^"]*" type="text\/css">\s*/g;

/**
 * The cookie-signing secret, derived from JWT_SECRET (required in production, random in development)
 * so there is no predictable default and no second secret to manage.
 */
function sessionSecret(config: Pick<Config, 'jwtSecret'>): string {
  return createHmac('sha256', config.jwtSecret).update('messaging-admin-panel-session').digest('base64url');
}

/**
 * The API keeps helmet's strict policy; the panel's pages boot with inline scripts and
 * styled-components inject styles, so it needs 'unsafe-inline' for both, and nothing from elsewhere
 * (the Google Fonts link in AdminJS's pages is taken out: withoutRemoteFonts below).
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
      resources: {
        users: { properties: { name: 'Name', isStaff: 'Staff', isActive: 'Active', createdAt: 'Joined', updatedAt: 'Updated' } },
        conversations: {
          properties: {
            conversationId: 'Conversation id',
            createdById: 'Started by',
            messageCount: 'Messages',
            lastActivityAt: 'Last activity',
            createdAt: 'Started',
          },
        },
        messages: {
          properties: { messageBody: 'Message', senderId: 'Sender', conversationId: 'Conversation', sentAt: 'Sent', editedAt: 'Edited' },
        },
      },
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

interface PanelDependencies {
  config: Config;
  db: Database;
  admin: AdminService;
  /** The API's own sign-in limiters: one budget per account and per address, whichever door is knocked on. */
  rateLimiters: Pick<RateLimiters, 'signInPerIp' | 'signInPerAccount'>;
  logger: Logger;
}

/**
 * The panel's router. AdminJS itself is loaded and set up on the first request under /admin (every
 * request until then waits for it); a failure to load is logged, answered as a server error, and tried
 * again on the next request.
 */
export function createAdminPanel(dependencies: PanelDependencies): AdminPanel {
  if (!existsSync(COMPONENTS_BUNDLE)) {
    throw new Error(`The admin panel's ${COMPONENTS_BUNDLE} is missing: build the API first (npm run build), or set ADMIN_PANEL=false.`);
  }
  let loaded: Promise<AdminPanel> | undefined;
  let closed = false;
  const load = () => {
    loaded ??= buildPanel(dependencies).then(
      (panel) => {
        if (closed) panel.close();
        return panel;
      },
      (error: unknown) => {
        loaded = undefined;
        dependencies.logger.error({ err: error }, 'the admin panel (AdminJS) could not be loaded');
        throw error;
      },
    );
    return loaded;
  };
  const router = express.Router();
  router.use((req, res, next) => {
    load()
      .then((panel) => panel.router(req, res, next))
      .catch(next);
  });
  return {
    router,
    close: () => {
      closed = true;
      loaded?.then((panel) => panel.close()).catch(() => undefined);
    },
  };
}

async function buildPanel({ config, db, admin, rateLimiters, logger }: PanelDependencies): Promise<AdminPanel> {
  const { AdminJS, assets, buildAuthenticatedRouter } = await loadAdminJs();
  const adminJs = new AdminJS({
    rootPath: ADMIN_PANEL_PATH,
    loginPath: `${ADMIN_PANEL_PATH}${LOGIN_PATH}`,
    logoutPath: `${ADMIN_PANEL_PATH}/logout`,
    resources: panelResources(db.models, admin),
    dashboard: {
      component: DASHBOARD_COMPONENT,
      handler: async (_request, _response, context) => {
        const caller = callerOf(context.currentAdmin);
        const [stats, activity] = await Promise.all([admin.getStats({ caller }), admin.dailyActivity({ caller, days: ACTIVITY_DAYS })]);
        return { stats, activity };
      },
    },
    assets: { styles: [`${ADMIN_PANEL_PATH}${PANEL_ASSETS_PATH}/panel.css`] },
    branding: {
      companyName: 'Messaging admin',
      withMadeWithLove: false,
      logo: false,
      favicon: `${ADMIN_PANEL_PATH}${PANEL_ASSETS_PATH}/favicon.svg`,
    },
    locale: LOCALE,
  });
  // AdminJS's own component bundling (what ADMIN_JS_SKIP_BUNDLE=true turns off): the bundle is built
  // at build time and served below. @adminjs/express calls this again without awaiting it.
  adminJs.initialize = () => Promise.resolve();

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
  router.use(withoutRemoteFonts);
  // Ours, so it runs before the staff re-check; AdminJS's own session middleware then sees the session and steps aside.
  router.use(session(sessionOptions));
  router.use(recheckStaff(admin, logger));
  router.use('/api', sameSiteCallsOnly);
  // Static files, before AdminJS's routes: our components bundle, stylesheet, favicon and font, then
  // AdminJS's own files, which @adminjs/express serves with res.sendFile without allowing dot-folders
  // in their path (Express 5 then refuses them, as for a checkout under a hidden folder).
  router.get('/frontend/assets/components.bundle.js', (_req, res, next) =>
    res.sendFile(COMPONENTS_BUNDLE, (error) => error && next(error)),
  );
  router.use(PANEL_ASSETS_PATH, express.static(PANEL_STATIC_DIR, { index: false, fallthrough: true }));
  router.get(`${PANEL_ASSETS_PATH}/fonts/:file`, (req, res, next) => {
    if (!ROBOTO_FILE.test(req.params.file)) return next();
    res.sendFile(path.join(ROBOTO_FILES_DIR, req.params.file), { maxAge: '7d' }, (error) => error && next(error));
  });
  for (const asset of assets) {
    router.get(asset.path, (_req, res, next) =>
      res.sendFile(path.resolve(asset.src), { dotfiles: 'allow' }, (error) => error && next(error)),
    );
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
      authenticate: () => Promise.resolve(null),
      cookieName: SESSION_COOKIE,
      cookiePassword: secret,
    },
    router,
    sessionOptions,
  );
  return { router, close: () => store.stopExpiringSessions() };
}

/** Takes the Google Fonts link out of AdminJS's pages (both the sign-in page and the app's). */
const withoutRemoteFonts: RequestHandler = (_req, res, next) => {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => send(typeof body === 'string' ? body.replace(REMOTE_FONT_LINK, '') : body);
  next();
};

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
    const checking =
      username !== undefined && password !== undefined ? admin.authenticateStaff({ username, password }) : Promise.resolve(undefined);
    checking
      .then((user) => {
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
      })
      .catch(next);
  };
  return [
    refuseCrossSite,
    loginForm,
    asApiSignIn,
    onTheLoginPage(rateLimiters.signInPerIp),
    onTheLoginPage(rateLimiters.signInPerAccount),
    signIn,
  ];
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
    const signedIn = req.session.adminUser;
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

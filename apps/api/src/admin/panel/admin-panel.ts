/**
 * The web admin panel at /admin: AdminJS over our Sequelize models, like Django's admin. Staff sign in
 * with their own account; the session lives in the database (admin_sessions).
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { Database } from '@messaging-app/shared';
import type { AdminJSOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import SequelizeStoreFactory from 'connect-session-sequelize';
import express, { type RequestHandler, type Router } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { AppError } from '../../errors/app-error';
import type { AdminService } from '../admin.service';
import { panelResources, toPanelAdmin, type PanelAdmin } from './resources';

export const ADMIN_PANEL_PATH = '/admin';
const SESSION_COOKIE = 'messaging_admin';
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
/** AdminJS's own brute-force guard on the sign-in form, per client address. */
const SIGN_IN_ATTEMPTS_PER_MINUTE = 10;

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
  logger,
}: {
  config: Config;
  db: Database;
  admin: AdminService;
  logger: Logger;
}): Promise<AdminPanel> {
  const { AdminJS, assets, buildAuthenticatedRouter } = await loadAdminJs();
  const adminJs = new AdminJS({
    rootPath: ADMIN_PANEL_PATH,
    loginPath: `${ADMIN_PANEL_PATH}/login`,
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
  buildAuthenticatedRouter(
    adminJs,
    {
      authenticate: async (username, password) => {
        const user = await admin.authenticateStaff({ username: username ?? '', password: password ?? '' });
        return user ? toPanelAdmin(user) : null;
      },
      cookieName: SESSION_COOKIE,
      cookiePassword: secret,
      maxRetries: { count: SIGN_IN_ATTEMPTS_PER_MINUTE, duration: 60 },
    },
    router,
    sessionOptions,
  );
  return { router, close: () => store.stopExpiringSessions() };
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

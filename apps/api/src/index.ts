/**
 * The API as a library: for embedding the server in tests and tools (the SDK's e2e suite starts it this
 * way), and what the benchmark's baseline must share with it to be compared fairly (the password hash
 * and the token claims).
 */
export { createApp } from './app/create-app';
export { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER } from './modules/auth';
export { hashPassword } from './modules/users';
export { ConfigError, loadConfig, type Config } from './platform/config';
export { startServer, type RunningServer } from './process/server';

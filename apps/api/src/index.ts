/** The API as a library: for embedding the server in tests and tools (the SDK's e2e suite starts it this way). */
export { createApp } from './app/create-app';
export { ConfigError, loadConfig, type Config } from './platform/config';
export { startServer, type RunningServer } from './process/server';

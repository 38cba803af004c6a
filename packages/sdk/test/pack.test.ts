import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PASSWORD, startApiServer, uniqueName, type ApiServer } from './support/api-server';

const SDK_DIR = path.resolve(__dirname, '..');
const TSC = require.resolve('typescript/bin/tsc');

const execFileAsync = promisify(execFile);

/**
 * Asynchronous on purpose: the API under test runs in this process and must keep answering meanwhile.
 * npm, started from `npm test`/turbo, inherits npm_* settings of this workspace (workspace filters,
 * prefix); the consumer project must look like a fresh checkout elsewhere, so they are dropped.
 */
async function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  const { stdout } = await execFileAsync(command, args, { cwd, env: { ...clean, ...env }, encoding: 'utf8' });
  return stdout;
}

const CONSUMER_SCRIPT = (importLine: string) => `${importLine}
const { API_URL: baseUrl, NEW_USERNAME: username, PASSWORD: password, OTHER_USER_ID: otherUserId } = process.env;
const client = new MessagingClient({ baseUrl });
const user = await client.users.register({ username, email: username + '@example.com', password, firstName: 'Pack', lastName: 'Test' });
await client.auth.signIn({ username, password });
const conversation = await client.conversations.create({ participantIds: [otherUserId] });
const message = await client.messages.send(conversation.conversationId, { messageBody: 'hello from the tarball' });
const page = await client.messages.list(conversation.conversationId);
console.log(JSON.stringify({ userId: user.userId, sender: message.sender.userId, count: page.count, errors: typeof NotFoundError }));
`;

/** Compiles against the installed types only: both module flavours must resolve through the exports map. */
const TYPES_CHECK = `import { MessagingClient, NotFoundError, type Message } from '@messaging-app/sdk';
const client = new MessagingClient({ baseUrl: 'http://localhost:3000', username: 'u', password: 'p' });
export const bodies: Promise<string[]> = client.messages.list('id', { search: 'hi' }).then((page) => page.results.map((m: Message) => m.messageBody));
export const isNotFound = (error: unknown): boolean => error instanceof NotFoundError && error.status === 404;
`;

describe('the packed SDK', () => {
  let api: ApiServer;
  let workDir: string;
  let project: string;
  let tarball: { filename: string; size: number; files: Array<{ path: string }> };
  let otherUserId: string;

  beforeAll(async () => {
    if (!existsSync(path.join(SDK_DIR, 'dist', 'index.js')) || !existsSync(path.join(SDK_DIR, 'dist', 'index.mjs'))) {
      throw new Error('dist/ is missing: run `npm run build -w @messaging-app/sdk` (turbo does before test).');
    }
    workDir = mkdtempSync(path.join(tmpdir(), 'messaging-sdk-pack-'));
    [api] = await Promise.all([
      startApiServer(),
      (async () => {
        [tarball] = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', workDir], SDK_DIR)) as [typeof tarball];
        project = path.join(workDir, 'consumer');
        mkdirSync(project);
        writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'sdk-consumer', version: '1.0.0', private: true }));
        // No registry needed: the SDK has no runtime dependencies.
        await run('npm', ['install', path.join(workDir, tarball.filename), '--offline', '--no-audit', '--no-fund'], project);
      })(),
    ]);
    ({
      user: { userId: otherUserId },
    } = await api.newUserClient());
  });
  afterAll(async () => {
    await api?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('When packed, then it holds only the build, the README and package.json, and installs with no dependencies', () => {
    expect(tarball.files.map((file) => file.path).sort()).toEqual([
      'README.md',
      'dist/browser/index.js',
      'dist/index.d.mts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.mjs',
      'package.json',
    ]);
    expect(readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['@messaging-app']);
  });

  it('When bundled for a browser, then nothing in it needs Node: no require() and no node: imports', () => {
    for (const file of ['index.mjs', 'index.js', 'browser/index.js']) {
      const code = readFileSync(path.join(SDK_DIR, 'dist', file), 'utf8');
      expect(code).not.toMatch(/\brequire\(|from ["']node:|\bprocess\.|\bBuffer\b/);
    }
  });

  it.each([
    ['CommonJS require', 'consumer.cjs', "const { MessagingClient, NotFoundError } = require('@messaging-app/sdk');\n(async () => {", '})().catch((error) => { console.error(error); process.exit(1); });'],
    ['ESM import', 'consumer.mjs', "import { MessagingClient, NotFoundError } from '@messaging-app/sdk';", ''],
  ])('When loaded with %s, then it registers, signs in, starts a conversation and sends a message', async (_flavour, file, importLine, closing) => {
    writeFileSync(path.join(project, file), `${CONSUMER_SCRIPT(importLine)}${closing}\n`);
    const username = uniqueName('pack');

    const output = await run('node', [file], project, { API_URL: api.url, NEW_USERNAME: username, PASSWORD, OTHER_USER_ID: otherUserId });

    const result = JSON.parse(output) as { userId: string; sender: string; count: number; errors: string };
    expect(result.sender).toBe(result.userId);
    expect(result).toMatchObject({ count: 1, errors: 'function' });
  });

  it('When a TypeScript project imports it (ESM and CommonJS), then the types resolve and check', async () => {
    writeFileSync(path.join(project, 'check.mts'), TYPES_CHECK);
    writeFileSync(path.join(project, 'check.cts'), TYPES_CHECK);

    const compile = run('node', [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', 'check.mts', 'check.cts'], project);

    await expect(compile).resolves.toBe('');
  });
});

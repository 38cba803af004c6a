/**
 * The package as a user gets it: `npm pack`, checked by `npm publish --dry-run`, installed from the
 * tarball into a fresh project outside the repository (no workspace, no registry), and used from
 * CommonJS, ESM and type-checked TypeScript against the real API; and the README's quick start,
 * taken from the packed README, run as written.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PASSWORD, startApiServer, uniqueName, type ApiServer } from './support/api-server';

const SDK_DIR = path.resolve(__dirname, '..');
const REPO_DIR = path.resolve(SDK_DIR, '../..');
const TSC = require.resolve('typescript/bin/tsc');
const VERSION = (JSON.parse(readFileSync(path.join(SDK_DIR, 'package.json'), 'utf8')) as { version: string }).version;

const execFileAsync = promisify(execFile);

/**
 * Asynchronous on purpose: the API under test runs in this process and must keep answering meanwhile.
 * npm, started from `npm test`/turbo, inherits npm_* settings of this workspace (workspace filters,
 * prefix); the consumer project must look like a fresh checkout elsewhere, so they are dropped.
 */
async function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  return execFileAsync(command, args, { cwd, env: { ...clean, ...env }, encoding: 'utf8' });
}

/** What both module flavours run: the flow a new integrator tries first, and the SDK's newer pieces. */
const CONSUMER_SCRIPT = (importLines: string) => `${importLines}
const { API_URL: baseUrl, NEW_USERNAME: username, PASSWORD: password, OTHER_USER_ID: otherUserId } = process.env;
const client = new MessagingClient({ baseUrl });
const user = await client.users.register({ username, email: username + '@example.com', password, firstName: 'Pack', lastName: 'Test' });
await client.auth.signIn({ username, password });
const conversation = await client.conversations.create({ participantIds: [otherUserId] });
const sent = await client.messages.send(conversation.conversationId, { messageBody: 'hello from the tarball' }).withResponse();
const page = await client.messages.list(conversation.conversationId);
let rejected;
try {
  await client.messages.send(conversation.conversationId, { message_body: 'dropped?' });
} catch (error) {
  rejected = { name: error.name, isInvalidInput: error instanceof InvalidInputError, details: error.details };
}
const wire = MessageToJSON(sent.data);
console.log(JSON.stringify({
  userId: user.userId,
  sender: sent.data.sender.userId,
  requestId: sent.requestId,
  replayed: sent.idempotentReplayed,
  count: page.count,
  errors: typeof NotFoundError,
  rejected,
  wireBody: wire.message_body,
  roundTrip: MessageFromJSON(wire).sentAt instanceof Date,
  topLevelHasSerialisers: Object.keys(sdk).some((name) => /FromJSON|ToJSON|^instanceOf/.test(name)),
}));
`;

/** Compiles against the installed types only: each flavour must resolve through the exports map. */
const TYPES_CHECK = `import { InvalidInputError, MessagingClient, NotFoundError, type Message, type Subscription, type WithResponse } from '@messaging-app/sdk';
import { MessageFromJSON } from '@messaging-app/sdk/generated';
const client = new MessagingClient({ baseUrl: 'http://localhost:3000', username: 'u', password: 'p' });
export const bodies: Promise<string[]> = client.messages.list('id', { search: 'hi', startDate: new Date() }).then((page) => page.results.map((m: Message) => m.messageBody));
export const sent: Promise<WithResponse<Message>> = client.messages.send('id', { messageBody: 'hi' }).withResponse();
export const requestId: Promise<string | undefined> = client.users.me().withResponse().then(({ requestId }) => requestId);
export const plain: Promise<Message> = client.messages.send('id', { messageBody: 'hi' });
export const subscription: Subscription = client.events.subscribe({ onEvent: (event) => void event.type });
export const done: Promise<void> = subscription.done;
export const isNotFound = (error: unknown): boolean => error instanceof NotFoundError && error.status === 404 && error.details?.messageBody !== undefined;
export const isBadInput = (error: unknown): boolean => error instanceof InvalidInputError && error.operation === 'messages.send';
export const decoded: Message = MessageFromJSON({});
// @ts-expect-error the API's snake_case name is not the SDK's (and if the types were any, this line would not be an error)
export const wrong = client.messages.send('id', { message_body: 'hi' });
`;

describe('the packed SDK', () => {
  let api: ApiServer;
  let workDir: string;
  let project: string;
  let tarball: { id: string; filename: string; size: number; files: Array<{ path: string }> };
  let otherUserId: string;

  beforeAll(async () => {
    for (const file of ['index.js', 'index.mjs', 'generated.js', 'generated.mjs', 'browser/index.js']) {
      if (!existsSync(path.join(SDK_DIR, 'dist', file))) {
        throw new Error(`dist/${file} is missing: run \`npm run build -w @messaging-app/sdk\` (turbo does before test).`);
      }
    }
    workDir = realpathSync(mkdtempSync(path.join(tmpdir(), 'messaging-sdk-pack-')));
    [api] = await Promise.all([
      startApiServer(),
      (async () => {
        // --ignore-scripts: `prepack` would build again, and turbo has just built.
        [tarball] = JSON.parse(
          (await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], SDK_DIR)).stdout,
        ) as [typeof tarball];
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

  it('When packed, then it holds the build, README, CHANGELOG, LICENSE and package.json, and installs with no dependencies', () => {
    const files = tarball.files.map((file) => file.path.replace(/(chunk|[A-Za-z]+)-[\w-]{8}\.(js|mjs|d\.ts|d\.mts)$/, '$1-HASH.$2')).sort();
    expect(files).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/UsersApi-HASH.d.mts',
      'dist/UsersApi-HASH.d.ts',
      'dist/browser/index.js',
      'dist/chunk-HASH.js',
      'dist/chunk-HASH.mjs',
      'dist/generated.d.mts',
      'dist/generated.d.ts',
      'dist/generated.js',
      'dist/generated.mjs',
      'dist/index.d.mts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.mjs',
      'package.json',
    ]);
    expect(tarball.filename).toBe(`messaging-app-sdk-${VERSION}.tgz`);
    expect(project.startsWith(REPO_DIR)).toBe(false);
    expect(readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['@messaging-app']);
    const installed = path.join(project, 'node_modules/@messaging-app/sdk');
    expect(readFileSync(path.join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(readFileSync(path.join(installed, 'CHANGELOG.md'), 'utf8')).toContain(`## ${VERSION}`);
  });

  it('When published with --dry-run, then npm accepts it as a public package with nothing to correct', async () => {
    const { stdout, stderr } = await run('npm', ['publish', '--dry-run', '--json', '--offline', '--ignore-scripts'], SDK_DIR);

    const published = (JSON.parse(stdout) as Record<string, { id: string; files: unknown[] }>)['@messaging-app/sdk'];
    expect(published.id).toBe(`@messaging-app/sdk@${VERSION}`);
    expect(published.files).toHaveLength(tarball.files.length);
    expect(stderr).toMatch(/public access \(dry-run\)/);
    // The one warning expected here: nobody is logged in to a registry (and none is reached).
    expect(stderr.split('\n').filter((line) => /warn|err/i.test(line) && !/logged in/.test(line))).toEqual([]);
  });

  it('When its README and CHANGELOG are shown on the npm page, then no link points into the repository (none would work there)', () => {
    for (const file of ['README.md', 'CHANGELOG.md']) {
      const text = readFileSync(path.join(project, 'node_modules/@messaging-app/sdk', file), 'utf8');
      const targets = [...text.matchAll(/\]\(([^)\s]+)[^)]*\)|^\[[^\]]+\]:\s*(\S+)/gm)].map((match) => match[1] ?? match[2]);
      expect(targets.filter((target) => !/^(https?:\/\/|#|mailto:)/.test(target))).toEqual([]);
    }
  });

  it('When bundled for a browser, then nothing in it needs Node: no node: imports, no require() but of its own chunk', () => {
    for (const file of ['index.mjs', 'generated.mjs', 'index.js', 'generated.js', 'browser/index.js']) {
      const code = readFileSync(path.join(SDK_DIR, 'dist', file), 'utf8');
      expect(code).not.toMatch(/from ["']node:|\bprocess\.|\bBuffer\b/);
      expect(code.match(/\brequire\([^)]*\)/g) ?? []).toEqual(
        file.endsWith('.mjs') || file.startsWith('browser') ? [] : [expect.stringMatching(/^require\(["']\.\/chunk-[\w-]+\.js["']\)$/)],
      );
    }
  });

  it.each([
    [
      'CommonJS require',
      'consumer.cjs',
      "const sdk = require('@messaging-app/sdk');\nconst { MessagingClient, NotFoundError, InvalidInputError } = sdk;\nconst { MessageFromJSON, MessageToJSON } = require('@messaging-app/sdk/generated');\n(async () => {",
      '})().catch((error) => { console.error(error); process.exit(1); });',
    ],
    [
      'ESM import',
      'consumer.mjs',
      "import * as sdk from '@messaging-app/sdk';\nimport { MessagingClient, NotFoundError, InvalidInputError } from '@messaging-app/sdk';\nimport { MessageFromJSON, MessageToJSON } from '@messaging-app/sdk/generated';",
      '',
    ],
  ])(
    'When loaded with %s, then it registers, signs in, starts a conversation, sends, and refuses an unknown key',
    async (_flavour, file, importLines, closing) => {
      writeFileSync(path.join(project, file), `${CONSUMER_SCRIPT(importLines)}${closing}\n`);
      const username = uniqueName('pack');

      const { stdout } = await run('node', [file], project, {
        API_URL: api.url,
        NEW_USERNAME: username,
        PASSWORD,
        OTHER_USER_ID: otherUserId,
      });

      const result = JSON.parse(stdout) as Record<string, unknown>;
      expect(result.sender).toBe(result.userId);
      expect(result).toMatchObject({
        count: 1,
        errors: 'function',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        replayed: false,
        rejected: {
          name: 'InvalidInputError',
          isInvalidInput: true,
          details: { message_body: expect.stringContaining('did you mean messageBody?') },
        },
        wireBody: 'hello from the tarball',
        roundTrip: true,
        topLevelHasSerialisers: false,
      });
    },
  );

  it('When the README’s quick start is run as written in a fresh project, then it sends and lists the message', async () => {
    const readme = readFileSync(path.join(project, 'node_modules/@messaging-app/sdk/README.md'), 'utf8');
    const quickStart = /## Quick start[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(quickStart).toContain("from '@messaging-app/sdk'");
    writeFileSync(path.join(project, 'quickstart.mjs'), quickStart!);

    const { stdout } = await run('node', ['quickstart.mjs'], project, { API_URL: api.url });

    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^sent at \d{4}-\d\d-\d\dT[\d:.]+Z \(request [0-9a-f-]{36}\)$/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^alice_\w+: Hi Bob!$/)]);
  });

  it.each([
    ['ESM and CommonJS, nodenext', ['--module', 'nodenext', '--moduleResolution', 'nodenext'], ['check.mts', 'check.cts']],
    ['a bundler', ['--module', 'esnext', '--moduleResolution', 'bundler'], ['check-bundler.ts']],
    ['the legacy node resolution (typesVersions)', ['--module', 'commonjs', '--moduleResolution', 'node'], ['check-node.ts']],
  ])('When a TypeScript project imports it (%s), then the types resolve and check', async (_how, flags, files) => {
    for (const file of files) writeFileSync(path.join(project, file), TYPES_CHECK);

    const compile = run('node', [TSC, '--noEmit', '--strict', ...flags, '--lib', 'es2022,dom', ...files], project);

    await expect(compile).resolves.toMatchObject({ stdout: '' });
  });
});

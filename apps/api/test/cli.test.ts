import { randomUUID } from 'node:crypto';
/**
 * The built command-line tools (dist/cli/*.js), run as child processes the way `npm run db:seed`
 * and `npm run createsuperuser` run them, against a fresh database; then the real server is started
 * on that same database and everything is checked through HTTP.
 *
 * With the embedded database, the CLIs and the server cannot have the data folder open at once, so
 * every CLI run happens before the server starts (except the one that checks the refusal).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { DEMO_PASSWORD } from '../src/cli/seed';
import { promptNewPassword, readHiddenLine, type TerminalInput } from '../src/cli/prompt';
import { loadConfig } from '../src/platform/config';
import { startServer, type RunningServer } from '../src/process/server';
import { createIsolatedDatabase } from './support/test-database';

const API_ROOT = path.resolve(__dirname, '..');
const CLI_DIR = path.join(API_ROOT, 'dist', 'cli');
const ADMIN_PASSWORD = 'admin-secret-pass';
const PROMOTED_PASSWORD = 'kofi-is-admin-now';
const PROMPTED_PASSWORD = 'typed-at-the-prompt';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Newest modification time under a folder, to tell whether dist/ is older than src/. */
function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }, 0);
}

/** The tests run the compiled CLIs, so compile them when missing or older than the sources. */
function ensureBuilt(): void {
  const built = path.join(CLI_DIR, 'createsuperuser.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(path.join(API_ROOT, 'src'))) return;
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: API_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`Building the API failed (run npx turbo run build --filter=@messaging-app/api...):\n${result.stdout}${result.stderr}`);
  }
}

/** A fresh database for the whole file: a temporary PostgreSQL database with DATABASE_URL, else a PGlite folder. */
interface Target {
  env: Record<string, string>;
  dataDir: string;
  databaseUrl?: string;
  cleanup(): Promise<void>;
}

async function createTarget(): Promise<Target> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'messaging-cli-'));
  const dataDir = path.join(tmp, 'pglite');
  const database = await createIsolatedDatabase();
  return {
    dataDir,
    databaseUrl: database.url,
    env: database.url ? { DATABASE_URL: database.url } : { PGLITE_DATA_DIR: dataDir },
    cleanup: async () => {
      await database.drop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Only what the CLI needs: nothing inherited (such as SUPERUSER_PASSWORD) can change a result. */
function cliEnv(target: Target, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), NODE_ENV: 'test', ...target.env, ...extra };
}

/** Runs a CLI with stdin a closed pipe (not a terminal), as CI or a script would. */
function runCli(script: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(CLI_DIR, script), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Runs a CLI on a real pseudo-terminal through util-linux `script`, answering each "Password"
 * prompt only once it is shown: typed earlier, the keys would meet a terminal still echoing.
 */
function runCliOnTerminal(script: string, args: string[], env: Record<string, string>, answers: string[]): Promise<CliResult> {
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, path.join(CLI_DIR, script), ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = 0;
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const prompts = output.match(/Password/g)?.length ?? 0;
      while (answered < prompts && answered < answers.length) child.stdin.write(`${answers[answered++]}\r`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ code, stdout: output, stderr: '' });
    });
  });
}

/** Stderr holds exactly one line, starting with the command's name. */
function expectOneLineError(result: CliResult, name: string): void {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${name}: `));
}

describe('db:seed and createsuperuser, run against a fresh database', () => {
  let target: Target;
  const runs: Record<string, CliResult> = {};

  beforeAll(async () => {
    ensureBuilt();
    target = await createTarget();
    runs.firstSeed = await runCli('seed.js', [], cliEnv(target));
    runs.secondSeed = await runCli('seed.js', [], cliEnv(target));
    runs.admin = await runCli(
      'createsuperuser.js',
      ['--username', 'admin', '--email', 'admin@example.com'],
      cliEnv(target, { SUPERUSER_PASSWORD: ADMIN_PASSWORD }),
    );
    runs.promoteKofi = await runCli(
      'createsuperuser.js',
      ['--username', 'kofi', '--update'],
      cliEnv(target, { SUPERUSER_PASSWORD: PROMOTED_PASSWORD }),
    );
  }, 180_000);

  afterAll(async () => {
    await target?.cleanup();
  });

  describe('the commands themselves', () => {
    it('When seeding a fresh database, then it exits 0 and reports the three users, two conversations and nine messages it created', () => {
      const { code, stdout, stderr } = runs.firstSeed;
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      for (const username of ['kwame', 'ama', 'kofi']) expect(stdout).toContain(`user ${username}: created`);
      expect(stdout).toContain('Created 3 users, 2 conversations and 9 messages.');
      expect(stdout).toContain(DEMO_PASSWORD);
    });

    it('When seeding again, then it exits 0 and reports that everything already existed', () => {
      const { code, stdout, stderr } = runs.secondSeed;
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toContain('Nothing to do: the demo data is already there.');
      expect(stdout).not.toMatch(/: created/);
      expect(stdout.match(/already exists/g)).toHaveLength(5);
    });

    it('When createsuperuser gets SUPERUSER_PASSWORD, then it exits 0 and reports the new superuser', () => {
      expect(runs.admin).toMatchObject({ code: 0, stderr: '' });
      expect(runs.admin.stdout).toContain('Superuser "admin" created');
    });

    it('When createsuperuser --update names an existing user, then it exits 0 and reports the update', () => {
      expect(runs.promoteKofi).toMatchObject({ code: 0, stderr: '' });
      expect(runs.promoteKofi.stdout).toContain('Superuser "kofi" updated');
    });

    it('When stdin is not a terminal and SUPERUSER_PASSWORD is unset, then it fails with one line saying how to give a password', async () => {
      const result = await runCli('createsuperuser.js', ['--username', 'nopass', '--email', 'nopass@example.com'], cliEnv(target));
      expectOneLineError(result, 'createsuperuser');
      expect(result.stderr).toContain('SUPERUSER_PASSWORD');
    });

    it('When the username is taken (in any case), then it fails with one line pointing at --update', async () => {
      const result = await runCli(
        'createsuperuser.js',
        ['--username', 'ADMIN', '--email', 'other@example.com'],
        cliEnv(target, { SUPERUSER_PASSWORD: 'another-password' }),
      );
      expectOneLineError(result, 'createsuperuser');
      expect(result.stderr).toContain('already exists');
      expect(result.stderr).toContain('--update');
    });

    it('When the password is shorter than 8 characters, then it fails with one line and does not print the password', async () => {
      const result = await runCli(
        'createsuperuser.js',
        ['--username', 'shorty', '--email', 'shorty@example.com'],
        cliEnv(target, { SUPERUSER_PASSWORD: 'short7!' }),
      );
      expectOneLineError(result, 'createsuperuser');
      expect(result.stderr).toContain('at least 8 characters');
      expect(result.stderr).not.toContain('short7!');
    });

    it('When the username or email breaks the API rules, then it fails with one line naming the option', async () => {
      const env = cliEnv(target, { SUPERUSER_PASSWORD: 'long-enough-password' });
      const badName = await runCli('createsuperuser.js', ['--username', 'bad name', '--email', 'bad@example.com'], env);
      expectOneLineError(badName, 'createsuperuser');
      expect(badName.stderr).toContain('--username');
      const uuidName = await runCli('createsuperuser.js', ['--username', randomUUID(), '--email', 'uuid@example.com'], env);
      expectOneLineError(uuidName, 'createsuperuser');
      expect(uuidName.stderr).toMatch(/--username.*not a UUID/);
      const badEmail = await runCli('createsuperuser.js', ['--username', 'goodname', '--email', 'not-an-email'], env);
      expectOneLineError(badEmail, 'createsuperuser');
      expect(badEmail.stderr).toContain('--email');
    });

    it('When an option is unknown or --username is missing, then it fails with one line', async () => {
      const env = cliEnv(target, { SUPERUSER_PASSWORD: 'long-enough-password' });
      expectOneLineError(
        await runCli('createsuperuser.js', ['--username', 'x', '--email', 'x@example.com', '--bogus'], env),
        'createsuperuser',
      );
      expectOneLineError(await runCli('createsuperuser.js', ['--email', 'x@example.com'], env), 'createsuperuser');
    });

    it('When the email belongs to someone else, then the service conflict comes out as one line', async () => {
      const result = await runCli(
        'createsuperuser.js',
        ['--username', 'copycat', '--email', 'KWAME@example.com'],
        cliEnv(target, { SUPERUSER_PASSWORD: 'long-enough-password' }),
      );
      expectOneLineError(result, 'createsuperuser');
      expect(result.stderr).toContain('email already exists');
    });

    it('When run on a terminal without SUPERUSER_PASSWORD, then it asks twice without echoing and creates the user', async () => {
      if (!hasScript) {
        console.info('util-linux script is not installed: the terminal prompt was only checked with a fake stream (below).');
        return;
      }
      const result = await runCliOnTerminal(
        'createsuperuser.js',
        ['--username', 'prompted', '--email', 'prompted@example.com'],
        cliEnv(target),
        [PROMPTED_PASSWORD, PROMPTED_PASSWORD],
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Password: ');
      expect(result.stdout).toContain('Password (again): ');
      expect(result.stdout).toContain('Superuser "prompted" created');
      // The pseudo-terminal echoes whatever it receives unless the CLI turned echo off.
      expect(result.stdout).not.toContain(PROMPTED_PASSWORD);
    }, 60_000);

    it('When the two typed passwords differ, then it fails and creates nobody', async () => {
      if (!hasScript) return;
      const result = await runCliOnTerminal(
        'createsuperuser.js',
        ['--username', 'mismatch', '--email', 'mismatch@example.com'],
        cliEnv(target),
        ['first-password', 'second-password'],
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('the two passwords do not match');
    }, 60_000);
  });

  describe('then, through the API on the same database', () => {
    let running: RunningServer;
    let http: ReturnType<typeof request>;

    const signIn = async (username: string, password: string) => {
      const res = await http.post('/api/v1/token/').send({ username, password }).expect(200);
      return { auth: `Bearer ${res.body.access as string}`, user: res.body.user as { user_id: string; is_staff: boolean; role: string } };
    };
    const usernamesOf = (participants: Array<{ username: string }>) => participants.map((user) => user.username).sort();

    beforeAll(async () => {
      const config = loadConfig(
        { NODE_ENV: 'test', ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}) },
        { port: 0, host: '127.0.0.1', pgliteDataDir: target.dataDir },
      );
      running = await startServer(config);
      http = request(running.url);
    }, 60_000);

    afterAll(async () => {
      await running?.stop();
    });

    it('When kwame signs in with the demo password, then he has both conversations, exactly once each', async () => {
      const { auth } = await signIn('kwame', DEMO_PASSWORD);
      const res = await http.get('/api/v1/conversations/').set('Authorization', auth).expect(200);
      expect(res.body.count).toBe(2);
      const groups = res.body.results.map((conversation: { participants: Array<{ username: string }> }) =>
        usernamesOf(conversation.participants),
      );
      expect(groups.sort()).toEqual([
        ['ama', 'kofi', 'kwame'],
        ['ama', 'kwame'],
      ]);
    });

    it('When ama reads her conversation with kwame, then its four messages are there in the order they were written', async () => {
      const { auth } = await signIn('ama', DEMO_PASSWORD);
      const conversations = await http.get('/api/v1/conversations/').set('Authorization', auth).expect(200);
      const pair = conversations.body.results.find((conversation: { participants: unknown[] }) => conversation.participants.length === 2);
      const res = await http
        .get(`/api/v1/conversations/${pair.conversation_id as string}/messages/?ordering=sent_at`)
        .set('Authorization', auth)
        .expect(200);
      expect(res.body.count).toBe(4);
      expect(res.body.results.map((message: { sender: { username: string } }) => message.sender.username)).toEqual([
        'kwame',
        'ama',
        'kwame',
        'ama',
      ]);
      expect(res.body.results[0].message_body).toBe('Hi Ama, are we still on for Friday?');
    });

    it('When kofi, promoted with --update, signs in, then only the new password works, he is staff, and he still sees the group chat', async () => {
      await http.post('/api/v1/token/').send({ username: 'kofi', password: DEMO_PASSWORD }).expect(401);
      const { auth, user } = await signIn('kofi', PROMOTED_PASSWORD);
      expect(user).toMatchObject({ is_staff: true, role: 'admin' });
      const res = await http.get('/api/v1/conversations/').set('Authorization', auth).expect(200);
      expect(res.body.count).toBe(1);
      expect(res.body.results[0].last_message.message_body).toBe('Sounds like a plan. Kick-off at 4pm.');
    });

    it('When the superuser signs in, then it is staff with the admin role and GET /users/ lists everyone, with no duplicates and no failed attempts', async () => {
      const { auth, user } = await signIn('admin', ADMIN_PASSWORD);
      expect(user).toMatchObject({ is_staff: true, role: 'admin' });
      const res = await http.get('/api/v1/users/?page_size=100').set('Authorization', auth).expect(200);
      const expected = ['admin', 'ama', 'kofi', 'kwame', ...(hasScript ? ['prompted'] : [])].sort();
      expect(res.body.results.map((listed: { username: string }) => listed.username).sort()).toEqual(expected);
    });

    it('When the password was typed at the prompt, then that password signs in', async () => {
      if (!hasScript) return;
      const { user } = await signIn('prompted', PROMPTED_PASSWORD);
      expect(user.is_staff).toBe(true);
    });

    it('When the API holds the embedded data folder, then seeding refuses with one line telling to stop it first', async () => {
      if (target.databaseUrl) return; // PostgreSQL takes any number of clients: nothing to refuse.
      const result = await runCli('seed.js', [], cliEnv(target));
      expectOneLineError(result, 'db:seed');
      expect(result.stderr).toContain('is in use');
      expect(result.stderr).toContain('stop the API');
    }, 30_000);
  });
});

/** A stand-in for a TTY: a stream that records raw-mode switches. */
function fakeTerminal(): TerminalInput & PassThrough & { rawModes: boolean[] } {
  const input = new PassThrough() as PassThrough & TerminalInput & { rawModes: boolean[] };
  input.isTTY = true;
  input.rawModes = [];
  input.setRawMode = (mode: boolean) => {
    input.rawModes.push(mode);
    input.isRaw = mode;
    return input;
  };
  return input;
}

function capture(): PassThrough & { text(): string } {
  const output = new PassThrough() as PassThrough & { text(): string };
  let text = '';
  output.on('data', (chunk) => (text += chunk));
  output.text = () => text;
  return output;
}

describe('the hidden password prompt', () => {
  it('When a line is typed, then it returns it, writes only the prompt, and leaves raw mode again', async () => {
    const input = fakeTerminal();
    const output = capture();
    const answer = readHiddenLine(input, output, 'Password: ');
    input.write('s3cret-pass\r');
    await expect(answer).resolves.toBe('s3cret-pass');
    expect(output.text()).toBe('Password: \n');
    expect(input.rawModes).toEqual([true, false]);
  });

  it('When backspace is pressed or arrow keys are hit, then the value is edited and the escape sequences are dropped', async () => {
    const input = fakeTerminal();
    const answer = readHiddenLine(input, capture(), 'Password: ');
    input.write('abcX\x7fd\x1b[A\x1b[De\r');
    await expect(answer).resolves.toBe('abcde');
  });

  it('When Ctrl-C is pressed, then the prompt is cancelled and raw mode is left', async () => {
    const input = fakeTerminal();
    const answer = readHiddenLine(input, capture(), 'Password: ');
    input.write('half\x03');
    await expect(answer).rejects.toThrow('cancelled');
    expect(input.isRaw).toBe(false);
  });

  it('When the input is not a terminal, then it refuses instead of reading a visible line', async () => {
    const input = new PassThrough() as PassThrough & TerminalInput;
    await expect(readHiddenLine(input, capture(), 'Password: ')).rejects.toThrow('not a terminal');
  });

  it('When asked for a new password, then both answers must match', async () => {
    const input = fakeTerminal();
    const output = capture();
    const matching = promptNewPassword(input, output);
    input.write('same-password\r');
    await new Promise((resolve) => setImmediate(resolve));
    input.write('same-password\r');
    await expect(matching).resolves.toBe('same-password');
    expect(output.text()).toBe('Password: \nPassword (again): \n');

    const differing = promptNewPassword(input, capture());
    input.write('one-password\r');
    await new Promise((resolve) => setImmediate(resolve));
    input.write('another-one\r');
    await expect(differing).rejects.toThrow('do not match');
  });
});

/**
 * `npm run createsuperuser -- --username admin --email admin@example.com`: creates a staff user
 * with the admin role, which the API itself only lets existing staff do. Modelled on Django's
 * command of the same name.
 *
 * The password comes from SUPERUSER_PASSWORD when set (scripts, containers), otherwise it is asked
 * for twice on the terminal without echo. Exit code 0 on success, 1 with a one-line message otherwise.
 */
import { parseArgs } from 'node:util';
import type { Database } from '@messaging-app/shared';
import type { Config } from '../platform/config';
import { compose } from '../app/composition-root';
import type { User } from '../modules/users';
import { promptNewPassword, type TerminalInput } from './prompt';
import { CLI_CALLER, CliError, describeDatabase, loadCliConfig, runCli, withDatabase } from './support';
import { assertValidFields } from './user-fields';

export const USAGE = `Usage: npm run createsuperuser -- --username NAME --email ADDRESS [--first-name NAME] [--last-name NAME] [--update]

Creates a staff user with the admin role.
  --username     required; letters, digits and @ . + - _, not a UUID
  --email        required unless --update changes an existing user
  --first-name   defaults to the username
  --last-name    defaults to "Admin"
  --update       if the user exists, make it a superuser and reset its password instead of failing
The password is read from SUPERUSER_PASSWORD, or asked for (twice, hidden) when run in a terminal.
`;

export interface SuperuserArgs {
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  update: boolean;
  help: boolean;
}

export function parseSuperuserArgs(argv: string[]): SuperuserArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        username: { type: 'string' },
        email: { type: 'string' },
        'first-name': { type: 'string' },
        'last-name': { type: 'string' },
        update: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message} (see --help)`);
  }
  const args: SuperuserArgs = {
    username: values.username ?? '',
    email: values.email,
    firstName: values['first-name'],
    lastName: values['last-name'],
    update: values.update === true,
    help: values.help === true,
  };
  if (args.help) return args;
  if (!values.username) throw new CliError('--username is required (see --help).');
  if (!args.email && !args.update) throw new CliError('--email is required (see --help).');
  assertValidFields(
    { username: args.username, email: args.email, first_name: args.firstName, last_name: args.lastName },
    { username: '--username', email: '--email', first_name: '--first-name', last_name: '--last-name' },
  );
  return args;
}

export interface SuperuserIo {
  env: Record<string, string | undefined>;
  stdin: TerminalInput;
  /** Where the prompts go: stderr, so stdout carries only the result. */
  prompts: NodeJS.WritableStream;
  log(line: string): void;
}

/** Either the password from the environment (checked now), or a promise to ask on the terminal. */
function passwordSource(io: SuperuserIo): () => Promise<string> {
  const fromEnv = io.env.SUPERUSER_PASSWORD;
  if (fromEnv) {
    assertValidFields({ password: fromEnv }, { password: 'SUPERUSER_PASSWORD' });
    return () => Promise.resolve(fromEnv);
  }
  if (!io.stdin.isTTY) {
    throw new CliError('no password: set SUPERUSER_PASSWORD, or run this in a terminal to be asked for one.');
  }
  return async () => {
    const typed = await promptNewPassword(io.stdin, io.prompts);
    assertValidFields({ password: typed });
    return typed;
  };
}

export async function createSuperuser(argv: string[], io: SuperuserIo): Promise<void> {
  const args = parseSuperuserArgs(argv);
  if (args.help) {
    io.log(USAGE.trimEnd());
    return;
  }
  // Fail on a missing or short password before opening the database, which takes a moment.
  const readPassword = passwordSource(io);
  const config = loadCliConfig(io.env);
  const { user, updated } = await withDatabase(config, (db) => saveSuperuser(db, config, args, readPassword));
  io.log(`Superuser "${user.username}" ${updated ? 'updated' : 'created'} in ${describeDatabase(config)} (staff, role admin).`);
}

async function saveSuperuser(
  db: Database,
  config: Config,
  args: SuperuserArgs,
  readPassword: () => Promise<string>,
): Promise<{ user: User; updated: boolean }> {
  const { users } = compose(config, db);
  // Checked before asking for the password, so nobody types one twice for nothing.
  const existing = await users.findByUsername(args.username);
  if (existing && !args.update) {
    throw new CliError(`user "${existing.username}" already exists; pass --update to make it a superuser and reset its password.`);
  }
  if (!existing && !args.email) throw new CliError(`user "${args.username}" does not exist, and creating it needs --email.`);

  const password = await readPassword();
  if (existing) {
    // As staff acting on someone else's account, the service resets the password without asking
    // for the current one, and signs the user out everywhere (every session ends).
    const user = await users.updateUser({
      caller: CLI_CALLER,
      userId: existing.userId,
      input: { password, is_staff: true, role: 'admin', email: args.email, first_name: args.firstName, last_name: args.lastName },
    });
    return { user, updated: true };
  }
  const user = await users.registerUser({
    caller: CLI_CALLER,
    input: {
      username: args.username,
      email: args.email as string,
      password,
      first_name: args.firstName ?? args.username,
      last_name: args.lastName ?? 'Admin',
      role: 'admin',
      is_staff: true,
    },
  });
  return { user, updated: false };
}

if (require.main === module) {
  runCli('createsuperuser', () =>
    createSuperuser(process.argv.slice(2), {
      env: process.env,
      stdin: process.stdin,
      prompts: process.stderr,
      log: (line) => console.log(line),
    }),
  );
}

// Regenerates what is generated in the Python SDK, never edited by hand:
// 1. src/messaging_app_sdk/_generated/ from the committed spec, openapi/openapi.json, with
//    openapi-python-client at the version pinned in generator/requirements.txt (installed into
//    .generator-venv/ on first use, and again whenever the pins change);
// 2. the synchronous flavour of the hand-written layer and of its tests (`_sync/` folders) from the
//    asynchronous one (`_async/`), by scripts/unasync.py, formatted with the same pinned ruff.
// Run by `npm run generate` (turbo: after the API's spec generation) and by CI's drift check.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = path.resolve(packageDir, '..', '..');
const spec = path.join(rootDir, 'openapi', 'openapi.json');
const output = path.join(packageDir, 'src', 'messaging_app_sdk', '_generated');
const requirements = path.join(packageDir, 'generator', 'requirements.txt');
const venv = path.join(packageDir, '.generator-venv');
const venvBin = path.join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
const installed = path.join(venv, 'installed-requirements.txt');
const strict = process.env.CI === 'true' || process.argv.includes('--strict');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: packageDir, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// openapi-python-client needs Python 3.11+ (and so does the client it writes).
const python = process.env.PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import sys, venv; sys.exit(sys.version_info < (3, 11))'], { stdio: 'ignore' });
if (probe.error || probe.status !== 0) {
  const message = `sdk-python generate: ${python} (3.11 or newer, with venv) is not available, so the committed client is used as is.`;
  if (strict) {
    console.error(`${message} CI must regenerate it: install Python 3.11+.`);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}

const pins = readFileSync(requirements, 'utf8');
if (!existsSync(installed) || readFileSync(installed, 'utf8') !== pins) {
  rmSync(venv, { recursive: true, force: true });
  run(python, ['-m', 'venv', venv]);
  run(path.join(venvBin, 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
  writeFileSync(installed, pins);
}

// The pinned ruff must be the one the generator's post hooks find.
const env = { ...process.env, PATH: `${venvBin}${path.delimiter}${process.env.PATH ?? ''}` };

// Start from an empty folder so operations or models removed from the spec disappear here too.
rmSync(output, { recursive: true, force: true });
run(
  path.join(venvBin, 'openapi-python-client'),
  ['generate', '--path', spec, '--meta', 'none', '--output-path', output, '--config', path.join(packageDir, 'generator', 'config.yaml'), '--fail-on-warning'],
  { env },
);

run(path.join(venvBin, 'python'), [path.join(packageDir, 'scripts', 'unasync.py')], { env });
const syncFolders = ['src/messaging_app_sdk/_sync', 'tests/_sync'].filter((folder) => existsSync(path.join(packageDir, folder)));
run(path.join(venvBin, 'ruff'), ['check', '--quiet', '--fix-only', ...syncFolders], { env });
run(path.join(venvBin, 'ruff'), ['format', '--quiet', ...syncFolders], { env });

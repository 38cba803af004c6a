// Regenerates src/generated (never edited by hand) from the committed spec, openapi/openapi.json,
// with openapi-generator's typescript-fetch generator at the version pinned in openapitools.json.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = path.resolve(sdkDir, '..', '..');
const spec = path.join(rootDir, 'openapi', 'openapi.json');
const output = path.join(sdkDir, 'src', 'generated');
const strict = process.env.CI === 'true' || process.argv.includes('--strict');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
if (java.error || java.status !== 0) {
  const message = 'sdk generate: Java is not installed, so the committed client in src/generated is used as is.';
  if (strict) {
    console.error(`${message} CI must regenerate it: install a JDK (11+).`);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}

run('bash', [path.join(rootDir, 'scripts', 'fetch-openapi-generator.sh')]);

// Start from an empty folder so operations or models removed from the spec disappear here too.
rmSync(output, { recursive: true, force: true });
const cli = path.join(rootDir, 'node_modules', '.bin', 'openapi-generator-cli');
if (!existsSync(cli)) throw new Error(`openapi-generator-cli not found at ${cli}; run npm ci first`);
run(
  cli,
  [
    'generate',
    '--openapitools',
    path.join(sdkDir, 'openapitools.json'),
    '-i',
    spec,
    '-g',
    'typescript-fetch',
    '-o',
    output,
    '--additional-properties',
    'supportsES6=true,useSingleRequestParameter=true,stringEnums=false,withInterfaces=false',
  ],
  // The wrapper resolves openapitools.json and storageDir from $PWD, which npm/turbo leave at the repo root.
  { cwd: sdkDir, env: { ...process.env, PWD: sdkDir, OPENAPI_GENERATOR_CLI_SEARCH_URL: 'DEFAULT' } },
);

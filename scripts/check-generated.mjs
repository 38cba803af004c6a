// Fails when a committed generated file (OpenAPI spec, tsoa routes, the TypeScript and Python SDK
// clients, the Python SDK's sync flavour) differs from what the generators produce from the current
// sources. Regenerates without turbo's cache, then asks git.
import { execFileSync, spawnSync } from 'node:child_process';

const GENERATED = [
  'openapi',
  'apps/api/src/generated',
  'packages/sdk/src/generated',
  'packages/sdk-python/src/messaging_app_sdk/_generated',
  'packages/sdk-python/src/messaging_app_sdk/_sync',
  'packages/sdk-python/tests/_sync',
];

const generate = spawnSync('npx', ['turbo', 'run', 'generate', '--force', '--output-logs=errors-only'], { stdio: 'inherit' });
if (generate.status !== 0) process.exit(generate.status ?? 1);

const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...GENERATED], { encoding: 'utf8' }).trim();
if (changed) {
  console.error('Generated files are stale: regenerate with `npm run generate` and commit the result.\n');
  console.error(changed);
  console.error(execFileSync('git', ['diff', '--stat', '--', ...GENERATED], { encoding: 'utf8' }));
  process.exit(1);
}
console.log(`Generated files are up to date (${GENERATED.join(', ')}).`);

// Bundles the admin panel's own React components (src/modules/admin/panel/components/) into
// dist/admin-panel/components.bundle.js, once, at build time (`npm run build` runs it after tsc).
//
// AdminJS normally bundles them with rollup and babel when the server starts (in production) or on the
// first page (in development), which costs seconds of CPU and a writable .adminjs/ folder next to the
// process. This is the same bundling (AdminJS's own, through initialize() in production mode, as its
// @adminjs/bundler tool does) done ahead of time; admin-panel.ts serves the result and skips AdminJS's.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const componentsDir = path.join(apiRoot, 'src', 'modules', 'admin', 'panel', 'components');
const outputDir = path.join(apiRoot, 'dist', 'admin-panel');
const workDir = path.join(outputDir, '.work');

/** Component name (what admin-panel.ts refers to) -> source file. */
const COMPONENTS = { Dashboard: path.join(componentsDir, 'dashboard.jsx') };

for (const file of Object.values(COMPONENTS)) {
  if (!existsSync(file)) throw new Error(`bundle-admin-panel: ${file} is missing`);
}
// AdminJS reads both when its modules load: minified output, written under our folder.
process.env.NODE_ENV = 'production';
process.env.ADMIN_JS_TMP_DIR = workDir;
process.env.ADMIN_JS_SKIP_BUNDLE = 'false';

const started = performance.now();
const { default: AdminJS, ComponentLoader } = await import('adminjs');
const componentLoader = new ComponentLoader();
for (const [name, file] of Object.entries(COMPONENTS)) componentLoader.add(name, file);
await rm(workDir, { recursive: true, force: true });
await mkdir(outputDir, { recursive: true });
await new AdminJS({ componentLoader, resources: [] }).initialize();
await rename(path.join(workDir, 'bundle.js'), path.join(outputDir, 'components.bundle.js'));
await rm(workDir, { recursive: true, force: true });
console.log(
  `bundle-admin-panel: dist/admin-panel/components.bundle.js (${Object.keys(COMPONENTS).join(', ')}) in ${Math.round(performance.now() - started)} ms`,
);

/**
 * The module graph of the API, enforced on every CI run (`npm run lint:architecture`). docs/architecture.md
 * shows the same table; `scripts/architecture-doc.mjs --check` fails when the two differ.
 *
 * - A feature module (apps/api/src/modules/<name>) owns its tables, repository and records. Another
 *   module reaches it only through its index.ts (its service and published types), and only along an
 *   arrow of MODULE_DEPENDENCIES.
 * - The platform (apps/api/src/platform: config, errors, HTTP helpers, idempotency, rate limits,
 *   observability) imports no module: every feature may use it, so it may use no feature.
 * - The composition root (apps/api/src/app) is the only place that knows every module; process concerns
 *   (apps/api/src/process) start it; CLIs (apps/api/src/cli) use it and module entry points.
 * - No cycles anywhere.
 */
const MODULE_GRAPH = require('./apps/api/module-graph.cjs');
const MODULE_DEPENDENCIES = Object.fromEntries(Object.entries(MODULE_GRAPH).map(([name, { uses }]) => [name, uses]));

const SRC = '^apps/api/src/';
const otherModules = (name) =>
  Object.keys(MODULE_DEPENDENCIES).filter((other) => other !== name && !MODULE_DEPENDENCIES[name].includes(other));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two pieces cannot be understood, tested or replaced apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-feature',
      severity: 'error',
      comment: 'The platform serves every module, so it may know none of them (nor the composition root).',
      from: { path: `${SRC}platform/` },
      to: { path: `${SRC}(modules|app|process|cli)/` },
    },
    {
      name: 'modules-only-through-their-entry',
      severity: 'error',
      comment: "Another module's repository, SQL and mappers are private: use its index.ts (service and published types).",
      from: { path: `${SRC}modules/([^/]+)/` },
      to: { path: `${SRC}modules/([^/]+)/`, pathNot: [`${SRC}modules/$1/`, `${SRC}modules/[^/]+/index\\.ts$`] },
    },
    ...Object.keys(MODULE_DEPENDENCIES).map((name) => ({
      name: `module-graph-${name}`,
      severity: 'error',
      comment: `${name} may use only: ${MODULE_DEPENDENCIES[name].join(', ') || 'no other module'} (docs/architecture.md)`,
      from: { path: `${SRC}modules/${name}/` },
      to: { path: otherModules(name).length > 0 ? `${SRC}modules/(${otherModules(name).join('|')})/` : '^$' },
    })),
    {
      name: 'entry-points-only-from-outside',
      severity: 'error',
      comment:
        "The composition root, process layer and CLIs use a module through its index.ts too. The one exception: the query-plan tool explains the modules' own read statements (*.queries.ts, *.repository.ts).",
      from: { path: `${SRC}(app|process|cli)/`, pathNot: `${SRC}cli/explain-plans\\.ts$` },
      to: { path: `${SRC}modules/[^/]+/`, pathNot: `${SRC}modules/[^/]+/index\\.ts$` },
    },
    {
      name: 'modules-do-not-reach-up',
      severity: 'error',
      comment: 'Modules are composed by the app; they never import it, the process layer or the CLIs.',
      from: { path: `${SRC}modules/` },
      to: { path: `${SRC}(app|process|cli)/` },
    },
    {
      name: 'process-uses-app-and-platform',
      severity: 'error',
      from: { path: `${SRC}process/` },
      to: { path: `${SRC}(modules|cli)/` },
    },
    {
      name: 'app-is-not-a-library',
      severity: 'error',
      comment: 'Nothing but the entry points (main, index, CLIs, process) imports the composition root.',
      from: { path: `${SRC}(modules|platform)/` },
      to: { path: `${SRC}app/` },
    },
    {
      name: 'packages-through-their-entry-points',
      severity: 'error',
      comment: 'A package uses another only through its published entry points, never its dist/ or src/ files by path.',
      from: { path: '^(apps|packages|bench)/([^/]+)/' },
      to: { path: '^(apps|packages)/[^/]+/(dist|src)/', pathNot: '^$1/$2/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/' },
    tsPreCompilationDeps: true,

    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

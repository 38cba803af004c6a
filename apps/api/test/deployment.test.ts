/**
 * The deployment files (docker-compose.yml, Dockerfile, .dockerignore, .env.example) checked
 * without a Docker engine: parsed and compared with what the API actually reads, so a renamed
 * variable, a lost health check or a root-running image fails here rather than in production.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: string | { context?: string };
  restart?: string;
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
const compose = parse(composeText) as ComposeFile;
const envExample = read('.env.example');
const dockerfile = read('Dockerfile');

/** Names documented in .env.example, whether set (NAME=...) or shown commented out (# NAME=...). */
function documentedVariables(text: string): Set<string> {
  return new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
}

/** ${NAME}, ${NAME:-default}, ${NAME:?message}; $${NAME} is an escape for the container's shell. */
function composeVariables(text: string): Set<string> {
  return new Set([...text.matchAll(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)/g)].map((match) => match[1]));
}

/** Every variable config.ts reads: env.NAME, or a helper called as readX(env, 'NAME', ...). */
function configVariables(): Set<string> {
  const source = read('apps/api/src/platform/config.ts');
  const direct = [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]);
  const viaHelpers = [...source.matchAll(/\(\s*env\s*,\s*'([A-Z][A-Z0-9_]*)'/g)].map((match) => match[1]);
  return new Set([...direct, ...viaHelpers]);
}

function healthcheckText(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

interface DockerfileStage {
  base: string;
  name?: string;
  instructions: Array<{ keyword: string; args: string }>;
}

/** Splits a Dockerfile into stages of instructions, joining continued lines and dropping comments. */
function parseDockerfile(text: string): DockerfileStage[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: DockerfileStage[] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) as RegExpExecArray;
    if (keyword.toUpperCase() === 'FROM') {
      const [, base, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) as RegExpExecArray;
      stages.push({ base, name, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** CI either runs `turbo run build` itself, or `npm test`, whose turbo test task depends on build. */
function ciBuildsThroughTurbo(ci: string): boolean {
  if (/\bturbo run build\b/.test(ci)) return true;
  if (!/^\s*npm (run )?test\b/m.test(ci)) return false;
  const rootTest = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.test ?? '';
  const turbo = JSON.parse(read('turbo.json')) as { tasks: Record<string, { dependsOn?: string[] }> };
  return /\bturbo run test\b/.test(rootTest) && (turbo.tasks.test?.dependsOn ?? []).includes('build');
}

const argsOf = (stage: DockerfileStage, keyword: string) =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);

describe('docker-compose.yml', () => {
  const { db, api } = compose.services;

  it('When parsed, then it defines exactly the db and api services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'db']);
  });

  it('When the db service is read, then it is PostgreSQL 17 with its data on the postgres_data volume and a pg_isready health check', () => {
    expect(db.image).toMatch(/^postgres:17(\b|$)/);
    expect(db.volumes).toContain('postgres_data:/var/lib/postgresql/data');
    expect(healthcheckText(db)).toContain('pg_isready');
    expect(Object.keys(db.environment ?? {}).sort()).toEqual(['POSTGRES_DB', 'POSTGRES_PASSWORD', 'POSTGRES_USER']);
  });

  it('When the api service is read, then it is built from this folder, waits for a healthy db and publishes port 3000', () => {
    const context = typeof api.build === 'string' ? api.build : api.build?.context;
    expect(context).toBe('.');
    expect(api.depends_on?.db?.condition).toBe('service_healthy');
    expect(api.ports).toEqual(['3000:3000']);
    expect(api.restart).toBe('unless-stopped');
    expect(healthcheckText(api)).toContain('/healthz');
  });

  it('When the api environment is read, then it runs in production on all interfaces against the db service', () => {
    const env = api.environment ?? {};
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
    expect(String(env.DATABASE_URL)).toMatch(
      /^postgres:\/\/\$\{POSTGRES_USER[^}]*\}:\$\{POSTGRES_PASSWORD[^}]*\}@db:5432\/\$\{POSTGRES_DB[^}]*\}$/,
    );
  });

  it('When PUBLIC_URL is read, then compose passes it (production requires it), defaulting to the port it publishes', () => {
    expect(String(api.environment?.PUBLIC_URL)).toBe('${PUBLIC_URL:-http://localhost:3000}');
  });

  it('When JWT_SECRET is read, then compose insists on it (${JWT_SECRET:?...}) rather than falling back to a default', () => {
    expect(String(api.environment?.JWT_SECRET)).toMatch(/^\$\{JWT_SECRET:\?[^}]+\}$/);
  });

  it('When the api environment is compared with config.ts, then every variable passed is one the API reads', () => {
    const read = configVariables();
    const unknown = Object.keys(api.environment ?? {}).filter((name) => !read.has(name));
    expect(unknown).toEqual([]);
  });

  it('When volumes are read, then postgres_data, media_volume and static_volume are named volumes, the last two mounted into the api', () => {
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(['media_volume', 'postgres_data', 'static_volume']);
    expect(api.volumes).toEqual(expect.arrayContaining(['media_volume:/app/media', 'static_volume:/app/static']));
  });

  it('When a docker binary with compose is available, then `docker compose config -q` accepts the file, and refuses it without JWT_SECRET', () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      console.info(
        'docker compose is not available here: skipped its own validation of docker-compose.yml (the parsed checks above still ran).',
      );
      return;
    }
    // A private env file, so a developer's .env can neither break nor mask the result.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'compose-env-'));
    try {
      const withSecret = path.join(dir, 'with-secret.env');
      const withoutSecret = path.join(dir, 'without-secret.env');
      writeFileSync(withSecret, `JWT_SECRET=${'x'.repeat(48)}\n`);
      writeFileSync(withoutSecret, '');
      // Compose prefers the shell's variables to the env file's, so none may leak in from this process.
      const composeVars = documentedVariables(envExample);
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !composeVars.has(name)));
      const config = (envFile: string) =>
        spawnSync('docker', ['compose', '--env-file', envFile, '-f', path.join(ROOT, 'docker-compose.yml'), 'config', '-q'], {
          cwd: ROOT,
          encoding: 'utf8',
          env,
        });
      const accepted = config(withSecret);
      expect(accepted.stderr).toBe('');
      expect(accepted.status).toBe(0);
      const refused = config(withoutSecret);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('set JWT_SECRET in .env');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('.env.example', () => {
  const documented = documentedVariables(envExample);

  it('When compose references a ${VARIABLE}, then .env.example documents it', () => {
    const used = [...composeVariables(composeText)];
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('When config.ts reads a variable, then .env.example documents it', () => {
    const read = configVariables();
    // Guards the scan itself: were the regexes to stop matching, the next assertion would pass on nothing.
    expect([...read]).toEqual(
      expect.arrayContaining(['NODE_ENV', 'HOST', 'PORT', 'DATABASE_URL', 'PGLITE_DATA_DIR', 'DB_POOL_MAX', 'JWT_SECRET']),
    );
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('When the createsuperuser CLI reads SUPERUSER_PASSWORD, then .env.example documents it', () => {
    expect(read('apps/api/src/cli/createsuperuser.ts')).toContain('SUPERUSER_PASSWORD');
    expect(documented.has('SUPERUSER_PASSWORD')).toBe(true);
  });

  it('When JWT_SECRET is read, then it is left empty, so a copied .env cannot ship a known secret', () => {
    expect(envExample).toMatch(/^JWT_SECRET=$/m);
  });
});

describe('Dockerfile', () => {
  const stages = parseDockerfile(dockerfile);
  const runtime = stages[stages.length - 1];
  const allRuns = stages.flatMap((stage) => argsOf(stage, 'RUN'));

  it('When parsed, then it is a multi-stage build on node:20-bookworm-slim with named stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      expect(stage.base).toBe('node:20-bookworm-slim');
      expect(stage.name).toBeTruthy();
    }
  });

  it('When the build commands are read, then they install with npm ci and build the API with turbo, as CI does', () => {
    expect(allRuns.some((run) => /\bnpm ci\b(?!\s+--omit)/.test(run))).toBe(true);
    expect(allRuns.some((run) => /\bturbo run build\b.*--filter[= ]@messaging-app\/api/.test(run))).toBe(true);
  });

  it('When .ci/run is read, then CI installs with npm ci too and builds through turbo, directly or as part of npm test', () => {
    const ciScript = path.join(ROOT, '.ci', 'run');
    if (!existsSync(ciScript)) {
      console.info('.ci/run does not exist yet: the Dockerfile was checked on its own.');
      return;
    }
    const ci = readFileSync(ciScript, 'utf8');
    expect(ci).toMatch(/^\s*npm ci\b/m);
    expect(ciBuildsThroughTurbo(ci)).toBe(true);
  });

  it('When the runtime stage is read, then it installs only production dependencies and copies the built output and the OpenAPI spec', () => {
    const prunes = allRuns.some((run) => /npm (ci|prune)\b.*--omit[= ]dev/.test(run));
    expect(prunes).toBe(true);
    expect(argsOf(runtime, 'RUN').join('\n')).not.toMatch(/\bnpm ci\b(?!.*--omit)/);
    const copies = argsOf(runtime, 'COPY').join('\n');
    expect(copies).toMatch(/apps\/api\/dist/);
    expect(copies).toMatch(/packages\/shared\/dist/);
    expect(copies).toMatch(/\/app\/openapi\s+openapi/);
  });

  it('When the runtime stage is read, then it runs in production as the non-root node user and exposes 3000', () => {
    expect(argsOf(runtime, 'USER')).toEqual(['node']);
    expect(argsOf(runtime, 'ENV').join(' ')).toMatch(/\bNODE_ENV=production\b/);
    expect(argsOf(runtime, 'EXPOSE')).toEqual(['3000']);
  });

  it('When the runtime stage is read, then its HEALTHCHECK asks /healthz with node (the slim image has no curl)', () => {
    const [healthcheck] = argsOf(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD\s+\["node",\s*"-e"/);
    expect(healthcheck).toContain('/healthz');
  });

  it('When the runtime stage is read, then its CMD starts the compiled API', () => {
    const [cmd] = argsOf(runtime, 'CMD');
    expect(JSON.parse(cmd)).toEqual(['node', 'apps/api/dist/main.js']);
  });
});

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('When read, then it keeps installed and built output, local data, git history and .env out of the build context', () => {
    const ignores = (name: string) => patterns.some((pattern) => pattern === name || pattern === `**/${name}`);
    for (const name of ['node_modules', 'dist', '.turbo', '.data', '.git', '.env']) {
      expect({ name, ignored: ignores(name) }).toEqual({ name, ignored: true });
    }
    expect(patterns).toContain('packages/sdk/.openapi-generator-jars');
  });
});

describe('README', () => {
  const readme = read('README.md');
  const section = (title: string) => {
    const start = readme.indexOf(`## ${title}\n`);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = readme.indexOf('\n## ', start + 1);
    return readme.slice(start, end === -1 ? undefined : end);
  };
  /** Variables with a row of their own in the configuration table: | `NAME` | default | meaning | */
  const tableVariables = new Set([...section('Configuration').matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]));
  const deployment = section('Deployment');

  it('When the configuration table is read, then it has a row for every variable config.ts reads', () => {
    expect([...configVariables()].filter((name) => !tableVariables.has(name))).toEqual([]);
  });

  it('When the api service’s environment is read, then the configuration table documents every variable in it', () => {
    const given = Object.keys(compose.services.api.environment ?? {});
    expect(given).toEqual(expect.arrayContaining(['METRICS_TOKEN', 'METRICS_PORT', 'ADMIN_PANEL']));
    expect(given.filter((name) => !tableVariables.has(name))).toEqual([]);
  });

  it('When the deployment section is read, then it names every service, volume, published port and health check endpoint of the compose file', () => {
    const named = (text: string) => expect({ text, named: deployment.includes(text) }).toEqual({ text, named: true });
    for (const service of Object.keys(compose.services)) named(`\`${service}\``);
    for (const volume of Object.keys(compose.volumes ?? {})) named(`\`${volume}\``);
    for (const port of compose.services.api.ports ?? []) named(port.split(':')[0]);
    named('pg_isready');
    const apiHealthPath = /\/(healthz|readyz)\b/.exec(healthcheckText(compose.services.api))?.[0] as string;
    named(apiHealthPath);
    named(String(compose.services.api.restart));
  });

  it('When the deployment section is read, then it walks through .env, compose up, migrations, the first staff account, /admin, health, metrics and down -v', () => {
    for (const step of [
      'cp .env.example .env',
      'JWT_SECRET',
      'docker compose up --build',
      'Migrations run when the API starts',
      '/admin',
      '/healthz',
      '/readyz',
      '/metrics',
      'docker compose down -v',
    ]) {
      expect({ step, present: deployment.includes(step) }).toEqual({ step, present: true });
    }
    // The CLI commands it gives exist in the image: compiled from apps/api/src/cli into apps/api/dist/cli.
    const commands = [...deployment.matchAll(/docker compose exec api node (apps\/api\/dist\/cli\/[\w-]+)\.js/g)].map((match) => match[1]);
    expect(commands).toEqual(expect.arrayContaining(['apps/api/dist/cli/createsuperuser']));
    for (const command of commands) expect(existsSync(path.join(ROOT, command.replace('/dist/', '/src/') + '.ts'))).toBe(true);
  });
});

describe('Dockerfile and the admin panel', () => {
  it('When the runtime stage is read, then the admin panel’s prebuilt bundle comes with the API’s dist, and AdminJS gets no folder to bundle into at start', () => {
    const runtime = parseDockerfile(dockerfile).at(-1) as DockerfileStage;
    const runs = argsOf(runtime, 'RUN').join('\n');
    // apps/api's build writes dist/admin-panel/components.bundle.js (scripts/bundle-admin-panel.mjs).
    expect(read('apps/api/package.json')).toMatch(/"build": "[^"]*node scripts\/bundle-admin-panel\.mjs/);
    expect(argsOf(runtime, 'COPY')).toContain('--from=build /app/apps/api/dist apps/api/dist');
    expect(runs).not.toMatch(/\.adminjs/);
    expect(argsOf(runtime, 'WORKDIR')).toEqual(['/app']);
  });
});

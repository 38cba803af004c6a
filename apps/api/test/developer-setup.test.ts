/**
 * A fresh clone's first commands print nothing a newcomer has to puzzle over: `npm ci` no
 * install-scripts warning (npm 11 lists every dependency whose install script package.json's
 * allowScripts neither approves nor denies), and turbo no telemetry notice (it reads its opt-out from
 * the environment only, so every root script and CI run that calls it sets it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface RootPackage {
  scripts: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

interface Lockfile {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
}

const rootPackage = JSON.parse(read('package.json')) as RootPackage;

describe('npm ci on a fresh clone', () => {
  it('When the lockfile is read, then every dependency with an install script is approved or denied by name in allowScripts', () => {
    const lockfile = JSON.parse(read('package-lock.json')) as Lockfile;
    const withScripts = Object.entries(lockfile.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length));

    expect(withScripts.length).toBeGreaterThan(0);
    const decided = Object.keys(rootPackage.allowScripts ?? {});
    expect(withScripts.filter((name) => !decided.includes(name))).toEqual([]);
  });

  it('When allowScripts is read, then argon2 may build: its prebuilt linux-x64 binary does not load on every Node 20, and its install step then compiles one', () => {
    expect(rootPackage.allowScripts?.argon2).toBe(true);
  });
});

describe('turbo without its telemetry notice', () => {
  it('When a root script runs turbo, then it turns turbo’s telemetry off', () => {
    const runningTurbo = Object.entries(rootPackage.scripts).filter(([, command]) => /(^|&&\s*|\s)turbo\s/.test(command));

    expect(runningTurbo.length).toBeGreaterThan(0);
    expect(runningTurbo.filter(([, command]) => !/\bTURBO_TELEMETRY_DISABLED=1 turbo\s/.test(command)).map(([name]) => name)).toEqual([]);
  });

  it('When CI runs, then it turns turbo’s telemetry off before its first turbo command', () => {
    const ci = read('.ci/run');
    const optOut = ci.indexOf('export TURBO_TELEMETRY_DISABLED=1');

    expect(optOut).toBeGreaterThan(-1);
    // The first command line (not a comment) that runs turbo, itself or through npm test.
    expect(optOut).toBeLessThan(ci.search(/^[^#\n]*(npm test|turbo run)/m));
  });
});

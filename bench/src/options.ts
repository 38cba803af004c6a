/**
 * What one run of the benchmark does, read from the command line and the environment:
 * `--smoke` (or BENCH_SMOKE=1) is the CI run, a tiny dataset and a second or so per scenario,
 * there to keep the harness working, not to measure anything.
 */
export type Scale = 'smoke' | 'full';

export interface BenchOptions {
  scale: Scale;
  /** Measured seconds per scenario and server (BENCH_DURATION). */
  durationSeconds: number;
  /** Unmeasured seconds before that, so JIT, pools and PostgreSQL's caches are warm (BENCH_WARMUP; none in the smoke run). */
  warmupSeconds: number;
  /** Messages in the huge conversation, instead of the scale's (BENCH_MESSAGES), for a quicker or bigger run. */
  hugeMessages?: number;
  /** Rounds per scenario, each running both servers back to back (BENCH_ROUNDS); the report gives medians. */
  rounds: number;
  /** Concurrent connections, 32 like wrk's -c in the seed's figures (BENCH_CONNECTIONS); fewer in the smoke run, whose half-second runs would otherwise see no sign-in complete. */
  connections: number;
  /** Only the scenarios whose name contains one of these (BENCH_ONLY, comma-separated). */
  only: string[];
  /** Where to write the figures as JSON (BENCH_JSON), beside the printed table. */
  jsonPath?: string;
  /** A folder for `node --cpu-prof` profiles of both servers (BENCH_CPU_PROF). */
  cpuProfDir?: string;
  /** Processes of ours to compare with one on a few scenarios (BENCH_PROCESSES; `1` skips the comparison). */
  processes: number;
  /** PostgreSQL server to make the scratch database on; unset → scripts/start-postgres.sh. */
  adminUrl?: string;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/s$/, ''));
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number of seconds, at least ${min}, got "${raw}"`);
  return value;
}

function readProcesses(env: NodeJS.ProcessEnv): number {
  const processes = Number(env.BENCH_PROCESSES || 2);
  if (!Number.isInteger(processes) || processes < 1 || processes > 64)
    throw new Error(`BENCH_PROCESSES must be a whole number from 1 to 64, got "${env.BENCH_PROCESSES}"`);
  return processes;
}

export function readOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const unknown = argv.filter((arg) => arg !== '--smoke');
  if (unknown.length > 0)
    throw new Error(`Unknown argument(s): ${unknown.join(' ')} (only --smoke is accepted; the rest is set with BENCH_* variables)`);
  const smoke = argv.includes('--smoke') || ['1', 'true'].includes(env.BENCH_SMOKE ?? '');
  const scale = smoke ? 'smoke' : ((env.BENCH_SCALE || 'full') as Scale);
  if (scale !== 'smoke' && scale !== 'full') throw new Error(`BENCH_SCALE must be smoke or full, got "${env.BENCH_SCALE}"`);

  const connections = Number(env.BENCH_CONNECTIONS || (scale === 'smoke' ? 8 : 32));
  if (!Number.isInteger(connections) || connections < 1)
    throw new Error(`BENCH_CONNECTIONS must be a whole number, got "${env.BENCH_CONNECTIONS}"`);

  const hugeMessages = env.BENCH_MESSAGES ? Number(env.BENCH_MESSAGES) : undefined;
  if (hugeMessages !== undefined && (!Number.isInteger(hugeMessages) || hugeMessages < 100)) {
    throw new Error(`BENCH_MESSAGES must be a whole number of at least 100, got "${env.BENCH_MESSAGES}"`);
  }

  const rounds = Number(env.BENCH_ROUNDS || 1);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_ROUNDS must be a whole number, got "${env.BENCH_ROUNDS}"`);

  return {
    scale,
    hugeMessages,
    rounds,
    durationSeconds: seconds(env, 'BENCH_DURATION', scale === 'smoke' ? 0.5 : 10, 0.1),
    warmupSeconds: seconds(env, 'BENCH_WARMUP', scale === 'smoke' ? 0 : 3, 0),
    connections,
    only: (env.BENCH_ONLY ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    jsonPath: env.BENCH_JSON || undefined,
    cpuProfDir: env.BENCH_CPU_PROF || undefined,
    adminUrl: env.DATABASE_URL || undefined,
    processes: readProcesses(env),
  };
}

/**
 * `npm run bench [-- --smoke]`: a scratch database with our schema and a bulk-loaded dataset, then
 * every scenario against our API and against the bare baseline, and a report. Exits non-zero when
 * any request failed or the two servers' answers differ, so the smoke run keeps the harness honest in CI.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { hashPassword } from '@messaging-app/api';
import { Client } from 'pg';
import { createBenchDatabase, resolveAdminUrl } from './database';
import { BENCH_PASSWORD, loadDataset, type Dataset } from './dataset';
import type { Tokens } from './load';
import { readOptions, type BenchOptions } from './options';
import { notes, processTable, scalingTable, scenarioTable, TARGET_RATIO } from './report';
import { compareProcesses, runScenarios, type Measurement, type ProcessComparison, type ScenarioResult } from './run';
import { API, buildPlan, deepPageOf, isPending, type PlanInputs, type RunnableScenario, type Scenario } from './scenarios';
import { freePort, startServer, type ServerSettings } from './servers';

const log = (line = '') => console.log(line);

/** "argon2id m=19456 KiB (19 MiB), t=2, p=1", read off the stored hash, so it is what sign-in really pays. */
function kdfOf(hash: string): string {
  const [, algorithm, , params = ''] = hash.split('$');
  const p: Record<string, string> = Object.fromEntries(params.split(',').map((pair) => pair.split('=') as [string, string]));
  return `${algorithm} m=${p.m} KiB (${Math.round(Number(p.m) / 1024)} MiB), t=${p.t}, p=${p.p}`;
}

async function postgresDescription(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [version, buffers] = await Promise.all([
      client.query<{ server_version: string }>('SHOW server_version'),
      client.query<{ shared_buffers: string }>('SHOW shared_buffers'),
    ]);
    return `PostgreSQL ${version.rows[0].server_version} (shared_buffers ${buffers.rows[0].shared_buffers})`;
  } finally {
    await client.end();
  }
}

/**
 * Access tokens for the scenarios, from our own sign-in endpoint (the baseline accepts them too: same
 * secret and claims), and a cursor into the huge conversation's history.
 */
async function prepare(settings: ServerSettings, dataset: Dataset): Promise<{ tokens: Tokens; inputs: PlanInputs }> {
  const server = await startServer('ours', settings);
  try {
    const signIn = async (username: string) => {
      const response = await fetch(`${server.url}${API}/token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: BENCH_PASSWORD }),
      });
      if (!response.ok) throw new Error(`Signing in ${username} failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { access: string }).access;
    };
    const tokens = { busy: await signIn(dataset.busyUser.username), quiet: await signIn(dataset.quietUser.username) };
    const deep = await fetch(`${server.url}${API}/conversations/${dataset.conversations.huge}/messages/?page=${deepPageOf(dataset)}`, {
      headers: { authorization: `Bearer ${tokens.busy}` },
    });
    const { next_cursor: deepCursor } = (await deep.json()) as { next_cursor: string | null };
    if (!deep.ok || !deepCursor) throw new Error(`Reading the deep page's cursor failed: ${deep.status}`);
    return { tokens, inputs: { deepCursor } };
  } finally {
    await server.stop();
  }
}

function selected(scenarios: Scenario[], only: string[]): Scenario[] {
  if (only.length === 0) return scenarios;
  return scenarios.filter((scenario) => only.some((part) => scenario.name.includes(part)));
}

function writeJson(path: string, context: object, results: ScenarioResult[]): void {
  const figures = (m?: Measurement) => m && { ...m, sample: undefined };
  const plain = results.map(({ scenario, ours, baseline, rounds, ratio, differences, problems }) => ({
    scenario: scenario.name,
    pending: 'pending' in scenario ? scenario.pending : undefined,
    ours: figures(ours),
    baseline: figures(baseline),
    ratio,
    rounds: rounds.map((round) => ({ ours: figures(round.ours), baseline: figures(round.baseline) })),
    differences,
    problems,
  }));
  writeFileSync(path, `${JSON.stringify({ ...context, results: plain }, null, 2)}\n`);
}

async function run(options: BenchOptions): Promise<number> {
  const started = performance.now();
  log(
    `Messaging API benchmark: ${options.scale} scale, ${options.connections} connections, ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s per scenario and server, ${options.rounds} round(s)`,
  );
  const adminUrl = resolveAdminUrl(options.adminUrl);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const scratch = await createBenchDatabase(adminUrl);
  const dropScratch = () => scratch.drop().catch((error: unknown) => console.error('Could not drop the scratch database:', error));
  process.once('SIGINT', () => void dropScratch().then(() => process.exit(130)));
  try {
    log('Loading the dataset:');
    const dataset = await loadDataset({
      databaseUrl: scratch.url,
      scale: options.scale,
      hugeMessages: options.hugeMessages,
      passwordHash,
      log,
    });
    log(`  loaded in ${dataset.loadSeconds.toFixed(1)} s`);

    const settings: ServerSettings = {
      databaseUrl: scratch.url,
      port: await freePort(),
      jwtSecret: randomBytes(48).toString('base64'),
      cpuProfDir: options.cpuProfDir,
      noAdminPanel: options.scale === 'smoke',
    };
    const { tokens, inputs } = await prepare(settings, dataset);
    const plan = buildPlan(dataset, inputs);
    log('Running (ours and the baseline one after the other, a fresh process each):');
    const results = await runScenarios(selected(plan.scenarios, options.only), { settings, tokens, options, log });
    // The smoke run keeps the cluster path working on one scenario; a full run compares a few.
    const forProcesses = plan.scenarios.filter(
      (scenario): scenario is RunnableScenario => !isPending(scenario) && plan.processScenarios.includes(scenario.name),
    );
    const processScenarios = selected(
      options.scale === 'smoke' ? forProcesses.slice(0, 1) : forProcesses,
      options.only,
    ) as RunnableScenario[];
    let byProcesses: ProcessComparison[] = [];
    if (options.processes > 1 && processScenarios.length > 0) {
      log(`Ours on 1 process against ${options.processes} (node:cluster, WEB_CONCURRENCY):`);
      byProcesses = await compareProcesses(processScenarios, { settings, tokens, options, log });
    }

    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${await postgresDescription(scratch.url)}`;
    const kdf = kdfOf(passwordHash);
    const s = dataset.sizes;
    log();
    log(`Machine: ${machine}`);
    log(
      `Dataset: ${s.users} users, ${s.conversations} conversations; messages: ${s.hugeMessages} in the huge conversation, ${s.mediumMessages} and ${s.smallMessages} in two others, ${s.messagesPerOtherConversation} in each of the rest; loaded in ${dataset.loadSeconds.toFixed(1)} s`,
    );
    log(`Sign-in KDF: ${kdf}`);
    log();
    log(scenarioTable(results));
    log();
    log(scalingTable(plan.scaling, results));
    if (byProcesses.length > 0) {
      log();
      log(processTable(byProcesses));
    }
    log();
    log(`CPU ms/req: the server process's CPU time per request (PostgreSQL's not included), steady however busy the machine is.`);
    log(
      `ours / baseline: requests per second of our API over the bare express + pg baseline on the same SQL (target ≥ ${TARGET_RATIO})${options.rounds > 1 ? `: the median of ${options.rounds} rounds' ratios (lowest–highest), each round the two servers back to back; the other figures are each side's median round` : ''}.`,
    );
    const problems = [
      ...notes(results),
      ...byProcesses.flatMap((r) => r.problems.map((problem) => `- ${r.scenario.name} (processes): ${problem}`)),
    ];
    if (problems.length > 0) log(['', 'Notes:', ...problems].join('\n'));
    if (options.jsonPath) {
      const processes = byProcesses.map((r) => ({
        scenario: r.scenario.name,
        processes: r.processes,
        ratio: r.ratio,
        one: { ...r.one, sample: undefined },
        many: { ...r.many, sample: undefined },
      }));
      writeJson(options.jsonPath, { options, machine, kdf, dataset: s, loadSeconds: dataset.loadSeconds, processes }, results);
    }
    log(`Benchmark run took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    // Differing answers fail the run too: a ratio between servers doing unlike work means nothing,
    // and this is what keeps the baseline in step when the API changes.
    const failed =
      results.some((result) => result.problems.length > 0 || result.differences.length > 0) ||
      byProcesses.some((r) => r.problems.length > 0);
    return failed ? 1 : 0;
  } finally {
    // BENCH_KEEP_DATABASE=1 leaves the loaded dataset for EXPLAIN work (drop it by hand afterwards).
    if (process.env.BENCH_KEEP_DATABASE === '1') log(`Kept the scratch database: ${scratch.url}`);
    else await dropScratch();
  }
}

function main(): void {
  let options: BenchOptions;
  try {
    options = readOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  run(options).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('The benchmark failed:', error);
      process.exit(1);
    },
  );
}

main();

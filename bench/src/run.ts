/**
 * Runs every scenario on ours and on the baseline, one server process at a time and a fresh one per
 * scenario (so its peak memory is that scenario's), alternating which goes first so that machine
 * noise hits both alike; with BENCH_ROUNDS > 1, several such rounds, reporting the median.
 */
import { setTimeout } from 'node:timers/promises';
import { differences, drive, sample, type LoadFigures, type Sample, type Tokens } from './load';
import type { BenchOptions } from './options';
import { isPending, type RunnableScenario, type Scenario } from './scenarios';
import { startServer, type ServerKind, type ServerSettings } from './servers';

export interface Measurement extends LoadFigures {
  peakRssBytes?: number;
  /**
   * Server CPU time (its process only, not PostgreSQL's) per request of the measured run, in ms.
   * Other load on the machine barely moves it, unlike throughput.
   */
  cpuMsPerRequest?: number;
  sample: Sample;
}

export interface ScenarioResult {
  scenario: Scenario;
  /** The typical round of each (see `typical`). */
  ours?: Measurement;
  baseline?: Measurement;
  rounds: Array<Record<ServerKind, Measurement>>;
  /**
   * ours / baseline req/s: the median over rounds of each round's ratio, whose two runs were
   * back to back, and the lowest and highest round.
   */
  ratio?: { median: number; low: number; high: number };
  /** Where the baseline's answer differs from ours: its figures then compare unlike work. */
  differences: string[];
  /** Errors, timeouts or non-2xx answers: a failed run. */
  problems: string[];
}

const is2xx = (status: number) => status >= 200 && status < 300;

async function measure(
  kind: ServerKind,
  scenario: RunnableScenario,
  context: { settings: ServerSettings; tokens: Tokens; options: BenchOptions },
): Promise<Measurement> {
  const { options, tokens } = context;
  const server = await startServer(kind, context.settings);
  try {
    const answer = await sample(server.url, scenario.request, tokens);
    if (options.warmupSeconds > 0) {
      await drive(server.url, scenario.request, tokens, { connections: options.connections, durationSeconds: options.warmupSeconds });
    }
    const cpuBefore = server.cpuSeconds();
    const figures = await drive(server.url, scenario.request, tokens, {
      connections: options.connections,
      durationSeconds: options.durationSeconds,
    });
    // autocannon hangs up on the requests still in flight; let the server finish them before it is
    // told to stop, or they fail against a closed connection pool.
    await setTimeout(Math.min(10_000, figures.max + 100));
    const cpuAfter = server.cpuSeconds();
    const cpuMsPerRequest =
      cpuBefore === undefined || cpuAfter === undefined || figures.requests === 0
        ? undefined
        : ((cpuAfter - cpuBefore) * 1000) / figures.requests;
    return { ...figures, peakRssBytes: server.peakRssBytes(), cpuMsPerRequest, sample: answer };
  } finally {
    await server.stop();
  }
}

function problemsOf(kind: ServerKind, m: Measurement): string[] {
  const problems: string[] = [];
  if (!is2xx(m.sample.status))
    problems.push(`${kind}: the sample request answered ${m.sample.status}: ${JSON.stringify(m.sample.body).slice(0, 300)}`);
  if (m.errors > 0) problems.push(`${kind}: ${m.errors} connection errors or timeouts`);
  if (m.non2xx > 0) problems.push(`${kind}: ${m.non2xx} non-2xx answers (${JSON.stringify(m.statuses)})`);
  if (m.requests === 0) problems.push(`${kind}: no request completed`);
  return problems;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The round with the median throughput (the lower middle for an even count), with the highest peak memory of all. */
function typical(rounds: Measurement[]): Measurement {
  const sorted = [...rounds].sort((a, b) => a.reqPerSec - b.reqPerSec);
  const peaks = rounds.map((m) => m.peakRssBytes).filter((bytes): bytes is number => bytes !== undefined);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : undefined };
}

function ratioOf(rounds: Array<Record<ServerKind, Measurement>>): ScenarioResult['ratio'] {
  const ratios = rounds.filter((r) => r.baseline.reqPerSec > 0).map((r) => r.ours.reqPerSec / r.baseline.reqPerSec);
  return ratios.length === 0 ? undefined : { median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

function compare(scenario: RunnableScenario, ours: Measurement, baseline: Measurement): string[] {
  if (ours.sample.status !== baseline.sample.status)
    return [`status ${ours.sample.status} in ours, ${baseline.sample.status} in the baseline`];
  return differences(ours.sample.body, baseline.sample.body, scenario.request.method === 'GET');
}

export async function runScenarios(
  scenarios: Scenario[],
  context: { settings: ServerSettings; tokens: Tokens; options: BenchOptions; log: (line: string) => void },
): Promise<ScenarioResult[]> {
  const runnable = scenarios.filter((scenario) => !isPending(scenario)).length;
  const results: ScenarioResult[] = [];
  let index = 0;
  for (const scenario of scenarios) {
    if (isPending(scenario)) {
      results.push({ scenario, rounds: [], differences: [], problems: [] });
      continue;
    }
    index += 1;
    const rounds: Array<Record<ServerKind, Measurement>> = [];
    for (let round = 0; round < context.options.rounds; round++) {
      // ABBA: whoever went first goes second next time, and from one scenario to the next.
      const order: ServerKind[] = (index + round) % 2 === 1 ? ['ours', 'baseline'] : ['baseline', 'ours'];
      const measured: Partial<Record<ServerKind, Measurement>> = {};
      for (const kind of order) measured[kind] = await measure(kind, scenario, context);
      const { ours, baseline } = measured as Record<ServerKind, Measurement>;
      rounds.push({ ours, baseline });
      context.log(
        `  [${index}/${runnable}] ${scenario.name}${context.options.rounds > 1 ? `, round ${round + 1}` : ''}: ` +
          `ours ${ours.reqPerSec.toFixed(0)} req/s, baseline ${baseline.reqPerSec.toFixed(0)} req/s (${(ours.reqPerSec / baseline.reqPerSec).toFixed(2)})`,
      );
    }
    const result: ScenarioResult = {
      scenario,
      ours: typical(rounds.map((r) => r.ours)),
      baseline: typical(rounds.map((r) => r.baseline)),
      rounds,
      ratio: ratioOf(rounds),
      differences: [...new Set(rounds.flatMap((r) => compare(scenario, r.ours, r.baseline)))],
      problems: rounds.flatMap((r) => [...problemsOf('ours', r.ours), ...problemsOf('baseline', r.baseline)]),
    };
    if (result.problems.length > 0) context.log(`    PROBLEMS: ${result.problems.join('; ')}`);
    results.push(result);
  }
  return results;
}

export interface ProcessComparison {
  scenario: RunnableScenario;
  processes: number;
  one: Measurement;
  many: Measurement;
  /** many / one req/s: the median over rounds of each round's ratio. */
  ratio: number;
  problems: string[];
}

/**
 * Ours on one process against ours on `processes` (node:cluster, WEB_CONCURRENCY), back to back and
 * alternating as above, on the scenarios given.
 */
export async function compareProcesses(
  scenarios: RunnableScenario[],
  context: { settings: ServerSettings; tokens: Tokens; options: BenchOptions; log: (line: string) => void },
): Promise<ProcessComparison[]> {
  const { processes } = context.options;
  const results: ProcessComparison[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const rounds: Array<{ one: Measurement; many: Measurement }> = [];
    for (let round = 0; round < context.options.rounds; round++) {
      const order = (index + round) % 2 === 0 ? [1, processes] : [processes, 1];
      const measured = new Map<number, Measurement>();
      for (const workers of order)
        measured.set(workers, await measure('ours', scenario, { ...context, settings: { ...context.settings, workers } }));
      const [one, many] = [measured.get(1) as Measurement, measured.get(processes) as Measurement];
      rounds.push({ one, many });
      context.log(
        `  ${scenario.name}: 1 process ${one.reqPerSec.toFixed(0)} req/s, ${processes} processes ${many.reqPerSec.toFixed(0)} req/s (×${(many.reqPerSec / one.reqPerSec).toFixed(2)})`,
      );
    }
    results.push({
      scenario,
      processes,
      one: typical(rounds.map((r) => r.one)),
      many: typical(rounds.map((r) => r.many)),
      ratio: median(rounds.map((r) => (r.one.reqPerSec > 0 ? r.many.reqPerSec / r.one.reqPerSec : 0))),
      problems: rounds.flatMap((r) => [...problemsOf('ours', r.one), ...problemsOf('ours', r.many)]),
    });
  }
  return results;
}

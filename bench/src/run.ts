/**
 * Runs every scenario on ours and on the baseline, one server process at a time and a fresh one per
 * scenario (so its peak memory is that scenario's), alternating which goes first so that machine
 * noise hits both alike.
 */
import { setTimeout } from 'node:timers/promises';
import { differences, drive, sample, type LoadFigures, type Sample, type Tokens } from './load';
import type { BenchOptions } from './options';
import { isPending, type RunnableScenario, type Scenario } from './scenarios';
import { startServer, type ServerKind, type ServerSettings } from './servers';

export interface Measurement extends LoadFigures {
  peakRssBytes?: number;
  sample: Sample;
}

export interface ScenarioResult {
  scenario: Scenario;
  ours?: Measurement;
  baseline?: Measurement;
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
    const figures = await drive(server.url, scenario.request, tokens, { connections: options.connections, durationSeconds: options.durationSeconds });
    // autocannon hangs up on the requests still in flight; let the server finish them before it is
    // told to stop, or they fail against a closed connection pool.
    await setTimeout(Math.min(10_000, figures.max + 100));
    return { ...figures, peakRssBytes: server.peakRssBytes(), sample: answer };
  } finally {
    await server.stop();
  }
}

function problemsOf(kind: ServerKind, m: Measurement): string[] {
  const problems: string[] = [];
  if (!is2xx(m.sample.status)) problems.push(`${kind}: the sample request answered ${m.sample.status}: ${JSON.stringify(m.sample.body).slice(0, 300)}`);
  if (m.errors > 0) problems.push(`${kind}: ${m.errors} connection errors or timeouts`);
  if (m.non2xx > 0) problems.push(`${kind}: ${m.non2xx} non-2xx answers (${JSON.stringify(m.statuses)})`);
  if (m.requests === 0) problems.push(`${kind}: no request completed`);
  return problems;
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
      results.push({ scenario, differences: [], problems: [] });
      continue;
    }
    const order: ServerKind[] = index % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
    index += 1;
    const measured: Partial<Record<ServerKind, Measurement>> = {};
    for (const kind of order) measured[kind] = await measure(kind, scenario, context);
    const { ours, baseline } = measured as Record<ServerKind, Measurement>;

    const result: ScenarioResult = {
      scenario,
      ours,
      baseline,
      differences: ours.sample.status === baseline.sample.status
        ? differences(ours.sample.body, baseline.sample.body, scenario.request.method === 'GET')
        : [`status ${ours.sample.status} in ours, ${baseline.sample.status} in the baseline`],
      problems: [...problemsOf('ours', ours), ...problemsOf('baseline', baseline)],
    };
    results.push(result);
    context.log(
      `  [${index}/${runnable}] ${scenario.name}: ours ${ours.reqPerSec.toFixed(0)} req/s, baseline ${baseline.reqPerSec.toFixed(0)} req/s` +
        (result.problems.length > 0 ? `  PROBLEMS: ${result.problems.join('; ')}` : ''),
    );
  }
  return results;
}

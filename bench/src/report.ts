/** The printed report: Markdown tables, so a run's output can go into docs/performance.md as it is. */
import type { ProcessComparison, ScenarioResult } from './run';
import type { ScalingPair } from './scenarios';

/** Ours should reach this share of the baseline's throughput on every scenario. */
export const TARGET_RATIO = 0.7;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const rate = (value: number) => (value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en'));
const ms = (value: number) => (value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en'));
const mib = (bytes?: number) => (bytes === undefined ? '–' : String(Math.round(bytes / 2 ** 20)));
const cpu = (value?: number) => (value === undefined ? '–' : value.toFixed(2));

function versusDjango(result: ScenarioResult): string {
  const django = 'django' in result.scenario ? result.scenario.django : undefined;
  if (!django || !result.ours) return '';
  const multiple = result.ours.reqPerSec / django.reqPerSec;
  const goal = django.goal === undefined ? '' : ` (goal ${django.goal}×: ${multiple >= django.goal ? 'met' : 'NOT met'})`;
  return `${rate(django.reqPerSec)} → ${multiple.toFixed(1)}×${goal}`;
}

function ratio(result: ScenarioResult): string {
  if (!result.ratio) return '';
  const { median, low, high } = result.ratio;
  const spread = result.rounds.length > 1 ? ` (${low.toFixed(2)}–${high.toFixed(2)})` : '';
  const flags = [median < TARGET_RATIO ? `< ${TARGET_RATIO}` : '', result.differences.length > 0 ? 'answers differ' : ''].filter(Boolean);
  return `**${median.toFixed(2)}**${spread}${flags.length > 0 ? ` ${flags.join(', ')}` : ''}`;
}

export function scenarioTable(results: ScenarioResult[]): string {
  const header = [
    'scenario',
    'ours req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'RSS MiB',
    'CPU ms/req',
    'baseline req/s',
    'p50 ms',
    'p99 ms',
    'RSS MiB',
    'CPU ms/req',
    'ours / baseline',
    'Django req/s → ours ×',
  ];
  const rows = results.map((result) => {
    const { ours, baseline } = result;
    if (!ours || !baseline) {
      const note = 'pending' in result.scenario ? result.scenario.pending : 'not run';
      return [result.scenario.name, note, ...header.slice(2).map(() => '')];
    }
    return [
      result.scenario.name,
      rate(ours.reqPerSec),
      ms(ours.p50),
      ms(ours.p99),
      String(ours.errors + ours.non2xx),
      mib(ours.peakRssBytes),
      cpu(ours.cpuMsPerRequest),
      rate(baseline.reqPerSec),
      ms(baseline.p50),
      ms(baseline.p99),
      mib(baseline.peakRssBytes),
      cpu(baseline.cpuMsPerRequest),
      ratio(result),
      versusDjango(result),
    ];
  });
  return table(header, rows);
}

export function scalingTable(pairs: ScalingPair[], results: ScenarioResult[]): string {
  const byName = new Map(results.map((result) => [result.scenario.name, result]));
  const rows = pairs.map((pair) => {
    const [small, large] = [byName.get(pair.small), byName.get(pair.large)];
    if (!small?.ours || !large?.ours || !small.baseline || !large.baseline) return [pair.name, 'not run', '', '', '', ''];
    const oursRatio = large.ours.p99 / small.ours.p99;
    const baselineRatio = large.baseline.p99 / small.baseline.p99;
    const limit = pair.maxRatio === undefined ? '–' : `≤ ${pair.maxRatio}: ${oursRatio <= pair.maxRatio ? 'met' : 'NOT met'}`;
    return [pair.name, ms(small.ours.p99), ms(large.ours.p99), `**${oursRatio.toFixed(2)}**`, baselineRatio.toFixed(2), limit];
  });
  return table(['comparison', 'ours p99 small, ms', 'ours p99 large, ms', 'ours ratio', 'baseline ratio', 'limit'], rows);
}

/** Differences and problems, one line each, after the tables. */
export function notes(results: ScenarioResult[]): string[] {
  return results.flatMap((result) => [
    ...result.differences.map((difference) => `- ${result.scenario.name}: the baseline answers differently: ${difference}`),
    ...result.problems.map((problem) => `- ${result.scenario.name}: ${problem}`),
  ]);
}

export function processTable(results: ProcessComparison[]): string {
  const rows = results.map((r) => [
    r.scenario.name,
    rate(r.one.reqPerSec),
    ms(r.one.p99),
    cpu(r.one.cpuMsPerRequest),
    rate(r.many.reqPerSec),
    ms(r.many.p99),
    cpu(r.many.cpuMsPerRequest),
    mib(r.many.peakRssBytes),
    `**${r.ratio.toFixed(2)}**`,
  ]);
  const n = results[0]?.processes ?? 2;
  return table(
    [
      'scenario (ours)',
      '1 process req/s',
      'p99 ms',
      'CPU ms/req',
      `${n} processes req/s`,
      'p99 ms',
      'CPU ms/req',
      'RSS MiB (all)',
      `${n} / 1`,
    ],
    rows,
  );
}

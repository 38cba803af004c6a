#!/usr/bin/env node
// Adds up the counts of the CI's test runs, from their logs, and prints one plain closing line,
// "N passed, M failed", which CI tooling reads (the runners' own summaries are per package and not in
// that form). It reads jest's "Tests: … total" lines and pytest's closing summary lines
// ("==== 111 passed, 2 skipped in 95.20s ====", or "-q"'s bare form). It is the last line printed, and
// the per-run lines above it are worded so that no tool reading closing lines could take them for a
// test runner's. Exits non-zero when any log holds no test at all, so a run that silently executed
// nothing cannot pass for green.
//
//   node scripts/ci-test-summary.mjs .ci-logs/npm-test-pglite.log .ci-logs/python-sdk.log …
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: ci-test-summary.mjs <log file>…');
  process.exit(2);
}

// e.g. "@messaging-app/api:test: Tests:       1 failed, 2 skipped, 777 passed, 780 total"
const JEST = /Tests:\s+(.*\d+ total)\s*$/;
// e.g. "===== 3 failed, 108 passed, 1 skipped, 2 errors in 95.20s (0:01:35) =====" or "111 passed in 4.20s"
const PYTEST = /^=*\s*((?:\d+ (?:failed|passed|skipped|deselected|xfailed|xpassed|warnings?|errors?|rerun)(?:, )?)+) in [\d.]+s\b.*?=*\s*$/;
const PYTEST_KINDS = { passed: 'passed', failed: 'failed', error: 'failed', errors: 'failed', skipped: 'skipped', xfailed: 'skipped' };

const totals = { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 };
const empty = [];
for (const file of files) {
  const perFile = { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const jest = JEST.exec(line);
    if (jest) {
      for (const part of jest[1].split(',')) {
        const [count, kind] = part.trim().split(/\s+/);
        if (kind in perFile) perFile[kind] += Number(count);
      }
      continue;
    }
    const pytest = PYTEST.exec(line.trim());
    if (pytest) {
      for (const part of pytest[1].split(',')) {
        const [count, kind] = part.trim().split(/\s+/);
        const counted = PYTEST_KINDS[kind];
        if (!counted) continue;
        perFile[counted] += Number(count);
        perFile.total += Number(count);
      }
    }
  }
  console.log(`${file}: ${perFile.total} tests (ok ${perFile.passed}, failing ${perFile.failed}, skipped ${perFile.skipped})`);
  if (perFile.total === 0) empty.push(file);
  for (const key of Object.keys(totals)) totals[key] += perFile[key];
}

const skipped = totals.skipped + totals.todo;
if (empty.length > 0) console.error(`No test ran in: ${empty.join(', ')} (no jest or pytest summary line).`);
console.log('All test runs together:');
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (empty.length > 0) process.exit(1);
process.exit(totals.failed > 0 ? 1 : 0);

#!/usr/bin/env node
// Adds up jest's "Tests: … total" lines from the logs of the CI's test runs and prints one plain
// closing line, "tests: N passed, M failed", which CI tooling reads (jest's own summary is per
// package and not in that form). Exits non-zero when any log holds no test at all, so a run
// that silently executed nothing cannot pass for green.
//
//   node scripts/ci-test-summary.mjs .ci-logs/npm-test-pglite.log .ci-logs/npm-test-postgres.log
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: ci-test-summary.mjs <log file>…');
  process.exit(2);
}

const totals = { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 };
const empty = [];
for (const file of files) {
  const perFile = { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    // e.g. "@messaging-app/api:test: Tests:       1 failed, 2 skipped, 777 passed, 780 total"
    const match = /Tests:\s+(.*\d+ total)\s*$/.exec(line);
    if (!match) continue;
    for (const part of match[1].split(',')) {
      const [count, kind] = part.trim().split(/\s+/);
      if (kind in perFile) perFile[kind] += Number(count);
    }
  }
  console.log(`${file}: ${perFile.total} tests, ${perFile.passed} passed, ${perFile.failed} failed, ${perFile.skipped} skipped`);
  if (perFile.total === 0) empty.push(file);
  for (const key of Object.keys(totals)) totals[key] += perFile[key];
}

const skipped = totals.skipped + totals.todo;
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (empty.length > 0) {
  console.error(`No test ran in: ${empty.join(', ')} (no jest summary line).`);
  process.exit(1);
}
process.exit(totals.failed > 0 ? 1 : 0);

#!/usr/bin/env node
// Adds up jest's "Tests: … total" lines from the logs of the CI's test runs and prints one plain
// closing line, "N passed, M failed", which CI tooling reads (jest's own summary is per package
// and not in that form). It is the last line printed, and the per-run lines above it are worded
// so that no tool reading closing lines could take them for a test runner's. Exits non-zero when
// any log holds no test at all, so a run that silently executed nothing cannot pass for green.
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
  console.log(`${file}: ${perFile.total} tests (ok ${perFile.passed}, failing ${perFile.failed}, skipped ${perFile.skipped})`);
  if (perFile.total === 0) empty.push(file);
  for (const key of Object.keys(totals)) totals[key] += perFile[key];
}

const skipped = totals.skipped + totals.todo;
if (empty.length > 0) console.error(`No test ran in: ${empty.join(', ')} (no jest summary line).`);
console.log('All test runs together:');
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (empty.length > 0) process.exit(1);
process.exit(totals.failed > 0 ? 1 : 0);

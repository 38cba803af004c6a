#!/usr/bin/env node
// Writes the module table of docs/architecture.md from apps/api/module-graph.cjs (the one statement of
// which module may use which), or with --check fails when the committed table differs from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const graph = createRequire(import.meta.url)(join(root, 'apps/api/module-graph.cjs'));
const docPath = join(root, 'docs/architecture.md');
const START = /<!-- module-graph:start[^>]*-->\n/;
const END = '<!-- module-graph:end -->';

const usedBy = (name) => Object.keys(graph).filter((other) => graph[other].uses.includes(name));
const list = (names) => (names.length ? names.map((n) => `\`${n}\``).join(', ') : 'none');
const table = [
  '| module | uses | used by | why |',
  '| --- | --- | --- | --- |',
  ...Object.entries(graph).map(([name, { uses, why }]) => `| \`${name}\` | ${list(uses)} | ${list(usedBy(name))} | ${why} |`),
].join('\n');

const doc = readFileSync(docPath, 'utf8');
const start = START.exec(doc);
const end = doc.indexOf(END);
if (!start || end < start.index) {
  console.error('docs/architecture.md has no <!-- module-graph:start --> … <!-- module-graph:end --> markers.');
  process.exit(1);
}
const updated = `${doc.slice(0, start.index + start[0].length)}${table}\n${doc.slice(end)}`;

if (process.argv.includes('--check')) {
  if (updated !== doc) {
    console.error('docs/architecture.md: the module table differs from apps/api/module-graph.cjs. Run `npm run docs:architecture`.');
    process.exit(1);
  }
  console.log('docs/architecture.md: the module table matches apps/api/module-graph.cjs.');
} else {
  writeFileSync(docPath, updated);
  console.log('docs/architecture.md: module table written from apps/api/module-graph.cjs.');
}

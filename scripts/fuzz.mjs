#!/usr/bin/env node
// npm run fuzz [-- --cases 100000 --seed 1 --jobs 2 --bin-share 0.03 --case N --family settle,check --out .fuzz]
// The fuzzer on the built CLI (`npm run fuzz` builds first): in-process through dist/ecocomp.js, and a share of the
// cases through bin/ecocomp.js as a real process with a time and memory limit. Prints counts per command and exit
// code, how many results the independent recomputation compared or skipped, and the failures by kind; each kept
// failure is written to <out>/failures/<n>/ with its files and a repro.sh. Exit 1 when anything failed.
// --jobs N splits the cases over N worker processes (default: one per core, at most 4); the cases and their numbers
// stay the same whatever N is.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../dist/ecocomp.js';
import { KNOWN_UNTIL_FIXED, fuzz, writeRepro } from './fuzz-core.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const single = arg('case');
const cases = single !== undefined ? 1 : Number(arg('cases', 10000));
const seed = Number(arg('seed', 1));
const binShare = single !== undefined && arg('bin-share') === undefined ? 0 : Number(arg('bin-share', 0.03));
const jobs = single !== undefined ? 1 : Number(arg('jobs', Math.min(4, availableParallelism())));
const worker = arg('worker');
const out = arg('out', '.fuzz');
const family = arg('family');
const first = single !== undefined ? Number(single) : Number(arg('first', 0));
const options = { seed, binShare, families: family ? family.split(',') : undefined, keepFailures: 200 };

// Buffers turn into { type, data } before a replacer sees them: look at the holder's own value.
const toWire = (report) =>
  JSON.stringify(report, function (k, v) {
    const own = this[k];
    return own instanceof Uint8Array ? { base64: Buffer.from(own).toString('base64') } : v;
  });
const fromWire = (text) => JSON.parse(text, (k, v) => (v && typeof v === 'object' && typeof v.base64 === 'string' && Object.keys(v).length === 1 ? new Uint8Array(Buffer.from(v.base64, 'base64')) : v));

if (worker !== undefined) {
  process.stdout.write(toWire(await fuzz(run, { ...options, cases, first })));
} else {
  const started = Date.now();
  const report = jobs > 1 ? await parallel() : await fuzz(run, { ...options, cases, first, onProgress: progress(started) });
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
  summarise(report, (Date.now() - started) / 1000);
}

function progress(started) {
  let lastShown = 0;
  return (n, r) => {
    if (!process.stderr.isTTY || Date.now() - lastShown < 1000) return;
    lastShown = Date.now();
    const failed = Object.values(r.kinds).reduce((a, b) => a + b, 0);
    process.stderr.write(`\r${n} / ${cases} cases, ${failed} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
}

/** The cases split into `jobs` contiguous ranges, each run by a worker process; their reports merged. */
async function parallel() {
  const self = fileURLToPath(import.meta.url);
  const parts = await Promise.all(
    Array.from({ length: jobs }, (_, k) => {
      const from = first + Math.floor((k * cases) / jobs);
      const to = first + Math.floor(((k + 1) * cases) / jobs);
      const argv = [self, '--worker', String(k), '--first', String(from), '--cases', String(to - from), '--seed', String(seed), '--bin-share', String(binShare), ...(family ? ['--family', family] : [])];
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
        const chunks = [];
        child.stdout.on('data', (d) => chunks.push(d));
        child.on('close', (code) => (code === 0 ? resolve(fromWire(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`worker ${k} exited ${code}`))));
      });
    }),
  );
  const merged = { cases, seed, binShare, commands: {}, exits: {}, via: {}, oracle: {}, kinds: {}, failures: [], slowest: [] };
  for (const p of parts) {
    for (const key of ['commands', 'exits', 'via', 'oracle', 'kinds']) for (const [k, v] of Object.entries(p[key])) merged[key][k] = (merged[key][k] ?? 0) + v;
    merged.failures.push(...p.failures);
    merged.slowest.push(...p.slowest);
  }
  merged.failures.sort((a, b) => a.case - b.case);
  merged.slowest = merged.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
  return merged;
}

function summarise(report, seconds) {
  rmSync(join(out, 'failures'), { recursive: true, force: true });
  report.failures.forEach((f, n) => writeRepro(join(out, 'failures', String(n + 1)), f));
  const sorted = (o) => Object.entries(o).sort((a, b) => b[1] - a[1]);
  const lines = [];
  lines.push(`${cases} cases (seed ${seed}${single !== undefined ? `, case ${single}` : ''}) in ${seconds.toFixed(0)} s (${(cases / seconds).toFixed(1)} cases/s, ${jobs} job${jobs > 1 ? 's' : ''}); ${report.via.bin ?? 0} through bin/ecocomp.js as a process, ${report.via['in-process'] ?? 0} in-process`);
  lines.push(`commands: ${sorted(report.commands).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`exits: ${sorted(report.exits).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  lines.push(`independent check: ${sorted(report.oracle).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push('  (compared: exit-0 output recomputed; exit: exit code judged against the reader; refuse: the reader found a fault, exit 2 required; unsure: skipped, the reader could not read the input with certainty; aggregate/rules: judged by construction)');
  const kinds = sorted(report.kinds);
  if (kinds.length === 0) lines.push('failures: 0');
  else {
    lines.push(`failures by kind (${kinds.reduce((n, [, v]) => n + v, 0)}):`);
    for (const [k, v] of kinds) {
      const example = report.failures.find((f) => f.kind === k);
      lines.push(`  ${k}: ${v}${KNOWN_UNTIL_FIXED.includes(k) ? ' (known, being fixed)' : ''}${example ? ` — e.g. case ${example.case}: ${example.detail.replace(/\n/g, ' ').slice(0, 160)}` : ''}`);
    }
    lines.push(`repros: ${join(out, 'failures')}/<n>/repro.sh (${report.failures.length} kept)`);
  }
  lines.push(`slowest: ${report.slowest.map((s) => `case ${s.case} ${s.ms} ms (${s.via})`).join(', ')}`);
  console.log(lines.join('\n'));
  process.exitCode = kinds.length === 0 ? 0 : 1;
}

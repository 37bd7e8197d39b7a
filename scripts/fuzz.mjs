#!/usr/bin/env node
// npm run fuzz [-- --cases 100000 --seed 1]: the fuzzer on the built CLI (run `npm run build` first).
import { run } from '../dist/ecocomp.js';
import { fuzz } from './fuzz-core.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const cases = arg('cases', 10000);
const seed = arg('seed', 1);
const started = Date.now();
const report = await fuzz(run, {
  cases,
  seed,
  onProgress: (n) => {
    if (process.stderr.isTTY && n % 1000 === 0) process.stderr.write(`\r${n} / ${cases}`);
  },
});
if (process.stderr.isTTY) process.stderr.write('\r');
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(JSON.stringify({ ...report, seconds: Number(seconds) }, null, 2));
console.log(`${report.cases} cases (seed ${seed}) in ${seconds} s: exits ${JSON.stringify(report.exits)}, failures: ${report.failures.length}`);
process.exitCode = report.failures.length === 0 ? 0 : 1;

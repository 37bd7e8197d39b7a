// The fuzzer's cases and its verdict, shared by `npm run fuzz` (long runs, on the built CLI) and the short run in
// the test suite (on the sources). Every case must end with exit 0 or 2 (1 where a command reports findings),
// never 3; never print a stack trace; and print nothing on standard output when it fails.
import { readFileSync } from 'node:fs';
import { prng } from './prng.mjs';

const SAMPLE = readFileSync(new URL('../fixtures/sample-2022-10-synthetic.csv', import.meta.url), 'utf8');
const GB = readFileSync(new URL('../fixtures/sample-2022-10-gb18030-chinese-headers.csv', import.meta.url));
const DAILY =
  'date,station,county,pm25,pm10,so2,no2,co,o3_8h\n' +
  Array.from({ length: 28 }, (_, d) => `2023-02-${String(d + 1).padStart(2, '0')},S1,魏都区,${30 + d},${60 + d},8,30,0.7,90`).join('\n') +
  '\n';

const WEIRD_CELLS = [
  '', ' ', '0', '-0', '+5', '45.', '.5', '4 5', '1e3', '1E-3', '0x10', 'NaN', 'Infinity', '-Infinity', '١٢', '４５', '45,5',
  '9'.repeat(40), '1'.repeat(400), `${'9'.repeat(20)}.${'9'.repeat(20)}`, '"', '""', '"x"y', "'", '=1+1', '@SUM(A1)', '\u202e12', '\u0000',
  '\u200b', 'null', '—', '2022-13', '2022年13月', '2022/0', '0000-00', '魏都区\r', '\t', '🙂', 'a'.repeat(10000),
];

export { prng };

const enc = (s) => new TextEncoder().encode(s);

function mutateText(r, text) {
  let lines = text.split('\n');
  const ops = 1 + r.int(4);
  for (let k = 0; k < ops; k++) {
    const i = r.int(lines.length);
    switch (r.int(12)) {
      case 0: { // replace a cell
        const cells = (lines[i] ?? '').split(',');
        cells[r.int(cells.length)] = r.pick(WEIRD_CELLS);
        lines[i] = cells.join(',');
        break;
      }
      case 1: lines.splice(i, 1); break; // delete a line
      case 2: lines.splice(i, 0, lines[r.int(lines.length)] ?? ''); break; // duplicate a line
      case 3: lines[i] = (lines[i] ?? '').replaceAll(',', r.pick([';', '\t', ',,', '，'])); break; // separators
      case 4: lines[i] = `"${lines[i] ?? ''}`; break; // an unclosed quote
      case 5: lines[i] = (lines[i] ?? '') + ','.repeat(1 + r.int(5000)); break; // thousands of columns
      case 6: lines[i] = (lines[i] ?? '') + 'x'.repeat(1 + r.int(200000)); break; // a very long line
      case 7: lines = lines.map((l) => l + r.pick(['\r', '', ' '])); break; // line endings and trailing spaces
      case 8: lines.splice(i, 0, ''); break; // an empty line
      case 9: lines[i] = (lines[i] ?? '').slice(0, r.int((lines[i] ?? '').length + 1)); break; // truncate
      case 10: lines[0] = r.pick(['月份,县（市、区）,PM2.5,PM10,去年同期PM2.5,去年同期PM10,优良天数', 'month,county', 'month,month,county,pm25,pm10,good_days', '\ufeff' + (lines[0] ?? ''), '']); break;
      default: lines[i] = (lines[i] ?? '').replace(/\d+/, () => String(r.pick([0, 1, 1000, 1001, 32, -1, 2 ** 53]))); break;
    }
  }
  return lines.join(r.next() < 0.2 ? '\r\n' : '\n');
}

function mutateBytes(r, bytes) {
  const out = Uint8Array.from(bytes);
  for (let k = 0, n = 1 + r.int(8); k < n && out.length > 0; k++) out[r.int(out.length)] = r.int(256);
  return r.next() < 0.3 ? out.subarray(0, r.int(out.length + 1)) : out;
}

/** One case: the command line and standard input. */
export function makeCase(r) {
  const kind = r.int(10);
  const format = r.pick(['table', 'json', 'csv', 'md', 'html']);
  if (kind === 0) return { argv: ['settle', '-', '--format', format], stdin: Uint8Array.from({ length: r.int(3000) }, () => r.int(256)) };
  if (kind === 1) return { argv: ['settle', '-'], stdin: mutateBytes(r, GB) };
  if (kind === 2) return { argv: ['settle', '-', '--format', format], stdin: mutateBytes(r, enc(SAMPLE)) };
  if (kind === 3) return { argv: ['explain', '-', '--county', r.pick(['魏都区', 'weidu', '不存在', '']), '--format', r.pick(['text', 'json'])], stdin: enc(mutateText(r, SAMPLE)) };
  if (kind === 4) return { argv: ['aggregate', '-', '--format', r.pick(['csv', 'json'])], stdin: enc(mutateText(r, DAILY)) };
  if (kind === 5) return { argv: ['settle', '-', '--month', r.pick(['2022-10', '2022-1', '2022-11', 'x']), '--province-payout', r.pick(['2022-10', '2022-10,2022-10', 'bad', ''])], stdin: enc(mutateText(r, SAMPLE)) };
  return { argv: ['settle', '-', '--format', format], stdin: enc(mutateText(r, SAMPLE)) };
}

/** The verdict on one finished case: null when it behaved, else what was wrong. */
export function judge(c, result) {
  const { code, stdout, stderr } = result;
  const allowed = c.argv[0] === 'aggregate' ? [0, 1, 2] : [0, 2];
  if (!allowed.includes(code)) return `exit ${code}`;
  if (/\n\s+at .+:\d+:\d+\)?/.test(stderr)) return 'a stack trace on standard error';
  if (code === 2 && stdout !== '') return 'output on standard output although it failed';
  if (code === 2 && !stderr.startsWith('ecocomp:') && !/^error: /m.test(stderr)) return `an unexplained failure: ${stderr.slice(0, 200)}`;
  return null;
}

/** Runs `cases` cases through `run(argv, io)`; returns counts and the first failures. */
export async function fuzz(run, { cases, seed, onProgress } = { cases: 1000, seed: 1 }) {
  const r = prng(seed);
  const failures = [];
  const exits = { 0: 0, 1: 0, 2: 0, 3: 0 };
  for (let i = 0; i < cases; i++) {
    const c = makeCase(r);
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (s) => void (stdout += typeof s === 'string' ? s : '[bytes]'), isTTY: false },
      stderr: { write: (s) => void (stderr += s), isTTY: false },
      stdinStream: async function* () {
        yield c.stdin;
      },
      env: {},
      cwd: process.cwd(),
    };
    let code;
    try {
      code = await run(c.argv, io);
    } catch (e) {
      code = 3;
      stderr += `\nthrown out of run(): ${e?.stack ?? e}`;
    }
    exits[code] = (exits[code] ?? 0) + 1;
    const verdict = judge(c, { code, stdout, stderr });
    if (verdict && failures.length < 20) failures.push({ case: i, argv: c.argv, verdict, stdin: Buffer.from(c.stdin).toString('base64').slice(0, 400) });
    onProgress?.(i + 1);
  }
  return { cases, seed, exits, failures };
}

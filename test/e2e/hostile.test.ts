/** Hostile and unlucky conditions: kills mid-write, control characters, other time zones and locales, huge inputs; and determinism. */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

const SAMPLE = resolve('fixtures/sample-2022-10-synthetic.csv');
const BIN = resolve('bin/ecocomp.js');
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-hostile-'));
const sampleRows = readFileSync(SAMPLE, 'utf8').trim().split('\n');

/** Ten years of the §8 data, month after month: a settlement whose traced JSON takes a while to write. */
function manyMonths(): string {
  const file = join(dir, 'many.csv');
  if (existsSync(file)) return file;
  const months = Array.from({ length: 120 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  writeFileSync(file, [sampleRows[0], ...months.flatMap((m) => sampleRows.slice(1).map((r) => r.replace('2022-10', m)))].join('\n'));
  return file;
}

describe('writes are atomic', () => {
  it('a process killed at any moment leaves the old file or the complete new one, never a torn file', async () => {
    // (SIGKILL cannot be caught: a run killed so may leave its temporary file, .ecocomp-*.tmp, beside the target,
    // never the target torn. SIGINT and SIGTERM remove it: see below.)
    const out = join(dir, 'settlement.json');
    writeFileSync(out, 'OLD SETTLEMENT');
    const args = [BIN, 'settle', manyMonths(), '--format', 'json', '--trace', '--output', out];
    const seen = new Set<string>();
    for (const delay of [50, 150, 300, 450, 600, 800, 1000, 1300]) {
      const child = spawn(process.execPath, args, { stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r)); // listen first: a quick run may end before the kill
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      const text = readFileSync(out, 'utf8');
      if (text === 'OLD SETTLEMENT') seen.add('old');
      else {
        expect(() => JSON.parse(text)).not.toThrow(); // complete, or it would not parse
        seen.add('new');
      }
    }
    expect(seen.has('old')).toBe(true);
    // A run left alone completes and replaces the file.
    expect(spawnSync(process.execPath, args).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).months).toHaveLength(120);
  }, 60_000);
});

describe('an interrupted write leaves nothing behind', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('removes its temporary file on %s and leaves the old file', async (signal, code) => {
    const sub = mkdtempSync(join(dir, 'signal-'));
    const out = join(sub, 'settlement.json');
    writeFileSync(out, 'OLD SETTLEMENT');
    const child = spawn(process.execPath, [BIN, 'settle', manyMonths(), '--format', 'json', '--trace', '--output', out], { stdio: 'ignore' });
    const exited = new Promise<[number | null, string | null]>((r) => child.once('exit', (c, s) => r([c, s])));
    // Interrupted while the temporary file is being written (it is written for seconds: 120 traced months).
    while (!readdirSync(sub).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 5));
    child.kill(signal);
    const [exitCode, bySignal] = await exited;
    expect(bySignal === signal || exitCode === code).toBe(true); // what a shell shows as $? = 128 + the signal's number
    expect(readdirSync(sub)).toEqual(['settlement.json']);
    expect(readFileSync(out, 'utf8')).toBe('OLD SETTLEMENT');
  }, 60_000);
});

describe('text from input is shown, not obeyed', () => {
  it('shows control and bidi characters visibly in messages and tables', async () => {
    const data = join(dir, 'bidi.csv');
    writeFileSync(data, readFileSync(SAMPLE, 'utf8').replace('2022-10,建安区', '2022-10,\u202e建安区\u001b[2J'));
    const r = await runCli(['settle', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unit "<U+202E>建安区<U+001B>[2J" holds invisible characters');
    expect(r.stderr).not.toMatch(/[\u202e\u001b]/);

    const raw = { ...JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8')), id: 'variant' }; // a changed copy has an id of its own
    raw.units[0].name = '魏都区\u001b]0;pwned\u0007';
    writeFileSync(join(dir, 'evil.json'), JSON.stringify(raw));
    const table = await runCli(['settle', SAMPLE.replace('x', 'x'), '--rules', join(dir, 'evil.json')]);
    const alias = join(dir, 'alias.csv');
    writeFileSync(alias, readFileSync(SAMPLE, 'utf8').replace('魏都区', '魏都'));
    const t2 = await runCli(['settle', alias, '--rules', join(dir, 'evil.json')]);
    expect([table.code, t2.code]).toEqual([2, 0]);
    expect(t2.stdout).toContain('魏都区<U+001B>]0;pwned<U+0007>');
    expect(t2.stdout).not.toMatch(/[\u0007\u001b]/);
  });
});

describe('every path to a terminal shows control characters as <U+XXXX>', () => {
  const raw = { ...JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8')), id: 'variant' }; // a changed copy has an id of its own
  raw.units[0].name = '魏都区\u001b(0'; // switches a terminal to line-drawing characters
  const rules = join(dir, 'charset.json');
  writeFileSync(rules, JSON.stringify(raw));
  const data = join(dir, 'charset.csv');
  writeFileSync(data, readFileSync(SAMPLE, 'utf8').replace('2022-10,魏都区', '2022-10,weidu'));

  it('in Markdown written to a terminal (and not in Markdown written to a file or pipe)', async () => {
    const tty = await runCli(['settle', data, '--rules', rules, '--format', 'md'], { isTTY: true });
    expect(tty.stdout).toContain('| 魏都区<U+001B>(0 |');
    expect(tty.stdout).not.toContain('\u001b');
    expect((await runCli(['settle', data, '--rules', rules, '--format', 'md'])).stdout).toContain('| 魏都区\u001b(0 |');
  });

  it('in any format that --output writes into a terminal', () => {
    // Under a pseudo-terminal (script(1)); /dev/tty is named through a link, so that a regression cannot replace it.
    const term = join(dir, 'term');
    if (!existsSync(term)) symlinkSync('/dev/tty', term);
    const command = [process.execPath, BIN, 'settle', data, '--rules', rules, '--format', 'md', '--output', term].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| 魏都区<U+001B>(0 |');
    expect(r.stdout).not.toContain('\u001b(0');
    expect(readlinkSync(term)).toBe('/dev/tty');
  });

  it('in the command line quoted by a usage message', async () => {
    for (const argv of [['settle', SAMPLE, '--format', '\u001b[31m'], ['\u001b[31mfoo']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('<U+001B>[31m');
      expect(r.stderr).not.toContain('\u001b');
    }
  });

  it('in the unit-months aggregate leaves out', async () => {
    const ids = ['weidu', 'jian-an', 'demo-zone', 'econ-dev', 'dongcheng', 'yuzhou', 'changge', 'yanling', 'xiangcheng'];
    const rows = ['date,station,county,pm25,pm10,so2,no2,co,o3_8h'];
    for (let d = 1; d <= 10; d++) for (const id of ids) rows.push(`2023-10-${String(d).padStart(2, '0')},${id}-1,${id},40,60,10,30,0.8,90`);
    const r = await runCli(['aggregate', '-', '--rules', rules], { stdin: rows.join('\n') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ecocomp: 魏都区<U+001B>(0 2023-10: 10 valid PM2.5 days');
    expect(r.stderr).not.toContain('\u001b');
  });

  it('in a file name echoed by rules check', async () => {
    const name = join(dir, 'rules\u001b[2J.json');
    writeFileSync(name, readFileSync('src/schedule/xuchang-2022.json'));
    const r = await runCli(['rules', 'check', name]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rules<U+001B>[2J.json: valid');
    expect(r.stdout).not.toContain('\u001b');
  });
});

describe('results do not depend on the machine', () => {
  it('gives the same bytes under TZ=Pacific/Kiritimati LANG=C as under TZ=UTC LANG=zh_CN.UTF-8', () => {
    const daily = join(dir, 'daily.csv');
    writeFileSync(
      daily,
      'date,station,county,pm25,pm10,so2,no2,co,o3_8h\n' +
        Array.from({ length: 59 }, (_, d) => {
          const day = new Date(Date.UTC(2026, 1, 1 + d)).toISOString().slice(0, 10);
          return `${day},S1,魏都区,${40 + (d % 40)},${70 + (d % 50)},8,30,0.7,90`;
        }).join('\n'),
    );
    const runs = [
      ['settle', SAMPLE, '--format', 'json'],
      ['settle', SAMPLE, '--format', 'csv'],
      ['settle', SAMPLE, '--format', 'html'],
      ['settle', SAMPLE],
      ['explain', SAMPLE, '--county', '魏都区'],
      ['aggregate', daily, '--format', 'json'],
    ];
    for (const args of runs) {
      const under = (env: Record<string, string>) => spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } }).stdout.toString('base64');
      expect(under({ TZ: 'Pacific/Kiritimati', LANG: 'C', LC_ALL: 'C' })).toBe(under({ TZ: 'UTC', LANG: 'zh_CN.UTF-8', LC_ALL: '' }));
    }
    const xlsx = (tz: string, n: number) => {
      const out = join(dir, `tz${n}.xlsx`);
      spawnSync(process.execPath, [BIN, 'settle', SAMPLE, '--format', 'xlsx', '--output', out], { env: { ...process.env, TZ: tz, LANG: 'C' } });
      return readFileSync(out).toString('base64');
    };
    expect(xlsx('America/Adak', 1)).toBe(xlsx('Asia/Shanghai', 2));
  }, 60_000);
});

describe('a flood of faults is counted, not printed (issue 10)', () => {
  const lines = (stderr: string) => stderr.trimEnd().split('\n');

  it('lists 100 of 300,000 unknown columns and counts the rest, in a few kilobytes', async () => {
    const file = join(dir, 'columns.csv');
    writeFileSync(file, `${'x,'.repeat(300_000)}month\n2022-10,魏都区\n`);
    const r = await runCli(['settle', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    const out = lines(r.stderr);
    // 300,000 unknown columns "x", and no county, pm25, pm10 or good_days column: 300,004 faults.
    expect(out[0]).toBe('ecocomp: 300,004 problems found; no output was written.');
    expect(out.filter((l) => l.startsWith(`${file}:1:`) && l.includes('unknown column "x"'))).toHaveLength(100);
    expect(out.filter((l) => l.includes('missing required column'))).toHaveLength(4);
    expect(out.at(-1)).toMatch(/^… and 299,900 more E-COLUMN-UNKNOWN problems \(only the first 100 of a kind are listed\), like: unknown column "x"; expected one of/);
    expect(out).toHaveLength(1 + 4 + 100 + 1);
    expect(r.stderr.length).toBeLessThan(100_000); // it was 105 MB
  });

  it('counts a million short rows, listing the first 100', async () => {
    const file = join(dir, 'short-rows.csv');
    writeFileSync(file, `month,county,pm25,pm10,good_days\n${'x\n'.repeat(1_000_000)}`);
    const r = await runCli(['settle', file]);
    expect(r.code).toBe(2);
    const out = lines(r.stderr);
    expect(out[0]).toBe('ecocomp: 1,000,000 problems found; no output was written.');
    expect(out[1]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:2: this row has 1 cell but the header names 5 columns`));
    expect(out[100]).toContain(`${file}:101:2:`);
    expect(out.at(-1)).toMatch(/^… and 999,900 more E-ROW-SHORT problems \(only the first 100 of a kind are listed\), like: this row has 1 cell/);
    expect(out).toHaveLength(102);
  });

  it('counts a kind over several files together', async () => {
    const rows = (n: number) => `month,county,pm25,pm10,good_days\n${'2022-10,魏都区\n'.repeat(n)}`;
    const [a, b] = [join(dir, 'short-a.csv'), join(dir, 'short-b.csv')];
    writeFileSync(a, rows(150));
    writeFileSync(b, rows(70));
    const out = lines((await runCli(['settle', a, b])).stderr);
    // 150 + 70 short rows: the first 100 (all in a.csv) listed, 120 counted; the duplicates of 魏都区 are another kind.
    expect(out[0]).toMatch(/^ecocomp: [\d,]+ problems found/);
    expect(out.filter((l) => l.startsWith(`${a}:`) && l.includes('this row has 2 cells'))).toHaveLength(100);
    expect(out.filter((l) => l.startsWith(`${b}:`) && l.includes('this row has 2 cells'))).toHaveLength(0);
    expect(out.filter((l) => l.startsWith('…'))).toContainEqual(
      expect.stringMatching(/^… and 120 more E-ROW-SHORT problems \(only the first 100 of a kind are listed\), like: this row has 2 cells but the header names 5 columns: there is no cell for pm25/),
    );
  });

  it('takes faults without a code as one kind when only their quoted text and numbers differ (raw data)', async () => {
    const head = 'date,station,county,pm25,pm10,so2,no2,co,o3_8h';
    const body = Array.from({ length: 1000 }, (_, i) => `2023-10-01,S${i},魏都区,${i}o,60,10,30,0.8,90`).join('\n');
    const r = await runCli(['aggregate', '-'], { stdin: `${head}\n${body}\n` });
    const out = lines(r.stderr);
    expect(out[0]).toBe('ecocomp: 1,000 problems found; no output was written.');
    expect(out.filter((l) => / pm25: not a concentration: "\d+o"/.test(l))).toHaveLength(100);
    expect(out.at(-1)).toMatch(/^… and 900 more problems \(only the first 100 of a kind are listed\), like: not a concentration: "0o"/);
  });
});

describe('inputs far larger than any real one', () => {
  it('refuses a 65 MiB table before reading it', async () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 65 * 1024 * 1024);
    const r = await runCli(['settle', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is 65 MiB: a monthly table is a few kilobytes, and tables above 64 MiB are refused');
  });

  it('stops reading standard input past 64 MiB', async () => {
    let chunks = 0;
    const io: CliIo = {
      stdout: { write: () => undefined },
      stderr: { write: (s) => void (err += s) },
      stdinStream: async function* () {
        for (; chunks < 1000; chunks++) yield new Uint8Array(1024 * 1024);
      },
      env: {},
      style: { lang: 'en', json: false },
      cwd: process.cwd(),
    };
    let err = '';
    expect(await run(['settle', '-'], io)).toBe(2);
    expect(err).toContain('<stdin>: holds more than 64 MiB');
    expect(chunks).toBeLessThan(70); // it stopped reading, rather than reading a gigabyte
  });

  it('fails a 50 MB line in raw data with a message, holding at most a megabyte of it', async () => {
    const line = 'x'.repeat(1024 * 1024);
    let fed = 0;
    let err = '';
    const io: CliIo = {
      stdout: { write: () => undefined },
      stderr: { write: (s) => void (err += s) },
      stdinStream: async function* () {
        yield new TextEncoder().encode('date,station,county,pm25,pm10,so2,no2,co,o3_8h\n2023-10-01,');
        for (; fed < 50; fed++) yield new TextEncoder().encode(line);
      },
      env: {},
      style: { lang: 'en', json: false },
      cwd: process.cwd(),
    };
    expect(await run(['aggregate', '-'], io)).toBe(2);
    expect(err).toContain('a line is longer than 1,000,000 characters');
  });
});

describe('determinism', () => {
  it('gives byte-identical output for the same inputs, in every format and command', async () => {
    const variants: string[][] = [
      ...['table', 'json', 'csv', 'html', 'md'].map((f) => ['settle', SAMPLE, '--format', f]),
      ['settle', SAMPLE, '--format', 'json', '--trace'],
      ['explain', SAMPLE, '--county', '魏都区', '--format', 'json'],
      ['explain', SAMPLE, '--county', '魏都区'],
      ['ledger', SAMPLE],
      ['ledger', SAMPLE, '--format', 'html'],
      ['rules', '--format', 'json'],
      ['rules'],
    ];
    for (const argv of variants) {
      const [a, b] = [await runCli(argv), await runCli(argv)];
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
    const detDir = mkdtempSync(join(tmpdir(), 'ecocomp-det-'));
    for (const [i, argv] of [['settle', SAMPLE, '--format', 'xlsx'], ['ledger', SAMPLE, '--format', 'xlsx']].entries()) {
      const out = (n: number) => join(detDir, `det-${i}-${n}.xlsx`);
      await runCli([...argv, '--output', out(1)]);
      await new Promise((r) => setTimeout(r, 1100)); // a second later: no clock in the bytes
      await runCli([...argv, '--output', out(2)]);
      expect(readFileSync(out(2)).equals(readFileSync(out(1)))).toBe(true);
    }
    expect(readdirSync(detDir).some((f) => f.endsWith('.tmp'))).toBe(false); // a finished write leaves no temporary file
  }, 30_000);

  it('carries the SHA-256 of each input and of the schedule in the JSON', async () => {
    const doc = JSON.parse((await runCli(['settle', SAMPLE, '--format', 'json'])).stdout);
    const { createHash } = await import('node:crypto');
    expect(doc.sources).toEqual([
      { file: SAMPLE, role: 'data', sha256: createHash('sha256').update(readFileSync(SAMPLE)).digest('hex') },
      { file: 'built-in xuchang-2022', role: 'schedule', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });
});

describe('a valid table too large for a format that holds every month at once', () => {
  it('is refused before it is settled, naming the streaming formats; JSON still settles it', async () => {
    // 5,600 months of the sample (50,400 unit-months, over the 50,000 the table holds at once): the default table,
    // the notice and the ledger would keep every month in memory — a 56 MiB table of such rows exhausted the heap.
    const { IN_MEMORY_UNIT_MONTHS } = await import('../../src/app/settle.js');
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const rows: string[] = [lines[0]!];
    for (let k = 0; k < Math.ceil(IN_MEMORY_UNIT_MONTHS / 9) + 1; k++) {
      const y = 2023 + Math.floor(k / 12);
      const m = String((k % 12) + 1).padStart(2, '0');
      for (const l of lines.slice(1)) rows.push(l.replace('2022-10', `${y}-${m}`));
    }
    const big = `${rows.join('\n')}\n`;
    for (const argv of [['settle', '-'], ['ledger', '-'], ['settle', '-', '--format', 'md']]) {
      const r = await runCli(argv, { stdin: big });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/E-TOO-LARGE-FOR-FORMAT|--format json or csv/);
    }
    const json = await runCli(['settle', '-', '--format', 'csv'], { stdin: big });
    expect(json.code).toBe(0);
  }, 120_000);
});

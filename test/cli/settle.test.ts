/** `ecocomp settle` run in-process: every format, every exit code, atomic output, colour. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/cli.js';
import { SPEC_EXAMPLE_AMOUNTS, SPEC_EXAMPLE_PAYOUT_TOTALS, SPEC_EXAMPLE_TOTALS } from '../helpers/expected.js';

const SAMPLE = resolve('fixtures/sample-2022-10-synthetic.csv');
const FACTORS = ['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays'];
const ANSI = /\u001b\[[0-9;]*m/;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecocomp-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface JsonCounty {
  county: string;
  factors: { factor: string; amount: string; cancelled: string | null; clause: string }[];
  net: string;
}
interface JsonMonth {
  month: string;
  counties: JsonCounty[];
  totals: Record<string, string>;
  provincePayout: boolean;
}

describe('the SPEC.md §8 example in all three formats', () => {
  it('json: written month by month, the same text as one JSON.stringify of the whole', async () => {
    const { renderJson, settlementJson } = await import('../../src/output/json.js');
    const { settle } = await import('../../src/engine/settle.js');
    const { workedExample } = await import('../helpers/records.js');
    const { builtinSchedule } = await import('../../src/schedule/load.js');
    const records = [...workedExample('2022-10'), ...workedExample('2022-11')];
    const s = settle({ records, province: new Map() }, builtinSchedule());
    expect(renderJson(s)).toBe(`${JSON.stringify(settlementJson(s), null, 2)}\n`);
  });

  it('json: the schema of SPEC.md §6 with every amount of §8', async () => {
    const r = await runCli(['settle', SAMPLE, '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; schedule: string; unit: string; months: JsonMonth[] };
    expect([doc.schemaVersion, doc.schedule, doc.unit]).toEqual([1, 'xuchang-2022', '万元']);
    const m = doc.months[0]!;
    expect(m.month).toBe('2022-10');
    const amounts = Object.fromEntries(m.counties.map((c) => [c.county, [...c.factors.map((f) => f.amount), c.net]]));
    expect(amounts).toEqual(SPEC_EXAMPLE_AMOUNTS);
    expect(m.counties[0]!.factors.map((f) => f.factor)).toEqual(FACTORS);
    expect(m.totals).toEqual(SPEC_EXAMPLE_TOTALS);
    // The example row of SPEC.md §6.
    expect(m.counties[0]!.factors[0]).toMatchObject({ factor: 'pm25', value: '45', baseline: '47', gap: '-2', amount: '20', cancelled: null, clause: '第四条（一）2' });
    expect(m.counties[1]!.factors[1]).toMatchObject({ factor: 'pm25Rate', amount: '-143', clause: '第四条（二）1' });
  });

  it('csv: a BOM, one row per unit and month, every factor amount and the totals', async () => {
    const r = await runCli(['settle', SAMPLE, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\ufeff月份,单位,单位编号,组别,PM2.5月均浓度,')).toBe(true);
    const rows = parse(r.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(9);
    const names = ['PM2.5月均浓度', 'PM2.5同比改善率', 'PM10月均浓度', 'PM10同比改善率', '优良天数'];
    const amounts = Object.fromEntries(rows.map((row) => [row['单位']!, [...names.map((n) => row[`${n}金额`]!), row['净额']!]]));
    expect(amounts).toEqual(SPEC_EXAMPLE_AMOUNTS);
    const total = (col: string) => rows.reduce((acc, row) => acc + Number(row[col]) * 2, 0) / 2; // halves are exact in binary
    expect([total('扣款'), total('奖励')]).toEqual([903, 757]);
  });

  it('table: every unit with its net, the totals and the fund line, aligned with CJK', async () => {
    const r = await runCli(['settle', SAMPLE]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    for (const [name, amounts] of Object.entries(SPEC_EXAMPLE_AMOUNTS)) {
      const line = lines.find((l) => l.trim().startsWith(`${name} `))!;
      const net = amounts[5].startsWith('-') || amounts[5] === '0' ? amounts[5] : `+${amounts[5]}`;
      expect(line.trim().endsWith(` ${net}`)).toBe(true);
    }
    expect(r.stdout).toContain('全市扣款 903 万元，奖励 757 万元；结余 146 万元纳入全市环境污染防治专项资金（第八条）');
    expect(r.stdout).toContain('中心城区组 考核基数    47            7.8');
    // Right-aligned net column: every unit row ends at the same display column.
    const unitRows = lines.filter((l) => Object.keys(SPEC_EXAMPLE_AMOUNTS).some((n) => l.trim().startsWith(`${n} `)));
    // Widths counted independently of the renderer: CJK ideographs and full-width forms take two columns.
    const displayWidth = (l: string) => [...l].reduce((w, ch) => w + (/[\u4e00-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 2 : 1), 0);
    expect(new Set(unitRows.map(displayWidth)).size).toBe(1);
    expect(ANSI.test(r.stdout)).toBe(false);
  });

  it('with --province-payout 2022-10: rewards 0 and surplus 903 in every format', async () => {
    const json = await runCli(['settle', SAMPLE, '--format', 'json', '--province-payout', '2022-10']);
    const m = (JSON.parse(json.stdout) as { months: JsonMonth[] }).months[0]!;
    expect(m.totals).toEqual(SPEC_EXAMPLE_PAYOUT_TOTALS);
    expect(m.provincePayout).toBe(true);
    expect(m.counties[0]!.factors.every((f) => f.cancelled === 'province' && f.amount === '0')).toBe(true);

    const csv = await runCli(['settle', SAMPLE, '--format', 'csv', '--province-payout', '2022-10']);
    const rows = parse(csv.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.every((row) => row['奖励'] === '0' && row['省级核算结果'] === '支偿')).toBe(true);
    expect(rows.reduce((a, row) => a + Number(row['扣款']) * 2, 0) / 2).toBe(903);

    const table = await runCli(['settle', SAMPLE, '--province-payout', '2022-10']);
    expect(table.stdout).toContain('全市扣款 903 万元，奖励 0 万元；结余 903 万元');
    expect(table.stdout).toContain('省级核算为支偿，本月 22 项奖励共 757 万元不予核算');
  });

  it('reads the data from standard input with "-"', async () => {
    const r = await runCli(['settle', '-', '--format', 'json'], { stdin: readFileSync(SAMPLE) });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { months: JsonMonth[] }).months[0]!.totals).toEqual(SPEC_EXAMPLE_TOTALS);
  });

  it('marks a target-cancelled reward in the table and names the target', async () => {
    const targets = join(dir, 'targets.csv');
    writeFileSync(targets, 'month,county,pm25_target,pm10_target,good_days_target\n2022-10,魏都区,44,,\n');
    const r = await runCli(['settle', SAMPLE, '--targets', targets]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('魏都区 PM2.5月均浓度 奖励 +20 取消：未完成当月PM2.5目标（实际 45，目标 44）');
    expect(r.stdout).toMatch(/魏都区\s+45\s+0\*/);
    expect(r.stdout).toContain('未提供月度目标、未经第五条目标考核的指标：魏都区 PM10、优良天数；建安区 PM2.5、PM10、优良天数；');
  });
});

describe('exit 2: bad input writes nothing', () => {
  const bad = () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, readFileSync(SAMPLE, 'utf8').replace('2022-10,建安区,49', '2022-10,建安区,4x9'));
    return f;
  };

  it('prints the fault with its line and nothing on stdout', async () => {
    const f = bad();
    const r = await runCli(['settle', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ecocomp: 1 problem found; no output was written.');
    expect(r.stderr).toContain(`${f}:3:3: pm25: expected a monthly mean`);
  });

  it('creates no output file, and leaves an existing one untouched', async () => {
    const out = join(dir, 'out.json');
    expect((await runCli(['settle', bad(), '--output', out])).code).toBe(2);
    expect(existsSync(out)).toBe(false);
    writeFileSync(out, 'previous settlement');
    expect((await runCli(['settle', bad(), '--output', out])).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous settlement');
    expect(readdirSync(dir).sort()).toEqual(['bad.csv', 'out.json']);
  });

  it('reports a missing file with the others', async () => {
    const r = await runCli(['settle', join(dir, 'nope.csv'), bad()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.csv: no such file');
  });

  it('refuses --output naming an input', async () => {
    const f = join(dir, 'data.csv');
    writeFileSync(f, readFileSync(SAMPLE));
    const r = await runCli(['settle', f, '--output', f, '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file this run reads; refusing to overwrite an input');
    expect(readFileSync(f, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
  });

  it.each([
    [['settle'], /missing required argument/],
    [['settle', SAMPLE, '--format', 'xml'], /argument 'xml' is invalid/],
    [['settle', SAMPLE, '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['settle', SAMPLE, '--month', '2022-1'], /--month: expected YYYY-MM, got "2022-1"/],
    [['settle', SAMPLE, '--month', '2022-11'], /--month: 2022-11 is not in the inputs/],
    [['settle', SAMPLE, '--month', '2022-08'], /--month: 2022-08 cannot be settled: schedule xuchang-2022/],
    [['settle', '-', '-'], /standard input \("-"\) can be read only once/],
  ])('usage fault %j', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('output and exit codes 0 and 3', () => {
  it('writes --output atomically and prints nothing', async () => {
    const out = join(dir, 'settlement.json');
    writeFileSync(out, 'old');
    const r = await runCli(['settle', SAMPLE, '--format', 'json', '--output', out]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(JSON.parse(readFileSync(out, 'utf8')).months[0].totals).toEqual(SPEC_EXAMPLE_TOTALS);
    expect(readdirSync(dir)).toEqual(['settlement.json']);
  });

  it('settles only --month when the file holds several months', async () => {
    const f = join(dir, 'two.csv');
    const text = readFileSync(SAMPLE, 'utf8');
    writeFileSync(f, text + text.split('\n').slice(1).join('\n').replaceAll('2022-10', '2022-11'));
    const both = JSON.parse((await runCli(['settle', f, '--format', 'json'])).stdout);
    expect(both.months.map((m: JsonMonth) => m.month)).toEqual(['2022-10', '2022-11']);
    const one = JSON.parse((await runCli(['settle', f, '--format', 'json', '--month', '2022-11'])).stdout);
    expect(one.months.map((m: JsonMonth) => m.month)).toEqual(['2022-11']);
  });

  it('--help and --version exit 0', async () => {
    const help = await runCli(['settle', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--province-payout <months>');
    const version = await runCli(['--version']);
    expect([version.code, version.stdout.trim()]).toEqual([0, '0.1.0']);
  });

  it('exits 3 on an internal failure, without a stack trace unless ECOCOMP_DEBUG is set', async () => {
    const boom = () => {
      throw new Error('disk on fire');
    };
    const r = await runCli(['settle', SAMPLE], { stdoutWrite: boom });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('ecocomp: internal error: disk on fire');
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('colour', () => {
  it('colours on a terminal, not when piped, never with NO_COLOR, always with FORCE_COLOR', async () => {
    expect(ANSI.test((await runCli(['settle', SAMPLE], { isTTY: true })).stdout)).toBe(true);
    expect(ANSI.test((await runCli(['settle', SAMPLE], { isTTY: false })).stdout)).toBe(false);
    expect(ANSI.test((await runCli(['settle', SAMPLE], { isTTY: true, env: { NO_COLOR: '1' } })).stdout)).toBe(false);
    expect(ANSI.test((await runCli(['settle', SAMPLE], { isTTY: true, env: { TERM: 'dumb' } })).stdout)).toBe(false);
    expect(ANSI.test((await runCli(['settle', SAMPLE], { isTTY: false, env: { FORCE_COLOR: '1' } })).stdout)).toBe(true);
    expect(ANSI.test((await runCli(['settle', SAMPLE, '--no-color'], { isTTY: true })).stdout)).toBe(false);
  });

  it('never colours JSON or CSV', async () => {
    expect(ANSI.test((await runCli(['settle', SAMPLE, '--format', 'json'], { isTTY: true })).stdout)).toBe(false);
  });
});

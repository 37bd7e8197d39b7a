/** `ecocomp rules`, `ecocomp rules check` and the generated JSON Schema. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { parseSchedule } from '../../src/schedule/load.js';
import { renderJsonSchema } from '../../src/schedule/json-schema.js';
import type { Band } from '../../src/schedule/format.js';
import { width } from '../../src/output/text.js';

describe('ecocomp rules', () => {
  it('prints the bands and rates of 第四条 with their clauses', async () => {
    const r = await runCli(['rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('规则 xuchang-2022：许昌市城市环境空气质量生态补偿办法（修订）（许政办〔2022〕39号）');
    // Each direction's scale under its own clause: 1 deducts, 2 rewards.
    expect(r.stdout).toMatch(/扣款  第四条（二）1: deducted when below the baseline rate\n.*\n.*\n\s+超过 3 个百分点 的部分\s+35 万元\/个百分点\s+第四条（二）1/);
    expect(r.stdout).toMatch(/补偿  第四条（三）2: rewarded when below the baseline\n.*\n\s+5 μg\/m³ 以内（含）\s+5 万元\/μg\/m³\s+第四条（三）2/);
    expect(r.stdout).toMatch(/修约\s+GB\/T 8170 四舍六入五成双\s+D2/);
    // 第五条's gates, in the order they apply.
    expect(r.stdout).toContain('取消奖励的关卡（依次适用，先适用者为准）\n  1. province：省级核算为支偿时取消全部奖励  第五条: ');
    expect(r.stdout).toContain('  2. target：未完成当月目标则取消奖励：PM2.5月均浓度（PM2.5目标）、PM10月均浓度（PM10目标）、优良天数（优良天数目标）  第五条: ');
  });

  it('prints JSON that is itself a valid schedule, equal to the built-in one', async () => {
    const r = await runCli(['rules', '--format', 'json']);
    const { schedules } = JSON.parse(r.stdout) as { schedules: unknown[] };
    const builtin = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
    expect(parseSchedule(schedules[0], 'out')).toEqual(parseSchedule(builtin, 'in'));
  });

  it('prints a schedule file given with --rules', async () => {
    const r = await runCli(['rules', '--rules', 'fixtures/schedules/other-city.json']);
    expect(r.stdout).toContain('城区组 (urban)');
    expect(r.stdout).toMatch(/超过 3 至 8 μg\/m³（含）的部分\s+10 万元/);
  });
});

describe('ecocomp rules check', () => {
  it('exits 0 for valid files', async () => {
    const r = await runCli(['rules', 'check', 'src/schedule/xuchang-2022.json', 'fixtures/schedules/other-city.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('src/schedule/xuchang-2022.json: valid; schedule xuchang-2022 (许政办〔2022〕39号) settles months from 2022-09');
  });

  it('exits 2 naming a structural fault by its key path and what was expected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-check-'));
    const s = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
    s.factors[2].deduction.bands[1].rate = 10;
    s.units[0].name = '';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(s));
    const r = await runCli(['rules', 'check', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json: factors[2].deduction.bands[1].rate: a non-negative decimal written as a string, e.g. "10" or "2.5" (a JSON number is a binary float and is refused)');
    expect(r.stderr).toContain('bad.json: units[0].name:');
  });

  it('exits 2 with every cross-field fault and its key path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-check-'));
    const s = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
    s.factors[0].reward.bands[0].upTo = '7';
    s.factors[0].reward.bands.push({ upTo: '6', rate: '1', ref: { note: 'x' } });
    s.groups[0].members.push('yuzhou');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(s));
    const r = await runCli(['rules', 'check', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const key of ['factors[0].reward.bands[1].upTo', 'factors[0].reward.bands[2].upTo', 'groups[1].members[0]']) {
      expect(r.stderr).toContain(`bad.json: ${key}:`);
    }
  });

  it('exits 2 for a missing file', async () => {
    const r = await runCli(['rules', 'check', 'nope.json']);
    expect([r.code, r.stderr.includes('nope.json: no such file')]).toEqual([2, true]);
  });
});

describe('--rules NAME: a bare name is a built-in schedule, a file is a path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecocomp-name-'));
  // A file named like the built-in schedule, holding another one (half-up rounding).
  writeFileSync(join(dir, 'xuchang-2022'), readFileSync('fixtures/schedules/xuchang-2022-half-up.json'));
  writeFileSync(join(dir, 'half.json'), readFileSync('fixtures/schedules/xuchang-2022-half-up.json'));
  const idOf = (r: { stdout: string }) => (JSON.parse(r.stdout) as { schedules: { id: string }[] }).schedules.map((s) => s.id);

  it('"xuchang-2022" is the built-in schedule even where a file of that name exists, and a note says so', async () => {
    const r = await runCli(['rules', '--rules', 'xuchang-2022', '--format', 'json'], { cwd: dir });
    expect([r.code, idOf(r)]).toEqual([0, ['xuchang-2022']]);
    expect(r.stderr).toBe('ecocomp: note: "xuchang-2022" is the built-in schedule; the file of that name here is not read (name it ./xuchang-2022 to use it)\n');
  });

  it('./xuchang-2022 and half.json are files', async () => {
    expect(idOf(await runCli(['rules', '--rules', './xuchang-2022', '--format', 'json'], { cwd: dir }))).toEqual(['xuchang-2022-half-up']);
    expect(idOf(await runCli(['rules', '--rules', 'half.json', '--format', 'json'], { cwd: dir }))).toEqual(['xuchang-2022-half-up']);
  });

  it('a bare name that is neither is refused, saying how to name a file and which built-ins exist', async () => {
    const r = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', 'half'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('half: not a built-in schedule (built-in: xuchang-2022) and not a path to a file; name a schedule file as a path, e.g. ./half in the working directory, or NAME.json');
  });

  it('the same in rules check', async () => {
    const r = await runCli(['rules', 'check', 'xuchang-2022', './xuchang-2022'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('built-in xuchang-2022: valid; schedule xuchang-2022 (');
    expect(r.stdout).toContain('./xuchang-2022: valid; schedule xuchang-2022-half-up (');
  });
});

describe('the JSON Schema of schedule files', () => {
  it('is generated from the zod schema and up to date (npm run schema)', () => {
    expect(readFileSync('schema/schedule.schema.json', 'utf8')).toBe(renderJsonSchema());
  });

  it('describes the format for editors', () => {
    const schema = JSON.parse(renderJsonSchema());
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'units', 'groups', 'factors', 'computation']));
    const scale = schema.properties.factors.items.properties.deduction.anyOf[0];
    const rate = scale.properties.bands.items.properties.rate;
    expect(rate.type).toBe('string');
    // The bounds of every decimal (below 10^9, at most 6 decimal places) are in the schema editors check against.
    expect(rate.allOf).toContainEqual({ pattern: '^0*\\d{1,9}(\\.\\d{1,6})?$' });
    expect(rate.description).toContain('below 1000000000 with at most 6 decimal places');
    expect(schema.properties.caps.properties.deductions.anyOf[0].allOf).toEqual(rate.allOf);
  });
});

describe('rules --format json writes decimals as a schedule file holds them (found by the fuzzer)', () => {
  it('never in exponent notation, whatever the magnitude', async () => {
    const { renderRulesJson } = await import('../../src/output/rules.js');
    const { builtinSchedule } = await import('../../src/schedule/load.js');
    const { Dec } = await import('../../src/core/decimal.js');
    const b = builtinSchedule();
    const scale = b.factors[0]!.deduction!;
    const [first, second] = scale.bands as [Band, Band];
    // decimal.js's own JSON gives 1e-7 and 1e+21 for these: strings no schedule file may hold.
    const bands = [{ ...first, rate: new Dec('0.0000001') }, { ...second, rate: new Dec('1000000000000000000000') }];
    const text = renderRulesJson([{ ...b, factors: [{ ...b.factors[0]!, deduction: { ...scale, bands } }, ...b.factors.slice(1)] }]);
    expect(text).toContain('"rate": "0.0000001"');
    expect(text).toContain('"rate": "1000000000000000000000"');
    expect(text).not.toMatch(/\d[eE][+-]?\d/);
  });
});

describe('ecocomp rules --by-article', () => {
  it('prints, for each article and clause, what implements it (table)', async () => {
    const r = await runCli(['rules', '--by-article']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^第一条 +目的与依据.* +不计算：立法目的与依据，不产生金额$/m);
    expect(r.stdout).toMatch(/^ {4}第四条（三）2 +PM10 低于基数：补偿阶梯 +factors\[2\]\.reward\.bands；factors\[2\]\.reward$/m);
    expect(r.stdout).toMatch(/^第五条 +.* +gates；engine\/gates\.ts: 依规则所列顺序适用各关卡$/m);
    expect(r.stdout).not.toContain('✗');
  });

  it('marks what a schedule leaves uncovered, and writes JSON', async () => {
    const table = await runCli(['rules', '--by-article', '--rules', 'fixtures/schedules/rewards-only.json']);
    expect(table.stdout).toMatch(/^ {4}第四条（一）1 +✗ PM2\.5 高于基数：扣款阶梯 +无（未覆盖）$/m);
    const r = await runCli(['rules', '--by-article', '--format', 'json']);
    const json = JSON.parse(r.stdout) as { coverageVersion: number; schedules: { schedule: string; provisions: { citation: string; covered: boolean; notComputed: string | null; values: { path: string }[] }[] }[] };
    expect(json.coverageVersion).toBe(1);
    const first = json.schedules[0]!;
    expect(first.schedule).toBe('xuchang-2022');
    expect(first.provisions.every((p) => p.covered)).toBe(true);
    expect(first.provisions.find((p) => p.citation === '第八条')!.values.map((v) => v.path)).toEqual(['fund']);
    expect(first.provisions.find((p) => p.citation === '第六条')!.notComputed).toMatch(/^数据来源的规定/);
  });
});

describe('the rules table fits the terminal', () => {
  const widest = (text: string) => Math.max(...text.split('\n').map((l) => width(l)));

  it('a file or a pipe gets the full table, every reference with its note', async () => {
    const r = await runCli(['rules']);
    expect(widest(r.stdout)).toBeGreaterThan(120);
    expect(r.stdout).toContain('  第九条, D11: in force from the day of issue');
  });

  it('a terminal narrower than the table gets the compact layout: citations alone, long lines wrapped', async () => {
    for (const columns of ['80', '100']) {
      const r = await runCli(['rules'], { isTTY: true, env: { COLUMNS: columns } });
      expect(r.code).toBe(0);
      expect(widest(r.stdout)).toBeLessThanOrEqual(Number(columns));
      expect(r.stdout).toMatch(/^ +超过 5 μg\/m³ 的部分 +20 万元\/μg\/m³ +第四条（一）1$/m);
      expect(r.stdout).not.toContain('in force from the day of issue');
    }
  });

  it('the width the terminal tells comes first', async () => {
    const r = await runCli(['rules', '--no-color'], { isTTY: true, columns: 90, env: { COLUMNS: '300' } });
    expect(widest(r.stdout)).toBeLessThanOrEqual(90);
    expect(widest(r.stdout)).toBeGreaterThan(80);
  });

  it('80 columns on a terminal that does not say its width; --wide forces the full table', async () => {
    expect(widest((await runCli(['rules'], { isTTY: true })).stdout)).toBeLessThanOrEqual(80);
    const wide = await runCli(['rules', '--wide', '--no-color'], { isTTY: true, env: { COLUMNS: '80' } });
    expect(wide.stdout).toBe((await runCli(['rules'])).stdout);
  });

  it('a terminal wide enough gets the full table', async () => {
    expect((await runCli(['rules', '--no-color'], { isTTY: true, env: { COLUMNS: '400' } })).stdout).toBe((await runCli(['rules'])).stdout);
  });
});

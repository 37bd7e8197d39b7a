/** `ecocomp explain` and `settle --trace`: every step of a derivation, checked against the working by hand. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import type { TraceNode, UnitTrace } from '../../src/output/explain.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';

async function traces(args: string[]): Promise<UnitTrace[]> {
  const r = await runCli(['explain', ...args, '--format', 'json']);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as { traceVersion: number; traces: UnitTrace[] };
  expect(doc.traceVersion).toBe(1);
  return doc.traces;
}

const child = (n: TraceNode, kind: string, i = 0): TraceNode => n.children.filter((c) => c.kind === kind)[i]!;

describe('the SPEC.md §8 example, 魏都区, pm25Rate (第四条（二）)', () => {
  it('derives 139.5 step by step', async () => {
    const [t] = await traces([SAMPLE, '--county', '魏都区', '--factor', 'pm25Rate']);
    expect([t!.month, t!.county, t!.schedule, t!.factors.length]).toEqual(['2022-10', '魏都区', 'xuchang-2022', 1]);
    const f = t!.factors[0]!;
    expect([f.value, f.citation]).toEqual(['139.5', '第四条（二）2']);

    // The unit's rate: 45 (line 2, column 3) and 52 (column 5), (52 − 45)/52 × 100 = 13.4615… → 13.5 (D4).
    const value = child(f, 'value');
    expect(value.value).toBe('13.5');
    const [thisYear, lastYear] = value.children.filter((c) => c.kind === 'input');
    expect([thisYear!.value, thisYear!.source]).toEqual(['45', { file: SAMPLE, line: 2, column: 3 }]);
    expect([lastYear!.value, lastYear!.source]).toEqual(['52', { file: SAMPLE, line: 2, column: 5 }]);
    const rate = child(value, 'rate');
    expect(rate.text).toBe('同比改善率 = (52 − 45) ÷ 52 × 100 = 13.461538… → 13.5');
    expect(child(rate, 'rounding').data).toMatchObject({ after: '13.5', decimals: '1', rule: 'half-even' });
    expect(child(rate, 'rounding').ref).toMatch(/^D2, D4/);

    // The baseline 7.8 from the members: this year 234/5 = 46.8 → 47, last year 255/5 = 51, (51 − 47)/51 = 7.84 → 7.8 (D5).
    const baseline = child(f, 'baseline');
    expect([baseline.value, baseline.ref?.startsWith('D5')]).toEqual(['7.8', true]);
    const [meanThis, meanLast] = baseline.children.filter((c) => c.kind === 'mean');
    expect(meanThis!.text).toBe('组内当月PM2.5均值：(45 + 49 + 43 + 51 + 46) ÷ 5 = 46.8 → 47');
    expect(child(meanThis!, 'members').text).toBe('成员：魏都区 45；建安区 49；城乡一体化示范区 43；经济技术开发区 51；东城区 46');
    expect(meanLast!.text).toBe('组内去年同期PM2.5均值：(52 + 50 + 49 + 53 + 51) ÷ 5 = 51 → 51');
    expect(child(baseline, 'rate').text).toBe('组改善率 = (51 − 47) ÷ 51 × 100 = 7.843137… → 7.8');

    // The gap and the band split: 7.8 − 13.5 = −5.7 pp, better → reward; 3 × 15 = 45; 2.7 × 35 = 94.5.
    expect(child(f, 'gap').text).toBe('差距 = 考核基数 7.8 − 本单位 13.5 = -5.7 个百分点；优于考核基数 → 补偿');
    const bands = child(f, 'bands');
    expect(bands.text).toBe('分档（超过部分按较高标准）：3 个百分点 × 15 = 45；2.7 个百分点 × 35 = 94.5');
    expect(bands.children.map((b) => b.data)).toEqual([
      { from: '0', to: '3', quantity: '3', rate: '15', amount: '45' },
      { from: '3', to: '', quantity: '2.7', rate: '35', amount: '94.5' },
    ]);
    expect(bands.children.every((b) => b.ref!.startsWith('第四条（二）'))).toBe(true);

    // The gates and the amount.
    expect([child(f, 'target').citation, child(f, 'target').ref!.includes('(D7)')]).toEqual(['第五条', true]);
    expect(child(f, 'province').text).toBe('省级核算：未提供，按非支偿处理');
    expect(child(f, 'amount').text).toBe('金额：+139.5 万元');
    expect(t!.total.data).toEqual({ deductions: '0', rewards: '238.5', net: '238.5' });
  });

  it('prints the same as a tree, citing 第四条（二） and the decisions', async () => {
    const r = await runCli(['explain', SAMPLE, '--county', '魏都', '--factor', 'pm25Rate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PM2.5同比改善率 (pm25Rate)：+139.5 万元  [第四条（二）2]');
    expect(r.stdout).toContain('├─ 分档（超过部分按较高标准）：3 个百分点 × 15 = 45；2.7 个百分点 × 35 = 94.5  [第四条（二）2]');
    expect(r.stdout).toContain('│  └─ 组改善率 = (51 − 47) ÷ 51 × 100 = 7.843137… → 7.8  [D5]');
    expect(r.stdout).toContain(`│  ├─ 当月 PM2.5：45  (${SAMPLE}:2:3)`);
    expect(r.stdout).toContain('合计：扣款 0，补偿 238.5，净额 +238.5 万元');
  });

  it('takes a factor by the column that holds its value, as an analyst writes it (PM2.5, PM10, PM2.5改善率, 优良天数)', async () => {
    for (const [name, id] of [['PM2.5', 'pm25'], ['pm10', 'pm10'], ['PM2.5改善率', 'pm25Rate'], ['优良天数', 'goodDays']] as const) {
      const r = await runCli(['explain', SAMPLE, '--county', '魏都区', '--factor', name, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).traces[0].factors.map((f: { text: string }) => f.text.match(/\((\w+)\)/)![1])).toEqual([id]);
    }
  });

  it('speaks English with --lang en', async () => {
    const r = await runCli(['explain', SAMPLE, '--county', 'weidu', '--factor', 'pm25Rate', '--lang', 'en']);
    expect(r.stdout).toContain('bands (the part beyond a limit at the higher rate): 3 percentage points × 15 = 45; 2.7 percentage points × 35 = 94.5');
    expect(r.stdout).toContain('rounded to 1 decimal (GB/T 8170 round half to even): 7.843137… → 7.8');
    expect(r.stdout).toContain('total: deductions 0, rewards 238.5, net +238.5 10k yuan');
  });

  it('names days and 万元 in English too, a day in the singular', async () => {
    // 禹州市 14 good days against its group's 15: 1 day short, 1 × 20 = 20 deducted (第四条（五）).
    const r = await runCli(['explain', SAMPLE, '--county', '禹州市', '--factor', 'goodDays', '--lang', 'en']);
    expect(r.stdout).toContain('gap = baseline 15 − unit 14 = 1 day; worse than the baseline → deduction');
    expect(r.stdout).toContain('└─ amount: -20 10k yuan');
    expect(r.stdout).not.toMatch(/\d 天|万元/); // 优良天数, the factor's name in the schedule, stays
    // 长葛市 13 against 15: 2 days, 2 × 20 = 40.
    const changge = await runCli(['explain', SAMPLE, '--county', '长葛市', '--factor', 'goodDays', '--lang', 'en']);
    expect(changge.stdout).toContain('2 days × 20 = 40');
    const zh = await runCli(['explain', SAMPLE, '--county', '长葛市', '--factor', 'goodDays']);
    expect(zh.stdout).toContain('2 天 × 20 = 40');
  });
});

describe('each kind of step', () => {
  it('a deduction, and a missed target that leaves it standing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-explain-'));
    writeFileSync(join(dir, 't.csv'), 'month,county,pm25_target,good_days_target\n2022-10,建安区,45,\n2022-10,魏都区,,21\n');
    const [jianan] = await traces([SAMPLE, '--county', '建安区', '--factor', 'pm25', '--targets', join(dir, 't.csv')]);
    const f = jianan!.factors[0]!;
    // 49 vs 47: worse by 2 μg → 2 × 10 = 20 deducted; the target 45 is missed (49 > 45) but only rewards are cancelled.
    expect(child(f, 'gap').text).toBe('差距 = 本单位 49 − 考核基数 47 = 2 μg/m³；劣于考核基数 → 扣款');
    expect(child(f, 'target').text).toBe('目标考核：PM2.5 49 > 目标 45，未完成（只取消奖励，扣款照扣）');
    expect(child(f, 'target').source).toEqual({ file: join(dir, 't.csv'), line: 2, column: 3 });
    expect(child(f, 'amount').value).toBe('-20');

    // 魏都区 has 20 good days against a target of 21: the reward of 2 days × 20 = 40 is cancelled.
    const [weidu] = await traces([SAMPLE, '--county', '魏都区', '--factor', 'goodDays', '--targets', join(dir, 't.csv')]);
    const g = weidu!.factors[0]!;
    expect(child(g, 'target').text).toBe('目标考核：优良天数 20 < 目标 21，未完成 → 取消奖励 +40');
    expect(child(g, 'amount').text).toBe('金额：0 万元（奖励 +40 已取消）');
  });

  it('a gap below the minimum (D6), a supplied baseline (D1), a cap and the half-up rule (D2)', async () => {
    const [decimals] = await traces(['fixtures/decimals-2022-10-synthetic.csv', '--rules', 'fixtures/schedules/one-decimal.json', '--county', '魏都区', '--factor', 'pm25']);
    expect(child(decimals!.factors[0]!, 'bands').text).toBe('差距 0.8 μg/m³ 不足起算差距 1 μg/m³，不计');

    const [supplied] = await traces([SAMPLE, '--rules', 'fixtures/schedules/supplied-baselines.json', '--baselines', 'fixtures/baselines-2022-10-synthetic.csv', '--county', '魏都区', '--factor', 'pm25']);
    const b = child(supplied!.factors[0]!, 'baseline');
    expect([b.text, b.source]).toEqual(['考核基数（中心城区组）：45（外部给定）', { file: 'fixtures/baselines-2022-10-synthetic.csv', line: 2 }]);

    const [capped] = await traces([SAMPLE, '--rules', 'fixtures/schedules/capped.json', '--county', '经开区']);
    expect(capped!.total.children.map((c) => c.text)).toEqual(['扣款 287 超过上限 200，按 200 计']);

    const [halfUp] = await traces([SAMPLE, '--rules', 'fixtures/schedules/xuchang-2022-half-up.json', '--county', '禹州', '--factor', 'pm25']);
    const mean = child(child(halfUp!.factors[0]!, 'baseline'), 'mean');
    expect(mean.text).toBe('组内PM2.5均值：(50 + 53 + 48 + 51) ÷ 4 = 50.5 → 51');
    expect(child(mean, 'rounding').text).toBe('修约至 0 位小数（四舍五入（Excel ROUND））：50.5 → 51');
    const [halfEven] = await traces([SAMPLE, '--county', '禹州', '--factor', 'pm25']);
    expect(child(child(child(halfEven!.factors[0]!, 'baseline'), 'mean'), 'rounding').text).toBe('修约至 0 位小数（GB/T 8170 四舍六入五成双）：50.5 → 50');
  });

  it('a one-way factor and a province payout', async () => {
    const [only] = await traces([SAMPLE, '--rules', 'fixtures/schedules/deductions-only.json', '--county', '魏都区', '--factor', 'pm25']);
    expect(child(only!.factors[0]!, 'direction').text).toBe('本因子只扣款，此项补偿不予核算');
    const [payout] = await traces([SAMPLE, '--county', '魏都区', '--factor', 'pm25', '--province-payout', '2022-10']);
    expect(child(payout!.factors[0]!, 'province').text).toBe('省级核算：支偿（--province-payout） → 取消奖励 +20');
  });

  it('explains every month of the inputs, one trace each', async () => {
    const t = await traces(['fixtures/two-schedules-2022-08-and-10-synthetic.csv', '--rules', 'fixtures/schedules/example-2020-trial.json', '--rules', 'xuchang-2022', '--county', '东城区']);
    expect(t.map((x) => [x.month, x.schedule])).toEqual([
      ['2022-08', 'example-2020-trial'],
      ['2022-10', 'xuchang-2022'],
    ]);
  });
});

describe('faults', () => {
  it.each([
    [['explain', SAMPLE], /required option '--county <unit>' not specified/],
    [['explain', SAMPLE, '--county', '魏都去'], /--county: unknown unit "魏都去"/],
    [['explain', SAMPLE, '--county', '魏都区', '--factor', 'pm3'], /--factor: unknown factor "pm3"/],
  ])('%j exits 2', async (argv, message) => {
    const r = await runCli(argv);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
  });
});

describe('settle --trace', () => {
  it('includes the same trees in the settlement JSON', async () => {
    const r = await runCli(['settle', SAMPLE, '--format', 'json', '--trace']);
    const weidu = JSON.parse(r.stdout).months[0].counties[0];
    const [explained] = await traces([SAMPLE, '--county', '魏都区']);
    expect(weidu.trace).toEqual(explained);
  });

  it('is refused with a table', async () => {
    const r = await runCli(['settle', SAMPLE, '--trace']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--trace adds the explanations to the JSON');
  });
});

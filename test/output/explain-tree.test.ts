/**
 * Every node of an explanation, for one factor of each kind: what the step is, its words, its figure, the
 * clause or decision it cites and where its input was read. Worked out from the §8 example by hand.
 */
import { describe, expect, it } from 'vitest';
import { fixtureSchedule } from '../helpers/schedules.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainCounty, type TraceNode } from '../../src/output/explain.js';
import { settle } from '../../src/engine/settle.js';
import { builtinSchedule, parseSchedule } from '../../src/schedule/load.js';
import { runCli } from '../helpers/cli.js';
import { uniformMonth, workedExample } from '../helpers/records.js';
import { readFileSync } from 'node:fs';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-tree-'));

type Shape = [kind: string, text: string, value: string, cite: string, source: string, ...children: Shape[]];
function shape(n: TraceNode): Shape {
  const source = n.source ? `${n.source.file}:${n.source.line}${n.source.column ? `:${n.source.column}` : ''}` : '';
  return [n.kind, n.text, n.value ?? '', n.citation ?? '', source, ...n.children.map(shape)];
}

async function traceOf(args: string[]) {
  const r = await runCli(['explain', ...args, '--format', 'json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).traces[0] as { factors: TraceNode[]; total: TraceNode };
}

describe('the trees of 魏都区, 2022-10, with targets (PM2.5 45, met at equality; 21 good days, missed)', async () => {
  writeFileSync(join(dir, 't.csv'), 'month,county,pm25_target,good_days_target\n2022-10,魏都区,45,21\n');
  const t = await traceOf([SAMPLE, '--county', '魏都区', '--targets', join(dir, 't.csv')]);
  const [pm25, pm25Rate, , pm10Rate, goodDays] = t.factors as [TraceNode, TraceNode, TraceNode, TraceNode, TraceNode];
  const S = SAMPLE;

  it('pm25: a concentration against its group mean, a target met at equality', () => {
    expect(shape(pm25)).toEqual([
      'factor', 'PM2.5月均浓度 (pm25)：+20 万元', '20', '第四条（一）2', '',
      ['value', '本单位：45', '45', '', '', ['input', '当月 PM2.5：45', '45', '', `${S}:2:3`, ['rounding', '修约至 0 位小数（GB/T 8170 四舍六入五成双）：45 → 45', '45', 'D2, D3', '']]],
      ['baseline', '考核基数（中心城区组）：47', '47', '第四条, D1', '',
        ['mean', '组内PM2.5均值：(45 + 49 + 43 + 51 + 46) ÷ 5 = 46.8 → 47', '47', 'D3', '',
          ['members', '成员：魏都区 45；建安区 49；城乡一体化示范区 43；经济技术开发区 51；东城区 46', '', '', ''],
          ['rounding', '修约至 0 位小数（GB/T 8170 四舍六入五成双）：46.8 → 47', '47', 'D2, D3', '']]],
      ['gap', '差距 = 本单位 45 − 考核基数 47 = -2 μg/m³；优于考核基数 → 补偿', '-2', '第四条（一）2', ''],
      ['bands', '分档（超过部分按较高标准）：2 μg/m³ × 10 = 20', '20', '第四条（一）2', '', ['band', '2 μg/m³ × 10 = 20', '20', '第四条（一）2', '']],
      ['target', '目标考核：PM2.5 45 ≤ 目标 45，已完成', '', '第五条', `${join(dir, 't.csv')}:2:3`],
      ['province', '省级核算：未提供，按非支偿处理', '', '第五条', ''],
      ['amount', '金额：+20 万元', '20', '第四条（一）2', ''],
    ]);
    const target = pm25.children.find((c) => c.kind === 'target')!;
    expect(target.data).toEqual({ target: '45', actual: '45', met: 'true' });
    expect(pm25.children[0]!.children[0]!.children[0]!.data).toEqual({ before: '45', after: '45', decimals: '0', rule: 'half-even' });
    expect(pm25.children[1]!.children[0]!.data).toEqual({ mean: '46.8', rounded: '47' });
  });

  it('pm10Rate: this year and last year from their cells, the group rate from the rounded means', () => {
    expect(shape(pm10Rate).slice(0, 8)).toEqual([
      'factor', 'PM10同比改善率 (pm10Rate)：+24 万元', '24', '第四条（四）2', '',
      ['value', '本单位：8.2', '8.2', '', '',
        ['input', '当月 PM10：78', '78', '', `${S}:2:4`, ['rounding', '修约至 0 位小数（GB/T 8170 四舍六入五成双）：78 → 78', '78', 'D2, D3', '']],
        ['input', '去年同期 PM10：85', '85', '', `${S}:2:6`, ['rounding', '修约至 0 位小数（GB/T 8170 四舍六入五成双）：85 → 85', '85', 'D2, D3', '']],
        ['rate', '同比改善率 = (85 − 78) ÷ 85 × 100 = 8.235294… → 8.2', '8.2', 'D4', '', ['rounding', '修约至 1 位小数（GB/T 8170 四舍六入五成双）：8.235294… → 8.2', '8.2', 'D2, D4', '']]],
      ['baseline', '考核基数（中心城区组）：5.8', '5.8', 'D5', '',
        ['mean', '组内当月PM10均值：(78 + 84 + 75 + 90 + 80) ÷ 5 = 81.4 → 81', '81', 'D3', '',
          ['members', '成员：魏都区 78；建安区 84；城乡一体化示范区 75；经济技术开发区 90；东城区 80', '', '', ''],
          ['rounding', '修约至 0 位小数（GB/T 8170 四舍六入五成双）：81.4 → 81', '81', 'D2, D3', '']],
        ['mean', '组内去年同期PM10均值：(85 + 88 + 80 + 92 + 86) ÷ 5 = 86.2 → 86', '86', 'D3', '',
          ['members', '成员：魏都区 85；建安区 88；城乡一体化示范区 80；经济技术开发区 92；东城区 86', '', '', ''],
          ['rounding', '修约至 0 位小数（GB/T 8170 四舍六入五成双）：86.2 → 86', '86', 'D2, D3', '']],
        ['rate', '组改善率 = (86 − 81) ÷ 86 × 100 = 5.813953… → 5.8', '5.8', 'D5', '', ['rounding', '修约至 1 位小数（GB/T 8170 四舍六入五成双）：5.813953… → 5.8', '5.8', 'D2, D4', '']]],
      ['gap', '差距 = 考核基数 5.8 − 本单位 8.2 = -2.4 个百分点；优于考核基数 → 补偿', '-2.4', '第四条（四）2', ''],
    ]);
    expect(shape(pm10Rate.children.find((c) => c.kind === 'target')!)).toEqual(['target', '目标考核：不适用', '', '第五条', '']);
    // No PM10 target was given: the gate is not applied, and the node says so, citing 第五条.
    const pm10 = t.factors[2]!;
    expect(shape(pm10.children.find((c) => c.kind === 'target')!)).toEqual(['target', '目标考核：未提供当月PM10目标，未适用', '', '第五条', '']);
    // The PM2.5 rate reads its own pollutant's last-year cell (column 5).
    expect(pm25Rate.children[0]!.children[1]!.source).toEqual({ file: S, line: 2, column: 5 });
  });

  it('goodDays: a count, a target missed that cancels the reward', () => {
    expect(shape(goodDays)).toEqual([
      'factor', '优良天数 (goodDays)：0 万元', '0', '第四条（五）', '',
      ['value', '本单位：20', '20', '', '', ['input', '当月优良天数：20', '20', '', `${S}:2:7`]],
      ['baseline', '考核基数（中心城区组）：18', '18', '第四条, D1', '',
        ['mean', '组内优良天数均值：(20 + 17 + 21 + 15 + 19) ÷ 5 = 18.4 → 18', '18', 'D8', '',
          ['members', '成员：魏都区 20；建安区 17；城乡一体化示范区 21；经济技术开发区 15；东城区 19', '', '', ''],
          ['rounding', '修约至 0 位小数（GB/T 8170 四舍六入五成双）：18.4 → 18', '18', 'D2, D8', '']]],
      ['gap', '差距 = 考核基数 18 − 本单位 20 = -2 天；优于考核基数 → 补偿', '-2', '第四条（五）', ''],
      ['bands', '分档（超过部分按较高标准）：2 天 × 20 = 40', '40', '第四条（五）', '', ['band', '2 天 × 20 = 40', '40', '第四条（五）', '']],
      ['target', '目标考核：优良天数 20 < 目标 21，未完成 → 取消奖励 +40', '', '第五条', `${join(dir, 't.csv')}:2:4`],
      ['province', '省级核算：未提供，按非支偿处理', '', '第五条', ''],
      ['amount', '金额：0 万元（奖励 +40 已取消）', '0', '第四条（五）', ''],
    ]);
  });

  it('the total', () => {
    // 238.5 − 40 (good days cancelled) = 198.5.
    expect(shape(t.total)).toEqual(['total', '合计：扣款 0，补偿 198.5，净额 +198.5 万元', '198.5', '', '']);
  });
});

describe('other steps', () => {
  it('a good-days target met shows ≥; a level gap shows no band; a zero factor cites the factor clause', async () => {
    writeFileSync(join(dir, 't2.csv'), 'month,county,good_days_target\n2022-10,禹州市,14\n');
    const t = await traceOf([SAMPLE, '--county', '禹州', '--targets', join(dir, 't2.csv')]);
    const [pm25, , , , goodDays] = t.factors as TraceNode[];
    // 禹州市 PM2.5 50 against the county baseline 50: level, nothing charged.
    expect(shape(pm25!).slice(0, 5)).toEqual(['factor', 'PM2.5月均浓度 (pm25)：0 万元', '0', '第四条（一）', '']);
    expect(pm25!.children.map((c) => c.kind)).toEqual(['value', 'baseline', 'gap', 'target', 'province', 'amount']);
    expect(pm25!.children[2]!.text).toBe('差距 = 本单位 50 − 考核基数 50 = 0 μg/m³；与考核基数持平 → 不扣不补');
    // 14 good days against a target of 14: met (≥); against the baseline 15 a deduction of 20, which stands.
    expect(goodDays!.children.find((c) => c.kind === 'target')!.text).toBe('目标考核：优良天数 14 ≥ 目标 14，已完成');
  });

  it('a mean-of-rates baseline (D5 alternative) and a supplied one (D1 alternative)', async () => {
    const t = await traceOf([SAMPLE, '--county', '魏都区', '--factor', 'pm25Rate', '--rules', 'fixtures/schedules/mean-of-rates.json']);
    const baseline = t.factors[0]!.children[1]!;
    expect(shape(baseline)).toEqual([
      'baseline', '考核基数（中心城区组）：8.3', '8.3', 'D5', '',
      ['mean', '组内成员改善率均值：(13.5 + 2 + 12.2 + 3.8 + 9.8) ÷ 5 = 8.26 → 8.3', '8.3', 'D4', '',
        ['members', '成员：魏都区 13.5；建安区 2；城乡一体化示范区 12.2；经济技术开发区 3.8；东城区 9.8', '', '', ''],
        ['rounding', '修约至 1 位小数（GB/T 8170 四舍六入五成双）：8.26 → 8.3', '8.3', 'D2, D4', '']],
    ]);
  });

  it('a gap below the minimum (D6) is its own step', async () => {
    const t = await traceOf(['fixtures/decimals-2022-10-synthetic.csv', '--rules', 'fixtures/schedules/one-decimal.json', '--county', '魏都区', '--factor', 'pm25']);
    expect(shape(t.factors[0]!.children.find((c) => c.kind === 'bands')!)).toEqual(['bands', '差距 0.8 μg/m³ 不足起算差距 1 μg/m³，不计', '0', '第四条（一）, D6', '']);
  });

  it('explains records that carry no places (built in memory, not read from a file)', () => {
    // 魏都区 45 against (45 + 4 × 50)/5 = 49: a reward of 4 × 10 = 40, cancelled by the missed target 44.
    const m = settle({ records: uniformMonth({ 魏都区: { pm25: '45', targets: { pm25: '44' } } }), province: new Map() }, builtinSchedule()).months[0]!;
    const target = explainCounty(m, 'weidu', 'zh').factors[0]!.children.find((c) => c.kind === 'target')!;
    expect([target.text, target.source]).toEqual(['目标考核：PM2.5 45 > 目标 44，未完成 → 取消奖励 +40', undefined]);
  });

  it('caps on deductions and on rewards, each with its reference', () => {
    const schedule = fixtureSchedule('capped');
    const m = settle({ records: workedExample(), province: new Map() }, schedule).months[0]!;
    const weidu = explainCounty(m, 'weidu', 'zh').total;
    const econ = explainCounty(m, 'econ-dev', 'en').total;
    expect(weidu.children.map(shape)).toEqual([['cap', '补偿 238.5 超过上限 200，按 200 计', '', 'example: at most 200 万元 of deductions and of rewards per unit and month', '']]);
    expect(econ.children.map(shape)).toEqual([['cap', 'deductions 287 exceed the cap of 200: 200 applies', '', 'example: at most 200 万元 of deductions and of rewards per unit and month', '']]);
    expect(econ.text).toBe('total: deductions 200, rewards 0, net -200 10k yuan');
  });

  it('a provincial payout under a schedule without the province gate cancels nothing and says so', () => {
    const raw = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
    raw.gates = raw.gates.filter((g: { id: string }) => g.id !== 'province');
    const schedule = parseSchedule(raw, 'no-gate');
    const m = settle({ records: workedExample(), province: new Map([['2022-10', { payout: true, source: 'p.csv:2' }]]) }, schedule).months[0]!;
    expect(m.counties[0]!.rewards.toFixed()).toBe('238.5');
    const province = explainCounty(m, 'weidu', 'en').factors[0]!.children.find((c) => c.kind === 'province')!;
    expect(province.text).toBe('provincial result: payout 支偿 (p.csv:2) (this schedule does not cancel rewards for a provincial payout)');
    const zh = explainCounty(m, 'weidu', 'zh').factors[0]!.children.find((c) => c.kind === 'province')!;
    expect(zh.text).toBe('省级核算：支偿（p.csv:2）（本规则不因省级支偿取消奖励）');
  });

  it('a deduction on a rewards-only factor, in English', () => {
    const m = settle({ records: workedExample(), province: new Map() }, fixtureSchedule('rewards-only')).months[0]!;
    const f = explainCounty(m, 'jian-an', 'en').factors[0]!;
    expect(shape(f.children.find((c) => c.kind === 'direction')!)).toEqual(['direction', 'this factor only rewards: the deduction is not settled', '', '第四条（一）', '']);
    expect(f.children.find((c) => c.kind === 'gap')!.text).toBe('gap = unit 49 − baseline 47 = 2 μg/m³; worse than the baseline → deduction');
  });

  it('refuses to explain a unit that is not in the month', () => {
    const m = settle({ records: uniformMonth(), province: new Map() }, builtinSchedule()).months[0]!;
    expect(() => explainCounty(m, 'nowhere', 'zh')).toThrowError('unit nowhere is not in the settlement of 2022-10');
  });
});

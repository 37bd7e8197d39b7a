/** The schedule in force, for people (`ecocomp rules`): units and groups, factors and bands, decisions, each with its reference. */
import { Dec, plain } from '../core/decimal.js';
import type { Band, FactorRule, Schedule } from '../schedule/format.js';
import { describeWindow } from '../schedule/window.js';
import { padEnd, width, type Paint } from './text.js';
import { visible } from '../core/text.js';

const DIRECTION = { both: '扣款与补偿', deductions: '只扣款', rewards: '只补偿' } as const;
const ROUNDING = { 'half-even': 'GB/T 8170 四舍六入五成双', 'half-up': '四舍五入（Excel ROUND）' } as const;
const INDICATOR = { pm25: 'PM2.5', pm10: 'PM10', goodDays: '优良天数' } as const;
const GROUP_RATE = { 'rate-of-means': '由组均值计算', 'mean-of-rates': '成员改善率的均值' } as const;
const STATISTIC = { mean: '组内成员算术平均', supplied: '由外部给定（--baselines）' } as const;

function bandText(bands: readonly Band[], i: number, unit: string): string {
  const band = bands[i]!;
  const from: Dec | null = i === 0 ? null : bands[i - 1]!.upTo;
  if (band.upTo === null) return from === null ? `每 ${unit}` : `超过 ${plain(from)} ${unit} 的部分`;
  return from === null ? `${plain(band.upTo)} ${unit} 以内（含）` : `超过 ${plain(from)} 至 ${plain(band.upTo)} ${unit}（含）的部分`;
}

function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : padEnd(c, widths[i]!))).join('  ').trimEnd());
}

function factorLines(f: FactorRule): string[] {
  const lines = [`  ${visible(f.name)} (${f.id})  ${visible(f.ref)}`];
  const rows = f.bands.map((b, i) => [bandText(f.bands, i, visible(f.gapUnit)), `${plain(b.rate)} 万元/${visible(f.gapUnit)}`, visible(b.ref)]);
  lines.push(...table(rows, '    '));
  lines.push(`    方向：${DIRECTION[f.direction.value]}  ${visible(f.direction.ref)}`);
  lines.push(`    起算差距：${plain(f.minimumGap.value)} ${visible(f.gapUnit)}  ${visible(f.minimumGap.ref)}`);
  lines.push(`    条款：扣款 ${visible(f.clauses.deduction)}；补偿 ${visible(f.clauses.reward)}`);
  lines.push(`    目标考核：${f.targetGate.indicator === null ? '不适用' : `未完成当月${INDICATOR[f.targetGate.indicator]}目标则取消奖励`}  ${visible(f.targetGate.ref)}`);
  return lines;
}

export function renderRulesTable(schedules: readonly Schedule[], paint: Paint): string {
  return schedules.map((s) => renderOne(s, paint)).join('\n');
}

function renderOne(s: Schedule, paint: Paint): string {
  const c = s.computation;
  const unitName = (id: string) => s.units.find((u) => u.id === id)!;
  const out: string[] = [];
  out.push(paint.strong(`规则 ${visible(s.id)}：${visible(s.title)}（${visible(s.document)}）`));
  out.push(`${describeWindow(s)}`);
  out.push(`  ${visible(s.ref)}`);
  out.push(`金额单位：${s.amountUnit.value}  ${visible(s.amountUnit.ref)}`);
  out.push('', paint.strong('单位与分组'));
  for (const g of s.groups) {
    out.push(`  ${visible(g.name)} (${g.id})  ${visible(g.ref)}`);
    for (const id of g.members) {
      const u = unitName(id);
      out.push(`    ${visible(u.name)} (${u.id})${u.aliases.length ? `  别名：${u.aliases.map(visible).join('、')}` : ''}`);
    }
  }
  out.push('', paint.strong('因子与分档'));
  for (const f of s.factors) out.push(...factorLines(f));
  out.push('', paint.strong('计算规则'));
  out.push(
    ...table([
      ['修约', ROUNDING[c.rounding.value], visible(c.rounding.ref)],
      ['浓度小数位', String(c.concentrationDecimals.value), visible(c.concentrationDecimals.ref)],
      ['改善率小数位', String(c.rateDecimals.value), visible(c.rateDecimals.ref)],
      ['优良天数基数小数位', String(c.goodDaysBaselineDecimals.value), visible(c.goodDaysBaselineDecimals.ref)],
      ['考核基数', STATISTIC[c.baselineStatistic.value], visible(c.baselineStatistic.ref)],
      ['组改善率', GROUP_RATE[c.groupRate.value], visible(c.groupRate.ref)],
      ['成员缺失', '不予核算', visible(c.missingMember.ref)],
      ['单位月度上限', s.caps.deductions === null && s.caps.rewards === null ? '无' : `扣款 ${s.caps.deductions ? plain(s.caps.deductions) : '无'}，奖励 ${s.caps.rewards ? plain(s.caps.rewards) : '无'}`, visible(s.caps.ref)],
      ['省级支偿', s.provinceGate.value === 'cancel-rewards' ? '当月取消全部奖励' : '不影响', visible(s.provinceGate.ref)],
      ['资金', '扣收结余纳入专项资金，缺口由市财政安排', visible(s.fund.ref)],
    ]),
  );
  return `${out.join('\n')}\n`;
}

export function renderRulesJson(schedules: readonly Schedule[]): string {
  // Decimals are written as plain decimal strings, as in a schedule file: decimal.js's own toJSON would write
  // 1e-7 for 0.0000001 and 1e+21 for 10^21, which no schedule file may hold.
  // A replacer sees a value after its toJSON: the original is its holder's property.
  function plainDecimals(this: Record<string, unknown>, key: string, value: unknown): unknown {
    const original = this[key];
    return Dec.isDecimal(original) ? (original as Dec).toFixed() : value;
  }
  return `${JSON.stringify({ schedules }, plainDecimals, 2)}\n`;
}

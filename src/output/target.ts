/**
 * The break-even sheet of `ecocomp target`, in Chinese (English with --lang en), and as JSON. Every value it shows
 * was found by settling the month again at that value (engine/target.ts), never by a formula.
 */
import { plain, type Dec } from '../core/decimal.js';
import { visibleLines } from '../core/text.js';
import type { FactorPlan, IndicatorPlan, Segment, UnitPlan } from '../engine/target.js';
import type { Paint } from './text.js';
import { chineseMonth, signed } from './words.js';
import { cite } from '../schedule/reference.js';

export type TargetLang = 'zh' | 'en';

const WORDS = {
  zh: {
    title: (p: UnitPlan) => `${p.name} ${chineseMonth(p.month)} 达标测算${p.provisionalThrough ? `（预估：数据截至 ${p.provisionalThrough}，不是正式核算结果）` : ''}`,
    method: '其他单位保持实际值不变；每个值都按同一规则把当月重新核算一遍，已计入本单位对本组考核基数的影响、修约、起扣差值和第五条目标条件。',
    planning: '用上月数据测算时，可作为下月的工作目标参考（下月的组内基数会随各单位实际值变化）。',
    net: (x: Dec) => `当月净额：${signed(x)} 万元`,
    indicator: { pm25: 'PM2.5月均浓度', pm10: 'PM10月均浓度', goodDays: '优良天数' },
    unit: { pm25: 'μg/m³', pm10: 'μg/m³', goodDays: '天' },
    actual: (v: string, step: string, u: string) => `实际 ${v} ${u}，按 ${step} ${u} 一档测算`,
    breakEven: (f: FactorPlan, u: string, better: 'lower' | 'higher') =>
      f.breakEven === null
        ? `${f.name}：在可测范围内无法做到不扣款`
        : f.actualAmount.gte(0)
          ? `${f.name}：已不扣款（${signed(f.actualAmount)}）`
          : `${f.name}：${better === 'lower' ? '降至' : '升至'} ${plain(f.breakEven.value)} ${u} 不再扣款（该值下 ${signed(f.breakEven.amount)}，现为 ${signed(f.actualAmount)}）`,
    netBreakEven: (p: IndicatorPlan, u: string, net: Dec) =>
      p.netBreakEven === null
        ? '只调整此项，当月净额无法达到 ≥ 0'
        : net.gte(0)
          ? '当月净额已 ≥ 0'
          : `只调整此项，${plain(p.netBreakEven.value)} ${u} 时当月净额 ≥ 0（${signed(p.netBreakEven.net)}）`,
    side: { deduction: '扣款', reward: '奖励', none: '不扣不奖' },
    band: (n: number) => (n === 0 ? '' : `第${'一二三四五六七八九十'[n - 1] ?? n}档`),
    cancelled: { target: '（未完成目标，奖励取消）', province: '（省级支偿，奖励取消）' },
    bandsOf: (name: string) => `${name} 分档：`,
    belowMinimum: '差值不足起扣值（D6），不扣不奖',
    heading: (indicator: string, actual: string) => `${indicator}（${actual}）`,
    colon: '：',
  },
  en: {
    title: (p: UnitPlan) => `${p.name} ${p.month}: break-even values${p.provisionalThrough ? ` (provisional: month to date through ${p.provisionalThrough})` : ''}`,
    method: "The other units are held at their actual values; each value is settled again under the same rules, so the unit's own effect on its group's baseline, rounding, the minimum gap and the targets of Art. 5 are all included.",
    planning: "Run on last month's data, this is a planning sheet for the next month (next month's group baselines will move with every unit's values).",
    net: (x: Dec) => `net this month: ${signed(x)} (10k yuan)`,
    indicator: { pm25: 'PM2.5 monthly mean', pm10: 'PM10 monthly mean', goodDays: 'good days' },
    unit: { pm25: 'μg/m³', pm10: 'μg/m³', goodDays: 'days' },
    actual: (v: string, step: string, u: string) => `actual ${v} ${u}, tried in steps of ${step} ${u}`,
    breakEven: (f: FactorPlan, u: string, _better: 'lower' | 'higher') =>
      f.breakEven === null
        ? `${f.name}: no value on the scale stops the deduction`
        : f.actualAmount.gte(0)
          ? `${f.name}: no deduction already (${signed(f.actualAmount)})`
          : `${f.name}: no deduction at ${plain(f.breakEven.value)} ${u} (${signed(f.breakEven.amount)} there, ${signed(f.actualAmount)} now)`,
    netBreakEven: (p: IndicatorPlan, u: string, net: Dec) =>
      p.netBreakEven === null
        ? 'changing only this, the net cannot reach ≥ 0'
        : net.gte(0)
          ? 'the net is already ≥ 0'
          : `changing only this, the net is ≥ 0 at ${plain(p.netBreakEven.value)} ${u} (${signed(p.netBreakEven.net)})`,
    side: { deduction: 'deduction', reward: 'reward', none: 'neither' },
    band: (n: number) => (n === 0 ? '' : ` band ${n}`),
    cancelled: { target: ' (target missed: reward cancelled)', province: ' (province payout: reward cancelled)' },
    bandsOf: (name: string) => `${name} bands:`,
    belowMinimum: 'gap below the minimum (D6): neither',
    heading: (indicator: string, actual: string) => `${indicator} (${actual})`,
    colon: ': ',
  },
} as const;

type Words = (typeof WORDS)[TargetLang];

function segmentText(s: Segment, u: string, w: Words): string {
  const range = s.from.eq(s.to) ? plain(s.from) : `${plain(s.from)}–${plain(s.to)}`;
  const amounts = s.amountFrom.eq(s.amountTo) ? signed(s.amountFrom) : `${signed(s.amountFrom)} → ${signed(s.amountTo)}`;
  const what = s.bands === 0 && s.side !== 'none' ? w.belowMinimum : `${w.side[s.side]}${w.band(s.bands)}${s.cancelled ? w.cancelled[s.cancelled] : ''}`;
  return `${range} ${u}${w.colon}${what} ${amounts}`;
}

function indicatorBlock(p: IndicatorPlan, plan: UnitPlan, w: Words): string[] {
  const u = w.unit[p.indicator];
  return [
    w.heading(w.indicator[p.indicator], w.actual(plain(p.actual), plain(p.step), u)),
    ...p.factors.map((f) => `  ${w.breakEven(f, u, p.better)}`),
    `  ${w.netBreakEven(p, u, plan.net)}`,
    ...p.factors.flatMap((f) => [`  ${w.bandsOf(f.name)}`, ...f.segments.map((s) => `    ${segmentText(s, u, w)}`)]),
    '',
  ];
}

export function renderTargetText(plan: UnitPlan, lang: TargetLang, paint: Paint): string {
  const w = WORDS[lang];
  const lines = [paint.strong(w.title(plan)), w.method, w.planning, w.net(plan.net), '', ...plan.indicators.flatMap((p) => indicatorBlock(p, plan, w))];
  return `${visibleLines(lines.join('\n')).trimEnd()}\n`;
}

export function renderTargetJson(plan: UnitPlan): string {
  const json = {
    schemaVersion: 1,
    month: plan.month,
    provisional: plan.provisionalThrough !== null,
    ...(plan.provisionalThrough ? { provisionalThrough: plan.provisionalThrough } : {}),
    unitId: plan.unitId,
    name: plan.name,
    net: plain(plan.net),
    indicators: plan.indicators.map((p) => ({
      indicator: p.indicator,
      actual: plain(p.actual),
      step: plain(p.step),
      better: p.better,
      netBreakEven: p.netBreakEven && { value: plain(p.netBreakEven.value), net: plain(p.netBreakEven.net) },
      factors: p.factors.map((f) => ({
        factor: f.factorId,
        name: f.name,
        clause: cite(f.clause),
        actualAmount: plain(f.actualAmount),
        breakEven: f.breakEven && { value: plain(f.breakEven.value), amount: plain(f.breakEven.amount) },
        segments: f.segments.map((s) => ({ from: plain(s.from), to: plain(s.to), side: s.side, bands: s.bands, cancelled: s.cancelled, amountFrom: plain(s.amountFrom), amountTo: plain(s.amountTo) })),
      })),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

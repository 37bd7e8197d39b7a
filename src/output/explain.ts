/**
 * Why each amount is what it is, in words: the engine records every step of a unit's month as data (the roundings,
 * the group means, the band pieces, the gates of its FactorSettlement); this renders them as a tree, step by step
 * from the cells the values were read from to the amount, each step citing its article and clause or decision, in
 * Chinese or English. The tree is also the versioned JSON of `explain --format json` and `settle --trace`.
 */
import { Decimal } from 'decimal.js';
import { plain } from '../core/decimal.js';
import { MEASURES } from '../schedule/measures.js';
import type { Dec } from '../core/decimal.js';
import type { Reference, Scale, Schedule } from '../schedule/format.js';
import { firstTargetGate, provinceGateOf } from '../schedule/gates.js';
import { cite, citeInFull } from '../schedule/reference.js';
import type { BaselineDerivation, CountySettlement, FactorSettlement, MemberValue, MonthSettlement, Rounding } from '../engine/types.js';
import type { SourceRef } from '../core/problems.js';
import { type FactorId } from '../core/factors.js';

export type Lang = 'zh' | 'en';

export interface TraceNode {
  /** What the step is: factor, value, input, rounding, rate, baseline, mean, gap, bands, band, target, province, amount, total, cap. */
  kind: string;
  text: string;
  /** The figure the step yields, as a plain decimal. */
  value?: string;
  /** The article and clause, or decision, the step follows, with its note: "第四条（一）1: 1—5 微克（含） at 10 万元/微克". */
  ref?: string;
  /** The article and clause, or decision, alone: "第四条（一）1". */
  citation?: string;
  /** Where an input value was read. */
  source?: SourceRef;
  /** The step's figures, for machines: before/after of a rounding, quantity/rate/amount of a band. */
  data?: Record<string, string>;
  children: TraceNode[];
}

export interface UnitTrace {
  traceVersion: 1;
  lang: Lang;
  schedule: string;
  document: string;
  month: string;
  county: string;
  id: string;
  group: string;
  /** A month-to-date standing (aggregate --provisional), not a settlement: the day its figures reach. */
  provisionalThrough?: string;
  factors: TraceNode[];
  total: TraceNode;
}

const T = {
  zh: {
    colon: '：',
    sep: '；',
    label: { pm25: 'PM2.5', pm10: 'PM10', goodDays: '优良天数' },
    halfEven: 'GB/T 8170 四舍六入五成双',
    halfUp: '四舍五入（Excel ROUND）',
    round: (d: number, rule: string) => `修约至 ${d} 位小数（${rule}）`,
    unitValue: '本单位',
    thisMonth: (p: string) => `当月 ${p}`,
    lastYear: (p: string) => `去年同期 ${p}`,
    goodDays: '当月优良天数',
    rate: (l: string, c: string) => `同比改善率 = (${l} − ${c}) ÷ ${l} × 100`,
    baseline: (g: string) => `考核基数（${g}）`,
    groupMean: (what: string) => `组内${what.replace(/ /g, '')}均值`,
    groupRate: (l: string, c: string) => `组改善率 = (${l} − ${c}) ÷ ${l} × 100`,
    meanOfRates: '成员改善率',
    members: '成员',
    supplied: '外部给定',
    gapAbove: (v: string, b: string) => `差距 = 本单位 ${v} − 考核基数 ${b}`,
    gapBelow: (v: string, b: string) => `差距 = 考核基数 ${b} − 本单位 ${v}`,
    worse: '劣于考核基数 → 扣款',
    better: '优于考核基数 → 补偿',
    level: '与考核基数持平 → 不扣不补',
    belowMinimum: (g: string, min: string) => `差距 ${g} 不足起算差距 ${min}，不计`,
    bands: '分档（超过部分按较高标准）',
    band: (q: string, r: string) => `${q} × ${r}`,
    oneWay: (side: string) => `本因子只${side === 'deduction' ? '补偿' : '扣款'}，此项${side === 'deduction' ? '扣款' : '补偿'}不予核算`,
    targetNone: '目标考核：不适用',
    targetMissing: (i: string) => `目标考核：未提供当月${i}目标，未适用`,
    targetMet: (i: string, a: string, op: string, t: string) => `目标考核：${i} ${a} ${op} 目标 ${t}，已完成`,
    targetMissed: (i: string, a: string, op: string, t: string) => `目标考核：${i} ${a} ${op} 目标 ${t}，未完成`,
    cancelledTarget: (x: string) => `→ 取消奖励 ${x}`,
    deductionStands: '（只取消奖励，扣款照扣）',
    provinceNone: '省级核算：未提供，按非支偿处理',
    provincePayout: (s: string) => `省级核算：支偿（${s}）`,
    provinceReceive: (s: string) => `省级核算：得补（${s}）`,
    provinceNoGate: '（本规则不因省级支偿取消奖励）',
    amount: '金额',
    cancelledNote: (x: string) => `（奖励 ${x} 已取消）`,
    total: (d: string, r: string, n: string) => `合计：扣款 ${d}，补偿 ${r}，净额 ${n}`,
    capped: (what: string, before: string, cap: string) => `${what} ${before} 超过上限 ${cap}，按 ${cap} 计`,
    deductions: '扣款',
    rewards: '补偿',
    units: {} as Record<string, string>,
    singular: {} as Record<string, string>,
  },
  en: {
    colon: ': ',
    sep: '; ',
    label: { pm25: 'PM2.5', pm10: 'PM10', goodDays: 'good days' },
    halfEven: 'GB/T 8170 round half to even',
    halfUp: 'round half away from zero (Excel ROUND)',
    round: (d: number, rule: string) => `rounded to ${d} decimal${d === 1 ? '' : 's'} (${rule})`,
    unitValue: 'this unit',
    thisMonth: (p: string) => `${p} this month`,
    lastYear: (p: string) => `${p} a year earlier`,
    goodDays: 'good days this month',
    rate: (l: string, c: string) => `improvement rate = (${l} − ${c}) ÷ ${l} × 100`,
    baseline: (g: string) => `baseline (${g})`,
    groupMean: (what: string) => `group mean of ${what}`,
    groupRate: (l: string, c: string) => `group rate = (${l} − ${c}) ÷ ${l} × 100`,
    meanOfRates: 'the members\' rates',
    members: 'members',
    supplied: 'supplied',
    gapAbove: (v: string, b: string) => `gap = unit ${v} − baseline ${b}`,
    gapBelow: (v: string, b: string) => `gap = baseline ${b} − unit ${v}`,
    worse: 'worse than the baseline → deduction',
    better: 'better than the baseline → reward',
    level: 'level with the baseline → nothing',
    belowMinimum: (g: string, min: string) => `a gap of ${g} is below the minimum of ${min}: not charged`,
    bands: 'bands (the part beyond a limit at the higher rate)',
    band: (q: string, r: string) => `${q} × ${r}`,
    oneWay: (side: string) => `this factor only ${side === 'deduction' ? 'rewards' : 'deducts'}: the ${side} is not settled`,
    targetNone: 'target gate: not applicable',
    targetMissing: (i: string) => `target gate: no ${i} target given, not applied`,
    targetMet: (i: string, a: string, op: string, t: string) => `target gate: ${i} ${a} ${op} target ${t}, met`,
    targetMissed: (i: string, a: string, op: string, t: string) => `target gate: ${i} ${a} ${op} target ${t}, missed`,
    cancelledTarget: (x: string) => `→ reward ${x} cancelled`,
    deductionStands: ' (only rewards are cancelled; the deduction stands)',
    provinceNone: 'provincial result: not given, settled as not paying',
    provincePayout: (s: string) => `provincial result: payout 支偿 (${s})`,
    provinceReceive: (s: string) => `provincial result: receive 得补 (${s})`,
    provinceNoGate: ' (this schedule does not cancel rewards for a provincial payout)',
    amount: 'amount',
    cancelledNote: (x: string) => ` (reward ${x} cancelled)`,
    total: (d: string, r: string, n: string) => `total: deductions ${d}, rewards ${r}, net ${n}`,
    capped: (what: string, before: string, cap: string) => `${what} ${before} exceed the cap of ${cap}: ${cap} applies`,
    deductions: 'deductions',
    rewards: 'rewards',
    /** A schedule's units (its data, in Chinese) in English; a unit not listed, such as μg/m³, is shown as it is. */
    units: { 万元: '10k yuan', 天: 'days', 个百分点: 'percentage points' } as Record<string, string>,
    /** The singular of a unit above, for a quantity of exactly 1 (or −1). */
    singular: { 天: 'day', 个百分点: 'percentage point' } as Record<string, string>,
  },
} as const;

type Texts = (typeof T)[Lang];

/** A unit word of the schedule in the language of the text. */
const unitIn = (t: Texts, unit: string): string => t.units[unit] ?? unit;

/** A quantity with its unit in the language of the text: "1 day", "2 days", "3 天". */
const quantity = (t: Texts, x: Dec, unit: string): string => `${plain(x)} ${x.abs().eq(1) ? (t.singular[unit] ?? unitIn(t, unit)) : unitIn(t, unit)}`;



/** A quotient shown to six decimals with "…" when it does not end there (46.8 stays 46.8; 7.843137… for 4/51). */
function approx(x: Dec): string {
  const cut = x.toDecimalPlaces(6, Decimal.ROUND_DOWN);
  return cut.eq(x) ? plain(x) : `${cut.toFixed(6)}…`;
}

function signed(x: Dec): string {
  return x.gt(0) ? `+${plain(x)}` : plain(x);
}

type NodeExtra = Partial<Omit<TraceNode, 'kind' | 'text' | 'ref' | 'citation'>> & { ref?: Reference | readonly Reference[] | undefined };

/** A step; its references (several when decisions meet, as in a rounding) rendered by the one formatter. */
function node(kind: string, text: string, extra: NodeExtra = {}): TraceNode {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extra)) {
    if (key !== 'ref') fields[key] = value;
    else if (value !== undefined) {
      const refs = Array.isArray(value) ? (value as readonly Reference[]) : [value as Reference];
      fields.ref = refs.map((r, i) => (i === refs.length - 1 ? citeInFull(r) : cite(r))).join(', ');
      fields.citation = refs.map(cite).join(', ');
    }
  }
  return { kind, text, ...(fields as Partial<TraceNode>), children: extra.children ?? [] };
}

function roundingNode(t: Texts, r: Rounding): TraceNode {
  const rule = r.rule === 'half-even' ? t.halfEven : t.halfUp;
  return node('rounding', `${t.round(r.decimals, rule)}${t.colon}${approx(r.before)} → ${plain(r.after)}`, {
    value: plain(r.after),
    // Two decisions meet here: the rule (D2) and the number of decimals (D3, D4 or D8).
    ref: [r.ruleRef, r.ref],
    data: { before: r.before.toFixed(), after: plain(r.after), decimals: String(r.decimals), rule: r.rule },
  });
}

function inputNode(label: string, r: Rounding, source: SourceRef | undefined, t: Texts): TraceNode {
  return node('input', `${label}${t.colon}${plain(r.before)}`, { value: plain(r.before), ...(source ? { source } : {}), children: [roundingNode(t, r)] });
}

function meanNode(t: Texts, what: string, members: MemberValue[], mean: Dec, rounding: Rounding, names: (id: string) => string): TraceNode {
  const formula = `(${members.map((m) => plain(m.value)).join(' + ')}) ÷ ${members.length} = ${approx(mean)}`;
  return node('mean', `${t.groupMean(what)}${t.colon}${formula} → ${plain(rounding.after)}`, {
    value: plain(rounding.after),
    ref: rounding.ref,
    data: { mean: mean.toFixed(), rounded: plain(rounding.after) },
    children: [node('members', `${t.members}${t.colon}${members.map((m) => `${names(m.unitId)} ${plain(m.value)}`).join(t.sep)}`), roundingNode(t, rounding)],
  });
}

function baselineNode(t: Texts, f: FactorSettlement, d: BaselineDerivation, groupName: string, names: (id: string) => string): TraceNode {
  const value = plain(f.baseline);
  const measure = MEASURES[f.factor.id];
  const what = measure.kind === 'goodDays' ? t.label.goodDays : t.label[measure.pollutant];
  switch (d.kind) {
    case 'supplied':
      return node('baseline', `${t.baseline(groupName)}${t.colon}${value}（${t.supplied}）`, { value, ref: d.ref, ...(d.source ? { source: d.source } : {}) });
    case 'mean':
      return node('baseline', `${t.baseline(groupName)}${t.colon}${value}`, { value, ref: d.ref, children: [meanNode(t, what, d.members, d.mean, d.rounding, names)] });
    case 'mean-of-rates':
      return node('baseline', `${t.baseline(groupName)}${t.colon}${value}`, { value, ref: d.ref, children: [meanNode(t, t.meanOfRates, d.members, d.mean, d.rounding, names)] });
    case 'rate-of-means': {
      const p = f.factor.id === 'pm25Rate' ? 'PM2.5' : 'PM10';
      const l = plain(d.lastYear.rounding.after);
      const c = plain(d.thisYear.rounding.after);
      return node('baseline', `${t.baseline(groupName)}${t.colon}${value}`, {
        value,
        ref: d.ref,
        children: [
          meanNode(t, t.thisMonth(p), d.thisYear.members, d.thisYear.mean, d.thisYear.rounding, names),
          meanNode(t, t.lastYear(p), d.lastYear.members, d.lastYear.mean, d.lastYear.rounding, names),
          node('rate', `${t.groupRate(l, c)} = ${approx(d.rounding.before)} → ${plain(d.rounding.after)}`, { value, ref: d.ref, children: [roundingNode(t, d.rounding)] }),
        ],
      });
    }
  }
}

function valueNode(t: Texts, f: FactorSettlement, c: CountySettlement): TraceNode {
  const d = f.valueDerivation;
  const src = c.record.sources;
  switch (d.kind) {
    case 'concentration':
      return node('value', `${t.unitValue}${t.colon}${plain(f.value)}`, { value: plain(f.value), children: [inputNode(t.thisMonth(t.label[d.pollutant]), d.rounding, src?.[d.pollutant], t)] });
    case 'count':
      return node('value', `${t.unitValue}${t.colon}${plain(f.value)}`, { value: plain(f.value), children: [node('input', `${t.goodDays}${t.colon}${plain(d.value)}`, { value: plain(d.value), ...(src?.goodDays ? { source: src.goodDays } : {}) })] });
    case 'rate': {
      const p = t.label[d.pollutant];
      const l = plain(d.lastYear.after);
      const cv = plain(d.thisYear.after);
      return node('value', `${t.unitValue}${t.colon}${plain(f.value)}`, {
        value: plain(f.value),
        children: [
          inputNode(t.thisMonth(p), d.thisYear, src?.[d.pollutant], t),
          inputNode(t.lastYear(p), d.lastYear, d.pollutant === 'pm25' ? src?.pm25LastYear : src?.pm10LastYear, t),
          node('rate', `${t.rate(l, cv)} = ${approx(d.rounding.before)} → ${plain(d.rounding.after)}`, { value: plain(f.value), ref: d.rounding.ref, children: [roundingNode(t, d.rounding)] }),
        ],
      });
    }
  }
}

function gateNodes(t: Texts, f: FactorSettlement, m: MonthSettlement, c: CountySettlement): TraceNode[] {
  const s = m.schedule;
  const out: TraceNode[] = [];
  const check = f.targetCheck;
  if (check === null) out.push(node('target', t.targetNone, { ref: firstTargetGate(s)?.ref }));
  else if (check.target === null) out.push(node('target', t.targetMissing(t.label[check.indicator]), { ref: check.ref }));
  else {
    const atMost = check.indicator !== 'goodDays';
    const op = check.met ? (atMost ? '≤' : '≥') : atMost ? '>' : '<';
    const args = [t.label[check.indicator], plain(check.actual), op, plain(check.target)] as const;
    let text = check.met ? t.targetMet(...args) : t.targetMissed(...args);
    if (!check.met && f.cancelled === 'target') text += ` ${t.cancelledTarget(signed(f.bandAmount))}`;
    if (!check.met && f.side === 'deduction') text += t.deductionStands;
    const source = c.record.sources?.targets?.[check.indicator];
    out.push(node('target', text, { ref: check.ref, ...(source ? { source } : {}), data: { target: plain(check.target), actual: plain(check.actual), met: String(check.met) } }));
  }
  let province = m.provinceSource === null ? t.provinceNone : m.provincePayout ? t.provincePayout(m.provinceSource) : t.provinceReceive(m.provinceSource);
  const provinceGate = provinceGateOf(s);
  if (m.provincePayout && !provinceGate?.factors.includes(f.factor.id)) province += t.provinceNoGate;
  if (f.cancelled === 'province') province += ` ${t.cancelledTarget(signed(f.bandAmount))}`;
  out.push(node('province', province, { ref: provinceGate?.ref }));
  return out;
}

/** The scale the gap's side used: the deduction scale for a deduction, the reward scale for a reward. */
function scaleOf(f: FactorSettlement): Scale | null {
  return f.side === 'none' ? null : f.factor[f.side];
}

function factorTrace(t: Texts, f: FactorSettlement, m: MonthSettlement, c: CountySettlement, names: (id: string) => string): TraceNode {
  const group = m.groups.find((g) => g.group.id === c.group.id)!;
  const unit = f.factor.gapUnit;
  const amountUnit = unitIn(t, m.schedule.amountUnit.value);
  const gapText = `${(MEASURES[f.factor.id].worseWhen === 'above' ? t.gapAbove : t.gapBelow)(plain(f.value), plain(f.baseline))} = ${quantity(t, f.gap, unit)}`;
  const direction = f.side === 'deduction' ? t.worse : f.side === 'reward' ? t.better : t.level;
  const children: TraceNode[] = [
    valueNode(t, f, c),
    baselineNode(t, f, group.derivation[f.factor.id]!, group.group.name, names),
    node('gap', `${gapText}${t.sep}${direction}`, { value: plain(f.gap), ref: f.clause }),
  ];
  if (f.belowMinimum) {
    children.push(node('bands', t.belowMinimum(quantity(t, f.gap.abs(), unit), quantity(t, scaleOf(f)!.minimumGap.value, unit)), { value: '0', ref: scaleOf(f)!.minimumGap.ref }));
  } else if (f.pieces.length > 0) {
    const pieces = f.pieces.map((p) =>
      node('band', `${t.band(quantity(t, p.quantity, unit), plain(p.rate))} = ${plain(p.amount)}`, {
        value: plain(p.amount),
        ref: p.ref,
        data: { from: plain(p.from), to: p.to === null ? '' : plain(p.to), quantity: plain(p.quantity), rate: plain(p.rate), amount: plain(p.amount) },
      }),
    );
    const summary = f.pieces.map((p) => `${quantity(t, p.quantity, unit)} × ${plain(p.rate)} = ${plain(p.amount)}`).join(t.sep);
    children.push(node('bands', `${t.bands}${t.colon}${summary}`, { value: plain(f.bandAmount.abs()), ref: f.clause, children: pieces }));
  }
  if (f.oneWay) children.push(node('direction', t.oneWay(f.side), { ref: f.factor.ref }));
  children.push(...gateNodes(t, f, m, c));
  const note = f.cancelled ? t.cancelledNote(signed(f.bandAmount)) : '';
  children.push(node('amount', `${t.amount}${t.colon}${signed(f.amount)} ${amountUnit}${note}`, { value: plain(f.amount), ref: f.clause }));
  return node('factor', `${f.factor.name} (${f.factor.id})${t.colon}${signed(f.amount)} ${amountUnit}`, { value: plain(f.amount), ref: f.clause, children });
}

function totalTrace(t: Texts, c: CountySettlement, unit: string): TraceNode {
  const children: TraceNode[] = [];
  if (c.capped?.deductions) children.push(node('cap', t.capped(t.deductions, plain(c.capped.deductions.before), plain(c.capped.deductions.cap)), { ref: c.capped.ref }));
  if (c.capped?.rewards) children.push(node('cap', t.capped(t.rewards, plain(c.capped.rewards.before), plain(c.capped.rewards.cap)), { ref: c.capped.ref }));
  return node('total', `${t.total(plain(c.deductions), plain(c.rewards), signed(c.net))} ${unitIn(t, unit)}`, {
    value: plain(c.net),
    data: { deductions: plain(c.deductions), rewards: plain(c.rewards), net: plain(c.net) },
    children,
  });
}

/** The derivation of every amount of one unit in one settled month (or of the factors asked for). */
export function explainCounty(m: MonthSettlement, unitId: string, lang: Lang, factors?: readonly FactorId[]): UnitTrace {
  const c = m.counties.find((x) => x.unit.id === unitId);
  if (!c) throw new Error(`unit ${unitId} is not in the settlement of ${m.month}`);
  const t = T[lang];
  const schedule: Schedule = m.schedule;
  const names = (id: string) => schedule.units.find((u) => u.id === id)?.name ?? id;
  return {
    traceVersion: 1,
    lang,
    schedule: schedule.id,
    document: schedule.document,
    month: m.month,
    county: c.unit.name,
    id: c.unit.id,
    group: c.group.id,
    ...(m.provisional ? { provisionalThrough: m.provisional.through } : {}),
    factors: c.factors.filter((f) => !factors || factors.includes(f.factor.id)).map((f) => factorTrace(t, f, m, c, names)),
    total: totalTrace(t, c, schedule.amountUnit.value),
  };
}

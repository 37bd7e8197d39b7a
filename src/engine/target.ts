/**
 * Break-even values (issue 13, `ecocomp target`): holding the other units as they are, what one unit's PM2.5, PM10
 * or good days would have had to be for each factor's amount to be zero or a reward, where each band of 第四条
 * begins, and at what value its net for the month would have been ≥ 0.
 *
 * Solved exactly, not by a formula: the unit's value is tried at every point of the scale the schedule rounds it
 * to (whole μg and whole days under the built-in schedule, D3/D8), each try a full settlement of the month through
 * the same engine — so the unit's own effect on its group's baseline (第四条 考核基数, D1/D5), the rounding (D2),
 * the minimum gap (D6) and the target gates of 第五条 are all in the answer. Pure: no I/O, no wording.
 */
import { Dec } from '../core/decimal.js';
import { daysInMonth } from '../core/month.js';
import { monthAlone, withUnitRecord } from './checked.js';
import { PLAUSIBLE_MAX } from '../schedule/measures.js';
import { settleEach } from './settle.js';
import type { CheckedMonth, FactorSettlement, MonthSettlement } from './types.js';
import type { Reference } from '../schedule/reference.js';

export type PlanIndicator = 'pm25' | 'pm10' | 'goodDays';

/** A run of values over which a factor stays on one side, in one band, gated or not. */
export interface Segment {
  /** The first and last value of the run, in the order worse → better. */
  from: Dec;
  to: Dec;
  side: FactorSettlement['side'];
  /** How many bands of the scale the gap reaches (0: none — below the minimum gap, or no gap). */
  bands: number;
  cancelled: FactorSettlement['cancelled'];
  amountFrom: Dec;
  amountTo: Dec;
}

export interface FactorPlan {
  factorId: string;
  name: string;
  clause: Reference;
  actualAmount: Dec;
  /**
   * The value nearest to the actual one, going better, at which the amount is zero or a reward; the actual value
   * itself when it already is; null when no value on the scale gets there.
   */
  breakEven: { value: Dec; amount: Dec } | null;
  /** The whole scale, worse → better, in runs of one band. */
  segments: Segment[];
}

export interface IndicatorPlan {
  indicator: PlanIndicator;
  actual: Dec;
  /** The scale's step (1 μg, 1 day) and its ends, worse first. */
  step: Dec;
  worst: Dec;
  best: Dec;
  better: 'lower' | 'higher';
  factors: FactorPlan[];
  /** The value nearest to the actual one, going better, at which the unit's net is ≥ 0 (null: none on the scale). */
  netBreakEven: { value: Dec; net: Dec } | null;
}

export interface UnitPlan {
  month: string;
  /** A month-to-date standing (预估): the day its figures reach; null for a settled month. */
  provisionalThrough: string | null;
  unitId: string;
  name: string;
  net: Dec;
  indicators: IndicatorPlan[];
}

/** The highest value tried for a concentration: the plausible maximum the data readers accept. */
const CONCENTRATION_MAX = PLAUSIBLE_MAX;

interface Scale {
  values: Dec[];
  step: Dec;
  better: 'lower' | 'higher';
}

/** The values a unit's indicator can take once rounded, worse → better. */
function scaleOf(m: CheckedMonth, indicator: PlanIndicator): Scale {
  if (indicator === 'goodDays') {
    const days = daysInMonth(m.month);
    return { values: Array.from({ length: days + 1 }, (_, i) => new Dec(i)), step: new Dec(1), better: 'higher' };
  }
  const decimals = m.schedule.computation.concentrationDecimals.value;
  const step = new Dec(10).pow(-decimals);
  const n = CONCENTRATION_MAX.div(step).toNumber();
  return { values: Array.from({ length: n + 1 }, (_, i) => CONCENTRATION_MAX.minus(step.times(i))), step, better: 'lower' };
}

function unitOf(m: CheckedMonth, unitId: string) {
  for (const g of m.groups) for (const u of g.members) if (u.unit.id === unitId) return u;
  return undefined;
}

/** The factors whose amount moves with the indicator: its concentration, its rate, or good days. */
function dependsOn(f: FactorSettlement, indicator: PlanIndicator): boolean {
  const d = f.valueDerivation;
  if (indicator === 'goodDays') return d.kind === 'count' || f.targetCheck?.indicator === 'goodDays';
  return ((d.kind === 'concentration' || d.kind === 'rate') && d.pollutant === indicator) || f.targetCheck?.indicator === indicator;
}

const bandKey = (f: FactorSettlement) => `${f.side}:${f.pieces.length}:${f.cancelled ?? ''}`;

function segmentsOf(values: readonly Dec[], factorAt: (i: number) => FactorSettlement): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i < values.length && bandKey(factorAt(i)) === bandKey(factorAt(start))) continue;
    const first = factorAt(start);
    const last = factorAt(i - 1);
    segments.push({ from: values[start]!, to: values[i - 1]!, side: first.side, bands: first.pieces.length, cancelled: first.cancelled, amountFrom: first.amount, amountTo: last.amount });
    start = i;
  }
  return segments;
}

/** The first index from `from` on (towards better) where `ok` holds. */
function firstFrom(from: number, length: number, ok: (i: number) => boolean): number | null {
  for (let i = from; i < length; i++) if (ok(i)) return i;
  return null;
}

function planIndicator(m: CheckedMonth, unitId: string, indicator: PlanIndicator, actualMonth: MonthSettlement): IndicatorPlan | null {
  const unit = unitOf(m, unitId);
  const actual = unit?.record[indicator];
  if (!unit || actual === undefined) return null;
  const county = (s: MonthSettlement) => s.counties.find((c) => c.unit.id === unitId);
  const actualCounty = county(actualMonth);
  const factorIds = (actualCounty?.factors ?? []).filter((f) => dependsOn(f, indicator)).map((f) => f.factor.id);
  if (!actualCounty || factorIds.length === 0) return null;
  const scale = scaleOf(m, indicator);
  const settled = scale.values.map((v) => {
    const s = [...settleEach(monthAlone(withUnitRecord(m, unitId, { ...unit.record, [indicator]: v })))][0];
    const c = s && county(s);
    if (!c) throw new Error(`internal: ${unitId} not settled at ${indicator} ${v.toFixed()}`);
    return c;
  });
  // The actual value may lie between two points of the scale (it is rounded before it counts): start at the
  // first point no worse than it.
  const start = scale.values.findIndex((v) => (scale.better === 'lower' ? v.lte(actual) : v.gte(actual)));
  const factorAt = (id: string) => (i: number) => settled[i]!.factors.find((f) => f.factor.id === id)!;
  const factors = factorIds.map((id): FactorPlan => {
    const at = factorAt(id);
    const f = actualCounty.factors.find((x) => x.factor.id === id)!;
    const i = f.amount.gte(0) ? -1 : firstFrom(Math.max(start, 0), scale.values.length, (k) => at(k).amount.gte(0));
    return {
      factorId: id,
      name: f.factor.name,
      clause: f.clause,
      actualAmount: f.amount,
      breakEven: i === -1 ? { value: actual, amount: f.amount } : i === null ? null : { value: scale.values[i]!, amount: at(i).amount },
      segments: segmentsOf(scale.values, at),
    };
  });
  const netAt = firstFrom(Math.max(start, 0), scale.values.length, (k) => settled[k]!.net.gte(0));
  return {
    indicator,
    actual,
    step: scale.step,
    worst: scale.values[0]!,
    best: scale.values[scale.values.length - 1]!,
    better: scale.better,
    factors,
    netBreakEven: actualCounty.net.gte(0) ? { value: actual, net: actualCounty.net } : netAt === null ? null : { value: scale.values[netAt]!, net: settled[netAt]!.net },
  };
}

/**
 * The planning sheet of one unit for one checked month. Only the unit's own group is settled again: a group's
 * baselines are its members' alone (第四条), so the other group cannot move this unit's amounts.
 */
export function planUnit(month: CheckedMonth, unitId: string): UnitPlan | null {
  const m: CheckedMonth = { ...month, groups: month.groups.filter((g) => g.members.some((u) => u.unit.id === unitId)) };
  const actualMonth = [...settleEach(monthAlone(m))][0];
  const county = actualMonth?.counties.find((c) => c.unit.id === unitId);
  if (!actualMonth || !county) return null;
  const indicators = (['pm25', 'pm10', 'goodDays'] as const).map((x) => planIndicator(m, unitId, x, actualMonth)).filter((p): p is IndicatorPlan => p !== null);
  return { month: m.month, provisionalThrough: m.provisional?.through ?? null, unitId, name: county.unit.name, net: county.net, indicators };
}

/**
 * The settlement of 许政办〔2022〕39号 (and of any schedule in the same format): pure, no I/O.
 * Data and schedules in, a settlement out; every amount carries its derivation and clause.
 * A case the rules do not cover (a group member missing, a month no schedule is in force for)
 * stops the run with the reasons instead of producing a figure.
 */
import { Dec, ZERO, mean, roundTo, sum } from '../core/decimal.js';
import type { Dec as Decimal } from '../core/decimal.js';
import { tierAmount } from './bands.js';
import { MEASURES, TARGET_MET_WHEN, neededInputs, type Pollutant } from '../schedule/measures.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import type { FactorRule, GroupRule, Schedule, UnitRule } from '../schedule/format.js';
import { describeSet, scheduleForMonth } from '../schedule/set.js';
import type {
  BaselineDerivation,
  CountySettlement,
  FactorSettlement,
  GroupSettlement,
  MemberValue,
  Month,
  MonthSettlement,
  Rounding,
  Settlement,
  SettlementInput,
  SettlementWarning,
  SuppliedBaseline,
  TargetCheck,
  UnitMonthRecord,
  ValueDerivation,
} from './types.js';
import type { FactorId } from '../core/factors.js';

/** Settles every month of the input under the schedule in force for it. */
export function settle(input: SettlementInput, schedules: Schedule | readonly Schedule[]): Settlement {
  const set = asSet(schedules);
  const refusals = checkInput(input, set);
  if (refusals.length > 0) throw new ProblemsError(refusals);
  return { months: [...settleEach(input, set)] };
}

function asSet(schedules: Schedule | readonly Schedule[]): readonly Schedule[] {
  return Array.isArray(schedules) ? (schedules as readonly Schedule[]) : [schedules as Schedule];
}

function recordsByMonth(input: SettlementInput): Map<Month, UnitMonthRecord[]> {
  const byMonth = new Map<Month, UnitMonthRecord[]>();
  for (const r of input.records) {
    const list = byMonth.get(r.month);
    if (list) list.push(r);
    else byMonth.set(r.month, [r]);
  }
  return byMonth;
}

/** Every reason to refuse the input, for all months at once (before any month is settled or written). */
export function checkInput(input: SettlementInput, schedules: Schedule | readonly Schedule[]): Problem[] {
  const set = asSet(schedules);
  return [...recordsByMonth(input)].flatMap(([month, records]) => checkMonth(month, records, set, input));
}

/**
 * The months one at a time, in order, so that a caller can write each and let it go: a scheme of thousands
 * of units over ten years does not fit in memory at once. The input must have passed checkInput.
 */
export function* settleEach(input: SettlementInput, schedules: Schedule | readonly Schedule[]): Generator<MonthSettlement> {
  const set = asSet(schedules);
  const byMonth = recordsByMonth(input);
  // Each month's units as its own schedule names them: a unit renamed by a later schedule keeps its earlier name
  // in the months settled under the earlier one.
  const unitsOf = new Map(set.map((s) => [s, new Map(s.units.map((u) => [u.id, u] as const))]));
  for (const m of [...byMonth.keys()].sort()) {
    const schedule = scheduleForMonth(set, m)!;
    yield settleMonth(m, byMonth.get(m)!, input, schedule, unitsOf.get(schedule)!);
  }
}

function where(record: UnitMonthRecord | undefined): Pick<Problem, 'file' | 'line'> {
  const row = record?.sources?.row;
  return row ? { file: row.file, line: row.line } : { file: '(input)' };
}

function unitName(schedule: Schedule, unitId: string): string {
  return schedule.units.find((u) => u.id === unitId)?.name ?? unitId;
}

/**
 * D9: a group is settled only with all its members. One message per incomplete group, naming the
 * members missing from `present` (unit ids with data for the month).
 */
export function incompleteGroups(month: Month, present: ReadonlySet<string>, schedule: Schedule): string[] {
  return schedule.groups.flatMap((g) => {
    const missing = g.members.filter((m) => !present.has(m));
    if (missing.length === 0) return [];
    return [`${month}: ${g.name} lacks ${missing.map((m) => unitName(schedule, m)).join('、')}; a group is settled only with all its members (${schedule.computation.missingMember.ref})`];
  });
}

function suppliedFor(input: SettlementInput, month: Month, groupId: string): SuppliedBaseline | undefined {
  return input.baselines?.find((b) => b.month === month && b.groupId === groupId);
}

/** The preconditions of settling a month; each broken one is a reason to refuse, never a default. */
function checkMonth(month: Month, records: UnitMonthRecord[], set: readonly Schedule[], input: SettlementInput): Problem[] {
  const schedule = scheduleForMonth(set, month);
  if (!schedule) return [{ ...where(records[0]), message: `no schedule is in force for ${month}: ${describeSet(set)}` }];
  const problems: Problem[] = [];
  const seen = new Map<string, UnitMonthRecord>();
  const known = new Set(schedule.units.map((u) => u.id));
  for (const r of records) {
    const first = seen.get(r.unitId);
    if (!known.has(r.unitId)) {
      problems.push({ ...where(r), message: `unit "${r.unitId}" is not in schedule ${schedule.id}, in force for ${month}` });
    } else if (first) {
      problems.push({ ...where(r), message: `${month} ${unitName(schedule, r.unitId)} appears twice (also at ${where(first).file}:${where(first).line ?? '?'})` });
    } else seen.set(r.unitId, r);
  }
  problems.push(...incompleteGroups(month, new Set(seen.keys()), schedule).map((message) => ({ ...where(records[0]), message })));
  const needs = neededInputs(schedule);
  const label = { pm25: 'PM2.5', pm10: 'PM10', goodDays: 'good days' } as const;
  for (const r of seen.values()) {
    const name = `${month} ${unitName(schedule, r.unitId)}`;
    for (const k of ['pm25', 'pm10', 'goodDays'] as const) {
      if (needs[k] && r[k] === undefined) problems.push({ ...where(r), message: `${name}: no ${label[k]} value, which schedule ${schedule.id} needs` });
    }
    for (const p of ['pm25', 'pm10'] as const) {
      if (!needs.lastYear[p]) continue;
      const ly = lastYearOf(r, p);
      if (ly === undefined) {
        problems.push({ ...where(r), message: `${name}: no last-year ${label[p]} value, needed for the improvement rate` });
      } else if (!roundTo(ly, schedule.computation.concentrationDecimals.value, schedule.computation.rounding.value).gt(0)) {
        problems.push({ ...where(r), message: `${name}: last-year ${label[p]} ${ly.toFixed()} rounds to 0; the improvement rate divides by it` });
      }
    }
  }
  if (schedule.computation.baselineStatistic.value === 'supplied') {
    for (const g of schedule.groups) {
      const given = suppliedFor(input, month, g.id);
      const missing = schedule.factors.filter((f) => given?.values[f.id] === undefined).map((f) => f.id);
      if (missing.length > 0) {
        problems.push({ ...where(records[0]), message: `${month} ${g.name}: schedule ${schedule.id} takes baselines as supplied (D1), and none is given for ${missing.join(', ')}` });
      }
    }
  }
  return problems;
}

function lastYearOf(r: UnitMonthRecord, p: Pollutant): Decimal | undefined {
  return p === 'pm25' ? r.pm25LastYear : r.pm10LastYear;
}

function roundValue(before: Decimal, decimals: number, schedule: Schedule, ref: string): Rounding {
  const rule = schedule.computation.rounding.value;
  return { rule, decimals, before, after: roundTo(before, decimals, rule), ref, ruleRef: schedule.computation.rounding.ref };
}

/** Per unit: the rounded concentrations of this year and last year, and the improvement rates (Art. 3 同比改善率). */
interface UnitValues {
  concentration: Partial<Record<Pollutant, Rounding>>;
  lastYear: Partial<Record<Pollutant, Rounding>>;
  rate: Partial<Record<Pollutant, Rounding>>;
  goodDays?: Decimal;
}

function unitValues(r: UnitMonthRecord, schedule: Schedule): UnitValues {
  const c = schedule.computation;
  const v: UnitValues = { concentration: {}, lastYear: {}, rate: {}, ...(r.goodDays ? { goodDays: r.goodDays } : {}) };
  for (const p of ['pm25', 'pm10'] as const) {
    const raw = r[p];
    if (raw === undefined) continue;
    const thisYear = roundValue(raw, c.concentrationDecimals.value, schedule, c.concentrationDecimals.ref);
    v.concentration[p] = thisYear;
    const ly = lastYearOf(r, p);
    if (ly === undefined) continue;
    const lastYear = roundValue(ly, c.concentrationDecimals.value, schedule, c.concentrationDecimals.ref);
    v.lastYear[p] = lastYear;
    v.rate[p] = roundValue(improvementRate(lastYear.after, thisYear.after), c.rateDecimals.value, schedule, c.rateDecimals.ref);
  }
  return v;
}

/** Art. 3 同比改善率 in percent: (last year − this year) / last year × 100; positive is cleaner. */
function improvementRate(lastYear: Decimal, thisYear: Decimal): Decimal {
  return lastYear.minus(thisYear).times(100).div(lastYear);
}

function valueOf(id: FactorId, v: UnitValues): { value: Decimal; derivation: ValueDerivation } {
  const m = MEASURES[id];
  switch (m.kind) {
    case 'concentration': {
      const rounding = v.concentration[m.pollutant]!;
      return { value: rounding.after, derivation: { kind: 'concentration', pollutant: m.pollutant, rounding } };
    }
    case 'rate': {
      const rounding = v.rate[m.pollutant]!;
      return {
        value: rounding.after,
        derivation: { kind: 'rate', pollutant: m.pollutant, thisYear: v.concentration[m.pollutant]!, lastYear: v.lastYear[m.pollutant]!, rounding },
      };
    }
    case 'goodDays':
      return { value: v.goodDays!, derivation: { kind: 'count', value: v.goodDays! } };
  }
}

function groupBaseline(
  id: FactorId,
  members: { unitId: string; values: UnitValues }[],
  schedule: Schedule,
  supplied: SuppliedBaseline | undefined,
): BaselineDerivation {
  const c = schedule.computation;
  if (c.baselineStatistic.value === 'supplied') {
    return { kind: 'supplied', value: supplied!.values[id]!, ...(supplied!.source ? { source: supplied!.source } : {}), ref: c.baselineStatistic.ref };
  }
  const m = MEASURES[id];
  const averaged = (pick: (v: UnitValues) => Decimal, decimals: number, ref: string) => {
    const list: MemberValue[] = members.map((x) => ({ unitId: x.unitId, value: pick(x.values) }));
    const avg = mean(list.map((x) => x.value));
    return { members: list, mean: avg, rounding: roundValue(avg, decimals, schedule, ref) };
  };
  const ref = c.baselineStatistic.ref;
  switch (m.kind) {
    case 'concentration':
      return { kind: 'mean', ...averaged((v) => v.concentration[m.pollutant]!.after, c.concentrationDecimals.value, c.concentrationDecimals.ref), ref };
    case 'goodDays':
      return { kind: 'mean', ...averaged((v) => v.goodDays!, c.goodDaysBaselineDecimals.value, c.goodDaysBaselineDecimals.ref), ref };
    case 'rate': {
      if (c.groupRate.value === 'mean-of-rates') {
        return { kind: 'mean-of-rates', ...averaged((v) => v.rate[m.pollutant]!.after, c.rateDecimals.value, c.rateDecimals.ref), ref: c.groupRate.ref };
      }
      const thisYear = averaged((v) => v.concentration[m.pollutant]!.after, c.concentrationDecimals.value, c.concentrationDecimals.ref);
      const lastYear = averaged((v) => v.lastYear[m.pollutant]!.after, c.concentrationDecimals.value, c.concentrationDecimals.ref);
      const rate = improvementRate(lastYear.rounding.after, thisYear.rounding.after);
      return { kind: 'rate-of-means', thisYear, lastYear, rounding: roundValue(rate, c.rateDecimals.value, schedule, c.rateDecimals.ref), ref: c.groupRate.ref };
    }
  }
}

function baselineValue(d: BaselineDerivation): Decimal {
  return d.kind === 'supplied' ? d.value : d.rounding.after;
}

function targetCheck(factor: FactorRule, values: UnitValues, record: UnitMonthRecord): TargetCheck | null {
  const indicator = factor.targetGate.indicator;
  if (indicator === null) return null;
  const actual = indicator === 'goodDays' ? values.goodDays! : values.concentration[indicator]!.after;
  const target = record.targets[indicator] ?? null;
  const met = target === null ? null : TARGET_MET_WHEN[indicator] === 'at-most' ? actual.lte(target) : actual.gte(target);
  return { indicator, actual, target, met, ref: factor.targetGate.ref };
}

function settleFactor(
  factor: FactorRule,
  values: UnitValues,
  baseline: Decimal,
  record: UnitMonthRecord,
  provincePayout: boolean,
  schedule: Schedule,
): FactorSettlement {
  const { value, derivation } = valueOf(factor.id, values);
  const gap = MEASURES[factor.id].worseWhen === 'above' ? value.minus(baseline) : baseline.minus(value);
  const side = gap.gt(0) ? 'deduction' : gap.lt(0) ? 'reward' : 'none';
  const { pieces, amount: magnitude, belowMinimum } = tierAmount(factor, gap.abs());
  const bandAmount = side === 'deduction' ? magnitude.neg() : magnitude;
  const check = targetCheck(factor, values, record);

  let amount = bandAmount;
  let cancelled: FactorSettlement['cancelled'] = null;
  const oneWay = (side === 'deduction' && factor.direction.value === 'rewards') || (side === 'reward' && factor.direction.value === 'deductions');
  if (oneWay) amount = ZERO;
  else if (side === 'reward' && magnitude.gt(0)) {
    // The province's verdict cancels every reward of the month, so it is named first when both apply.
    if (provincePayout && schedule.provinceGate.value === 'cancel-rewards') cancelled = 'province';
    else if (check?.met === false) cancelled = 'target';
    if (cancelled) amount = ZERO;
  }
  const clause = side === 'deduction' ? factor.clauses.deduction : side === 'reward' ? factor.clauses.reward : factor.clauses.factor;
  return {
    factor,
    value,
    valueDerivation: derivation,
    baseline,
    gap,
    side,
    belowMinimum,
    pieces,
    bandAmount,
    amount: amount.isZero() ? ZERO : amount,
    cancelled,
    oneWay,
    clause,
    targetCheck: check,
  };
}

/** PM2.5 is part of PM10: a monthly mean of PM2.5 above that of PM10 cannot both be right. */
export function pm25AbovePm10(r: Pick<UnitMonthRecord, 'pm25' | 'pm10'>): boolean {
  return r.pm25 !== undefined && r.pm10 !== undefined && r.pm25.gt(r.pm10);
}

const RATE_FLOOR = new Dec(-100);

/** A unit's implausible values: they do not change a figure, but whoever settles should look at them. */
function unitWarnings(r: UnitMonthRecord, v: UnitValues): SettlementWarning[] {
  const warnings: SettlementWarning[] = [];
  const source = r.sources?.row;
  if (pm25AbovePm10(r)) warnings.push({ code: 'W-PM25-ABOVE-PM10', unitId: r.unitId, pm25: r.pm25!, pm10: r.pm10!, ...(source ? { source } : {}) });
  for (const p of ['pm25', 'pm10'] as const) {
    const rate = v.rate[p];
    if (rate === undefined || !rate.after.lt(RATE_FLOOR)) continue;
    const lastYearSource = r.sources?.[p === 'pm25' ? 'pm25LastYear' : 'pm10LastYear'] ?? source;
    warnings.push({
      code: 'W-RATE-BELOW-MINUS-100',
      unitId: r.unitId,
      pollutant: p,
      rate: rate.after,
      thisYear: v.concentration[p]!.after,
      lastYear: v.lastYear[p]!,
      ...(lastYearSource ? { source: lastYearSource } : {}),
    });
  }
  return warnings;
}

function settleMonth(month: Month, records: UnitMonthRecord[], input: SettlementInput, schedule: Schedule, units: ReadonlyMap<string, UnitRule>): MonthSettlement {
  const province = input.province.get(month);
  const provincePayout = province?.payout ?? false;
  const byUnit = new Map(records.map((r) => [r.unitId, r]));
  const groups: GroupSettlement[] = [];
  const counties: CountySettlement[] = [];
  const warnings: SettlementWarning[] = [];

  for (const group of schedule.groups) {
    const members = group.members.map((unitId) => ({ unitId, record: byUnit.get(unitId)!, values: unitValues(byUnit.get(unitId)!, schedule) }));
    const supplied = suppliedFor(input, month, group.id);
    const derivation: GroupSettlement['derivation'] = {};
    const baseline: GroupSettlement['baseline'] = {};
    for (const f of schedule.factors) {
      const d = groupBaseline(f.id, members, schedule, supplied);
      derivation[f.id] = d;
      baseline[f.id] = baselineValue(d);
    }
    groups.push({ group, baseline, derivation });

    for (const m of members) {
      warnings.push(...unitWarnings(m.record, m.values));
      const factors = schedule.factors.map((f) => settleFactor(f, m.values, baseline[f.id]!, m.record, provincePayout, schedule));
      counties.push(countyTotals(schedule, units.get(m.unitId)!, group, m.record, factors));
    }
  }

  const deductions = sum(counties.map((c) => c.deductions));
  const rewards = sum(counties.map((c) => c.rewards));
  const balance = deductions.minus(rewards);
  return {
    month,
    schedule,
    provincePayout,
    provinceSource: province?.source ?? null,
    groups,
    counties,
    totals: { deductions, rewards, surplus: Dec.max(balance, 0), shortfall: Dec.max(balance.neg(), 0) },
    warnings,
  };
}

/** A unit's month: the sum of its deductions and of its rewards, each held to the schedule's cap if it has one. */
function countyTotals(schedule: Schedule, unit: UnitRule, group: GroupRule, record: UnitMonthRecord, factors: FactorSettlement[]): CountySettlement {
  let deductions = sum(factors.filter((f) => f.amount.isNeg()).map((f) => f.amount.abs()));
  let rewards = sum(factors.filter((f) => f.amount.gt(0)).map((f) => f.amount));
  const caps = schedule.caps;
  let capped: CountySettlement['capped'] = null;
  if (caps.deductions !== null && deductions.gt(caps.deductions)) {
    capped = { ref: caps.ref, deductions: { before: deductions, cap: caps.deductions } };
    deductions = caps.deductions;
  }
  if (caps.rewards !== null && rewards.gt(caps.rewards)) {
    capped = { ref: caps.ref, ...capped, rewards: { before: rewards, cap: caps.rewards } };
    rewards = caps.rewards;
  }
  return { unit, group, record, factors, deductions, rewards, net: rewards.minus(deductions), capped };
}

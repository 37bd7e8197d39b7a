/**
 * The settlement of 许政办〔2022〕39号 (and of any schedule in the same format): pure, no I/O.
 * Data and schedules in, a settlement out; every amount carries its derivation and clause.
 * A case the rules do not cover (a group member missing, a month no schedule is in force for)
 * stops the run with the reasons instead of producing a figure.
 */
import { Dec, ZERO, mean, roundTo, sum } from '../core/decimal.js';
import type { Dec as Decimal } from '../core/decimal.js';
import { MEASURES } from '../schedule/measures.js';
import type { FactorRule, GroupRule, Reference, Schedule, UnitRule } from '../schedule/format.js';
import { tierAmount } from './bands.js';
import { CANCELLATION, cancellingGate, targetCheck } from './gates.js';
import { pm25AbovePm10, prepareRecords } from './prepare.js';
import type {
  BaselineDerivation,
  CheckedGroup,
  CheckedInput,
  CheckedMonth,
  CheckedUnit,
  CountySettlement,
  FactorInput,
  FactorSettlement,
  GroupSettlement,
  MemberValue,
  MonthSettlement,
  Rounding,
  Settlement,
  SettlementInput,
  SettlementWarning,
  UnitMonthRecord,
  ValueDerivation,
} from './types.js';

/** Settles every month of the input, each under the schedule in force for it (the input is checked first). */
export function settle(input: SettlementInput, schedules: Schedule | readonly Schedule[]): Settlement {
  const set = Array.isArray(schedules) ? (schedules as readonly Schedule[]) : [schedules as Schedule];
  return { months: [...settleEach(prepareRecords(input, set).checked)] };
}

/**
 * The months one at a time, in order, so that a caller can write each and let it go: a scheme of thousands
 * of units over ten years does not fit in memory at once.
 */
export function* settleEach(input: CheckedInput): Generator<MonthSettlement> {
  for (const m of input.months) yield settleMonth(m);
}

function roundValue(before: Decimal, decimals: number, schedule: Schedule, ref: Reference): Rounding {
  const rule = schedule.computation.rounding.value;
  return { rule, decimals, before, after: roundTo(before, decimals, rule), ref, ruleRef: schedule.computation.rounding.ref };
}

/** Art. 3 同比改善率 in percent: (last year − this year) / last year × 100; positive is cleaner. */
function improvementRate(lastYear: Decimal, thisYear: Decimal): Decimal {
  return lastYear.minus(thisYear).times(100).div(lastYear);
}

/** A unit's value for a factor, rounded as its schedule says, with how it was obtained. */
interface UnitValue {
  value: Decimal;
  derivation: ValueDerivation;
}

function valueOf(input: FactorInput, schedule: Schedule): UnitValue {
  const c = schedule.computation;
  switch (input.kind) {
    case 'concentration': {
      const rounding = roundValue(input.value, c.concentrationDecimals.value, schedule, c.concentrationDecimals.ref);
      return { value: rounding.after, derivation: { kind: 'concentration', pollutant: input.pollutant, rounding } };
    }
    case 'rate': {
      const thisYear = roundValue(input.thisYear, c.concentrationDecimals.value, schedule, c.concentrationDecimals.ref);
      const lastYear = roundValue(input.lastYear, c.concentrationDecimals.value, schedule, c.concentrationDecimals.ref);
      const rounding = roundValue(improvementRate(lastYear.after, thisYear.after), c.rateDecimals.value, schedule, c.rateDecimals.ref);
      return { value: rounding.after, derivation: { kind: 'rate', pollutant: input.pollutant, thisYear, lastYear, rounding } };
    }
    case 'count':
      return { value: input.value, derivation: { kind: 'count', value: input.value } };
  }
}

/** A group member's values, one for each factor of the schedule, in its order. */
interface Member {
  unit: CheckedUnit;
  values: UnitValue[];
}

/**
 * A group's baseline for the factor at `index` (第四条 考核基数): the mean of its members' values (D1), or for an
 * improvement rate the rate of the group's means (D5) or the mean of the members' rates; or supplied (D1).
 */
function groupBaseline(index: number, members: readonly Member[], schedule: Schedule, supplied: CheckedGroup['supplied']): BaselineDerivation {
  const c = schedule.computation;
  if (supplied !== null) {
    return { kind: 'supplied', value: supplied.values[index] as Decimal, ...(supplied.source ? { source: supplied.source } : {}), ref: c.baselineStatistic.ref };
  }
  const averaged = (pick: (v: UnitValue) => Decimal, decimals: number, ref: Reference) => {
    const list: MemberValue[] = members.map((x) => ({ unitId: x.unit.unit.id, value: pick(x.values[index] as UnitValue) }));
    const avg = mean(list.map((x) => x.value));
    return { members: list, mean: avg, rounding: roundValue(avg, decimals, schedule, ref) };
  };
  const ref = c.baselineStatistic.ref;
  const kind = (members[0]?.values[index] as UnitValue).derivation.kind;
  if (kind === 'concentration') return { kind: 'mean', ...averaged((v) => v.value, c.concentrationDecimals.value, c.concentrationDecimals.ref), ref };
  if (kind === 'count') return { kind: 'mean', ...averaged((v) => v.value, c.goodDaysBaselineDecimals.value, c.goodDaysBaselineDecimals.ref), ref };
  if (c.groupRate.value === 'mean-of-rates') {
    return { kind: 'mean-of-rates', ...averaged((v) => v.value, c.rateDecimals.value, c.rateDecimals.ref), ref: c.groupRate.ref };
  }
  const yearOf = (which: 'thisYear' | 'lastYear') => (v: UnitValue) => (v.derivation.kind === 'rate' ? v.derivation[which].after : v.value);
  const thisYear = averaged(yearOf('thisYear'), c.concentrationDecimals.value, c.concentrationDecimals.ref);
  const lastYear = averaged(yearOf('lastYear'), c.concentrationDecimals.value, c.concentrationDecimals.ref);
  const rate = improvementRate(lastYear.rounding.after, thisYear.rounding.after);
  return { kind: 'rate-of-means', thisYear, lastYear, rounding: roundValue(rate, c.rateDecimals.value, schedule, c.rateDecimals.ref), ref: c.groupRate.ref };
}

function baselineValue(d: BaselineDerivation): Decimal {
  return d.kind === 'supplied' ? d.value : d.rounding.after;
}

function settleFactor(factor: FactorRule, input: FactorInput, own: UnitValue, baseline: Decimal, provincePayout: boolean, schedule: Schedule): FactorSettlement {
  const { value, derivation } = own;
  const gap = MEASURES[factor.id].worseWhen === 'above' ? value.minus(baseline) : baseline.minus(value);
  const side = gap.gt(0) ? 'deduction' : gap.lt(0) ? 'reward' : 'none';
  // 第四条 states each direction in its own clause: the side of the gap picks the scale; without one, nothing is due.
  const scale = side === 'none' ? null : factor[side];
  const oneWay = side !== 'none' && scale === null;
  const { pieces, amount: magnitude, belowMinimum } = scale ? tierAmount(scale, gap.abs()) : { pieces: [], amount: ZERO, belowMinimum: false };
  const bandAmount = side === 'deduction' ? magnitude.neg() : magnitude;
  const check = targetCheck(factor.id, input, schedule);
  const gate = side === 'reward' && magnitude.gt(0) ? cancellingGate(schedule, factor.id, { provincePayout, target: check }) : null;
  const amount = gate ? ZERO : bandAmount;
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
    cancelled: gate ? CANCELLATION[gate.condition] : null,
    cancelledBy: gate,
    oneWay,
    clause: scale?.ref ?? factor.ref,
    targetCheck: check,
  };
}

const RATE_FLOOR = new Dec(-100);

/** A unit's implausible values: they do not change a figure, but whoever settles should look at them. */
function unitWarnings(member: Member): SettlementWarning[] {
  const r = member.unit.record;
  const warnings: SettlementWarning[] = [];
  const source = r.sources?.row;
  if (r.pm25 !== undefined && r.pm10 !== undefined && pm25AbovePm10(r)) warnings.push({ code: 'W-PM25-ABOVE-PM10', unitId: r.unitId, pm25: r.pm25, pm10: r.pm10, ...(source ? { source } : {}) });
  for (const { derivation: d } of member.values) {
    if (d.kind !== 'rate' || !d.rounding.after.lt(RATE_FLOOR)) continue;
    const lastYearSource = r.sources?.[d.pollutant === 'pm25' ? 'pm25LastYear' : 'pm10LastYear'] ?? source;
    warnings.push({
      code: 'W-RATE-BELOW-MINUS-100',
      unitId: r.unitId,
      pollutant: d.pollutant,
      rate: d.rounding.after,
      thisYear: d.thisYear.after,
      lastYear: d.lastYear,
      ...(lastYearSource ? { source: lastYearSource } : {}),
    });
  }
  return warnings;
}

function settleMonth(m: CheckedMonth): MonthSettlement {
  const { month, schedule, province } = m;
  const provincePayout = province?.payout ?? false;
  const groups: GroupSettlement[] = [];
  const counties: CountySettlement[] = [];
  const warnings: SettlementWarning[] = [];

  for (const g of m.groups) {
    const members: Member[] = g.members.map((unit) => ({ unit, values: unit.inputs.map((input) => valueOf(input, schedule)) }));
    const derivation: GroupSettlement['derivation'] = {};
    const baseline: GroupSettlement['baseline'] = {};
    const baselines = schedule.factors.map((f, i) => {
      const d = groupBaseline(i, members, schedule, g.supplied);
      derivation[f.id] = d;
      baseline[f.id] = baselineValue(d);
      return baselineValue(d);
    });
    groups.push({ group: g.group, baseline, derivation });

    for (const member of members) {
      warnings.push(...unitWarnings(member));
      const factors = schedule.factors.map((f, i) => settleFactor(f, member.unit.inputs[i] as FactorInput, member.values[i] as UnitValue, baselines[i] as Decimal, provincePayout, schedule));
      counties.push(countyTotals(schedule, member.unit.unit, g.group, member.unit.record, factors));
    }
  }

  const deductions = sum(counties.map((c) => c.deductions));
  const rewards = sum(counties.map((c) => c.rewards));
  const balance = deductions.minus(rewards);
  return {
    month,
    schedule,
    provisional: m.provisional,
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

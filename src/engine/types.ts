import type { Dec, RoundingRule } from '../core/decimal.js';
import type { FactorRule, GateRule, GroupRule, Reference, Schedule, UnitRule } from '../schedule/format.js';

import type { Month } from '../core/month.js';
import type { SourceRef } from '../core/problems.js';
import type { FactorId, Indicator } from '../core/factors.js';
import type { MonthlyValues, Provisional, SuppliedBaseline } from '../core/rows.js';

export type { Month, SourceRef };


/**
 * One unit's data for a month being settled: its values as given (core/rows.ts MonthlyValues) with last year's
 * resolved — from its own cells or the row twelve months earlier — and where each value was read.
 */
export interface UnitMonthRecord extends MonthlyValues {
  month: Month;
  unitId: string;
  sources?: {
    row?: SourceRef;
    pm25?: SourceRef;
    pm10?: SourceRef;
    goodDays?: SourceRef;
    pm25LastYear?: SourceRef;
    pm10LastYear?: SourceRef;
    targets?: Partial<Record<Indicator, SourceRef>>;
  };
}

export interface ProvinceResult {
  /** true when the province settled the city as 支偿 (paying) for the month. */
  payout: boolean;
  /** Where the verdict came from, e.g. "--province-payout" or "province.csv:3". */
  source: string;
}


export interface SettlementInput {
  records: readonly UnitMonthRecord[];
  /** Needed only by schedules whose baselineStatistic is "supplied". */
  baselines?: readonly SuppliedBaseline[];
  /** Months absent from the map had no provincial result supplied and are settled as not paying. */
  province: ReadonlyMap<Month, ProvinceResult>;
}

/**
 * A settlement's input once engine/prepare.ts has checked it — the only thing settleEach takes, so that the
 * guarantee "every group complete, every value its schedule needs present" is in the type, not in a comment.
 */
export interface CheckedInput {
  readonly [checked]: true;
  readonly months: readonly CheckedMonth[];
}
declare const checked: unique symbol;

export interface CheckedMonth {
  month: Month;
  schedule: Schedule;
  /** The province's verdict (第五条); null when none was given: settled as not paying, and said so. */
  province: ProvinceResult | null;
  /** The schedule's groups in its order, each with every member. */
  groups: CheckedGroup[];
  /** A month-to-date standing (aggregate --provisional), not the month's result: the day its figures reach. */
  provisional: Provisional | null;
}

export interface CheckedGroup {
  group: GroupRule;
  /** Every member of the group, in the group's order (D9). */
  members: CheckedUnit[];
  /** Under a schedule that takes supplied baselines (D1), one for each factor, in the schedule's order; else null. */
  supplied: { values: Dec[]; source?: SourceRef } | null;
}

export interface CheckedUnit {
  unit: UnitRule;
  record: UnitMonthRecord;
  /** What each factor of the schedule settles on, in the schedule's order. */
  inputs: FactorInput[];
}

/** A unit's input for one factor: the value (or this year's and last year's) and, where gated, its target (第五条). */
export type FactorInput =
  | { kind: 'concentration'; pollutant: 'pm25' | 'pm10'; value: Dec; gate: GateInput | null }
  | { kind: 'rate'; pollutant: 'pm25' | 'pm10'; thisYear: Dec; lastYear: Dec; gate: GateInput | null }
  | { kind: 'count'; value: Dec; gate: GateInput | null };

/** The target gate of a factor (第五条): the indicator's value as given, and the month's target if one was given. */
export interface GateInput {
  indicator: Indicator;
  actual: Dec;
  target: Dec | null;
}

export interface Rounding {
  rule: RoundingRule;
  decimals: number;
  before: Dec;
  after: Dec;
  /** The decision that sets the number of decimals (D3, D4, D8). */
  ref: Reference;
  /** The decision that sets the rounding rule (D2). */
  ruleRef: Reference;
}

/** How a unit's value for a factor was obtained. */
export type ValueDerivation =
  | { kind: 'concentration'; pollutant: 'pm25' | 'pm10'; rounding: Rounding }
  | {
      kind: 'rate';
      pollutant: 'pm25' | 'pm10';
      thisYear: Rounding;
      lastYear: Rounding;
      /** (lastYear − thisYear) / lastYear × 100 before rounding. */
      rounding: Rounding;
    }
  | { kind: 'count'; value: Dec };

export interface MemberValue {
  unitId: string;
  value: Dec;
}

/** How a group's baseline for a factor was obtained (Art. 4 考核基数). */
export type BaselineDerivation =
  | { kind: 'mean'; members: MemberValue[]; mean: Dec; rounding: Rounding; ref: Reference }
  | {
      kind: 'rate-of-means';
      thisYear: { members: MemberValue[]; mean: Dec; rounding: Rounding };
      lastYear: { members: MemberValue[]; mean: Dec; rounding: Rounding };
      rounding: Rounding;
      ref: Reference;
    }
  | { kind: 'mean-of-rates'; members: MemberValue[]; mean: Dec; rounding: Rounding; ref: Reference }
  | { kind: 'supplied'; value: Dec; source?: SourceRef; ref: Reference };

export interface GroupSettlement {
  group: GroupRule;
  baseline: Partial<Record<FactorId, Dec>>;
  derivation: Partial<Record<FactorId, BaselineDerivation>>;
}

/** One band's share of a gap: `quantity × rate = amount`, e.g. 2.7 pp × 35 = 94.5. */
export interface BandPiece {
  from: Dec;
  to: Dec | null;
  quantity: Dec;
  rate: Dec;
  amount: Dec;
  ref: Reference;
}

export interface TargetCheck {
  indicator: Indicator;
  actual: Dec;
  /** null: no target was supplied, so the gate could not apply. */
  target: Dec | null;
  met: boolean | null;
  /** The 第五条 gate that compares the target. */
  ref: Reference;
}

export type Cancellation = 'target' | 'province';

export interface FactorSettlement {
  factor: FactorRule;
  value: Dec;
  valueDerivation: ValueDerivation;
  baseline: Dec;
  /** Positive: the unit did worse than its group. */
  gap: Dec;
  side: 'deduction' | 'reward' | 'none';
  /** The gap was non-zero but below the factor's minimum (D6), so nothing was charged. */
  belowMinimum: boolean;
  pieces: BandPiece[];
  /** Signed amount from the bands alone, before direction and gates. */
  bandAmount: Dec;
  /** Signed amount paid: reward positive, deduction negative (D12). */
  amount: Dec;
  cancelled: Cancellation | null;
  /** The 第五条 gate that cancelled the reward. */
  cancelledBy: GateRule | null;
  /** The factor has no scale on the gap's side (no reward scale for a reward, say), so nothing is settled. */
  oneWay: boolean;
  /** The scale's clause (第四条（一）1 for a PM2.5 deduction), or the factor's item for a zero gap. */
  clause: Reference;
  targetCheck: TargetCheck | null;
}

export interface CountySettlement {
  unit: UnitRule;
  group: GroupRule;
  record: UnitMonthRecord;
  factors: FactorSettlement[];
  /** Magnitude of all deductions, after the schedule's cap if any. */
  deductions: Dec;
  rewards: Dec;
  net: Dec;
  /** Set when a cap lowered the unit's deductions or rewards: the totals before the cap, and the cap. */
  capped: { deductions?: { before: Dec; cap: Dec }; rewards?: { before: Dec; cap: Dec }; ref: Reference } | null;
}

export interface MonthTotals {
  deductions: Dec;
  rewards: Dec;
  /** Art. 8: deductions left after rewards, to the city's special fund. */
  surplus: Dec;
  /** Art. 8: rewards beyond deductions, paid by city finance. */
  shortfall: Dec;
}

/**
 * Something implausible in a unit's month that does not stop the settlement: the figures stand as the
 * regulation computes them, and the caller shows the warning (the engine only reports it).
 */
export type SettlementWarning =
  | {
      /** PM2.5 is part of PM10, so a monthly PM2.5 above PM10 points at a wrong value. */
      code: 'W-PM25-ABOVE-PM10';
      unitId: string;
      pm25: Dec;
      pm10: Dec;
      source?: SourceRef;
    }
  | {
      /** An improvement rate below −100 %: this year more than twice last year, usually a tiny last-year value. */
      code: 'W-RATE-BELOW-MINUS-100';
      unitId: string;
      pollutant: 'pm25' | 'pm10';
      rate: Dec;
      thisYear: Dec;
      lastYear: Rounding;
      source?: SourceRef;
    };

export interface MonthSettlement {
  month: Month;
  schedule: Schedule;
  /**
   * Set when the month is a month-to-date standing from incomplete data (预估), never a settlement: the day its
   * figures reach, and last year's. Every output says so.
   */
  provisional: Provisional | null;
  provincePayout: boolean;
  /** Where the provincial result came from; null when none was supplied. */
  provinceSource: string | null;
  groups: GroupSettlement[];
  counties: CountySettlement[];
  totals: MonthTotals;
  /** Implausible values of the month, in the order of the counties; empty when there are none. */
  warnings: SettlementWarning[];
}

export interface Settlement {
  months: MonthSettlement[];
}

/**
 * Two settlements of the same months side by side (issue 13): the same data under two schedules (`compare`: a
 * reform against its base, as OpenFisca computes a reform beside the law), or the same schedule over edited data
 * (`whatif`). Pure: the settlements are made by the caller; this only lines them up and subtracts, exactly.
 *
 * Units are matched by id, months by month. A unit in one settlement only (a reform that regroups or renames the
 * units) is kept, with nothing on the other side, rather than dropped.
 */
import { ZERO, type Dec } from '../core/decimal.js';
import type { Month } from '../core/month.js';
import type { CountySettlement, MonthSettlement, MonthTotals, SettlementWarning } from './types.js';

/** What each side is, for titles: the schedules of a comparison (their titles and documents), the edits of a what-if. */
export type SideLabels = { kind: 'compare'; base: string; reform: string } | { kind: 'whatif'; schedules: string; edits: readonly string[] };

/** A unit's month as one side settled it. */
export interface UnitSide {
  group: string;
  deductions: Dec;
  rewards: Dec;
  net: Dec;
  /** Each factor's signed amount (reward +, deduction −), by factor id. */
  factors: Readonly<Record<string, Dec>>;
}

export interface FactorChange {
  factorId: string;
  name: string;
  before: Dec | null;
  after: Dec | null;
  change: Dec;
}

export interface UnitChange {
  unitId: string;
  name: string;
  before: UnitSide | null;
  after: UnitSide | null;
  /** after.net − before.net; a missing side counts as 0. */
  change: Dec;
  /** Only the factors whose amount differs, in the schedule's order. */
  factorChanges: FactorChange[];
}

export interface MonthChange {
  month: Month;
  /** A month-to-date standing (预估) on either side: the day its figures reach. */
  provisional: { through: string; lastYearThrough?: string } | null;
  units: UnitChange[];
  before: MonthTotals;
  after: MonthTotals;
  /** Implausible values each side settled as given (engine warnings), so that an edit to one is not silent. */
  warnings: { before: SettlementWarning[]; after: SettlementWarning[] };
}

export interface PeriodChange {
  unitId: string;
  name: string;
  before: Dec;
  after: Dec;
  change: Dec;
}

export interface Difference {
  months: MonthChange[];
  /** Over all months: each unit's net under each side (what a unit pays or receives over the period). */
  period: PeriodChange[];
  totals: { before: MonthTotals; after: MonthTotals };
}

function sideOf(c: CountySettlement): UnitSide {
  return {
    group: c.group.name,
    deductions: c.deductions,
    rewards: c.rewards,
    net: c.net,
    factors: Object.fromEntries(c.factors.map((f) => [f.factor.id, f.amount])),
  };
}

function factorChanges(before: CountySettlement | undefined, after: CountySettlement | undefined): FactorChange[] {
  const names = new Map<string, string>();
  for (const f of [...(before?.factors ?? []), ...(after?.factors ?? [])]) if (!names.has(f.factor.id)) names.set(f.factor.id, f.factor.name);
  const amount = (c: CountySettlement | undefined, id: string) => c?.factors.find((f) => f.factor.id === id)?.amount ?? null;
  const changes: FactorChange[] = [];
  for (const [factorId, name] of names) {
    const b = amount(before, factorId);
    const a = amount(after, factorId);
    const change = (a ?? ZERO).minus(b ?? ZERO);
    if (b === null || a === null || !change.isZero()) changes.push({ factorId, name, before: b, after: a, change });
  }
  return changes;
}

function monthChange(before: MonthSettlement, after: MonthSettlement): MonthChange {
  const byId = (m: MonthSettlement) => new Map(m.counties.map((c) => [c.unit.id, c]));
  const b = byId(before);
  const a = byId(after);
  // Every unit of either side, once: the after side's first (a reform's renamed unit shows its new name).
  const either = new Map([...b, ...a]);
  const units = [...either].map(([id, c]): UnitChange => {
    const cb = b.get(id);
    const ca = a.get(id);
    return {
      unitId: id,
      name: c.unit.name,
      before: cb ? sideOf(cb) : null,
      after: ca ? sideOf(ca) : null,
      change: (ca?.net ?? ZERO).minus(cb?.net ?? ZERO),
      factorChanges: factorChanges(cb, ca),
    };
  });
  return { month: before.month, provisional: before.provisional ?? after.provisional, units, before: before.totals, after: after.totals, warnings: { before: before.warnings, after: after.warnings } };
}

const NO_TOTALS: MonthTotals = { deductions: ZERO, rewards: ZERO, surplus: ZERO, shortfall: ZERO };

function addTotals(x: MonthTotals, y: MonthTotals): MonthTotals {
  return { deductions: x.deductions.plus(y.deductions), rewards: x.rewards.plus(y.rewards), surplus: x.surplus.plus(y.surplus), shortfall: x.shortfall.plus(y.shortfall) };
}

function periodOf(months: readonly MonthChange[]): PeriodChange[] {
  const period = new Map<string, PeriodChange>();
  for (const m of months) {
    for (const u of m.units) {
      const p = period.get(u.unitId) ?? { unitId: u.unitId, name: u.name, before: ZERO, after: ZERO, change: ZERO };
      p.name = u.name;
      p.before = p.before.plus(u.before?.net ?? ZERO);
      p.after = p.after.plus(u.after?.net ?? ZERO);
      p.change = p.after.minus(p.before);
      period.set(u.unitId, p);
    }
  }
  return [...period.values()];
}

/**
 * Lines up two settlements of the same months. Both must hold the same months: they were made from the same
 * data, and each month given is settled by both or the run was refused.
 */
export function difference(before: readonly MonthSettlement[], after: readonly MonthSettlement[]): Difference {
  const afterOf = new Map(after.map((m) => [m.month, m]));
  const months = before.map((m) => {
    const a = afterOf.get(m.month);
    if (!a || before.length !== after.length) throw new Error('internal: the two settlements compared do not hold the same months');
    return monthChange(m, a);
  });
  return {
    months,
    period: periodOf(months),
    totals: {
      before: months.reduce((t, m) => addTotals(t, m.before), NO_TOTALS),
      after: months.reduce((t, m) => addTotals(t, m.after), NO_TOTALS),
    },
  };
}

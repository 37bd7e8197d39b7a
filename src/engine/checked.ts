/**
 * The checked input built from records engine/prepare.ts has checked: months in order, each group with all its
 * members, each member's inputs lined up with its schedule's factors. Only prepare calls this.
 */
import type { Dec } from '../core/decimal.js';
import type { Month } from '../core/month.js';
import type { FactorRule, Schedule, UnitRule } from '../schedule/format.js';
import { targetIndicator } from '../schedule/gates.js';
import { MEASURES } from '../schedule/measures.js';
import { scheduleForMonth } from '../schedule/set.js';
import type { CheckedGroup, CheckedInput, CheckedMonth, CheckedUnit, FactorInput, GateInput, SettlementInput, UnitMonthRecord } from './types.js';

/** A value prepare has checked to be there; its absence here is a defect of prepare, never of the data. */
function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal: ${what} passed prepare without a value`);
  return value;
}

function gateOf(schedule: Schedule, factor: FactorRule, r: UnitMonthRecord): GateInput | null {
  const indicator = targetIndicator(schedule, factor.id);
  if (indicator === null) return null;
  const actual = present(r[indicator], `${r.month} ${r.unitId} ${indicator}`);
  return { indicator, actual, target: r.targets[indicator] ?? null };
}

function inputOf(schedule: Schedule, factor: FactorRule, r: UnitMonthRecord): FactorInput {
  const m = MEASURES[factor.id];
  const gate = gateOf(schedule, factor, r);
  const what = `${r.month} ${r.unitId} ${factor.id}`;
  switch (m.kind) {
    case 'concentration':
      return { kind: 'concentration', pollutant: m.pollutant, value: present(r[m.pollutant], what), gate };
    case 'rate': {
      const lastYear = m.pollutant === 'pm25' ? r.pm25LastYear : r.pm10LastYear;
      return { kind: 'rate', pollutant: m.pollutant, thisYear: present(r[m.pollutant], what), lastYear: present(lastYear, `${what} last year`), gate };
    }
    case 'goodDays':
      return { kind: 'count', value: present(r.goodDays, what), gate };
  }
}

function monthOf(month: Month, records: UnitMonthRecord[], input: SettlementInput, schedule: Schedule): CheckedMonth {
  const byUnit = new Map(records.map((r) => [r.unitId, r]));
  const units = new Map<string, UnitRule>(schedule.units.map((u) => [u.id, u]));
  const groups: CheckedGroup[] = schedule.groups.map((group) => {
    const members: CheckedUnit[] = group.members.map((id) => {
      const record = present(byUnit.get(id), `${month} ${id}`);
      return { unit: present(units.get(id), id), record, inputs: schedule.factors.map((f) => inputOf(schedule, f, record)) };
    });
    if (schedule.computation.baselineStatistic.value !== 'supplied') return { group, members, supplied: null };
    const given = present(input.baselines?.find((b) => b.month === month && b.groupId === group.id), `${month} ${group.id} baselines`);
    const values: Dec[] = schedule.factors.map((f) => present(given.values[f.id], `${month} ${group.id} ${f.id} baseline`));
    return { group, members, supplied: { values, ...(given.source ? { source: given.source } : {}) } };
  });
  const provisional = records.find((r) => r.provisional)?.provisional ?? null;
  return { month, schedule, province: input.province.get(month) ?? null, groups, provisional };
}

export function checkedInput(input: SettlementInput, schedules: readonly Schedule[]): CheckedInput {
  const byMonth = new Map<Month, UnitMonthRecord[]>();
  for (const r of input.records) {
    const list = byMonth.get(r.month);
    if (list) list.push(r);
    else byMonth.set(r.month, [r]);
  }
  const months = [...byMonth].sort(([a], [b]) => a.localeCompare(b)).map(([m, records]) => monthOf(m, records, input, present(scheduleForMonth(schedules, m), `a schedule for ${m}`)));
  return { months } as unknown as CheckedInput;
}

/**
 * The month with one unit's record replaced and its inputs rebuilt as prepare builds them: what engine/target.ts
 * tries, value by value. The other units, the groups and the province stay as checked.
 */
export function withUnitRecord(m: CheckedMonth, unitId: string, record: UnitMonthRecord): CheckedMonth {
  return {
    ...m,
    groups: m.groups.map((g) => ({
      ...g,
      members: g.members.map((u) => (u.unit.id === unitId ? { ...u, record, inputs: m.schedule.factors.map((f) => inputOf(m.schedule, f, record)) } : u)),
    })),
  };
}

/** A checked month on its own, as settleEach takes it. */
export function monthAlone(m: CheckedMonth): CheckedInput {
  return { months: [m] } as unknown as CheckedInput;
}

import { Dec } from '../../src/core/decimal.js';
import type { UnitMonthRecord } from '../../src/engine/types.js';
import { builtinSchedule } from '../../src/schedule/load.js';
import { normaliseName } from '../../src/core/units.js';

/** A record from plain text values, the unit given by name (as in the worked example). */
export function rec(
  month: string,
  name: string,
  pm25: string,
  pm10: string,
  pm25LastYear: string,
  pm10LastYear: string,
  goodDays: string,
  targets: { pm25?: string; pm10?: string; goodDays?: string } = {},
): UnitMonthRecord {
  const unit = builtinSchedule().units.find((u) => [u.name, ...u.aliases].some((n) => normaliseName(n) === normaliseName(name)));
  if (!unit) throw new Error(`no unit ${name}`);
  const t: UnitMonthRecord['targets'] = {};
  if (targets.pm25) t.pm25 = new Dec(targets.pm25);
  if (targets.pm10) t.pm10 = new Dec(targets.pm10);
  if (targets.goodDays) t.goodDays = new Dec(targets.goodDays);
  return {
    month,
    unitId: unit.id,
    pm25: new Dec(pm25),
    pm10: new Dec(pm10),
    pm25LastYear: new Dec(pm25LastYear),
    pm10LastYear: new Dec(pm10LastYear),
    goodDays: new Dec(goodDays),
    targets: t,
  };
}

/** The input of SPEC.md §8 (synthetic values), 2022-10. */
export const WORKED_EXAMPLE_ROWS = [
  ['魏都区', '45', '78', '52', '85', '20'],
  ['建安区', '49', '84', '50', '88', '17'],
  ['城乡一体化示范区', '43', '75', '49', '80', '21'],
  ['经济技术开发区', '51', '90', '53', '92', '15'],
  ['东城区', '46', '80', '51', '86', '19'],
  ['禹州市', '50', '92', '56', '98', '14'],
  ['长葛市', '53', '95', '55', '96', '13'],
  ['鄢陵县', '48', '86', '51', '90', '17'],
  ['襄城县', '51', '99', '52', '101', '15'],
] as const;

export function workedExample(month = '2022-10'): UnitMonthRecord[] {
  return WORKED_EXAMPLE_ROWS.map(([n, a, b, c, d, e]) => rec(month, n, a, b, c, d, e));
}

export interface UnitValues {
  pm25?: string;
  pm10?: string;
  pm25LastYear?: string;
  pm10LastYear?: string;
  goodDays?: string;
  targets?: { pm25?: string; pm10?: string; goodDays?: string };
}

/**
 * A month where every unit has the same values (pm25 50, pm10 80, last year equal, 20 good days),
 * so every gap is zero, except where `overrides` (by unit name) says otherwise.
 */
export function uniformMonth(overrides: Record<string, UnitValues> = {}, month = '2022-10', base: UnitValues = {}): UnitMonthRecord[] {
  return builtinSchedule().units.map((u) => {
    const v = { pm25: '50', pm10: '80', goodDays: '20', ...base, ...overrides[u.name] };
    return rec(month, u.name, v.pm25, v.pm10, v.pm25LastYear ?? v.pm25, v.pm10LastYear ?? v.pm10, v.goodDays, v.targets ?? {});
  });
}

/**
 * Checking a settlement sheet against the recomputed settlement (pure): every number the sheet gives is
 * compared exactly — per unit each factor's value, baseline and amount and the unit's totals; per group its
 * baselines and any subtotals; for the city its totals and the fund — and a month or unit on one side only is
 * a difference too.
 */
import { ZERO, plain, sum } from '../core/decimal.js';
import type { Dec } from '../core/decimal.js';
import type { CountySettlement, MonthSettlement, Settlement } from './types.js';
import type { SourceRef } from '../core/problems.js';
import { type Figure, type FigureField, type InputField, type SheetFigures, type SheetRow } from '../core/claims.js';
import type { FactorId } from '../core/factors.js';

export type Scope = 'unit' | 'group' | 'city';

export interface Difference {
  month: string;
  scope: Scope;
  unitId: string | null;
  groupId: string | null;
  /** The number that differs; "presence" when a month or unit is on one side only. */
  field: FigureField | 'presence';
  sheet: string | null;
  recomputed: string | null;
  at: SourceRef | null;
  message: string;
}

export interface Comparison {
  differences: Difference[];
  /** How many numbers were compared. */
  compared: number;
  months: string[];
}

/**
 * Fields whose column holds a positive magnitude (decision 73): a negative number there is a difference, and the
 * report says why, since a sheet that wrote deductions as negative numbers is the likeliest cause.
 */
const MAGNITUDE_FIELDS: Partial<Record<FigureField, string>> = { deductions: '扣款', rewards: '奖励', surplus: '结余', shortfall: '缺口' };

/**
 * The recomputed figure of one unit. Where its month's schedule does not settle a factor, the factor's amount is
 * 0 (nothing is paid on it) and its value and baseline do not exist (undefined).
 */
export function unitFigure(c: CountySettlement, field: FigureField): Dec | undefined {
  if (field === 'net' || field === 'deductions' || field === 'rewards') return c[field];
  if (field.startsWith('input.')) return inputFigure(c, field as InputField);
  const [factorId, part] = field.split('.') as [string, 'value' | 'baseline' | undefined];
  const f = c.factors.find((x) => x.factor.id === factorId);
  if (part === 'value') return f?.value;
  if (part === 'baseline') return f?.baseline;
  return f?.amount ?? ZERO;
}

/** An input as the data gave it; a target not given is undefined. */
function inputFigure(c: CountySettlement, field: InputField): Dec | undefined {
  const r = c.record;
  const target = /^input\.(\w+)Target$/.exec(field)?.[1];
  if (target) return r.targets[target as keyof typeof r.targets];
  return r[field.slice('input.'.length) as 'pm25' | 'pm10' | 'pm25LastYear' | 'pm10LastYear' | 'goodDays'];
}

const SUMMABLE = (field: FigureField) => !field.includes('.') && field !== 'surplus' && field !== 'shortfall' && field !== 'balance';

/** The units whose figures a group's or the city's figure adds up, each with its part. */
export function figureParts(m: MonthSettlement, groupId: string | null, field: FigureField): { unitId: string; value: Dec }[] | undefined {
  if (!SUMMABLE(field)) return undefined;
  const parts: { unitId: string; value: Dec }[] = [];
  for (const c of m.counties.filter((x) => groupId === null || x.group.id === groupId)) {
    const v = unitFigure(c, field);
    if (v === undefined) return undefined;
    parts.push({ unitId: c.unit.id, value: v });
  }
  return parts;
}

/** The recomputed figure of a group (its baseline, or a sum over its members) or of the city. */
export function aggregateFigure(m: MonthSettlement, groupId: string | null, field: FigureField): Dec | undefined {
  if (groupId !== null) {
    const g = m.groups.find((x) => x.group.id === groupId);
    if (!g) return undefined;
    if (field.endsWith('.baseline')) return g.baseline[field.slice(0, -'.baseline'.length) as FactorId];
  } else if (field === 'deductions' || field === 'rewards' || field === 'surplus' || field === 'shortfall') {
    return m.totals[field];
  } else if (field === 'balance') {
    return m.totals.surplus.minus(m.totals.shortfall);
  }
  const parts = figureParts(m, groupId, field);
  return parts && sum(parts.map((p) => p.value));
}

function differs(claimed: Dec, actual: Dec | undefined): boolean {
  return actual === undefined || !claimed.eq(actual);
}

function figureDifference(base: Pick<Difference, 'month' | 'scope' | 'unitId' | 'groupId'>, f: Figure, actual: Dec | undefined): Difference {
  const sheet = plain(f.value);
  const recomputed = actual === undefined ? null : plain(actual);
  const other = f.field.startsWith('input.') ? 'data' : 'recomputed';
  const magnitude = MAGNITUDE_FIELDS[f.field];
  const sign = magnitude && f.value.isNeg() ? `: a ${magnitude} column holds a positive amount, so ${sheet} is not taken for ${plain(f.value.abs())}` : '';
  const message = actual === undefined ? `sheet ${sheet}, but the ${other === 'data' ? 'data' : 'settlement'} of ${base.month} ha${other === 'data' ? 've' : 's'} no such figure` : `sheet ${sheet}, ${other} ${recomputed}${sign}`;
  return { ...base, field: f.field, sheet, recomputed, at: f.at, message };
}

export function compareSheet(s: Settlement, sheet: SheetFigures): Comparison {
  const differences: Difference[] = [];
  let compared = 0;
  const { rows, aggregates, inputs } = sheet;
  const sheetMonths = new Set([...rows.map((r) => r.month), ...aggregates.map((a) => a.month)]);
  const seen = new Map<string, SheetRow>();
  const presence = (month: string, unitId: string | null, at: SourceRef | null, sheetValue: string | null, recomputed: string | null, message: string): Difference => ({
    month,
    scope: unitId === null ? 'city' : 'unit',
    unitId,
    groupId: null,
    field: 'presence',
    sheet: sheetValue,
    recomputed,
    at,
    message,
  });
  for (const r of rows) {
    const key = `${r.month}|${r.unitId}`;
    const first = seen.get(key);
    const net = r.figures.find((f) => f.field === 'net');
    const netText = net ? plain(net.value) : null;
    if (first) {
      differences.push(presence(r.month, r.unitId, r.at, null, null, `appears twice in the sheet (also at ${first.at.file}:${first.at.line})`));
      continue;
    }
    seen.set(key, r);
    const m = s.months.find((x) => x.month === r.month);
    if (!m) {
      differences.push(presence(r.month, r.unitId, r.at, netText, null, 'is in the sheet, but the data hold no such month'));
      continue;
    }
    const c = m.counties.find((x) => x.unit.id === r.unitId);
    if (!c) {
      differences.push(presence(r.month, r.unitId, r.at, netText, null, 'is in the sheet, but not in the recomputed settlement of that month'));
      continue;
    }
    for (const f of r.figures) {
      compared++;
      const actual = unitFigure(c, f.field);
      if (differs(f.value, actual)) differences.push(figureDifference({ month: r.month, scope: 'unit', unitId: r.unitId, groupId: null }, f, actual));
    }
  }
  for (const r of inputs) {
    const c = s.months.find((x) => x.month === r.month)?.counties.find((x) => x.unit.id === r.unitId);
    for (const f of r.figures) {
      compared++;
      const actual = c && unitFigure(c, f.field);
      if (differs(f.value, actual)) differences.push(figureDifference({ month: r.month, scope: 'unit', unitId: r.unitId, groupId: null }, f, actual));
    }
  }
  for (const a of aggregates) {
    const m = s.months.find((x) => x.month === a.month);
    if (!m) continue; // the month on one side only is a difference of its own, below
    for (const f of a.figures) {
      compared++;
      const actual = aggregateFigure(m, a.groupId, f.field);
      const base = { month: a.month, scope: a.groupId === null ? ('city' as const) : ('group' as const), unitId: null, groupId: a.groupId };
      if (differs(f.value, actual)) differences.push(figureDifference(base, f, actual));
    }
  }
  for (const month of sheetMonths) {
    if (!s.months.some((m) => m.month === month) && !rows.some((r) => r.month === month)) {
      differences.push(presence(month, null, null, null, null, 'is in the sheet, but the data hold no such month'));
    }
  }
  for (const m of s.months) {
    if (!sheetMonths.has(m.month)) {
      differences.push(presence(m.month, null, null, null, null, 'is in the data, but not in the sheet'));
      continue;
    }
    for (const c of m.counties) {
      if (!seen.has(`${m.month}|${c.unit.id}`)) {
        differences.push(presence(m.month, c.unit.id, null, null, plain(c.net), `is missing from the sheet (recomputed net ${plain(c.net)})`));
      }
    }
  }
  return { differences, compared, months: [...new Set([...s.months.map((m) => m.month), ...sheetMonths])].sort() };
}

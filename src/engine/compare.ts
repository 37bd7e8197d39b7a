/**
 * Checking a settlement sheet against the recomputed settlement (pure): every amount the sheet gives is
 * compared exactly, and a month or unit on one side only is a difference too.
 */
import { plain } from './decimal.js';
import type { Dec } from './decimal.js';
import type { FactorId } from '../schedule/format.js';
import type { Settlement, SourceRef } from './types.js';

export type SheetField = 'net' | 'deductions' | 'rewards' | FactorId;

/** What a sheet claims for one unit and month. */
export interface SheetRow {
  month: string;
  unitId: string;
  values: Partial<Record<SheetField, { value: Dec; at: SourceRef }>>;
  at: SourceRef;
}

export interface Difference {
  month: string;
  unitId: string | null;
  /** The amount that differs; "presence" when a month or unit is on one side only. */
  field: SheetField | 'presence';
  sheet: string | null;
  recomputed: string | null;
  at: SourceRef | null;
  message: string;
}

export interface Comparison {
  differences: Difference[];
  /** How many amounts were compared. */
  compared: number;
  months: string[];
}

export function compareSheet(s: Settlement, rows: readonly SheetRow[]): Comparison {
  const differences: Difference[] = [];
  let compared = 0;
  const sheetMonths = new Set(rows.map((r) => r.month));
  const seen = new Map<string, SheetRow>();
  for (const r of rows) {
    const key = `${r.month}|${r.unitId}`;
    const first = seen.get(key);
    if (first) {
      differences.push({ month: r.month, unitId: r.unitId, field: 'presence', sheet: null, recomputed: null, at: r.at, message: `appears twice in the sheet (also at ${first.at.file}:${first.at.line})` });
      continue;
    }
    seen.set(key, r);
    const m = s.months.find((x) => x.month === r.month);
    if (!m) {
      differences.push({ month: r.month, unitId: r.unitId, field: 'presence', sheet: plain(r.values.net!.value), recomputed: null, at: r.at, message: 'is in the sheet, but the data hold no such month' });
      continue;
    }
    const c = m.counties.find((x) => x.unit.id === r.unitId);
    if (!c) {
      differences.push({ month: r.month, unitId: r.unitId, field: 'presence', sheet: plain(r.values.net!.value), recomputed: null, at: r.at, message: 'is in the sheet, but not in the recomputed settlement of that month' });
      continue;
    }
    for (const [field, claim] of Object.entries(r.values) as [SheetField, { value: Dec; at: SourceRef }][]) {
      const actual =
        field === 'net' ? c.net : field === 'deductions' ? c.deductions : field === 'rewards' ? c.rewards : c.factors.find((f) => f.factor.id === field)?.amount;
      if (actual === undefined) continue; // a factor this schedule does not settle
      compared++;
      // Sheets write deductions either as a magnitude or as a negative number: both mean the same.
      const claimed = field === 'deductions' ? claim.value.abs() : claim.value;
      if (!claimed.eq(actual)) {
        differences.push({ month: r.month, unitId: r.unitId, field, sheet: plain(claim.value), recomputed: plain(actual), at: claim.at, message: `sheet ${plain(claim.value)}, recomputed ${plain(actual)}` });
      }
    }
  }
  for (const m of s.months) {
    if (!sheetMonths.has(m.month)) {
      differences.push({ month: m.month, unitId: null, field: 'presence', sheet: null, recomputed: null, at: null, message: 'is in the data, but not in the sheet' });
      continue;
    }
    for (const c of m.counties) {
      if (!seen.has(`${m.month}|${c.unit.id}`)) {
        differences.push({ month: m.month, unitId: c.unit.id, field: 'presence', sheet: null, recomputed: plain(c.net), at: null, message: `is missing from the sheet (recomputed net ${plain(c.net)})` });
      }
    }
  }
  return { differences, compared, months: [...new Set([...s.months.map((m) => m.month), ...sheetMonths])].sort() };
}

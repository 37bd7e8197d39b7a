/**
 * What a settlement sheet claims (finance's sheet for `check`): each number read from it, what it is and where.
 * Read by input/sheet.ts, compared by engine/compare.ts.
 */
import type { Dec } from './decimal.js';
import type { FactorId } from './factors.js';
import type { SourceRef } from './problems.js';

/** A unit's monthly input as the data gave it (SPEC.md §3), e.g. the sheet of inputs in ecocomp's workbook. */
export const INPUT_FIELDS = ['input.pm25', 'input.pm10', 'input.pm25LastYear', 'input.pm10LastYear', 'input.goodDays', 'input.pm25Target', 'input.pm10Target', 'input.goodDaysTarget'] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/**
 * What a number in a sheet is: a unit's (or a group's or the city's sum of) net, deductions, rewards or factor
 * amount (the factor id alone, as in JSON version 1); a factor's value or baseline ("pm25.value",
 * "pm25.baseline"); the fund of 第八条 — surplus, shortfall, or the balance surplus − shortfall; or an input.
 */
export type FigureField = 'net' | 'deductions' | 'rewards' | FactorId | `${FactorId}.value` | `${FactorId}.baseline` | 'surplus' | 'shortfall' | 'balance' | InputField;

/** One number read from a sheet, and where. */
export interface Figure {
  field: FigureField;
  value: Dec;
  at: SourceRef;
}

/** What a sheet claims for one unit and month. */
export interface SheetRow {
  month: string;
  unitId: string;
  figures: Figure[];
  at: SourceRef;
}

/** What a sheet claims for a group (groupId) or the whole city (null) in a month: totals, fund, baselines. */
export interface SheetAggregate {
  month: string;
  groupId: string | null;
  figures: Figure[];
}

export interface SheetFigures {
  /** The rows of the settlement table: a unit in a month once, and every unit of a month. */
  rows: SheetRow[];
  aggregates: SheetAggregate[];
  /** Rows of a table of inputs (no net column): compared, but not counted as the unit's row of the settlement. */
  inputs: SheetRow[];
}

/** A number in the sheet that check did not compare, and why. */
export interface NotCompared {
  file: string;
  line: number;
  column?: number;
  /** The column's header, where the number's column is what could not be placed. */
  header?: string;
  message: string;
  /** The same in Chinese. */
  zh?: string;
}

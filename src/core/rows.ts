/**
 * The data as the readers give it and the engine takes it: typed rows, each with the file, line and columns it
 * was read from — read, not yet judged. Which months are settled, where last year's values come from and whether
 * a month may be settled at all is decided once, by engine/prepare.ts.
 */
import type { Dec } from './decimal.js';
import type { FactorId, Indicator } from './factors.js';
import type { Month } from './month.js';
import type { Problem, SourceRef } from './problems.js';
import type { HeaderKey } from './vocabulary.js';

/** A row of the monthly data whose month and unit could be read, valid or not: enough to tell duplicates and missing members apart. */
export interface RowKey {
  file: string;
  line: number;
  month: Month;
  unitId: string;
}

/** A unit's values for a month as given (SPEC.md §3); a value is absent where its cell is empty or its column missing. */
export interface MonthlyValues {
  pm25?: Dec;
  pm10?: Dec;
  goodDays?: Dec;
  /** The same month a year earlier, where the row gives it. */
  pm25LastYear?: Dec;
  pm10LastYear?: Dec;
  /** Monthly targets of 第五条; an absent indicator means no target was given in the row. */
  targets: Partial<Record<Indicator, Dec>>;
  /**
   * A month-to-date row (aggregate --provisional), not a month's result: the last day its figures reach, and the
   * last day of last year's figures (the same day where the data held it, else the month's end).
   */
  provisional?: Provisional;
}

export interface Provisional {
  through: string;
  lastYearThrough?: string;
}

/** A valid row of the monthly data. */
export interface MonthlyRow extends RowKey, MonthlyValues {
  /** 1-based column of each field in its file, for messages and explanations. */
  columns: Partial<Record<HeaderKey, number>>;
}

/** A row of a targets file: a unit's monthly targets (第五条). */
export interface TargetRow {
  file: string;
  line: number;
  month: Month;
  unitId: string;
  targets: Partial<Record<Indicator, Dec>>;
  /** 1-based column of each indicator's target. */
  columns: Partial<Record<Indicator, number>>;
}

/** The province's verdict on the city for a month (第五条, second half), from a file's row or --province-payout. */
export interface ProvinceEntry {
  month: Month;
  payout: boolean;
  /** The file, or "--province-payout" for the option. */
  file: string;
  line?: number;
}

/** A group's baselines for a month given from outside (D1's alternative "supplied"). */
export interface SuppliedBaseline {
  month: Month;
  groupId: string;
  values: Partial<Record<FactorId, Dec>>;
  source?: SourceRef;
}

/** Everything the readers read for a settlement, faults aside. */
export interface ReadData {
  rows: readonly MonthlyRow[];
  /** Every row whose month and unit could be read, the valid ones and the faulty ones. */
  keys: readonly RowKey[];
  /** Rows (or files) whose month or unit could not be read: while there are any, no unit can be called missing. */
  unidentified: number;
  targets: readonly TargetRow[];
  province: readonly ProvinceEntry[];
  baselines: readonly SuppliedBaseline[];
  /** The faults found while reading, reported with those prepare finds; while there are any, nothing is settled. */
  problems: readonly Problem[];
}

/** Where a provincial verdict came from: "--province-payout" or "province.csv:3". */
export function describeSource(e: Pick<ProvinceEntry, 'file' | 'line'>): string {
  return e.line === undefined ? e.file : `${e.file}:${e.line}`;
}

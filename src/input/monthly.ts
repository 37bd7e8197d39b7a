/**
 * The monthly data file of SPEC.md §3: one row per unit and month. Rows become typed records that
 * remember their file and line; every fault in every row is collected.
 */
import * as z from 'zod';
import type { Dec } from '../core/decimal.js';
import { ProblemLog, type Problem } from '../core/problems.js';
import type { Schedule } from '../schedule/format.js';
import { neededInputs, type NeededInputs } from '../schedule/measures.js';
import { openTable, type TableSource } from './table.js';
import { issueTexts } from './issues.js';
import { CONCENTRATION, GOOD_DAYS, concentrationTargetCell, goodDaysTargetCell, lastYearCell, monthCell, numberCell, optionalNumberCell, type NumberRule } from './cells.js';
import { addMonths, daysInMonth, parseMonth } from '../core/month.js';
import { unitResolver } from '../core/units.js';
import { columnsOf } from '../core/vocabulary.js';
import type { MonthlyRow, ProvinceEntry, RowKey } from '../core/rows.js';
import { VerdictColumn, settlementColumns } from './settled.js';
import type { EditBook } from './edits.js';

export const MONTHLY_COLUMNS = columnsOf({
  month: true,
  county: true,
  pm25: false,
  pm10: false,
  pm25_last_year: false,
  pm10_last_year: false,
  good_days: false,
  pm25_target: false,
  pm10_target: false,
  good_days_target: false,
  provisional_through: false,
  last_year_through: false,
});

export type MonthlyColumn = (typeof MONTHLY_COLUMNS)[number]['key'];


export interface MonthlyTable {
  rows: MonthlyRow[];
  keys: RowKey[];
  /** Rows whose month or unit could not be read: while there are any, no unit can be called missing. */
  unidentified: number;
  /** The province's verdicts, where the table is a settlement of ecocomp's with its 省级核算结果 column (input/settled.ts). */
  province: ProvinceEntry[];
  problems: Problem[];
}

const targetFits = (key: 'good_days' | 'good_days_target') =>
  (row: { month: string; [k: string]: unknown }, ctx: z.RefinementCtx) => {
    const v = row[key] as Dec | undefined;
    const days = daysInMonth(row.month);
    if (v !== undefined && v.gt(days)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `${v.toFixed()} good days is more than the ${days} days of ${row.month}`, params: { code: 'E-GOOD-DAYS-OVER', zh: `优良天数 ${v.toFixed()} 天超过了 ${row.month} 的 ${days} 天` } });
    }
  };

/**
 * The row rules for the schedules in use: pm25, pm10 and good_days are required where a schedule settles
 * (or gates on) them; where none does, the column may be absent or empty.
 */
function rowSchema(needs: NeededInputs) {
  const cell = (required: boolean, rule: NumberRule) => (required ? numberCell(rule) : optionalNumberCell(rule));
  return z
    .object({
      month: monthCell,
      county: z.string(),
      pm25: cell(needs.pm25, CONCENTRATION),
      pm10: cell(needs.pm10, CONCENTRATION),
      pm25_last_year: lastYearCell,
      pm10_last_year: lastYearCell,
      good_days: cell(needs.goodDays, GOOD_DAYS),
      pm25_target: concentrationTargetCell,
      pm10_target: concentrationTargetCell,
      good_days_target: goodDaysTargetCell,
      provisional_through: dayCell,
      last_year_through: dayCell,
    })
    .superRefine(targetFits('good_days'))
    .superRefine(targetFits('good_days_target'))
    .superRefine(provisionalFits);
}

const DAY = /^(\d{4}-\d{2})-(\d{2})$/;

/** A day written YYYY-MM-DD, or an empty cell (a row that is not provisional). */
const dayCell = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const t = (s ?? '').trim();
    if (t === '') return undefined;
    const m = DAY.exec(t);
    if (!m || parseMonth(m[1]!) === null || Number(m[2]) < 1 || Number(m[2]) > daysInMonth(m[1]!)) {
      ctx.addIssue({ code: 'custom', message: `expected a day written YYYY-MM-DD, or an empty cell, got "${t}"`, params: { zh: `应为 YYYY-MM-DD 格式的日期，或空单元格，实际为“${t}”` } });
      return z.NEVER;
    }
    return t;
  });

/**
 * A provisional row (aggregate --provisional) reaches a day of its own month, before its end, and last year's
 * figures a day of the month a year earlier; a last-year day without a provisional day says nothing.
 */
function provisionalFits(row: { month: string; provisional_through?: string | undefined; last_year_through?: string | undefined }, ctx: z.RefinementCtx): void {
  const through = row.provisional_through;
  if (through !== undefined && (!through.startsWith(`${row.month}-`) || Number(through.slice(8)) >= daysInMonth(row.month))) {
    ctx.addIssue({
      code: 'custom',
      path: ['provisional_through'],
      message: `${through} is not a day of ${row.month} before its end; a provisional row gives the last day its month-to-date figures reach`,
      params: { zh: `${through} 不是 ${row.month} 月底之前的日期；预估行应给出截至目前数据的最后一天` },
    });
  }
  const ly = row.last_year_through;
  if (ly !== undefined && (through === undefined || !ly.startsWith(`${addMonths(row.month, -12)}-`))) {
    ctx.addIssue({
      code: 'custom',
      path: ['last_year_through'],
      message: through === undefined ? 'a last-year day is given for a row that is not provisional (no provisional_through)' : `${ly} is not a day of ${addMonths(row.month, -12)}, the month a year earlier`,
      params: { zh: through === undefined ? '非预估行（无 provisional_through）给出了去年同期截至日期' : `${ly} 不是去年同月 ${addMonths(row.month, -12)} 的日期` },
    });
  }
}

/** What the schedules in use need of the monthly data, together. */
export function neededByAll(schedules: readonly Schedule[]): NeededInputs {
  const all = schedules.map(neededInputs);
  return {
    pm25: all.some((n) => n.pm25),
    pm10: all.some((n) => n.pm10),
    goodDays: all.some((n) => n.goodDays),
    lastYear: { pm25: all.some((n) => n.lastYear.pm25), pm10: all.some((n) => n.lastYear.pm10) },
  };
}

/** `edits`: whatif's --set, applied to a row's cells before they are read, as if the file held them. */
export function readMonthlyTable(text: TableSource, file: string, schedules: readonly Schedule[], edits?: EditBook): MonthlyTable {
  const needs = neededByAll(schedules);
  const specs = MONTHLY_COLUMNS.map((c) => ({ ...c, required: c.required || (c.key === 'good_days' ? needs.goodDays : c.key === 'pm25' || c.key === 'pm10' ? needs[c.key] : false) }));
  const log = new ProblemLog();
  const resolve = unitResolver(schedules);
  const schema = rowSchema(needs);
  const rows: MonthlyRow[] = [];
  const keys: RowKey[] = [];
  let unidentified = 0;
  const same = interning();
  /** Remembers a row's month and unit, where they can be read, so that duplicates and missing members can be told. */
  const noteKey = (line: number, month: string | undefined, unit: ReturnType<typeof resolve>) => {
    if (month !== undefined && 'unitId' in unit) keys.push({ file, line, month: same.text(month), unitId: unit.unitId });
    else unidentified++;
  };
  const table = openTable(text, file, specs, log, (row) => {
    // A row that does not fit the header has cells in the wrong columns: only its month and unit are looked at.
    const cell = (key: MonthlyColumn) => row.cells[table!.columns.get(key)!] ?? '';
    const month = parseMonth(cell('month'));
    if (month === null) unidentified++;
    else noteKey(row.line, month, resolve(cell('county')));
  }, settlementColumns(schedules));
  if (!table) return { rows: [], keys: [], unidentified: 1, province: [], problems: log.problems() };
  const { header, columns } = table;
  const verdicts = new VerdictColumn(header, file, log);
  const columnOf = Object.fromEntries([...columns].map(([k, i]) => [k, i + 1])) as MonthlyRow['columns'];

  for (const csvRow of table.rows) {
    const at = (key: MonthlyColumn) => ({ file, line: csvRow.line, column: columnOf[key] ?? 0, field: header.cells[(columnOf[key] ?? 1) - 1]!.trim() });
    // The row fits the header: it has a cell for every column.
    const cells = Object.fromEntries([...columns].map(([k, i]) => [k, csvRow.cells[i]!])) as Record<string, string>;
    const rowProblems: Problem[] = [];
    verdicts.read(csvRow, cells.month!);

    const unit = resolve(cells.county!);
    if (edits && 'unitId' in unit) {
      const month = parseMonth(cells.month!);
      if (month !== null) edits.apply(month, unit.unitId, cells);
    }
    if ('error' in unit) rowProblems.push({ ...at('county'), code: unit.code, message: unit.error, zh: unit.zh });
    const parsed = schema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'month') as MonthlyColumn;
        rowProblems.push({ ...at(key), ...issueTexts(issue) });
      }
    }
    noteKey(csvRow.line, parsed.success ? parsed.data.month : monthCell.safeParse(cells.month).data, unit);
    if (rowProblems.length > 0 || !parsed.success || !('unitId' in unit)) {
      log.addAll(rowProblems);
      continue;
    }
    rows.push(monthlyRow(parsed.data, unit.unitId, file, csvRow.line, columnOf, same));
  }
  // Rows before a CSV fault further down are not used: the file as a whole could not be read.
  if (!table.complete) return { rows: [], keys: [], unidentified: 1, province: [], problems: log.problems() };
  return { rows, keys, unidentified, province: verdicts.entries, problems: log.problems() };
}

type RowData = z.output<ReturnType<typeof rowSchema>>;

/** A valid row as the engine's record; equal values share one object (a table of years of months repeats them). */
function monthlyRow(d: RowData, unitId: string, file: string, line: number, columns: MonthlyRow['columns'], same: Interning): MonthlyRow {
  const targets: MonthlyRow['targets'] = {};
  if (d.pm25_target) targets.pm25 = same.dec(d.pm25_target);
  if (d.pm10_target) targets.pm10 = same.dec(d.pm10_target);
  if (d.good_days_target) targets.goodDays = same.dec(d.good_days_target);
  return {
    file,
    line,
    month: same.text(d.month),
    unitId,
    ...(d.pm25 ? { pm25: same.dec(d.pm25) } : {}),
    ...(d.pm10 ? { pm10: same.dec(d.pm10) } : {}),
    ...(d.good_days ? { goodDays: same.dec(d.good_days) } : {}),
    ...(d.pm25_last_year ? { pm25LastYear: same.dec(d.pm25_last_year) } : {}),
    ...(d.pm10_last_year ? { pm10LastYear: same.dec(d.pm10_last_year) } : {}),
    targets,
    columns,
    ...(d.provisional_through ? { provisional: { through: d.provisional_through, ...(d.last_year_through ? { lastYearThrough: d.last_year_through } : {}) } } : {}),
  };
}

interface Interning {
  dec(d: Dec): Dec;
  text(s: string): string;
}

/**
 * One object for equal values. Decimals are immutable, so rows may share them: with a new Decimal per cell,
 * 88,000 valid rows held 175 MB; sharing the few thousand distinct values, 11 MB.
 */
function interning(): Interning {
  const decs = new Map<string, Dec>();
  const texts = new Map<string, string>();
  return {
    dec(d) {
      const key = d.toString();
      const known = decs.get(key);
      if (known) return known;
      decs.set(key, d);
      return d;
    },
    text(s) {
      const known = texts.get(s);
      if (known !== undefined) return known;
      texts.set(s, s);
      return s;
    },
  };
}

/**
 * `whatif --set MONTH:UNIT:FIELD=VALUE` (issue 13): a cell of the monthly data changed before it is read, so that a
 * what-if settles exactly as the edited file would. Each edit is read here as strictly as the cell it replaces
 * (the same rules, the same vocabulary of column names), and must name a row the data hold.
 */
import * as z from 'zod';
import type { Problem } from '../core/problems.js';
import { daysInMonth, parseMonth, type Month } from '../core/month.js';
import { unitResolver } from '../core/units.js';
import { HEADER_NAMES, normaliseHeader } from '../core/vocabulary.js';
import type { Schedule } from '../schedule/format.js';
import { CONCENTRATION, GOOD_DAYS, concentrationTargetCell, goodDaysTargetCell, lastYearCell, numberCell } from './cells.js';

/** The columns an edit may change: every value column of the monthly data (SPEC.md §3), not its month or unit. */
const EDITABLE = {
  pm25: numberCell(CONCENTRATION),
  pm10: numberCell(CONCENTRATION),
  good_days: numberCell(GOOD_DAYS),
  pm25_last_year: lastYearCell,
  pm10_last_year: lastYearCell,
  pm25_target: concentrationTargetCell,
  pm10_target: concentrationTargetCell,
  good_days_target: goodDaysTargetCell,
} as const;

export type EditableColumn = keyof typeof EDITABLE;

export interface CellEdit {
  /** The option as given, for messages. */
  option: string;
  month: Month;
  unitId: string;
  column: EditableColumn;
  /** The new cell text, as a file would hold it ("" empties an optional cell). */
  text: string;
}

const FORM = 'MONTH:UNIT:FIELD=VALUE, e.g. 2022-10:禹州市:pm25=40';
const FORM_ZH = '月份:单位:字段=数值，如 2022-10:禹州市:pm25=40';

function columnNamed(field: string): EditableColumn | undefined {
  const wanted = normaliseHeader(field);
  return (Object.keys(EDITABLE) as EditableColumn[]).find((k) => HEADER_NAMES[k].some((n) => normaliseHeader(n) === wanted));
}

/** One `--set` value: its parts, each read as the data's cell would be, or the faults that say which part is wrong. */
function parseEdit(given: string, resolve: ReturnType<typeof unitResolver>): CellEdit | Problem[] {
  // Typed with a Chinese input method, the separators and digits may be full-width (：＝４０): the same text after NFKC.
  const option = given.normalize('NFKC');
  const fault = (message: string, zh = message): Problem[] => [{ file: '--set', code: 'E-SET', message: `${option}: ${message}`, zh: `${option}：${zh}` }];
  const eq = option.indexOf('=');
  const parts = (eq < 0 ? option : option.slice(0, eq)).split(':');
  if (eq < 0 || parts.length !== 3) return fault(`expected ${FORM}`, `应为 ${FORM_ZH}`);
  const [monthText, unitText, field] = parts as [string, string, string];
  const text = option.slice(eq + 1).trim();
  const month = parseMonth(monthText);
  if (month === null) return fault(`"${monthText}" is not a month (YYYY-MM); expected ${FORM}`, `“${monthText}”不是月份（YYYY-MM）；应为 ${FORM_ZH}`);
  const unit = resolve(unitText);
  if ('error' in unit) return fault(unit.error, unit.zh);
  const column = columnNamed(field);
  if (column === undefined) return fault(`"${field}" is not a column of the monthly data; expected one of ${Object.keys(EDITABLE).join(', ')} (or their Chinese names)`, `“${field}”不是月度数据的列；应为 ${Object.keys(EDITABLE).join('、')}（或其中文名称）之一`);
  const parsed = (EDITABLE[column] as z.ZodType<unknown, string>).safeParse(text);
  if (!parsed.success) return fault(parsed.error.issues.map((i) => i.message).join('; '));
  if ((column === 'good_days' || column === 'good_days_target') && text !== '' && Number(text) > daysInMonth(month)) {
    return fault(`${text} good days is more than the ${daysInMonth(month)} days of ${month}`, `优良天数 ${text} 天超过了 ${month} 的 ${daysInMonth(month)} 天`);
  }
  return { option, month, unitId: unit.unitId, column, text };
}

/** Every `--set`; two edits of the same cell are refused (which one would count?). */
export function parseEdits(options: readonly string[], schedules: readonly Schedule[]): { edits: CellEdit[]; problems: Problem[] } {
  const resolve = unitResolver(schedules);
  const edits: CellEdit[] = [];
  const problems: Problem[] = [];
  for (const option of options) {
    const e = parseEdit(option, resolve);
    if (Array.isArray(e)) {
      problems.push(...e);
      continue;
    }
    const twice = edits.find((x) => x.month === e.month && x.unitId === e.unitId && x.column === e.column);
    if (twice) problems.push({ file: '--set', code: 'E-SET', message: `${option}: the same cell is also set by ${twice.option}; set each cell once`, zh: `${option}：同一单元格也由 ${twice.option} 修改；每个单元格只能修改一次` });
    else edits.push(e);
  }
  return { edits, problems };
}

/** The edits by the row they change, and which of them found their row. */
export class EditBook {
  private readonly byRow = new Map<string, CellEdit[]>();
  private readonly used = new Set<CellEdit>();
  constructor(readonly edits: readonly CellEdit[]) {
    for (const e of edits) {
      const k = `${e.month}\u0000${e.unitId}`;
      this.byRow.set(k, [...(this.byRow.get(k) ?? []), e]);
    }
  }
  /** Applies the row's edits to its cells (by column key) and marks them used. */
  apply(month: Month, unitId: string, cells: Record<string, string>): void {
    for (const e of this.byRow.get(`${month}\u0000${unitId}`) ?? []) {
      cells[e.column] = e.text;
      this.used.add(e);
    }
  }
  /** An edit that named no row of the data would change nothing: refused, not skipped. */
  unused(unitName: (unitId: string, month: Month) => string): Problem[] {
    return this.edits
      .filter((e) => !this.used.has(e))
      .map((e) => ({
        file: '--set',
        code: 'E-SET-NO-ROW',
        message: `${e.option}: the data hold no ${e.month} row for ${unitName(e.unitId, e.month)}; --set changes a value of a row, it does not add one`,
        zh: `${e.option}：数据中没有 ${unitName(e.unitId, e.month)} ${e.month} 的行；--set 只修改已有行的值，不添加新行`,
      }));
  }
}

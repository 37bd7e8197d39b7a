/**
 * The one CSV writer of every command (settle, ledger, aggregate), and settle's CSV. Each document is UTF-8 with a
 * BOM (without it Excel on a Chinese Windows reads UTF-8 as GBK and garbles the names) and CRLF line ends; a cell
 * holding a quote, a comma, CR or LF is quoted (RFC 4180); text from input or a schedule is neutralised against
 * formula injection, the numbers the tool formats never are (a negative amount stays a number).
 *
 * settle's CSV: one row per unit and month for finance staff who open it in Excel, Chinese headers, amounts as
 * plain numbers (factor amounts and net signed: reward +, deduction -; 扣款 and 奖励 as magnitudes, as in the JSON),
 * then the inputs the settlement does not show (last year's values, targets), so that it reads back as its input.
 */
import { plain, type Dec } from '../core/decimal.js';
import type { MonthSettlement, Settlement } from '../engine/types.js';
import type { FactorRule, Schedule } from '../schedule/format.js';
import { cite } from '../schedule/reference.js';
import { FACTOR_IDS } from '../core/factors.js';

export const CSV_BOM = '\ufeff';
const CANCEL_REASON = { target: '未完成当月目标', province: '省级核算为支偿' } as const;

/** Text that Excel would run as a formula is prefixed with "'"; numbers the tool formats never pass here. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r\n]/.test(text) ? `'${text}` : text;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A cell the tool formatted itself (an amount, a count, a month): written as it is, never prefixed. */
export interface Formatted {
  readonly formatted: string;
}
export const formatted = (text: string): Formatted => ({ formatted: text });

/** A cell: text (from input, a schedule, or a label), which is neutralised, or a value the tool formatted. */
export type CsvCell = string | Formatted;

/** One record, CRLF-terminated. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map((c) => quote(typeof c === 'string' ? neutralise(c) : c.formatted)).join(',')}\r\n`;
}

/** A whole document: the BOM, the header record, then the records. */
export function csvDocument(header: readonly string[], records: Iterable<readonly CsvCell[]>): string {
  let out = `${CSV_BOM}${csvRecord(header)}`;
  for (const r of records) out += csvRecord(r);
  return out;
}

/**
 * The inputs the columns before do not show — last year's values and the targets — so that the CSV reads back as
 * monthly data and settles to the same settlement (input/settled.ts reads past the rest, and reads 省级核算结果).
 */
const INPUT_ECHO = ['去年同期PM2.5', '去年同期PM10', 'PM2.5目标', 'PM10目标', '优良天数目标'];
/** A month-to-date row says so in every row (预估截至, 去年同期截至), and reads back as the provisional row it was. */
const PROVISIONAL_COLUMNS = ['预估截至', '去年同期截至'];

function inputEcho(r: MonthSettlement['counties'][number]['record']): CsvCell[] {
  const cell = (d: Dec | undefined) => (d === undefined ? '' : formatted(plain(d)));
  return [cell(r.pm25LastYear), cell(r.pm10LastYear), cell(r.targets.pm25), cell(r.targets.pm10), cell(r.targets.goodDays)];
}

export function renderCsv(s: Settlement): string {
  return [...csvChunks(s.months, s.months.map((m) => m.schedule))].join('');
}

/** The CSV a month at a time; `schedules` are those of the months, for the columns. */
export function* csvChunks(months: Iterable<MonthSettlement>, schedules: readonly Schedule[]): Generator<string> {
  // Columns for every factor of any schedule in use, in the canonical order; a month without one leaves it empty.
  const factors = FACTOR_IDS.flatMap((id) => {
    const rule = schedules.map((s) => s.factors.find((f) => f.id === id)).find((f): f is FactorRule => f !== undefined);
    return rule ? [rule] : [];
  });
  const header = ['月份', '单位', '单位编号', '组别'];
  for (const f of factors) header.push(f.name, `${f.name}考核基数`, `${f.name}金额`, `${f.name}取消原因`);
  header.push('扣款', '奖励', '净额', '省级核算结果');
  header.push(...INPUT_ECHO, ...PROVISIONAL_COLUMNS);
  yield `${CSV_BOM}${csvRecord(header)}`;
  for (const m of months) {
    let records = '';
    for (const c of m.counties) {
      const cells: CsvCell[] = [formatted(m.month), c.unit.name, c.unit.id, c.group.name];
      for (const rule of factors) {
        const f = c.factors.find((x) => x.factor.id === rule.id);
        const reason = f?.cancelled ? `${CANCEL_REASON[f.cancelled]}（${cite(f.cancelledBy!.ref)}）` : '';
        if (f) cells.push(formatted(plain(f.value)), formatted(plain(f.baseline)), formatted(plain(f.amount)), reason);
        else cells.push('', '', '', '');
      }
      cells.push(formatted(plain(c.deductions)), formatted(plain(c.rewards)), formatted(plain(c.net)), m.provinceSource === null ? '未提供' : m.provincePayout ? '支偿' : '得补');
      cells.push(...inputEcho(c.record), m.provisional ? formatted(m.provisional.through) : '', m.provisional?.lastYearThrough ? formatted(m.provisional.lastYearThrough) : '');
      records += csvRecord(cells);
    }
    yield records;
  }
}

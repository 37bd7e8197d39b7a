/**
 * The province's monthly verdict on the city (第五条, second half): from `--province-payout` months
 * and/or a file `month,province_result` with 支偿/payout or 得补/receive.
 */
import { ProblemLog, type Problem } from '../core/problems.js';
import { parseMonth } from '../core/month.js';
import { monthFault } from './cells.js';
import { openTable, type TableSource } from './table.js';
import { columnsOf } from '../core/vocabulary.js';
import type { ProvinceEntry } from '../core/rows.js';


const COLUMNS = columnsOf({ month: true, province_result: true });

const VERDICTS: Record<string, boolean> = { 支偿: true, payout: true, pay: true, 得补: false, receive: false, 获补: false };

/** A verdict cell: true for 支偿, false for 得补, null for none given (empty, 未提供), undefined for anything else. */
export function verdictOf(text: string): boolean | null | undefined {
  const t = text.normalize('NFKC').trim();
  if (t === '' || t === '未提供') return null;
  return VERDICTS[t.toLowerCase()];
}

export function readProvinceTable(text: TableSource, file: string): { entries: ProvinceEntry[]; problems: Problem[] } {
  const log = new ProblemLog();
  const table = openTable(text, file, COLUMNS, log);
  if (!table) return { entries: [], problems: log.problems() };
  const { header, columns } = table;
  const entries: ProvinceEntry[] = [];
  const seen = new Map<string, number>();
  const monthCol = columns.get('month')!;
  const resultCol = columns.get('province_result')!;
  for (const row of table.rows) {
    const monthText = row.cells[monthCol]!.trim();
    const resultText = row.cells[resultCol]!.normalize('NFKC').trim();
    const month = parseMonth(monthText);
    const monthWrong = month === null ? monthFault(monthText) : null;
    const payout = VERDICTS[resultText.toLowerCase()];
    const before = log.count;
    if (monthWrong !== null) log.add({ file, line: row.line, column: monthCol + 1, field: header.cells[monthCol]!.trim(), ...monthWrong });
    if (payout === undefined) log.add({ file, line: row.line, column: resultCol + 1, field: header.cells[resultCol]!.trim(), message: `expected 支偿 (payout) or 得补 (receive), got "${resultText}"`, zh: `应为 支偿 或 得补，实际为“${resultText}”` });
    if (log.count > before || month === null || payout === undefined) continue;
    if (seen.has(month)) {
      log.add({ file, line: row.line, code: 'E-ROW-TWICE', message: `the result for ${month} is given twice (first on line ${seen.get(month)})`, zh: `${month} 的结果给出了两次（第一次在第 ${seen.get(month)} 行）` });
      continue;
    }
    seen.set(month, row.line);
    entries.push({ month, payout, file, line: row.line });
  }
  return { entries: table.complete ? entries : [], problems: log.problems() };
}

/** `2022-10,2022-11` from --province-payout (the option may be repeated). */
export function parsePayoutOption(values: readonly string[]): { entries: ProvinceEntry[]; problems: Problem[] } {
  const entries: ProvinceEntry[] = [];
  const problems: Problem[] = [];
  for (const part of values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '')) {
    const month = parseMonth(part);
    if (month === null) problems.push({ file: '--province-payout', code: 'E-OPTION-MONTH', message: `expected months as YYYY-MM[,YYYY-MM…], got "${part}"`, zh: `应为月份 YYYY-MM[,YYYY-MM…]，实际为“${part}”` });
    else if (!entries.some((e) => e.month === month)) entries.push({ month, payout: true, file: '--province-payout' });
  }
  return { entries, problems };
}


/** The optional targets file of SPEC.md §3: month, county and the monthly targets of 第五条. */
import { issueTexts } from './issues.js';
import * as z from 'zod';
import { ProblemLog, type Problem } from '../core/problems.js';
import type { Schedule } from '../schedule/format.js';
import { concentrationTargetCell, goodDaysTargetCell, monthCell } from './cells.js';
import { daysInMonth } from '../core/month.js';
import { openTable, type TableSource } from './table.js';
import { unitResolver } from '../core/units.js';
import { columnsOf } from '../core/vocabulary.js';
import type { TargetRow } from '../core/rows.js';

const TARGET_COLUMNS = columnsOf({ month: true, county: true, pm25_target: false, pm10_target: false, good_days_target: false });


const rowSchema = z.object({
  month: monthCell,
  pm25_target: concentrationTargetCell,
  pm10_target: concentrationTargetCell,
  good_days_target: goodDaysTargetCell,
});

const INDICATOR_COLUMN = { pm25: 'pm25_target', pm10: 'pm10_target', goodDays: 'good_days_target' } as const;

export function readTargetsTable(text: TableSource, file: string, schedules: readonly Schedule[]): { rows: TargetRow[]; problems: Problem[] } {
  const log = new ProblemLog();
  const table = openTable(text, file, TARGET_COLUMNS, log);
  if (!table) return { rows: [], problems: log.problems() };
  const { header, columns } = table;
  const resolve = unitResolver(schedules);
  const rows: TargetRow[] = [];
  const seen = new Map<string, number>();
  for (const csvRow of table.rows) {
    const cells = Object.fromEntries([...columns].map(([k, i]) => [k, csvRow.cells[i]!])) as Record<string, string>;
    const at = (key: string) => ({ file, line: csvRow.line, column: (columns.get(key as never) ?? 0) + 1, field: header.cells[columns.get(key as never) ?? 0]!.trim() });
    const before = log.count;
    const unit = resolve(cells.county ?? '');
    if ('error' in unit) log.add({ ...at('county'), code: unit.code, message: unit.error, zh: unit.zh });
    const parsed = rowSchema.safeParse(cells);
    if (!parsed.success) for (const issue of parsed.error.issues) log.add({ ...at(String(issue.path[0])), ...issueTexts(issue) });
    if (log.count > before || !parsed.success || !('unitId' in unit)) continue;
    const d = parsed.data;
    const days = daysInMonth(d.month);
    if (d.good_days_target?.gt(days)) {
      log.add({ ...at('good_days_target'), message: `a target of ${d.good_days_target.toFixed()} good days is more than the ${days} days of ${d.month}`, zh: `优良天数目标 ${d.good_days_target.toFixed()} 天超过了 ${d.month} 的 ${days} 天` });
      continue;
    }
    const key = `${d.month} ${unit.unitId}`;
    if (seen.has(key)) {
      log.add({ file, line: csvRow.line, code: 'E-ROW-TWICE', message: `targets for ${d.month} ${cells.county?.trim()} are given twice (first on line ${seen.get(key)})`, zh: `${d.month} ${cells.county?.trim()} 的目标给出了两次（第一次在第 ${seen.get(key)} 行）` });
      continue;
    }
    seen.set(key, csvRow.line);
    const targets: TargetRow['targets'] = {};
    const cols: TargetRow['columns'] = {};
    for (const indicator of ['pm25', 'pm10', 'goodDays'] as const) {
      const value = d[INDICATOR_COLUMN[indicator]];
      if (value !== undefined) {
        targets[indicator] = value;
        cols[indicator] = (columns.get(INDICATOR_COLUMN[indicator]) ?? 0) + 1;
      }
    }
    rows.push({ file, line: csvRow.line, month: d.month, unitId: unit.unitId, targets, columns: cols });
  }
  return { rows: table.complete ? rows : [], problems: log.problems() };
}

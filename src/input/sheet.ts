/**
 * A settlement sheet finance received (CSV or xlsx): per month and unit the net, and where the sheet has
 * them the deductions, rewards and per-factor amounts. Read loosely (a sheet has other columns, titles and
 * notes) but every amount it does give is read exactly.
 */
import { Dec } from '../engine/decimal.js';
import type { Dec as Decimal } from '../engine/decimal.js';
import { ProblemsError, type Problem } from '../problems.js';
import type { FactorId, Schedule } from '../schedule/format.js';
import { FACTOR_IDS } from '../schedule/format.js';
import { parseMonth } from './cells.js';
import { parseCsv } from './csv.js';
import { decodeText } from './decode.js';
import { normaliseHeader } from './headers.js';
import { unitResolver } from './units.js';
import { loadExcel } from '../excel.js';

import type { SheetField, SheetRow } from '../engine/compare.js';

type Cell = string | number | null;
interface Grid {
  /** The file, or file#sheet, as messages name it. */
  label: string;
  /** A sheet's own name, which may be its month. */
  name: string;
  /** Rows of cells, with their 1-based line (CSV) or row number (xlsx). */
  rows: { line: number; cells: Cell[] }[];
}

function headerNames(schedules: readonly Schedule[]): Map<string, SheetField | 'month' | 'unit'> {
  const names = new Map<string, SheetField | 'month' | 'unit'>();
  const add = (field: SheetField | 'month' | 'unit', ...ns: string[]) => ns.forEach((n) => names.set(normaliseHeader(n), field));
  add('month', 'month', '月份');
  add('unit', 'county', 'unit', '单位', '区县', '县（市、区）', '县市区', '单位名称');
  add('net', 'net', '净额', '合计', '净额合计');
  add('deductions', 'deductions', '扣款', '扣款合计');
  add('rewards', 'rewards', '奖励', '补偿', '奖励合计');
  const short: Record<FactorId, string> = { pm25: 'PM2.5', pm25Rate: 'PM2.5改善率', pm10: 'PM10', pm10Rate: 'PM10改善率', goodDays: '优良天数' };
  for (const id of FACTOR_IDS) add(id, `${id}_amount`, `${id}Amount`, `${id} amount`, `${short[id]}金额`);
  for (const s of schedules) for (const f of s.factors) add(f.id, `${f.name}金额`, `${f.name}扣补金额`);
  return names;
}

/** "238.5", "+20", "-139.5", "1,234.5" (a thousands separator is common in finance sheets) or an Excel number. */
function amountOf(cell: Cell): Decimal | null | 'invalid' {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? new Dec(cell.toPrecision(15)) : 'invalid';
  const s = cell.trim().replace(/^\+/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (s === '') return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? new Dec(s) : 'invalid';
}

function readGrid(grid: Grid, schedules: readonly Schedule[], problems: Problem[]): SheetRow[] {
  const names = headerNames(schedules);
  const resolve = unitResolver(schedules);
  // The header is the first row (of the first ten) that names a unit column and a net column.
  const headerIndex = grid.rows.slice(0, 10).findIndex((r) => {
    const fields = r.cells.map((c) => names.get(normaliseHeader(String(c ?? ''))));
    return fields.includes('unit') && fields.includes('net');
  });
  if (headerIndex < 0) return [];
  const header = grid.rows[headerIndex]!;
  const columns = new Map<SheetField | 'month' | 'unit', number>();
  header.cells.forEach((c, i) => {
    const field = names.get(normaliseHeader(String(c ?? '')));
    if (field && !columns.has(field)) columns.set(field, i);
  });
  const sheetMonth = parseMonth(grid.name);
  if (!columns.has('month') && sheetMonth === null) {
    problems.push({ file: grid.label, line: header.line, message: 'has no month column, and its name is not a month (YYYY-MM)' });
    return [];
  }
  const out: SheetRow[] = [];
  let previousLine = header.line;
  for (const row of grid.rows.slice(headerIndex + 1)) {
    const unitText = String(row.cells[columns.get('unit')!] ?? '').trim();
    // The table ends at a blank row or a totals row: below it a sheet has notes, baselines, signatures.
    if (row.line > previousLine + 1 || unitText === '' || /合计|总计|total/i.test(unitText)) break;
    previousLine = row.line;
    const at = (col: number) => ({ file: grid.label, line: row.line, column: col + 1 });
    const monthText = columns.has('month') ? String(row.cells[columns.get('month')!] ?? '').trim() : '';
    const month = columns.has('month') ? parseMonth(monthText) : sheetMonth;
    if (month === null) {
      problems.push({ ...at(columns.get('month')!), message: `expected a month as YYYY-MM, got "${monthText}"` });
      continue;
    }
    const unit = resolve(unitText);
    if ('error' in unit) {
      problems.push({ ...at(columns.get('unit')!), code: unit.code, message: unit.error });
      continue;
    }
    const values: SheetRow['values'] = {};
    for (const [field, col] of columns) {
      if (field === 'month' || field === 'unit') continue;
      const v = amountOf(row.cells[col] ?? null);
      if (v === 'invalid') problems.push({ ...at(col), field: String(header.cells[col] ?? field), message: `expected an amount such as 238.5 or -20, got "${String(row.cells[col])}"` });
      else if (v !== null) values[field] = { value: v, at: at(col) };
    }
    if (!values.net) {
      problems.push({ ...at(columns.get('net')!), message: 'no net amount' });
      continue;
    }
    out.push({ month, unitId: unit.unitId, values, at: { file: grid.label, line: row.line } });
  }
  return out;
}

async function xlsxGrids(bytes: Uint8Array, file: string): Promise<Grid[]> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ProblemsError([{ file, message: `is not a readable xlsx workbook: ${(e as Error).message}` }]);
  }
  return wb.worksheets.map((ws) => {
    const rows: Grid['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value;
        // A formula cell counts by its cached result; rich text by its text.
        const plainValue = v && typeof v === 'object' && 'result' in v ? (v.result as Cell) : v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : v;
        cells[col - 1] = typeof plainValue === 'number' || typeof plainValue === 'string' ? plainValue : plainValue == null ? null : String(plainValue);
      });
      rows.push({ line: n, cells });
    });
    return { label: `${file}#${ws.name}`, name: ws.name, rows };
  });
}

/** The rows of a sheet file; `file` names it in messages. */
export async function readSheet(bytes: Uint8Array, file: string, schedules: readonly Schedule[]): Promise<SheetRow[]> {
  const problems: Problem[] = [];
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  let grids: Grid[];
  if (isZip) grids = await xlsxGrids(bytes, file);
  else {
    const { header, rows } = parseCsv(decodeText(bytes, file).text, file);
    grids = [{ label: file, name: '', rows: [header, ...rows].map((r) => ({ line: r.line, cells: r.cells })) }];
  }
  const rows = grids.flatMap((g) => readGrid(g, schedules, problems));
  if (rows.length === 0 && problems.length === 0) problems.push({ file, message: 'has no table with a unit column and a net column (e.g. 单位 and 净额, or county and net)' });
  if (problems.length > 0) throw new ProblemsError(problems);
  return rows;
}

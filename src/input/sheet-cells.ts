/**
 * The cells of a sheet file as a grid: CSV text as it stands; an xlsx cell as its text or number, a formula by
 * the value the spreadsheet program stored with it, a date as its day. What cannot be read as text or a number
 * (a formula without a stored value, an error, TRUE/FALSE) is kept as the reason, so that the cell is refused
 * with its place if a number is wanted from it — never turned into "[object Object]".
 */
import { ProblemsError, sheetLabel } from '../core/problems.js';
import { loadExcel } from '../core/excel.js';

export type Cell = string | number | null | { date: string } | { unreadable: string; zh: string };

export interface GridRow {
  /** 1-based line (CSV) or row number (xlsx). */
  line: number;
  cells: Cell[];
}

export interface Grid {
  /** The file, or file.xlsx!Sheet (core/problems.ts: sheetLabel), as messages name it. */
  label: string;
  /** A worksheet's own name, which may be its month; "" for CSV. */
  name: string;
  kind: 'csv' | 'xlsx';
  rows: GridRow[];
}

const SAVE_IN_EXCEL = 'open the workbook in Excel (or WPS) and save it, so that the computed value is stored with the formula, or enter the value itself';
const SAVE_IN_EXCEL_ZH = '请用 Excel（或 WPS）打开工作簿并保存，使公式的计算结果一并保存，或直接填写数值';

type ExcelValue = import('exceljs').CellValue | undefined;

/** One xlsx cell value as a grid cell. */
export function cellOf(v: ExcelValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return { unreadable: `holds ${v ? 'TRUE' : 'FALSE'}, expected a number such as 238.5 or -20`, zh: `单元格为 ${v ? 'TRUE' : 'FALSE'}，应为数字，如 238.5 或 -20` };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { unreadable: 'holds an invalid date', zh: '单元格中的日期无效' } : { date: v.toISOString().slice(0, 10) };
  if ('error' in v) return { unreadable: `holds the error ${v.error}: the spreadsheet could not compute this cell`, zh: `单元格为错误值 ${v.error}：表格未能算出此单元格` };
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result !== undefined && result !== null) return cellOf(result as ExcelValue);
    const what = 'formula' in v && v.formula ? `the formula =${v.formula}` : `a formula (shared from ${(v as { sharedFormula: string }).sharedFormula})`;
    const whatZh = 'formula' in v && v.formula ? `公式 =${v.formula}` : `公式（共享自 ${(v as { sharedFormula: string }).sharedFormula}）`;
    return { unreadable: `holds ${what} without its computed value: ${SAVE_IN_EXCEL}`, zh: `单元格为${whatZh}，但没有保存计算结果：${SAVE_IN_EXCEL_ZH}` };
  }
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellOf(v.text as ExcelValue);
  return { unreadable: 'holds a value that is neither text nor a number', zh: '单元格的值既不是文字也不是数字' };
}

/** Every worksheet of a workbook as a grid. */
export async function xlsxGrids(bytes: Uint8Array, file: string): Promise<Grid[]> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ProblemsError([{ file, code: 'E-XLSX', message: `is not a readable xlsx workbook: ${(e as Error).message}`, zh: `不是可读的 xlsx 工作簿：${(e as Error).message}` }]);
  }
  return wb.worksheets.map((ws) => {
    const rows: GridRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellOf(cell.value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      rows.push({ line: n, cells });
    });
    return { label: sheetLabel(file, ws.name), name: ws.name, kind: 'xlsx' as const, rows };
  });
}

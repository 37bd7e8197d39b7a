/**
 * A worksheet of an xlsx workbook read as the rows of cell text that the CSV reader produces, with Excel's row
 * numbers as lines and its columns as columns, so that every table reader (monthly data, targets, province,
 * baselines, raw exports) validates a workbook exactly as it validates CSV. A cell becomes the text a person
 * would have typed: a number its shortest round-trip decimal (45.3, never 45.300000000000004), a date its day
 * (2022-10-01), a formula its cached value. What cannot be read so — a formula without a cached value, an
 * error value, a number with more digits than Excel keeps — refuses the file with the cell's place.
 *
 * exceljs is loaded here, on demand: a CSV run never loads it.
 */
import { Dec } from '../core/decimal.js';
import { loadExcel } from '../core/excel.js';
import { ProblemsError, sheetLabel, type Problem } from '../core/problems.js';
import type { CsvRow } from './csv.js';

/** A worksheet as rows of cell text. */
export interface SheetTable {
  /** `file.xlsx!Sheet1`, as messages name the worksheet (core/problems.ts: `file.xlsx!Sheet1!F7`). */
  label: string;
  /** The non-blank rows, each with its Excel row number as `line`; an empty cell is "". */
  rows: CsvRow[];
  /** The workbook's other worksheets, when this one was taken as the first (no --sheet): named if it holds no table. */
  otherSheets: string[];
}

/** An xlsx workbook (a ZIP archive) rather than text. */
export function isWorkbook(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

type ExcelJS = Awaited<ReturnType<typeof loadExcel>>;
type Worksheet = import('exceljs').Worksheet;
type CellValue = import('exceljs').CellValue;

/** Excel keeps 15 significant digits: a number with more was computed, and Excel shows it rounded. */
const EXCEL_DIGITS = 15;

/**
 * A number cell as text: the shortest decimal that reads back as the same double. Excel stores the double
 * nearest to what was typed, and a decimal of at most 15 significant digits (all Excel keeps of a typed number)
 * is the shortest decimal of its nearest double, so this is exactly what was typed. A double whose shortest
 * decimal has more digits was computed (=45.2+0.1 is 45.300000000000004) and is shown rounded: which of the two
 * is meant cannot be told, so it is refused rather than read as either.
 */
export function numberCellText(n: number): string | CellFault {
  if (!Number.isFinite(n)) return { fault: `holds ${n}, not a number`, zh: `单元格为 ${n}，不是数字` };
  if (n === 0) return '0';
  const shortest = String(n);
  const digits = shortest.replace(/e.*$/i, '').replace(/[-.]/g, '').replace(/^0+/, '').length;
  const plain = /e/i.test(shortest) ? new Dec(shortest).toFixed() : shortest;
  if (digits <= EXCEL_DIGITS) return plain;
  const shown = new Dec(n.toPrecision(EXCEL_DIGITS)).toFixed();
  return {
    fault: `holds ${plain}, a computed value with more digits than Excel keeps, which Excel shows as ${shown}: round it in the sheet (=ROUND(…, 1)) or enter the value itself`,
    zh: `单元格存的是计算结果 ${plain}，位数超过 Excel 保留的 15 位，Excel 显示为 ${shown}：请在表中用 =ROUND(…, 1) 修约，或直接填写数值`,
  };
}

/**
 * A date cell as its day, `2022-10-01`, with its time of day when it has one (`2023-01-01 13:00`), to the second.
 * A cell formatted to show hours (`yyyy-mm-dd hh:mm`) keeps its time at midnight too: an hourly export's 00:00 row
 * is an hour, not a day.
 */
export function dateCellText(d: Date, showsTime = false): string | CellFault {
  if (Number.isNaN(d.getTime())) return { fault: 'holds an invalid date', zh: '单元格中的日期无效' };
  const rounded = new Date(Math.round(d.getTime() / 1000) * 1000).toISOString();
  const [day, time] = [rounded.slice(0, 10), rounded.slice(11, 19)];
  if (time === '00:00:00') return showsTime ? `${day} 00:00` : day;
  return `${day} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

const SAVE_IN_EXCEL = 'open the workbook in Excel (or WPS) and save it, so that the computed value is stored with the formula, or enter the value itself';
const SAVE_IN_EXCEL_ZH = '请用 Excel（或 WPS）打开工作簿并保存，使公式的计算结果一并保存，或直接填写数值';

/** Why a cell cannot be read, in English and Chinese. */
export interface CellFault {
  fault: string;
  zh: string;
}

/** One cell's value as the text a CSV file would hold, or why it cannot be read. */
export function cellText(v: CellValue | undefined, numFmt?: string): string | CellFault {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberCellText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateCellText(v, /h/i.test(numFmt ?? ''));
  if ('error' in v) return { fault: `holds the error ${v.error}: the spreadsheet could not compute this cell`, zh: `单元格为错误值 ${v.error}：表格未能算出此单元格` };
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: CellValue }).result;
    if (result !== undefined && result !== null) return cellText(result);
    const formula = 'formula' in v && v.formula ? `=${v.formula}` : null;
    const shared = (v as { sharedFormula?: string }).sharedFormula;
    const what = formula ? `the formula ${formula}` : `a formula (shared from ${shared})`;
    const whatZh = formula ? `公式 ${formula}` : `公式（共享自 ${shared}）`;
    return { fault: `holds ${what} without its computed value: ${SAVE_IN_EXCEL}`, zh: `单元格为${whatZh}，但没有保存计算结果：${SAVE_IN_EXCEL_ZH}` };
  }
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as CellValue);
  return { fault: 'holds a value that is neither text, a number nor a date', zh: '单元格的值既不是文字、数字，也不是日期' };
}

/** The worksheet asked for (`--sheet NAME`), else the first one a person sees (not hidden). */
/**
 * Without --sheet, a workbook with data on more than one visible worksheet (a sheet per month, say) is refused rather
 * than read from its first sheet alone: the other sheets' months would be left out without a word.
 */
function refuseSeveralTables(wb: import('exceljs').Workbook, file: string): void {
  const withData = wb.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden' && ws.actualRowCount >= 2).map((ws) => `"${ws.name}"`);
  if (withData.length < 2) return;
  throw new ProblemsError([
    {
      file,
      code: 'E-SHEET-SEVERAL',
      message: `holds data on several worksheets (${withData.join(', ')}); name the one to read with --sheet NAME (a workbook is read one worksheet at a time: for several months, put them on one sheet or save each sheet as its own file)`,
      zh: `多个工作表都有数据（${withData.join('、')}）；请用 --sheet 名称 指定要读取的工作表（每次只读一个工作表：多个月份请放在同一工作表中，或把各工作表分别另存为文件）`,
    },
  ]);
}

function pickSheet(wb: import('exceljs').Workbook, file: string, sheet: string | undefined): Worksheet {
  const sheets = wb.worksheets;
  const names = sheets.map((ws) => `"${ws.name}"`).join(', ');
  if (sheet !== undefined) {
    const found = sheets.find((ws) => ws.name === sheet) ?? sheets.find((ws) => ws.name.normalize('NFKC').trim().toLowerCase() === sheet.normalize('NFKC').trim().toLowerCase());
    if (found) return found;
    throw new ProblemsError([{ file, code: 'E-SHEET-UNKNOWN', message: `has no worksheet "${sheet}" (--sheet); its worksheets are ${names}`, zh: `没有名为 "${sheet}" 的工作表（--sheet）；其工作表为 ${names}` }]);
  }
  const first = sheets.find((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden') ?? sheets[0];
  if (!first) throw new ProblemsError([{ file, code: 'E-EMPTY', message: 'is a workbook without worksheets', zh: '工作簿中没有工作表' }]);
  return first;
}

/** The rows of a worksheet as cell text; a cell that cannot be read is a problem at its place. */
function sheetRows(ws: Worksheet, label: string, problems: Problem[]): CsvRow[] {
  const rows: CsvRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      // A merged range holds its value in its first cell. Merged down a column (a month merged over its units' rows)
      // it is what each row shows, and each row reads it; merged across a row (a title) the other cells are empty.
      const merged = cell.isMerged && cell.master !== cell;
      const source = merged && cell.master.col === cell.col ? cell.master : cell;
      const text = merged && source === cell ? '' : cellText(source.value, source.numFmt);
      if (typeof text === 'string') cells[column - 1] = text;
      else problems.push({ file: label, line, column, code: 'E-CELL-UNREADABLE', message: text.fault, zh: text.zh });
    });
    if (cells.some((c) => c !== undefined && c.trim() !== '')) rows.push({ line, cells });
  });
  // In a worksheet a cell left empty is empty (in CSV a missing cell may be a lost one): every row as wide as the widest.
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  for (const r of rows) for (let i = 0; i < width; i++) r.cells[i] ??= '';
  return rows;
}

/**
 * One worksheet of a workbook as rows of cell text: `sheet` by name, else the first. Throws a ProblemsError when
 * the file is not a readable workbook, has no such worksheet, or holds a cell that cannot be read.
 */
export async function readWorksheet(bytes: Uint8Array, file: string, sheet?: string): Promise<SheetTable> {
  const ExcelJS: ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ProblemsError([
      {
        file,
        code: 'E-WORKBOOK',
        message: `is a ZIP archive but not a readable xlsx workbook (${(e as Error).message}); save it from Excel as "Excel Workbook (.xlsx)" or as "CSV UTF-8"`,
        zh: `是 ZIP 压缩包，但不是可读的 xlsx 工作簿（${(e as Error).message}）；请在 Excel 中另存为“Excel 工作簿 (.xlsx)”或“CSV UTF-8”`,
      },
    ]);
  }
  const ws = pickSheet(wb, file, sheet);
  if (sheet === undefined) refuseSeveralTables(wb, file);
  const label = sheetLabel(file, ws.name);
  const problems: Problem[] = [];
  const rows = sheetRows(ws, label, problems);
  if (problems.length > 0) throw new ProblemsError(problems);
  const otherSheets = sheet === undefined ? wb.worksheets.filter((w) => w !== ws).map((w) => w.name) : [];
  return { label, rows, otherSheets };
}

/** A cell as a CSV cell: quoted when it holds a quote or a comma. */
const csvCell = (c: string) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/**
 * A worksheet as CSV text whose line numbers are its row numbers (a blank line for each row it skips), for the
 * readers that take a stream of CSV bytes (aggregate's raw exports): a fault on line 7 is in row 7. A cell holding
 * a line break would shift every later row, and no raw export has one: it is refused with its place.
 */
export function sheetAsCsv(sheet: SheetTable): string {
  const problems: Problem[] = [];
  let text = '';
  let line = 1;
  for (const row of sheet.rows) {
    text += '\n'.repeat(row.line - line);
    line = row.line + 1;
    row.cells.forEach((c, i) => {
      if (/[\r\n]/.test(c)) problems.push({ file: sheet.label, line: row.line, column: i + 1, code: 'E-CELL-UNREADABLE', message: 'holds a line break, which no monitoring export has', zh: '单元格内有换行，监测数据导出文件不应有' });
    });
    text += `${row.cells.map(csvCell).join(',')}\n`;
  }
  if (problems.length > 0) throw new ProblemsError(problems);
  return text;
}

/**
 * A raw export as `aggregate` reads it: CSV bytes as they arrive, or, when they turn out to be a workbook, its
 * worksheet (`sheet`, else the first) as CSV text named `file.xlsx!Sheet1`, so that faults are placed in its cells.
 */
export async function rawSource(bytes: AsyncIterable<Uint8Array>, name: string, sheet: string | undefined): Promise<{ bytes: AsyncIterable<Uint8Array>; name: string }> {
  const chunks: Uint8Array[] = [];
  const it = bytes[Symbol.asyncIterator]();
  let head = 0;
  // Enough of the start to tell a ZIP archive; the chunks read are handed on first.
  while (head < 4) {
    const r = await it.next();
    if (r.done) break;
    chunks.push(r.value);
    head += r.value.length;
  }
  const start = Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
  if (!isWorkbook(start)) {
    return {
      name,
      bytes: (async function* () {
        yield* chunks;
        for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
      })(),
    };
  }
  for (let r = await it.next(); !r.done; r = await it.next()) chunks.push(r.value);
  const ws = await readWorksheet(Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength))), name, sheet);
  // Title rows above the header are read past, as the table readers do (input/table.ts).
  const header = ws.rows.findIndex((r) => r.cells.filter((c) => c.trim() !== '').length > 1);
  const text = new TextEncoder().encode(sheetAsCsv({ ...ws, rows: ws.rows.slice(Math.max(header, 0)) }));
  return { name: ws.label, bytes: (async function* () { yield text; })() };
}

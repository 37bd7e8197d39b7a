import { parse, CsvError } from 'csv-parse/sync';
import { ProblemsError } from '../problems.js';

export interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: CsvRow;
  rows: CsvRow[];
}

export const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a " opens it and no " ends it before the end of the file)',
  CSV_INVALID_CLOSING_QUOTE: 'characters follow the closing quote of a cell; inside a quoted cell write a quote as ""',
  CSV_INVALID_OPENING_QUOTE: 'a quote inside an unquoted cell; quote the whole cell and write the quote as ""',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'characters follow the closing quote of a cell',
  CSV_MAX_RECORD_SIZE: 'a line is longer than 1,000,000 characters, which no monitoring or settlement table has',
};

/** A csv-parse error in words. Its codes come with and without a "CSV_" prefix (INVALID_OPENING_QUOTE). */
export function csvErrorText(e: { code?: string; message: string }): string {
  const code = e.code ?? '';
  return CSV_ERRORS[code.startsWith('CSV_') ? code : `CSV_${code}`] ?? e.message;
}

/**
 * CSV text to rows with their line numbers. Line endings are unified first: csv-parse counts lines
 * wrongly after an empty CRLF line, and a line number in an error message must be right.
 * Comma-separated; a header with tabs and no commas is read as tab-separated.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const unified = text.replace(/\r\n?/g, '\n');
  const firstLine = unified.slice(0, unified.indexOf('\n') >>> 0);
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(unified, {
      bom: true,
      info: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1_000_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof (e as unknown as { lines?: unknown }).lines === 'number' ? (e as unknown as { lines: number }).lines : undefined;
      throw new ProblemsError([{ file, ...(line ? { line } : {}), message: `not valid CSV: ${csvErrorText(e)}` }]);
    }
    throw e;
  }
  const rows = records
    .map(({ record, info }) => ({
      line: info.lines - record.reduce((n, cell) => n + countNewlines(cell), 0),
      cells: record,
    }))
    // A row of empty cells (",,,,") is what Excel leaves below a table: not data.
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...data] = rows;
  if (!header) throw new ProblemsError([{ file, message: 'is empty: expected a header row and at least one data row' }]);
  return { header, rows: data };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

import { ProblemsError } from '../core/problems.js';

export interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: CsvRow;
  rows: CsvRow[];
}

/** The longest record read, in characters: no monitoring or settlement table comes near it. */
export const MAX_RECORD_CHARS = 1_000_000;

export const CSV_ERRORS = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a " opens it and no " ends it before the end of the file)',
  CSV_INVALID_CLOSING_QUOTE: 'characters follow the closing quote of a cell; inside a quoted cell write a quote as ""',
  CSV_INVALID_OPENING_QUOTE: 'a quote inside an unquoted cell; quote the whole cell and write the quote as ""',
  CSV_MAX_RECORD_SIZE: 'a line is longer than 1,000,000 characters, which no monitoring or settlement table has',
} as const;

const CSV_ERRORS_ZH: Record<keyof typeof CSV_ERRORS, string> = {
  CSV_QUOTE_NOT_CLOSED: '有一个加引号的单元格没有结束（以 " 开始，直到文件末尾都没有结束的 "）',
  CSV_INVALID_CLOSING_QUOTE: '单元格的结束引号后面还有字符；在加引号的单元格内，引号要写成 ""',
  CSV_INVALID_OPENING_QUOTE: '未加引号的单元格中有引号；请给整个单元格加引号，并把其中的引号写成 ""',
  CSV_MAX_RECORD_SIZE: '有一行超过 1,000,000 个字符，监测表和结算表都不会有这样的行',
};

export type CsvFault = keyof typeof CSV_ERRORS;

/** A place where the text stops being CSV; `line` is where the fault is (for an unclosed quote, where it opened). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly fault: CsvFault,
    readonly line: number,
  ) {
    super(CSV_ERRORS[fault]);
    this.name = 'CsvSyntaxError';
  }

  toProblem(file: string) {
    return { file, line: this.line, code: 'E-CSV', message: `not valid CSV: ${this.message}`, zh: `不是有效的 CSV：${CSV_ERRORS_ZH[this.fault]}` };
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Thrown inside `scan` when the text ends in the middle of a record that more text may complete. */
const INCOMPLETE = Symbol('incomplete');

/**
 * CSV (RFC 4180, the dialect Excel writes) to records, one at a time, with the line each starts on.
 * A cell is quoted only if it starts with `"`; a quote inside an unquoted cell, anything but a separator or a
 * line end after a closing quote, and a quote never closed are faults, never guessed at. Line ends LF, CRLF
 * or CR (inside a quoted cell they are read as LF). Empty lines are skipped; a leading BOM is dropped.
 *
 * Written by hand rather than with csv-parse: csv-parse builds an error object with a stack trace for every
 * row whose width differs from the first, and an info object per row, which made a 64 MiB file of short
 * rows take minutes; this keeps nothing but the record being read.
 *
 * Text may come in pieces (`push` as it arrives, then `end`): an incomplete record waits for the next piece.
 */
export class CsvParser {
  private rest = '';
  /** Line of the first character of `rest`. */
  private line = 1;
  private started = false;
  private readonly delimiter: number;

  constructor(
    private readonly onRecord: (cells: string[], line: number) => void,
    delimiter: ',' | '\t' = ',',
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(piece: string): void {
    let text = this.rest + piece;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.rest = text.slice(this.scan(text, false));
    if (this.rest.length > this.maxRecordChars) throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', this.line);
  }

  /** Whether no record is waiting for more text. */
  get idle(): boolean {
    return this.rest === '';
  }

  /** The line the next text starts on. */
  get nextLine(): number {
    return this.line;
  }

  /**
   * Carries on reading a table part of which was read elsewhere (lines.ts reads unquoted lines on bytes):
   * the next text starts on `line` and is not the start of the file.
   */
  continueAt(line: number): void {
    this.line = line;
    this.started = true;
  }

  end(): void {
    const text = this.rest;
    this.rest = '';
    this.scan(text, true);
  }

  /** Hands on every complete record of `text`; returns where the incomplete one at its end (if any) starts. */
  private scan(text: string, final: boolean): number {
    let i = 0;
    while (i < text.length) {
      const start = i;
      const line = this.line;
      try {
        i = this.record(text, i, final);
      } catch (e) {
        if (e !== INCOMPLETE) throw e;
        this.line = line;
        return start;
      }
    }
    return text.length;
  }

  /** Reads the record (or empty line) at `i`, hands it on and returns where the next starts; advances `line`. */
  private record(text: string, i: number, final: boolean): number {
    const n = text.length;
    const line = this.line;
    const delimiter = this.delimiter;
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) return this.lineEnd(text, i, final);

    const cells: string[] = [];
    let length = 0;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) [cell, i] = this.quoted(text, i, final);
      else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === delimiter || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvSyntaxError('CSV_INVALID_OPENING_QUOTE', this.line);
        }
        if (j >= n && !final) throw INCOMPLETE;
        cell = text.slice(i, j);
        i = j;
      }
      length += cell.length;
      if (length > this.maxRecordChars) throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', line);
      cells.push(cell);
      if (i >= n) {
        if (!final) throw INCOMPLETE;
        this.onRecord(cells, line);
        return n;
      }
      const c = text.charCodeAt(i);
      if (c === delimiter) {
        i++;
        continue;
      }
      if (c !== LF && c !== CR) throw new CsvSyntaxError('CSV_INVALID_CLOSING_QUOTE', this.line);
      i = this.lineEnd(text, i, final);
      this.onRecord(cells, line);
      return i;
    }
  }

  /** `i` is on a CR or LF: the position after the line end. A CR at the end of a piece may be half of a CRLF. */
  private lineEnd(text: string, i: number, final: boolean): number {
    this.line++;
    if (text.charCodeAt(i) !== CR) return i + 1;
    if (i + 1 >= text.length && !final) throw INCOMPLETE;
    return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }

  /** The quoted cell opening at `i`: its value and the position after its closing quote. */
  private quoted(text: string, i: number, final: boolean): [string, number] {
    const n = text.length;
    let value = '';
    let from = i + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0 || (q + 1 >= n && !final)) {
        // Not closed in this piece (or a quote at its very end that may be the first of "").
        if (!final) throw INCOMPLETE;
        throw new CsvSyntaxError('CSV_QUOTE_NOT_CLOSED', this.line);
      }
      if (text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      value += text.slice(from, q);
      if (value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
      for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) this.line++;
      return [value, q + 1];
    }
  }
}

/** Comma-separated; a first line with tabs and no commas is read as tab-separated. */
function delimiterOf(text: string): ',' | '\t' {
  const end = text.search(/[\r\n]/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  return !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
}

/** How much text is parsed at a time: the records of a piece are handed on before the next is parsed. */
const PIECE = 16 * 1024;

/**
 * The records of CSV text, header first, with their lines, parsed a piece at a time so that only a piece's
 * records are held. A CSV fault is thrown as a ProblemsError when the iteration reaches it.
 */
export function* eachCsvRecord(text: string, file: string): Generator<CsvRow> {
  const batch: CsvRow[] = [];
  const parser = new CsvParser((cells, line) => void batch.push({ line, cells }), delimiterOf(text));
  for (let i = 0; ; i += PIECE) {
    const last = i + PIECE >= text.length;
    let fault: unknown;
    try {
      parser.push(text.slice(i, i + PIECE));
      if (last) parser.end();
    } catch (e) {
      fault = e;
    }
    // The records before a fault are handed on first, in order; the fault ends the records.
    yield* batch;
    batch.length = 0;
    if (fault instanceof CsvSyntaxError) throw new ProblemsError([fault.toProblem(file)]);
    if (fault !== undefined) throw fault;
    if (last) return;
  }
}

export function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

export const emptyFileProblem = (file: string) => ({ file, code: 'E-EMPTY', message: 'is empty: expected a header row and at least one data row', zh: '是空文件：应有一行表头和至少一行数据' });

/** The whole table at once, for readers that need every row before they can tell where a table starts. */
export function parseCsv(text: string, file: string): CsvTable {
  const rows: CsvRow[] = [];
  // A row of empty cells (",,,,") is what Excel leaves below a table: not data.
  for (const row of eachCsvRecord(text, file)) if (!isBlank(row.cells)) rows.push(row);
  const [header, ...data] = rows;
  if (!header) throw new ProblemsError([emptyFileProblem(file)]);
  return { header, rows: data };
}

/**
 * A table read as a stream of records, on bytes where it can be: a UTF-8 file is split into lines on its bytes
 * (LF, CRLF) and an unquoted line into cells on its commas, without decoding it; a reader takes a cell's text only
 * when it needs it, or reads a number straight from its bytes. A line that holds a quote (or a lone CR, or that is
 * longer than any table's) goes to the CSV parser (csv.ts) as text, with the lines after it while a quoted cell
 * is open, so quoting, line numbers and faults are exactly the parser's. A GB18030 file is decoded first and
 * parsed as text. The bytes are decoded once: only the cells a reader asks for, and the lines the parser reads.
 *
 * The encoding is decided on the first 64 KiB (BOM, strict UTF-8, strict GB18030; decode.ts) and then enforced:
 * a file whose later bytes are not UTF-8 is refused, never read into the wrong characters.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { ProblemsError } from '../core/problems.js';
import { CsvParser, CsvSyntaxError, MAX_RECORD_CHARS } from './csv.js';
import { decodeText } from './decode.js';

const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;

/**
 * One record: either the bytes of an unquoted line with its cells' offsets (`bytes` set), or cells as text.
 * The reader hands on the same object for every record: read what you need before the next one comes.
 */
export class TableRecord {
  /** Line the record starts on, 1-based. */
  line = 0;
  /** Number of cells. */
  count = 0;
  /** The line's bytes, or null when `cells` holds the record as text. */
  bytes: Buffer | null = null;
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  cells: string[] = [];

  /** A record of text cells (the parser's, a GB18030 file's, or a workbook's rows). */
  static of(cells: string[], line: number): TableRecord {
    return new TableRecord().setCells(cells, line);
  }

  setCells(cells: string[], line: number): this {
    this.bytes = null;
    this.cells = cells;
    this.count = cells.length;
    this.line = line;
    return this;
  }

  /** The text of cell `i` ('' past the last). */
  text(i: number): string {
    if (this.bytes === null) return this.cells[i] ?? '';
    return i < this.count ? this.bytes.toString('utf8', this.starts[i]!, this.ends[i]!) : '';
  }

  /** Every cell as text (for a header, or to word a fault). */
  texts(): string[] {
    if (this.bytes === null) return this.cells;
    const out: string[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.text(i);
    return out;
  }

  /** Whether cell `i` is empty or only white space (an absent cell is blank). */
  blank(i: number): boolean {
    if (this.bytes === null) return (this.cells[i] ?? '').trim() === '';
    if (i >= this.count) return true;
    const b = this.bytes;
    for (let k = this.starts[i]!; k < this.ends[i]!; k++) {
      const c = b[k]!;
      if (c !== 0x20 && (c < 0x09 || c > 0x0d)) return c >= 0x80 ? this.text(i).trim() === '' : false;
    }
    return true;
  }

  /** Whether every cell is blank: what Excel leaves below a table, not data. */
  isBlank(): boolean {
    for (let i = 0; i < this.count; i++) if (!this.blank(i)) return false;
    return true;
  }

  /** Cell `i` of a line of `bytes` lies from `start` to `end`. */
  setCell(i: number, start: number, end: number): void {
    if (i >= this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      [this.starts, this.ends] = [grow(this.starts), grow(this.ends)];
    }
    this.starts[i] = start;
    this.ends[i] = end;
  }
}

/** The first bytes the encoding is judged on. */
const SNIFF = 64 * 1024;

/**
 * Reads a comma-separated table from its bytes as they arrive, handing on each non-empty record (blank records
 * of empty cells too: the reader decides). Throws a ProblemsError for bytes that are not text in one encoding,
 * and a CsvSyntaxError where the text stops being CSV.
 */
export async function readTableRecords(bytes: AsyncIterable<Uint8Array>, file: string, onRecord: (record: TableRecord) => void): Promise<void> {
  const iterator = bytes[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < SNIFF) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const first = Buffer.concat(head);
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterator };
  try {
    // A prefix may end inside a character: judge it up to its last line end, unless it is the whole file.
    const { encoding } = decodeText(done ? first : trimToBoundary(first), file);
    if (encoding === 'gb18030') return await readDecoded(first, done ? null : rest, file, onRecord);
    const lines = new ByteLines(file, onRecord);
    lines.push(encoding === 'utf-8-bom' ? first.subarray(3) : first);
    if (!done) for await (const chunk of rest) lines.push(chunk);
    lines.end();
  } finally {
    // Stopped early (a fault, or the reader's choice): let the source close its file.
    if (!done) await iterator.return?.();
  }
}

/** Cut a sniffed prefix at the last line end, so a character split at the edge does not look like bad UTF-8. */
function trimToBoundary(bytes: Uint8Array): Uint8Array {
  const nl = bytes.lastIndexOf(0x0a);
  return nl > 0 ? bytes.subarray(0, nl + 1) : bytes;
}

const notUtf8 = (file: string) =>
  new ProblemsError([{ file, code: 'E-ENCODING', message: 'is not valid UTF-8 text further in (its start was); save it in one encoding, e.g. "CSV UTF-8"', zh: '开头是 UTF-8 文本，后面却不是有效的 UTF-8；请统一用一种编码保存，例如“CSV UTF-8”' }]);

/** Splits UTF-8 bytes into lines and hands each on: unquoted lines as bytes, the others through the parser. */
class ByteLines {
  private carry: Buffer = Buffer.alloc(0);
  /** Line of the first byte of `carry`. */
  private line = 1;
  private readonly record = new TableRecord();
  private readonly parser: CsvParser;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Whether the parser holds the start of a record (a quoted cell still open). */
  private parsing = false;

  constructor(
    private readonly file: string,
    private readonly onRecord: (record: TableRecord) => void,
  ) {
    this.parser = new CsvParser((cells, line) => onRecord(this.record.setCells(cells, line)));
  }

  push(chunk: Uint8Array): void {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.carry.length > 0) {
      // The line begun in the last piece is completed with the start of this one; the rest is read where it lies.
      const nl = bytes.indexOf(LF);
      const head = Buffer.concat([this.carry, nl < 0 ? bytes : bytes.subarray(0, nl + 1)]);
      this.carry = Buffer.alloc(0);
      if (nl < 0) return this.keep(head);
      this.whole(head);
      bytes = bytes.subarray(nl + 1);
    }
    const last = bytes.lastIndexOf(LF);
    if (last < 0) return this.keep(bytes);
    this.whole(bytes.subarray(0, last + 1));
    if (last + 1 < bytes.length) this.keep(bytes.subarray(last + 1));
  }

  /** Bytes without a line end yet: kept for the next piece, up to more than any record may hold. */
  private keep(bytes: Buffer): void {
    // Past 4 bytes a character of the longest record: the parser's fault for a line too long, at the line's start.
    if (bytes.length > 4 * MAX_RECORD_CHARS) throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', this.line);
    // A copy: the piece it lies in is not held for one line.
    this.carry = Buffer.from(bytes);
  }

  /** Lines that end in a LF (LF never occurs inside a UTF-8 sequence: the bytes up to it are whole characters). */
  private whole(bytes: Buffer): void {
    if (!isUtf8(bytes)) throw notUtf8(this.file);
    this.lines(bytes, 0, bytes.length);
  }

  end(): void {
    const bytes = this.carry;
    this.carry = Buffer.alloc(0);
    if (!isUtf8(bytes)) throw notUtf8(this.file);
    if (bytes.length > 0) this.lines(bytes, 0, bytes.length);
    if (this.parsing) this.parser.end();
  }

  /**
   * Hands on the lines of `bytes[from, to)`; `to` is just past a LF, or the end of the file. A line with a quote or a
   * lone CR, or longer than any record, is read by the parser, as is every line while the parser holds an open
   * quoted cell. (Line ends, quotes and CRs are found by the native search; the loop looks only for commas.)
   */
  private lines(bytes: Buffer, from: number, to: number): void {
    const rec = this.record;
    // The next quote and CR at or after `start` (-1: none before `to`); searched again once passed.
    let quote = -2;
    let cr = -2;
    let start = from;
    while (start < to) {
      let nl = bytes.indexOf(LF, start);
      const hasEnd = nl >= 0 && nl < to;
      if (!hasEnd) nl = to;
      const next = hasEnd ? nl + 1 : nl;
      if (this.parsing) {
        this.parse(bytes, start, next);
        start = next;
        continue;
      }
      if (quote !== -1 && quote < start) quote = indexBefore(bytes, QUOTE, start, to);
      if (cr !== -1 && cr < start) cr = indexBefore(bytes, CR, start, to);
      const end = hasEnd && nl > start && bytes[nl - 1] === CR ? nl - 1 : nl;
      const plain = (quote < 0 || quote >= nl) && (cr < 0 || cr >= end) && end - start <= MAX_RECORD_CHARS;
      if (!plain) {
        this.parse(bytes, start, next);
        start = next;
        continue;
      }
      if (end > start) {
        let n = 0;
        let cell = start;
        for (let k = start; k < end; k++) {
          if (bytes[k] !== COMMA) continue;
          rec.setCell(n++, cell, k);
          cell = k + 1;
        }
        rec.setCell(n++, cell, end);
        rec.bytes = bytes;
        rec.line = this.line;
        rec.count = n;
        this.onRecord(rec);
      }
      if (hasEnd) this.line++;
      start = next;
    }
  }

  /** The text of the line goes to the parser, which counts its lines from here on until its record is closed. */
  private parse(bytes: Buffer, start: number, end: number): void {
    if (!this.parsing) this.parser.continueAt(this.line);
    this.parser.push(this.decoder.decode(bytes.subarray(start, end)));
    this.parsing = !this.parser.idle;
    this.line = this.parser.nextLine;
  }
}

/** The first `byte` in `bytes[from, to)`, or -1. */
function indexBefore(bytes: Buffer, byte: number, from: number, to: number): number {
  const i = bytes.indexOf(byte, from);
  return i < to ? i : -1;
}

/** A GB18030 file: decoded as it arrives, then parsed as text. */
async function readDecoded(first: Buffer, rest: AsyncIterable<Uint8Array> | null, file: string, onRecord: (record: TableRecord) => void): Promise<void> {
  const decoder = new TextDecoder('gb18030', { fatal: true, ignoreBOM: false });
  const record = new TableRecord();
  const parser = new CsvParser((cells, line) => onRecord(record.setCells(cells, line)));
  const decode = (chunk: Uint8Array, final: boolean): string => {
    try {
      return decoder.decode(chunk, { stream: !final });
    } catch {
      throw new ProblemsError([{ file, code: 'E-ENCODING', message: 'is not valid GB18030 text further in (its start was); save it in one encoding, e.g. "CSV UTF-8"', zh: '开头是 GB18030 文本，后面却不是有效的 GB18030；请统一用一种编码保存，例如“CSV UTF-8”' }]);
    }
  };
  parser.push(decode(first, rest === null));
  if (rest) {
    for await (const chunk of rest) parser.push(decode(chunk, false));
    parser.push(decode(new Uint8Array(), true));
  }
  parser.end();
}

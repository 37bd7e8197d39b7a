/**
 * Raw monitoring exports (daily or hourly values per station), read as a stream (lines.ts: UTF-8 split and read on
 * its bytes, GB18030 decoded then parsed): each row is checked against the header's width and handed on at once, so
 * memory does not grow with the file. Times and concentrations in their common form are read straight from the
 * bytes; anything else goes the text path, which words every fault.
 */
import type { AqiPollutant } from '../schedule/aqi.js';
import { ProblemsError, type ProblemLog, type SourceRef } from '../core/problems.js';
import { mapHeader, type RowFit } from './headers.js';
import { CsvSyntaxError } from './csv.js';
import { TableRecord, readTableRecords } from './lines.js';
import { HEADER_NAMES, columnsOf, normaliseHeader } from '../core/vocabulary.js';
import { EMPTY_CELL, parseRawValue, rawValueAt } from './raw-value.js';

/** A time column makes an export hourly. */
const HOURLY_HEADER = new Set(HEADER_NAMES.time.map(normaliseHeader));

export type RawKind = 'daily' | 'hourly';

const COMMON = { station: true, county: false, pm25: true, pm10: true, so2: true, no2: true, co: true } as const;

export const DAILY_COLUMNS = columnsOf({ date: true, ...COMMON, o3_8h: true, o3_1h: false });

export const HOURLY_COLUMNS = columnsOf({ time: true, ...COMMON, o3: true });

export interface RawHandlers {
  /** The unit of a station, from the county cell (if the file has one) or the stations file; undefined after logging a fault. */
  unitOf(station: string, county: string | undefined, at: SourceRef): string | undefined;
  /** One hour; `values` (pm25, pm10, so2, no2, co, o3 in raw thousandths, NaN: missing) is reused for the next row. */
  hour(station: string, unitId: string, day: string, hour: number, values: ArrayLike<number>, file: string, line: number): void;
  day(station: string, unitId: string, day: string, values: Partial<Record<AqiPollutant, number | null>>, at: SourceRef): void;
  /** false to skip a row (outside the months asked for). */
  wantDay(day: string): boolean;
  onRow?(): void;
}

function validDay(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$|^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$|^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(\d{1,2})时$/;

export function parseDay(text: string): string | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  return m[1] ? validDay(+m[1], +m[2]!, +m[3]!) : validDay(+m[4]!, +m[5]!, +m[6]!);
}

/** `2023-01-01 13:00` → [day, 13]; hours are hour-beginning, 00–23. */
export function parseHour(text: string): [string, number] | { error: string; zh: string } | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, min, sec] = m[1] ? [m[1], m[2], m[3], m[4], m[5], m[6]] : [m[7], m[8], m[9], m[10], '00', undefined];
  const day = validDay(+y!, +mo!, +d!);
  if (day === null) return null;
  if (min !== '00' || (sec !== undefined && sec !== '00')) return { error: `expected an hour on the hour, got "${text.trim()}"`, zh: `应为整点时间，实际为“${text.trim()}”` };
  if (+h! > 23) return {
      error: `hour ${h}: times are read as the start of the hour, 00:00–23:00 (an export that labels hours 1–24 by their end needs shifting by one hour)`,
      zh: `${h} 时：时间按小时开始计，为 00:00–23:00（以小时结束标注 1–24 时的导出数据需要前移一小时）`,
    };
  return [day, +h!];
}

/**
 * Reads a raw export from its bytes as they arrive (lines.ts: on bytes where it can, decoded once) and hands each
 * row on. Returns the kind of export its header makes it, undefined when it has no usable header.
 */
export async function readRawFile(bytes: AsyncIterable<Uint8Array>, file: string, log: ProblemLog, handlers: RawHandlers, stationsGiven: boolean): Promise<RawKind | undefined> {
  const reader = new RawRows(file, log, handlers, stationsGiven);
  try {
    await readTableRecords(bytes, file, (record) => reader.record(record));
  } catch (e) {
    if (!reader.fault(e)) throw e;
  }
  return reader.end();
}

/**
 * The same for rows already split into text cells (a workbook's rows, say), each with the line (or row) it
 * comes from: the same checks, faults and hand-on as for a CSV export.
 */
export function readRawRows(rows: Iterable<{ cells: string[]; line: number }>, file: string, log: ProblemLog, handlers: RawHandlers, stationsGiven: boolean): RawKind | undefined {
  const reader = new RawRows(file, log, handlers, stationsGiven);
  const record = new TableRecord();
  try {
    for (const row of rows) reader.record(record.setCells(row.cells, row.line));
  } catch (e) {
    if (!reader.fault(e)) throw e;
  }
  return reader.end();
}

/** Thrown from inside the reader to stop reading a file whose header is at fault. */
const STOP = Symbol('stop');

const HOURLY_VALUE_KEYS = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3'] as const;
const DAILY_VALUE_KEYS = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3_8h', 'o3_1h'] as const;

/** The rows of one raw export: its header, then each row checked and handed on. */
class RawRows {
  private header: string[] | undefined;
  private kind: RawKind | undefined;
  private col: Map<string, number> = new Map();
  private fit: RowFit | undefined;
  /** Whether a row that fits has nothing more to check: no unnamed column between named ones. */
  private plainFit = false;
  private cols = { time: -1, station: -1, county: -1, values: [] as number[], valueKeys: [] as readonly string[] };
  /** One hour's values, HOURLY_VALUE_KEYS order, NaN: missing; reused for every row. */
  private readonly hourValues = new Float64Array(HOURLY_VALUE_KEYS.length);
  private readonly stationNames = new CellTexts();
  private readonly countyNames = new CellTexts();
  /** The unit each station resolved to with a county (or none), so that a repeated pair is not resolved again. */
  private readonly units = new Map<string, { county: string | undefined; unitId: string }>();
  private readonly times = new DateCache();

  constructor(
    private readonly file: string,
    private readonly log: ProblemLog,
    private readonly h: RawHandlers,
    private readonly stationsGiven: boolean,
  ) {}

  record(rec: TableRecord): void {
    if (rec.isBlank()) return;
    if (!this.header) return this.readHeader(rec);
    this.h.onRow?.();
    const fits = this.plainFit && rec.count >= this.fit!.named && this.restBlank(rec) ? true : this.fit!.check(rec.texts(), rec.line, this.log);
    if (fits) this.row(rec);
  }

  private restBlank(rec: TableRecord): boolean {
    for (let i = this.fit!.named; i < rec.count; i++) if (!rec.blank(i)) return false;
    return true;
  }

  private readHeader(rec: TableRecord): void {
    const record = [...rec.texts()];
    const line = rec.line;
    this.header = record;
    const names = record.map(normaliseHeader);
    const kind: RawKind = names.some((h) => HOURLY_HEADER.has(h)) ? 'hourly' : 'daily';
    this.kind = kind;
    const specs = (kind === 'hourly' ? HOURLY_COLUMNS : DAILY_COLUMNS).map((c) => (c.key === 'county' ? { ...c, required: !this.stationsGiven } : c));
    const mapped = mapHeader({ line, cells: record }, specs, this.file);
    if (mapped.problems.length > 0) {
      this.log.addAll(mapped.problems);
      throw STOP;
    }
    this.col = mapped.columns as Map<string, number>;
    this.fit = mapped.fit;
    this.plainFit = names.slice(0, mapped.fit.named).every((n) => n !== '');
    const valueKeys = kind === 'hourly' ? HOURLY_VALUE_KEYS : DAILY_VALUE_KEYS;
    this.cols = {
      time: this.col.get(kind === 'hourly' ? 'time' : 'date')!,
      station: this.col.get('station')!,
      county: this.col.get('county') ?? -1,
      values: valueKeys.map((k) => this.col.get(k) ?? -1),
      valueKeys,
    };
  }

  /** Whether `e` is a fault of the file (logged here); anything else is the caller's. */
  fault(e: unknown): boolean {
    if (e === STOP) return true;
    if (e instanceof ProblemsError) this.log.addAll(e.problems);
    else if (e instanceof CsvSyntaxError) this.log.add(e.toProblem(this.file));
    else return false;
    return true;
  }

  end(): RawKind | undefined {
    if (!this.header) this.log.add({ file: this.file, line: 1, code: 'E-EMPTY', message: 'is empty: expected a header row and rows of monitoring data', zh: '是空文件：应有一行表头和若干行监测数据' });
    else this.log.addAll(this.fit?.unnamedInUse() ?? []);
    return this.kind;
  }

  private fault1(rec: TableRecord, column: number, key: string, message: string, zh: string): void {
    this.log.add({ file: this.file, line: rec.line, column: column + 1, field: this.header![column]?.trim() ?? key, message, zh });
  }

  private row(rec: TableRecord): void {
    const { cols, times } = this;
    const hourly = this.kind === 'hourly';
    const day = hourly ? times.hourOf(rec, cols.time) : times.dayOf(rec, cols.time);
    if (day === null) {
      const text = rec.text(cols.time).trim();
      const t = hourly ? parseHour(text) : parseDay(text);
      const why = t !== null && !Array.isArray(t) && typeof t === 'object' ? t : undefined;
      if (why) return this.fault1(rec, cols.time, 'time', why.error, why.zh);
      if (hourly) return this.fault1(rec, cols.time, 'time', `expected a time such as 2023-01-01 13:00, got "${text}"`, `应为时间，如 2023-01-01 13:00，实际为“${text}”`);
      return this.fault1(rec, cols.time, 'date', `expected a date such as 2023-01-01, got "${text}"`, `应为日期，如 2023-01-01，实际为“${text}”`);
    }
    if (!times.wanted(day, this.h)) return;
    const known = this.stationNames.entry(rec, cols.station);
    const station = known !== null ? known.trimmed : rec.text(cols.station).trim();
    if (station === '') return this.fault1(rec, cols.station, 'station', 'expected a station name, got an empty cell', '应为站点名称，实际为空单元格');
    const unitId = this.unitOf(rec, station, known);
    const line = rec.line;
    if (hourly) {
      const values = this.hourValues;
      let bad = false;
      for (let k = 0; k < values.length; k++) {
        const v = this.value(rec, cols.values[k]!, cols.valueKeys[k]!);
        if (v === undefined) bad = true;
        else values[k] = v === null ? NaN : v;
      }
      if (bad || unitId === undefined) return;
      this.h.hour(station, unitId, day, times.hour, values, this.file, line);
      return;
    }
    const values: Record<string, number | null> = {};
    let bad = false;
    for (let k = 0; k < cols.values.length; k++) {
      if (cols.values[k]! < 0) continue;
      const v = this.value(rec, cols.values[k]!, cols.valueKeys[k]!);
      if (v === undefined) bad = true;
      else values[cols.valueKeys[k]!] = v;
    }
    if (bad || unitId === undefined) return;
    this.h.day(station, unitId, day, values, { file: this.file, line });
  }

  /** A concentration in thousandths, null when missing, undefined after logging a fault. */
  private value(rec: TableRecord, column: number, key: string): number | null | undefined {
    if (rec.bytes !== null && column < rec.count) {
      const v = rawValueAt(rec.bytes, rec.starts[column]!, rec.ends[column]!);
      if (v >= 0) return v;
      if (v === EMPTY_CELL) return null;
    }
    const v = parseRawValue(rec.text(column));
    if (v === null || typeof v === 'number') return v;
    this.fault1(rec, column, key, `${v.error}; expected a concentration such as 45 or 0.8, or a missing-value marker (empty, —, -)`, `${v.zh}；应为浓度值，如 45 或 0.8，或缺测标记（空、—、-）`);
    return undefined;
  }

  /** The unit of the row's station; remembered with the bytes of the station's county cell, for the next rows. */
  private unitOf(rec: TableRecord, station: string, known: CellText | null): string | undefined {
    const countyCol = this.cols.county;
    if (known !== null && known.unitId !== undefined) {
      if (countyCol < 0 || (countyCol < rec.count && sameBytes(known.countyBytes!, rec.bytes!, rec.starts[countyCol]!, rec.ends[countyCol]!))) return known.unitId;
    }
    const county = countyCol >= 0 ? this.countyNames.of(rec, countyCol) : undefined;
    const cached = this.units.get(station);
    let unitId: string | undefined;
    if (cached !== undefined && cached.county === county) unitId = cached.unitId;
    else {
      const at: SourceRef = { file: this.file, line: rec.line, column: (countyCol >= 0 ? countyCol : this.cols.station) + 1 };
      unitId = this.h.unitOf(station, county, at);
      if (unitId !== undefined) this.units.set(station, { county, unitId });
    }
    // Resolving is a function of the station and county texts: what it gave for them holds for the same bytes.
    if (unitId !== undefined && known !== null) {
      known.unitId = unitId;
      known.countyBytes = countyCol >= 0 ? (this.countyNames.entry(rec, countyCol)?.bytes ?? Buffer.alloc(0)) : undefined;
    }
    return unitId;
  }
}

/**
 * Decodes the distinct texts of a column once: exports repeat a few station and county names row after row, either
 * the same name again (sorted by station) or the names in the same cycle (every station at each time). So the name
 * after the last one is tried first, then a hash of the bytes; every match is checked byte for byte. Forgets
 * everything past 10,000 names (memory stays bounded).
 */
class CellTexts {
  private readonly byHash = new Map<number, CellText>();
  private last: CellText | undefined;

  of(rec: TableRecord, column: number): string {
    return this.entry(rec, column)?.text ?? rec.text(column);
  }

  /** The entry of a cell of a line read on bytes; null for a record of text cells. */
  entry(rec: TableRecord, column: number): CellText | null {
    const b = rec.bytes;
    if (b === null) return null;
    const inRow = column < rec.count;
    const start = inRow ? rec.starts[column]! : 0;
    const end = inRow ? rec.ends[column]! : 0;
    const last = this.last;
    if (last !== undefined) {
      if (last.next !== undefined && sameBytes(last.next.bytes, b, start, end)) return (this.last = last.next);
      if (sameBytes(last.bytes, b, start, end)) return last;
    }
    let hash = 0x811c9dc5;
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ b[k]!, 0x01000193);
    let found = this.byHash.get(hash);
    if (found === undefined || !sameBytes(found.bytes, b, start, end)) {
      if (this.byHash.size >= 10_000) this.byHash.clear();
      const text = b.toString('utf8', start, end);
      found = { bytes: Buffer.from(b.subarray(start, end)), text, trimmed: text.trim(), next: undefined, unitId: undefined, countyBytes: undefined };
      this.byHash.set(hash, found);
    }
    // Remember the order names come in: the next time round, this one follows the last one.
    if (last !== undefined && last.next === undefined) last.next = found;
    this.last = found;
    return found;
  }
}

interface CellText {
  bytes: Buffer;
  text: string;
  trimmed: string;
  /** For a station: the unit it resolved to with the county cell of these bytes (undefined: none yet). */
  unitId: string | undefined;
  countyBytes: Buffer | undefined;
  /** The name that came after this one the first time. */
  next: CellText | undefined;
}

function sameBytes(a: Buffer, b: Buffer, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[start + k]) return false;
  return true;
}

/**
 * Dates and times of a column, read straight from the bytes in the common form (2023-10-01, 2023-10-01 13:00), the
 * text path for any other; the day of the last date is kept, as exports list every station at each time.
 */
class DateCache {
  /** The hour of the last time read. */
  hour = 0;
  private lastKey = -1;
  private lastDay: string | null = null;
  private wantedDay: string | null = null;
  private wantedAnswer = false;

  /** The day of a time cell (its hour in `hour`), or null when it is not a time (the caller words the fault). */
  hourOf(rec: TableRecord, column: number): string | null {
    const b = rec.bytes;
    if (b !== null && column < rec.count) {
      const s = rec.starts[column]!;
      // YYYY-MM-DD HH:00
      if (rec.ends[column]! - s === 16 && b[s + 10] === 0x20 && b[s + 13] === 0x3a && b[s + 14] === 0x30 && b[s + 15] === 0x30) {
        const hour = twoDigits(b, s + 11);
        const day = hour >= 0 && hour <= 23 ? this.dayAt(b, s) : null;
        if (day !== null) {
          this.hour = hour;
          return day;
        }
      }
    }
    const t = parseHourCached(rec.text(column));
    if (t === null || !Array.isArray(t)) return null;
    this.hour = t[1];
    return t[0];
  }

  /** The day of a date cell, or null when it is not a date. */
  dayOf(rec: TableRecord, column: number): string | null {
    const b = rec.bytes;
    if (b !== null && column < rec.count && rec.ends[column]! - rec.starts[column]! === 10) {
      const day = this.dayAt(b, rec.starts[column]!);
      if (day !== null) return day;
    }
    return parseDayCached(rec.text(column));
  }

  /** YYYY-MM-DD at `s`, or null when the bytes are not that (the text path decides). */
  private dayAt(b: Buffer, s: number): string | null {
    if (b[s + 4] !== 0x2d || b[s + 7] !== 0x2d) return null;
    const hi = twoDigits(b, s);
    const lo = twoDigits(b, s + 2);
    const m = twoDigits(b, s + 5);
    const d = twoDigits(b, s + 8);
    if (hi < 0 || lo < 0 || m < 0 || d < 0) return null;
    const key = ((hi * 100 + lo) * 100 + m) * 100 + d;
    if (key !== this.lastKey) [this.lastKey, this.lastDay] = [key, validDay(hi * 100 + lo, m, d)];
    return this.lastDay;
  }

  /** Whether the rows of a day are wanted, asked once per run of rows of the same day. */
  wanted(day: string, h: RawHandlers): boolean {
    if (day !== this.wantedDay) [this.wantedDay, this.wantedAnswer] = [day, h.wantDay(day)];
    return this.wantedAnswer;
  }
}

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(b: Buffer, at: number): number {
  const x = b[at]! - 48;
  const y = b[at + 1]! - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

// Exports list every station at each time, so one time string repeats row after row: parse it once.
let lastTime: string | undefined;
let lastHour: ReturnType<typeof parseHour> = null;
function parseHourCached(text: string): ReturnType<typeof parseHour> {
  if (text !== lastTime) [lastTime, lastHour] = [text, parseHour(text)];
  return lastHour;
}
let lastDate: string | undefined;
let lastDay: string | null = null;
function parseDayCached(text: string): string | null {
  if (text !== lastDate) [lastDate, lastDay] = [text, parseDay(text)];
  return lastDay;
}

/**
 * Raw monitoring exports (daily or hourly values per station), read as a stream: bytes are decoded as
 * they arrive (UTF-8, or GB18030 when the start of the file is not UTF-8), parsed as they come, and each
 * row is checked against the header's width and handed on at once, so memory does not grow with the file.
 */
import { TextDecoder } from 'node:util';
import type { AqiPollutant, HourlyPollutant } from '../schedule/aqi.js';
import { ProblemsError, type ProblemLog, type SourceRef } from '../core/problems.js';
import { decodeText } from './decode.js';
import { mapHeader, type RowFit } from './headers.js';
import { CsvParser, CsvSyntaxError, isBlank } from './csv.js';
import { HEADER_NAMES, columnsOf, normaliseHeader } from '../core/vocabulary.js';
import { parseRawValue } from './raw-value.js';

/** A time column makes an export hourly. */
const HOURLY_HEADER = new Set(HEADER_NAMES.time.map(normaliseHeader));

export type RawKind = 'daily' | 'hourly';

const COMMON = { station: true, county: false, pm25: true, pm10: true, so2: true, no2: true, co: true } as const;

export const DAILY_COLUMNS = columnsOf({ date: true, ...COMMON, o3_8h: true, o3_1h: false });

export const HOURLY_COLUMNS = columnsOf({ time: true, ...COMMON, o3: true });

export interface RawHandlers {
  /** The unit of a station, from the county cell (if the file has one) or the stations file; undefined after logging a fault. */
  unitOf(station: string, county: string | undefined, at: SourceRef): string | undefined;
  hour(station: string, unitId: string, day: string, hour: number, values: Partial<Record<HourlyPollutant, number | null>>, at: SourceRef): void;
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
export function parseHour(text: string): [string, number] | { error: string } | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, min, sec] = m[1] ? [m[1], m[2], m[3], m[4], m[5], m[6]] : [m[7], m[8], m[9], m[10], '00', undefined];
  const day = validDay(+y!, +mo!, +d!);
  if (day === null) return null;
  if (min !== '00' || (sec !== undefined && sec !== '00')) return { error: `expected an hour on the hour, got "${text.trim()}"` };
  if (+h! > 23) return { error: `hour ${h}: times are read as the start of the hour, 00:00–23:00 (an export that labels hours 1–24 by their end needs shifting by one hour)` };
  return [day, +h!];
}

/** Decoded text chunks: the encoding is decided on the first 64 KiB (BOM, strict UTF-8, strict GB18030) and then enforced. */
async function* decodeChunks(bytes: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<string> {
  const SNIFF = 64 * 1024;
  let head: Uint8Array[] = [];
  let headLength = 0;
  let decoder: TextDecoder | undefined;
  let pendingCR = false;
  const unify = (s: string) => {
    // csv-parse miscounts lines after an empty CRLF line; unify line ends (a CR at a chunk's end waits for the next).
    let t = (pendingCR ? '\r' : '') + s;
    pendingCR = t.endsWith('\r');
    if (pendingCR) t = t.slice(0, -1);
    return t.replace(/\r\n?/g, '\n');
  };
  const start = (all: Uint8Array, complete: boolean) => {
    // A prefix may end inside a character: judge it up to its last line end, unless it is the whole file.
    const { encoding } = decodeText(complete ? all : trimToBoundary(all), file);
    decoder = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true, ignoreBOM: false });
  };
  const decode = (chunk: Uint8Array, final = false): string => {
    try {
      return decoder!.decode(chunk, { stream: !final });
    } catch {
      throw new ProblemsError([{ file, message: `is not valid ${decoder!.encoding === 'gb18030' ? 'GB18030' : 'UTF-8'} text further in (its start was); save it in one encoding, e.g. "CSV UTF-8"` }]);
    }
  };
  for await (const chunk of bytes) {
    if (!decoder) {
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < SNIFF) continue;
      const all = Buffer.concat(head);
      head = [];
      start(all, false);
      yield unify(decode(all));
      continue;
    }
    yield unify(decode(chunk));
  }
  if (!decoder) {
    const all = Buffer.concat(head);
    start(all, true);
    yield unify(decode(all, true));
  } else yield unify(decode(new Uint8Array(), true));
  if (pendingCR) yield '\n';
}

/** Cut a sniffed prefix at the last line end, so a character split at the edge does not look like bad UTF-8. */
function trimToBoundary(bytes: Uint8Array): Uint8Array {
  const nl = bytes.lastIndexOf(0x0a);
  return nl > 0 ? bytes.subarray(0, nl + 1) : bytes;
}

export async function readRawFile(bytes: AsyncIterable<Uint8Array>, file: string, log: ProblemLog, handlers: RawHandlers, stationsGiven: boolean): Promise<RawKind | undefined> {
  let header: string[] | undefined;
  let kind: RawKind | undefined;
  let col: Map<string, number> = new Map();
  let fit: RowFit | undefined;
  const onRecord = (record: string[], line: number): void => {
    if (isBlank(record)) return;
    if (!header) {
      header = record;
      const names = record.map(normaliseHeader);
      kind = names.some((h) => HOURLY_HEADER.has(h)) ? 'hourly' : 'daily';
      const specs = (kind === 'hourly' ? HOURLY_COLUMNS : DAILY_COLUMNS).map((c) => (c.key === 'county' ? { ...c, required: !stationsGiven } : c));
      const mapped = mapHeader({ line, cells: record }, specs, file);
      if (mapped.problems.length > 0) {
        log.addAll(mapped.problems);
        throw STOP;
      }
      col = mapped.columns as Map<string, number>;
      fit = mapped.fit;
      return;
    }
    handlers.onRow?.();
    if (fit!.check(record, line, log)) readRow(record, line, kind!, col, header, file, log, handlers);
  };
  // Comma-separated only: raw exports are; each piece of decoded text is parsed as it arrives.
  const parser = new CsvParser(onRecord);
  try {
    for await (const text of decodeChunks(bytes, file)) parser.push(text);
    parser.end();
  } catch (e) {
    if (e === STOP) return kind;
    if (e instanceof ProblemsError) {
      log.addAll(e.problems);
      return kind;
    }
    if (e instanceof CsvSyntaxError) {
      log.add(e.toProblem(file));
      return kind;
    }
    throw e;
  }
  if (!header) log.add({ file, line: 1, code: 'E-EMPTY', message: 'is empty: expected a header row and rows of monitoring data' });
  else log.addAll(fit?.unnamedInUse() ?? []);
  return kind;
}

/** Thrown from inside the parser to stop reading a file whose header is at fault. */
const STOP = Symbol('stop');

const HOURLY_VALUE_KEYS = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3'] as const;
const DAILY_VALUE_KEYS = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3_8h', 'o3_1h'] as const;

/** Column positions of a raw file, looked up once (a raw export has millions of rows). */
interface Columns {
  get(key: string): number | undefined;
  has(key: string): boolean;
}

function readRow(record: string[], line: number, kind: RawKind, col: Columns, header: string[], file: string, log: ProblemLog, h: RawHandlers): void {
  const cell = (key: string) => record[col.get(key) ?? -1] ?? '';
  // Places and messages are made only for faults.
  const at = (key: string): SourceRef => ({ file, line, column: (col.get(key) ?? 0) + 1 });
  const fault = (key: string, message: string) => log.add({ ...at(key), field: header[col.get(key) ?? 0]?.trim() ?? key, message });

  let day: string;
  let hour = 0;
  if (kind === 'hourly') {
    const t = parseHourCached(cell('time'));
    if (t === null) return fault('time', `expected a time such as 2023-01-01 13:00, got "${cell('time').trim()}"`);
    if (!Array.isArray(t)) return fault('time', t.error);
    [day, hour] = t;
  } else {
    const d = parseDayCached(cell('date'));
    if (d === null) return fault('date', `expected a date such as 2023-01-01, got "${cell('date').trim()}"`);
    day = d;
  }
  if (!h.wantDay(day)) return;
  const station = cell('station').trim();
  if (station === '') return fault('station', 'expected a station name, got an empty cell');
  const hasCounty = col.has('county');
  const unitId = h.unitOf(station, hasCounty ? cell('county') : undefined, at(hasCounty ? 'county' : 'station'));
  const values: Record<string, number | null> = {};
  let bad = false;
  for (const key of kind === 'hourly' ? HOURLY_VALUE_KEYS : DAILY_VALUE_KEYS) {
    const index = col.get(key);
    if (index === undefined) continue;
    const v = parseRawValue(record[index] ?? '');
    if (v !== null && typeof v === 'object') {
      fault(key, `${v.error}; expected a concentration such as 45 or 0.8, or a missing-value marker (empty, —, -)`);
      bad = true;
    } else values[key] = v;
  }
  if (bad || unitId === undefined) return;
  if (kind === 'hourly') h.hour(station, unitId, day, hour, values, { file, line });
  else h.day(station, unitId, day, values, { file, line });
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

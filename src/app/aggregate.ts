/**
 * Raw monitoring data (第六条: the platform's hourly or daily export, per station) to the monthly table `settle`
 * reads: read as a stream, a row at a time, into station-days, unit-days and unit-months (engine/aggregate).
 */
import { note } from '../core/notes.js';
import { createReadStream, statSync } from 'node:fs';
import { addMonths, daysInMonth, monthOf, monthsOfOption, type Month } from '../core/month.js';
import { ProblemLog, ProblemsError, type Problem } from '../core/problems.js';
import { unitResolver, type UnitResolver } from '../core/units.js';
import { columnsOf } from '../core/vocabulary.js';
import { UnitAggregator, type ProvisionalMonth, type UnitMonth } from '../engine/aggregate/days.js';
import { RowsOutOfOrder, StationFeeder, type FeedMode } from '../engine/aggregate/stations.js';
import { decodeText } from '../input/decode.js';
import { readRawFile, type RawHandlers } from '../input/raw.js';
import { rawSource } from '../input/workbook.js';
import { openTable } from '../input/table.js';
import type { AggregateResult } from '../output/aggregate.js';
import { unitNameIn } from '../schedule/set.js';
import { MAX_TABLE_BYTES, TooLarge, fsFault, nodeReader, type Reader } from './files.js';
import { loadSchedules } from './schedules.js';

/** A raw export: its path, or its name and its bytes as they arrive (standard input). */
export type RawInput = string | { name: string; bytes: AsyncIterable<Uint8Array> };

export interface StreamReader extends Reader {
  /** The file as a stream of bytes; throws the file system's error if it cannot be opened. */
  openStream(path: string): AsyncIterable<Uint8Array>;
  /** Whether the path can be read a second time with the same bytes (a regular file, not a pipe). */
  canReopen?(path: string): boolean;
}

export const nodeStreamReader: StreamReader = {
  ...nodeReader,
  openStream: (path) => createReadStream(path, { highWaterMark: 256 * 1024 }),
  canReopen(path) {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
};

export interface AggregateOptions {
  files: readonly RawInput[];
  /** station,county: the unit of each station, for exports without a county column (checked where both exist). */
  stations?: string;
  /** Output only these months (`YYYY-MM`, comma-separated or repeated); the same months a year earlier are still read. */
  months?: readonly string[];
  /** The schedules whose units the counties name (default: the built-in one). */
  rules?: readonly string[];
  /** The worksheet to read of each .xlsx export (`--sheet`); default the first. */
  sheet?: string;
  /**
   * Also the current, incomplete month (the latest the data reach), from the days so far, marked provisional: the
   * validity rule applied to the days elapsed, last year over the same days (issue 13, month-to-date standing).
   */
  provisional?: boolean;
  /** Called for every row read (the CLI shows progress on a terminal). */
  onRow?: () => void;
}

export interface Aggregated {
  result: AggregateResult;
  /** The months asked for, or null for all. */
  months: ReadonlySet<Month> | null;
  /** The unit-months shown, valid or not. */
  shown: UnitMonth[];
  /** Those left out for too few valid days (GB 3095-2012 表4): listed, never written as if valid. */
  invalid: UnitMonth[];
  notices: string[];
}

const STATION_COLUMNS = columnsOf({ station: true, county: true });

function readStations(path: string, reader: Reader, resolveUnit: UnitResolver, log: ProblemLog): Map<string, string> {
  const map = new Map<string, string>();
  try {
    const table = openTable(decodeText(reader.readFile(path, MAX_TABLE_BYTES), path).text, path, STATION_COLUMNS, log);
    if (!table) return map;
    const stationCol = table.columns.get('station') ?? 0;
    const countyCol = table.columns.get('county') ?? 0;
    for (const row of table.rows) {
      const station = (row.cells[stationCol] ?? '').trim();
      const unit = resolveUnit(row.cells[countyCol] ?? '');
      if ('error' in unit) log.add({ file: path, line: row.line, column: countyCol + 1, code: unit.code, message: unit.error, zh: unit.zh });
      else if (map.has(station) && map.get(station) !== unit.unitId) log.add({ file: path, line: row.line, code: 'E-STATION-TWICE', message: `station "${station}" is given twice with different units`, zh: `站点“${station}”出现两次，所属单位不同` });
      else map.set(station, unit.unitId);
    }
  } catch (e) {
    if (e instanceof ProblemsError) log.addAll(e.problems);
    else if (e instanceof TooLarge) log.add({ file: path, code: 'E-FILE', message: `is larger than ${MAX_TABLE_BYTES / 1024 / 1024} MiB: a stations file is a few kilobytes`, zh: `超过 ${MAX_TABLE_BYTES / 1024 / 1024} MiB：站点文件只有几 KB` });
    else log.add({ file: path, code: 'E-FILE', ...fsFault(e) });
  }
  return map;
}

/** The unit of a row: its county cell, checked against the stations file where both are given. */
function unitOfRow(resolveUnit: UnitResolver, stationUnits: ReadonlyMap<string, string>, log: ProblemLog) {
  const cache = new Map<string, ReturnType<UnitResolver>>();
  return (station: string, county: string | undefined, at: { file: string; line: number; column?: number }): string | undefined => {
    const mapped = stationUnits.get(station);
    if (county === undefined || county.trim() === '') {
      if (mapped) return mapped;
      log.add({ ...at, code: 'E-STATION-NO-UNIT', message: `station "${station}" has no county here and is not in the stations file`, zh: `站点“${station}”在此没有填写县区，站点文件中也没有它` });
      return undefined;
    }
    let r = cache.get(county);
    if (!r) cache.set(county, (r = resolveUnit(county)));
    if ('error' in r) {
      log.add({ ...at, code: r.code, message: r.error, zh: r.zh });
      return undefined;
    }
    if (mapped && mapped !== r.unitId) {
      log.add({ ...at, code: 'E-STATION-UNIT', message: `station "${station}" is in ${county.trim()} here but the stations file puts it elsewhere`, zh: `站点“${station}”在此属于 ${county.trim()}，而站点文件把它归于其他单位` });
      return undefined;
    }
    return r.unitId;
  };
}

export async function aggregate(opts: AggregateOptions, reader: StreamReader = nodeStreamReader): Promise<Aggregated> {
  const problems: Problem[] = [];
  const { schedules, notices } = loadSchedules(opts.rules, reader, problems);
  const asked = opts.months ? monthsOfOption(opts.months, '--month') : null;
  problems.push(...(asked?.problems ?? []));
  const months = asked ? new Set(asked.months) : null;
  const resolveUnit = unitResolver(schedules);
  const stationLog = new ProblemLog();
  const stationUnits = opts.stations ? readStations(opts.stations, reader, resolveUnit, stationLog) : new Map<string, string>();
  problems.push(...stationLog.problems());
  if (problems.length > 0) throw new ProblemsError(problems);

  const units = schedules.flatMap((s) => s.units);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const wanted = months ? new Set([...months, ...[...months].map((m) => addMonths(m, -12))]) : null;
  const read = (mode: FeedMode) => readAll(opts, reader, mode, { unitName, wanted, unitOf: (log) => unitOfRow(resolveUnit, stationUnits, log) });
  // Files in time order for each station are read a station-day at a time; in any other order they are read again
  // holding every station-day (standard input or a pipe cannot be read twice: it is held from the start).
  const canReread = opts.files.every((f) => typeof f === 'string' && reader.canReopen?.(f) === true);
  const { aggregator, log } = (canReread ? await read('stream') : null) ?? (await read('hold'))!;
  if (log.count > 0) throw new ProblemsError(log.problems());

  const current = opts.provisional ? currentMonth(aggregator, notices, unitName) : undefined;
  const result: AggregateResult = {
    unitMonths: aggregator.months(current),
    units,
    unitName: (id, month) => unitNameIn(schedules, id, month),
    ...(current ? { provisional: { ...current, sameDaysLastYear: sameDaysLastYear(aggregator, current, units.map((u) => u.id)) } } : {}),
  };
  const shown = result.unitMonths.filter((m) => months === null || months.has(m.month));
  if (shown.length === 0) {
    const files = opts.files.map((f) => (typeof f === 'string' ? f : f.name)).join(', ');
    throw new ProblemsError([{ file: files, code: 'E-NO-DATA', message: months ? `hold no data for ${[...months].join(', ')}` : 'hold no rows of data', zh: months ? `没有 ${[...months].join('、')} 的数据` : '没有任何数据行' }]);
  }
  return { result, months, shown, invalid: shown.filter((m) => !m.valid), notices };
}

/** The latest month the data reach, when it is incomplete; a complete one is settled as any other, and said so. */
function currentMonth(aggregator: UnitAggregator, notices: string[], unitName: (id: string) => string): ProvisionalMonth | undefined {
  const through = aggregator.lastDay();
  if (through === null) return undefined;
  const month = monthOf(through);
  if (Number(through.slice(8, 10)) === daysInMonth(month)) {
    notices.push(note(`--provisional: the data reach the end of ${month}; every month is complete, and none is provisional`, `--provisional：数据已到 ${month} 月底；各月都已完整，没有预估月份`));
    return undefined;
  }
  // A unit whose data stop before the others': its missing days count as missing, as in a whole month — said, not silent.
  for (const unitId of aggregator.unitIds()) {
    const own = aggregator.lastDay(unitId);
    if (own !== null && own < through && monthOf(own) === month) {
      notices.push(
        note(
          `--provisional: the data of ${unitName(unitId)} end on ${own}, before ${through}; its days after ${own} count as days without a valid value, as in a whole month`,
          `--provisional：${unitName(unitId)} 的数据截至 ${own}，早于 ${through}；${own} 之后的日子按无有效数据的日子计，与整月的规定相同`,
        ),
      );
    }
  }
  return { month, through };
}

/** Each unit's last-year figures over the same days (1 … the day reached), where the data hold that month. */
function sameDaysLastYear(aggregator: UnitAggregator, current: ProvisionalMonth, unitIds: readonly string[]): Map<string, UnitMonth | null> {
  const earlier = addMonths(current.month, -12);
  const day = Number(current.through.slice(8, 10));
  const through = `${earlier}-${String(Math.min(day, daysInMonth(earlier))).padStart(2, '0')}`;
  return new Map(
    unitIds.map((id) => {
      const m = aggregator.monthToDay(id, earlier, Number(through.slice(8, 10)));
      return [id, m && { ...m, provisional: { through } }];
    }),
  );
}

interface ReadContext {
  unitName: (id: string) => string;
  wanted: ReadonlySet<Month> | null;
  unitOf: (log: ProblemLog) => ReturnType<typeof unitOfRow>;
}

/** Every file into a fresh aggregation; null when a `stream` pass meets a row out of time order. */
async function readAll(opts: AggregateOptions, reader: StreamReader, mode: FeedMode, ctx: ReadContext): Promise<{ aggregator: UnitAggregator; log: ProblemLog } | null> {
  const log = new ProblemLog();
  const aggregator = new UnitAggregator();
  const feeder = new StationFeeder(aggregator, log, ctx.unitName, mode);
  const { wanted } = ctx;
  const unitOf = ctx.unitOf(log);
  const handlers: RawHandlers = {
    wantDay: (day) => wanted === null || wanted.has(monthOf(day)),
    unitOf,
    hour: feeder.hour.bind(feeder),
    day: feeder.day.bind(feeder),
    ...(opts.onRow ? { onRow: opts.onRow } : {}),
  };
  try {
    for (const file of opts.files) {
      const name = typeof file === 'string' ? file : file.name;
      let bytes: AsyncIterable<Uint8Array>;
      let label = name;
      try {
        bytes = typeof file === 'string' ? reader.openStream(file) : file.bytes;
        // A workbook is read as its worksheet's CSV text, its faults placed in its cells.
        ({ bytes, name: label } = await rawSource(bytes, name, opts.sheet));
      } catch (e) {
        if (e instanceof ProblemsError) log.addAll(e.problems);
        else log.add({ file: name, code: 'E-FILE', ...fsFault(e) });
        continue;
      }
      await readRawFile(bytes, label, log, handlers, opts.stations !== undefined);
    }
  } catch (e) {
    if (e instanceof RowsOutOfOrder) return null;
    throw e;
  }
  feeder.finish();
  return { aggregator, log };
}

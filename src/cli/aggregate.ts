/** `ecocomp aggregate FILE...`: raw station data (daily or hourly) to the monthly table of `settle`. */
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { UnitAggregator } from '../engine/aggregate/days.js';
import { ProblemLog, StationFeeder } from '../engine/aggregate/stations.js';
import { addMonths, monthOf, monthsOfOption } from '../core/month.js';
import { decodeText } from '../input/decode.js';
import { openTable } from '../input/table.js';
import { readRawFile } from '../input/raw.js';
import { unitResolver } from '../core/units.js';
import { describeInvalid, renderAggregateCsv, renderAggregateJson } from '../output/aggregate.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import { MAX_TABLE_BYTES, STDIN_NAME, TooLarge, describeFsError, noteRead, readFileOf, writeOutput, writeStdout } from './files.js';
import { collectValues } from './options.js';
import { UsageError, type CliIo } from './io.js';
import { EXIT } from './exit.js';
import { loadSchedules } from './schedule.js';
import { unitNameIn } from '../schedule/set.js';
import { visible } from '../core/text.js';
import { columnsOf } from '../core/vocabulary.js';

interface AggregateOptions {
  stations?: string;
  month?: string[];
  format: 'csv' | 'json';
  output?: string;
  rules?: string[];
}

const STATION_COLUMNS = columnsOf({ station: true, county: true });

export function aggregateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('aggregate')
    .description('turn daily or hourly station data into the monthly table that settle reads (HJ 633-2012/2026, GB 3095 validity)')
    .argument('<files...>', 'daily (date,station,county,pm25,pm10,so2,no2,co,o3_8h[,o3_1h]) or hourly (time,station,county,pm25,pm10,so2,no2,co,o3) CSV files; "-" reads standard input')
    .option('--stations <file>', 'station → unit mapping: station,county (instead of, or checked against, a county column)')
    .option('--month <YYYY-MM>', 'output only this month (repeat or comma-separate); the same month a year earlier is still read for last year\'s values', collectValues)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--output <path>', 'write to this file (atomically) instead of standard output')
    .option('--rules <file>', 'the schedule whose units the counties name (default: the built-in xuchang-2022)', collectValues)
    .action(async (files: string[], opts: AggregateOptions) => {
      if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input ("-") can be read only once');
      const problems: Problem[] = [];
      const schedules = loadSchedules(opts.rules, io, problems);
      const asked = opts.month ? monthsOfOption(opts.month, '--month') : null;
      problems.push(...(asked?.problems ?? []));
      const months = asked ? new Set(asked.months) : null;
      const resolveUnit = unitResolver(schedules);
      const stationUnits = opts.stations ? readStations(opts.stations, io, resolveUnit, problems) : new Map<string, string>();
      if (problems.length > 0) throw new ProblemsError(problems);

      const units = schedules.flatMap((s) => s.units);
      const log = new ProblemLog();
      const aggregator = new UnitAggregator();
      const feeder = new StationFeeder(aggregator, log, (id) => units.find((u) => u.id === id)?.name ?? id);
      const wanted = months ? new Set([...months, ...[...months].map((m) => addMonths(m, -12))]) : null;
      const countyCache = new Map<string, ReturnType<typeof resolveUnit>>();
      const progress = progressReporter(io);

      for (const file of files) {
        const name = file === '-' ? STDIN_NAME : file;
        if (file === '-') noteRead(io, io.stdinIdentity);
        const bytes = file === '-' ? io.stdinStream() : openFile(file, io, log);
        if (!bytes) continue;
        await readRawFile(bytes, name, log, {
          wantDay: (day) => wanted === null || wanted.has(monthOf(day)),
          unitOf: (station, county, at) => {
            const mapped = stationUnits.get(station);
            if (county === undefined || county.trim() === '') {
              if (mapped) return mapped;
              log.add({ ...at, message: `station "${station}" has no county here and is not in the stations file` });
              return undefined;
            }
            let r = countyCache.get(county);
            if (!r) countyCache.set(county, (r = resolveUnit(county)));
            if ('error' in r) {
              log.add({ ...at, code: r.code, message: r.error });
              return undefined;
            }
            if (mapped && mapped !== r.unitId) {
              log.add({ ...at, message: `station "${station}" is in ${county.trim()} here but the stations file puts it elsewhere` });
              return undefined;
            }
            return r.unitId;
          },
          hour: (...args) => feeder.hour(...args),
          day: (...args) => feeder.day(...args),
          onRow: progress.row,
        }, opts.stations !== undefined);
      }
      feeder.finish();
      progress.done();
      if (log.count > 0) throw new ProblemsError(log.problems());

      const result = { unitMonths: aggregator.months(), units, unitName: (id: string, month: string) => unitNameIn(schedules, id, month) };
      const shown = result.unitMonths.filter((m) => months === null || months.has(m.month));
      if (shown.length === 0) throw new ProblemsError([{ file: files.join(', '), message: months ? `hold no data for ${[...months].join(', ')}` : 'hold no rows of data' }]);
      const text = opts.format === 'json' ? renderAggregateJson(result, months) : renderAggregateCsv(result, months);
      if (opts.output !== undefined) await writeOutput(opts.output, text, io);
      else await writeStdout(text, io);
      const invalid = shown.filter((m) => !m.valid);
      for (const m of invalid) io.stderr.write(`ecocomp: ${visible(describeInvalid(result, m))}\n`);
      if (invalid.length > 0) setExit(EXIT.differences);
    });
}

/** A raw data file as a stream, remembered as read in this run (so that --output can never replace it). */
function openFile(name: string, io: CliIo, log: ProblemLog): AsyncIterable<Uint8Array> | undefined {
  const path = resolve(io.cwd, name);
  try {
    const stats = statSync(path, { bigint: true });
    if (stats.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    noteRead(io, stats);
  } catch (e) {
    log.add({ file: name, message: describeFsError(e) });
    return undefined;
  }
  return createReadStream(path);
}

function readStations(path: string, io: CliIo, resolveUnit: ReturnType<typeof unitResolver>, problems: Problem[]): Map<string, string> {
  const map = new Map<string, string>();
  const log = new ProblemLog();
  try {
    const table = openTable(decodeText(readFileOf(path, io, MAX_TABLE_BYTES), path).text, path, STATION_COLUMNS, log);
    for (const row of table?.rows ?? []) {
      const station = row.cells[table!.columns.get('station')!]!.trim();
      const unit = resolveUnit(row.cells[table!.columns.get('county')!]!);
      if ('error' in unit) log.add({ file: path, line: row.line, column: table!.columns.get('county')! + 1, code: unit.code, message: unit.error });
      else if (map.has(station) && map.get(station) !== unit.unitId) log.add({ file: path, line: row.line, message: `station "${station}" is given twice with different units` });
      else map.set(station, unit.unitId);
    }
  } catch (e) {
    if (e instanceof ProblemsError) log.addAll(e.problems);
    else if (e instanceof TooLarge) log.add({ file: path, message: `is larger than ${MAX_TABLE_BYTES / 1024 / 1024} MiB: a stations file is a few kilobytes` });
    else log.add({ file: path, message: describeFsError(e) });
  }
  problems.push(...log.problems());
  return map;
}

/** Progress on standard error, only on a terminal and only once a run has taken more than a second. */
function progressReporter(io: CliIo): { row: () => void; done: () => void } {
  if (!io.stderr.isTTY) return { row: () => undefined, done: () => undefined };
  const now = io.now ?? (() => performance.now());
  const started = now();
  let rows = 0;
  let shownAt = 0;
  return {
    row: () => {
      rows++;
      if ((rows & 0xfff) !== 0) return;
      const t = now();
      if (t - started < 1000 || t - shownAt < 250) return;
      shownAt = t;
      io.stderr.write(`\recocomp: ${rows.toLocaleString('en-US')} rows read…`);
    },
    done: () => {
      if (shownAt > 0) io.stderr.write('\r\u001b[K');
    },
  };
}

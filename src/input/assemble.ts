/**
 * From validated rows to the engine's input: which months are settled, last year's values taken from
 * the rows twelve months earlier where the *_last_year cells are empty, targets merged from the data
 * and a targets file, the provincial result per month. Every fault is a Problem with its place.
 */
import type { Dec } from '../engine/decimal.js';
import { neededInputs, type Pollutant } from '../engine/measures.js';
import { incompleteGroups } from '../engine/settle.js';
import type { ProvinceResult, SettlementInput, SourceRef, SuppliedBaseline, UnitMonthRecord } from '../engine/types.js';
import type { Problem } from '../problems.js';
import type { Indicator, Schedule } from '../schedule/format.js';
import { describeSet, scheduleForMonth, unitNameIn } from '../schedule/set.js';
import { addMonths } from './cells.js';
import type { MonthlyRow, RowKey } from './monthly.js';
import { describeSource, type ProvinceEntry } from './province.js';
import type { TargetRow } from './targets.js';

export interface AssembleOptions {
  rows: readonly MonthlyRow[];
  keys: readonly RowKey[];
  /** Rows (or files) whose month or unit could not be read; see checkGroups. */
  unidentified: number;
  targets: readonly TargetRow[];
  province: readonly ProvinceEntry[];
  baselines?: readonly SuppliedBaseline[];
  /** --month: settle only these; null settles every month the inputs allow. */
  months: readonly string[] | null;
  /** Without `months`: settle only the input months within this range (the others are still read). */
  range?: { from?: string; to?: string };
}

export interface Assembled {
  input: SettlementInput;
  months: string[];
  /** Things a user should know that are not faults (months read only as last year's values). */
  notices: string[];
  problems: Problem[];
}

const LAST_YEAR_COLUMN = { pm25: 'pm25_last_year', pm10: 'pm10_last_year' } as const;
const POLLUTANT_LABEL = { pm25: 'PM2.5', pm10: 'PM10' } as const;

export function assemble(opts: AssembleOptions, schedules: readonly Schedule[]): Assembled {
  const problems: Problem[] = [];
  const notices: string[] = [];
  const unitName = (id: string, month: string) => unitNameIn(schedules, id, month);
  const covered = (month: string) => scheduleForMonth(schedules, month) !== undefined;
  const window = describeSet(schedules);
  const key = (month: string, unitId: string) => `${month}|${unitId}`;

  // Duplicates are told from the keys, so a duplicate of a faulty row is still reported.
  const firstKey = new Map<string, RowKey>();
  for (const k of opts.keys) {
    const first = firstKey.get(key(k.month, k.unitId));
    if (first) problems.push({ file: k.file, line: k.line, message: `${k.month} ${unitName(k.unitId, k.month)} appears twice (also at ${first.file}:${first.line}); one row per unit and month` });
    else firstKey.set(key(k.month, k.unitId), k);
  }
  const rowOf = new Map(opts.rows.map((r) => [key(r.month, r.unitId), r]));
  const inputMonths = [...new Set(opts.keys.map((k) => k.month))].sort();
  // Rows and keys by month, once: a scheme of thousands of units over years has hundreds of thousands of rows.
  const rowsOf = groupBy(opts.rows, (r) => r.month);
  const keysOf = groupBy(opts.keys, (k) => k.month);
  const firstRowOf = (month: string) => keysOf.get(month)![0]!;

  const neededLastYear = (month: string): Pollutant[] => {
    const schedule = scheduleForMonth(schedules, month);
    if (!schedule) return [];
    const needs = neededInputs(schedule).lastYear;
    return (['pm25', 'pm10'] as const).filter((p) => needs[p]);
  };
  const lastYearFor = (r: MonthlyRow, p: Pollutant): { value: Dec; source: SourceRef } | 'faulty' | undefined => {
    const own = p === 'pm25' ? r.pm25LastYear : r.pm10LastYear;
    if (own) return { value: own, source: { file: r.file, line: r.line, column: r.columns[LAST_YEAR_COLUMN[p]]! } };
    const earlierKey = key(addMonths(r.month, -12), r.unitId);
    const earlier = rowOf.get(earlierKey);
    const value = earlier?.[p];
    if (earlier && value) return { value, source: { file: earlier.file, line: earlier.line, column: earlier.columns[p]! } };
    return firstKey.has(earlierKey) ? 'faulty' : undefined;
  };
  const resolvable = (month: string) =>
    (rowsOf.get(month) ?? []).every((r) => neededLastYear(month).every((p) => lastYearFor(r, p) !== undefined));

  // Which months to settle.
  let months: string[];
  if (opts.months !== null) {
    months = [...new Set(opts.months)].sort();
    for (const m of months) {
      if (!covered(m)) problems.push({ file: '--month', message: `${m} cannot be settled: ${window}; give --rules a schedule in force for ${m}` });
      else if (!inputMonths.includes(m)) problems.push({ file: '--month', message: `${m} is not in the inputs (they hold ${inputMonths.join(', ') || 'no rows'})` });
    }
  } else {
    months = [];
    const inRange = (m: string) => (opts.range?.from === undefined || m >= opts.range.from) && (opts.range?.to === undefined || m <= opts.range.to);
    for (const m of inputMonths) {
      if (!inRange(m)) continue;
      const later = addMonths(m, 12);
      const servesLater = inputMonths.includes(later);
      if (!covered(m)) {
        if (!servesLater) {
          const at = firstRowOf(m);
          problems.push({
            file: at.file,
            line: at.line,
            message: `month ${m} cannot be settled: ${window}; rows of other months are read only as last year's values for the month twelve months later`,
          });
        }
      } else if (servesLater && !resolvable(m)) {
        notices.push(`${m} is read only as last year's values for ${later}; it is not settled itself, as its own last-year values are missing`);
      } else months.push(m);
    }
    if (months.length === 0 && problems.length === 0) {
      const span = opts.range ? ` from ${opts.range.from ?? 'the start'} to ${opts.range.to ?? 'the end'}` : '';
      problems.push({ file: opts.keys[0]?.file ?? '(input)', message: `holds no month${span} that can be settled` });
    }
  }

  const targetRowOf = new Map(opts.targets.map((t) => [key(t.month, t.unitId), t]));
  const records: UnitMonthRecord[] = [];
  for (const month of months) {
    const schedule = scheduleForMonth(schedules, month);
    if (!inputMonths.includes(month) || !schedule) continue;
    const present = new Set((keysOf.get(month) ?? []).map((k) => k.unitId));
    // An unreadable unit or month may be the very row that seems missing: its own fault says more.
    if (opts.unidentified === 0) {
      for (const message of incompleteGroups(month, present, schedule)) problems.push({ file: firstRowOf(month).file, message });
    }
    for (const r of rowsOf.get(month) ?? []) {
      const at = (column: number | undefined): SourceRef => ({ file: r.file, line: r.line, ...(column ? { column } : {}) });
      const record: UnitMonthRecord = {
        month,
        unitId: r.unitId,
        ...(r.pm25 ? { pm25: r.pm25 } : {}),
        ...(r.pm10 ? { pm10: r.pm10 } : {}),
        ...(r.goodDays ? { goodDays: r.goodDays } : {}),
        targets: { ...r.targets },
        sources: { row: at(undefined), pm25: at(r.columns.pm25), pm10: at(r.columns.pm10), goodDays: at(r.columns.good_days), targets: {} },
      };
      for (const p of neededLastYear(month)) {
        const ly = lastYearFor(r, p);
        if (ly === 'faulty') continue; // the earlier row has its own fault reported
        if (ly === undefined) {
          const col = r.columns[LAST_YEAR_COLUMN[p]];
          problems.push({
            file: r.file,
            line: r.line,
            ...(col ? { column: col, field: LAST_YEAR_COLUMN[p] } : {}),
            message: `${month} ${unitName(r.unitId, month)}: no last-year ${POLLUTANT_LABEL[p]}: ${col ? 'the cell is empty' : `there is no ${LAST_YEAR_COLUMN[p]} column`} and the inputs hold no ${addMonths(month, -12)} row for ${unitName(r.unitId, month)}`,
          });
          continue;
        }
        if (p === 'pm25') [record.pm25LastYear, record.sources!.pm25LastYear] = [ly.value, ly.source];
        else [record.pm10LastYear, record.sources!.pm10LastYear] = [ly.value, ly.source];
      }
      for (const indicator of Object.keys(r.targets) as Indicator[]) {
        record.sources!.targets![indicator] = { file: r.file, line: r.line, column: r.columns[`${indicator === 'goodDays' ? 'good_days' : indicator}_target`]! };
      }
      const t = targetRowOf.get(key(month, r.unitId));
      if (t) {
        for (const indicator of Object.keys(t.targets) as Indicator[]) {
          const fromFile = t.targets[indicator]!;
          const fromData = record.targets[indicator];
          if (fromData && !fromData.eq(fromFile)) {
            problems.push({
              file: t.file,
              line: t.line,
              column: t.columns[indicator]!,
              message: `${month} ${unitName(r.unitId, month)}: the ${indicator} target ${fromFile.toFixed()} differs from ${fromData.toFixed()} in ${r.file}:${r.line}; give each target once`,
            });
          } else if (!fromData) {
            record.targets[indicator] = fromFile;
            record.sources!.targets![indicator] = { file: t.file, line: t.line, column: t.columns[indicator]! };
          }
        }
      }
      records.push(record);
    }
  }

  const province = new Map<string, ProvinceResult>();
  for (const e of opts.province) {
    const before = province.get(e.month);
    if (before && before.payout !== e.payout) {
      problems.push({
        file: e.file,
        ...(e.line !== undefined ? { line: e.line } : {}),
        message: `the provincial result for ${e.month} is ${e.payout ? '支偿' : '得补'} here but ${before.payout ? '支偿' : '得补'} from ${before.source}`,
      });
    } else if (!before) province.set(e.month, { payout: e.payout, source: describeSource(e) });
    if (e.line === undefined && !inputMonths.includes(e.month)) {
      problems.push({ file: '--province-payout', message: `${e.month} is not in the inputs (they hold ${inputMonths.join(', ')}); check the month` });
    }
  }

  const baselines = (opts.baselines ?? []).filter((b) => months.includes(b.month));
  return { input: { records, province, ...(baselines.length > 0 ? { baselines } : {}) }, months, notices, problems };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

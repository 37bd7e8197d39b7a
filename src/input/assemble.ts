/**
 * From validated rows to the engine's input: which months are settled, last year's values taken from
 * the rows twelve months earlier where the *_last_year cells are empty, targets merged from the data
 * and a targets file, the provincial result per month, and every row of a side file matched to a month
 * of the data. Every fault is a Problem with its place; nothing given is dropped without a word.
 */
import type { Dec } from '../core/decimal.js';
import { neededInputs, type Pollutant } from '../schedule/measures.js';
import { incompleteGroups, pm25AbovePm10 } from '../engine/settle.js';
import type { ProvinceResult, SettlementInput, SuppliedBaseline, UnitMonthRecord } from '../engine/types.js';
import type { Problem, SourceRef } from '../core/problems.js';
import { citation, type Schedule } from '../schedule/format.js';
import { describeSet, scheduleForMonth, unitNameIn } from '../schedule/set.js';
import { describeWindow } from '../schedule/window.js';
import { addMonths } from '../core/month.js';
import type { MonthlyRow, RowKey } from './monthly.js';
import { describeSource, type ProvinceEntry } from './province.js';
import type { TargetRow } from './targets.js';
import { type Indicator } from '../core/factors.js';

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

/**
 * What becomes of a month of the data: settled; left out by the user's --month or --from/--to; read only
 * as last year's values for the month twelve months later; or refused (a fault says why).
 */
export type MonthStatus = 'settled' | 'deselected' | 'last-year-only' | 'refused';

const LAST_YEAR_COLUMN = { pm25: 'pm25_last_year', pm10: 'pm10_last_year' } as const;
const POLLUTANT_LABEL = { pm25: 'PM2.5', pm10: 'PM10' } as const;

/** The rows of the data looked up by month and unit, and the last-year values each row can be given. */
interface DataIndex {
  schedules: readonly Schedule[];
  inputMonths: string[];
  /** The same months, for lookups per row of a side file. */
  inputMonthSet: ReadonlySet<string>;
  rowOf: Map<string, MonthlyRow>;
  firstKey: Map<string, RowKey>;
  rowsOf: Map<string, MonthlyRow[]>;
  keysOf: Map<string, RowKey[]>;
  unitName(id: string, month: string): string;
}

const key = (month: string, unitId: string) => `${month}|${unitId}`;

export function assemble(opts: AssembleOptions, schedules: readonly Schedule[]): Assembled {
  const problems: Problem[] = [];
  // Each month as its own schedule names the unit (decisions: several schedules).
  const unitName = (id: string, month: string) => unitNameIn(schedules, id, month);

  // Duplicates are told from the keys, so a duplicate of a faulty row is still reported.
  const firstKey = new Map<string, RowKey>();
  for (const k of opts.keys) {
    const first = firstKey.get(key(k.month, k.unitId));
    if (first) problems.push({ file: k.file, line: k.line, message: `${k.month} ${unitName(k.unitId, k.month)} appears twice (also at ${first.file}:${first.line}); one row per unit and month` });
    else firstKey.set(key(k.month, k.unitId), k);
  }
  const inputMonths = [...new Set(opts.keys.map((k) => k.month))].sort();
  const data: DataIndex = {
    schedules,
    inputMonths,
    inputMonthSet: new Set(inputMonths),
    rowOf: new Map(opts.rows.map((r) => [key(r.month, r.unitId), r])),
    firstKey,
    // Rows and keys by month, once: a scheme of thousands of units over years has hundreds of thousands of rows.
    rowsOf: groupBy(opts.rows, (r) => r.month),
    keysOf: groupBy(opts.keys, (k) => k.month),
    unitName,
  };

  const selection = selectMonths(data, opts);
  problems.push(...selection.problems);
  const { months, status } = selection;

  const records: UnitMonthRecord[] = [];
  const targets = sideRowsByKey<TargetRow>(opts.targets, {
    keyOf: (t) => key(t.month, t.unitId),
    valuesOf: (t) => t.targets,
    describe: (t) => `the ${t.month} targets of ${unitName(t.unitId, t.month)}`,
    placeOf: (t) => ({ file: t.file, line: t.line }),
  });
  problems.push(...targets.problems);
  const targetRowOf = targets.byKey;
  for (const month of months) {
    const schedule = scheduleForMonth(schedules, month);
    if (!data.inputMonthSet.has(month) || !schedule) continue;
    const present = new Set((data.keysOf.get(month) ?? []).map((k) => k.unitId));
    // An unreadable unit or month may be the very row that seems missing: its own fault says more.
    if (opts.unidentified === 0) {
      for (const message of incompleteGroups(month, present, schedule)) problems.push({ file: firstRowOf(data, month).file, message });
    }
    const swapped = swappedColumns(data, month);
    if (swapped) problems.push(swapped);
    for (const r of data.rowsOf.get(month) ?? []) {
      const record = recordOf(r);
      problems.push(...resolveLastYear(data, r, record, opts.months === null));
      problems.push(...mergeTargets(data, r, record, targetRowOf.get(key(month, r.unitId))));
      records.push(record);
    }
  }

  const { province, problems: provinceProblems } = provinceResults(opts.province);
  problems.push(...provinceProblems);
  problems.push(...payoutMonths(data, opts.province, status));
  // Side rows are matched against identified data only: an unreadable month may be the one a row names.
  if (opts.unidentified === 0) {
    problems.push(...targetRowsWithoutData(data, opts.targets, status));
    problems.push(...provinceRowsWithoutData(data, opts.province));
    problems.push(...baselineRowsWithoutUse(data, opts.baselines ?? [], status));
  }

  const supplied = sideRowsByKey<SuppliedBaseline>(opts.baselines ?? [], {
    keyOf: (b) => key(b.month, b.groupId),
    valuesOf: (b) => b.values,
    describe: (b) => `the ${b.month} baselines of group ${b.groupId}`,
    placeOf: (b) => ({ file: b.source?.file ?? '--baselines', ...(b.source ? { line: b.source.line } : {}) }),
  });
  problems.push(...supplied.problems);
  const settled = new Set(months);
  const baselines = [...supplied.byKey.values()].filter((b) => settled.has(b.month));
  return { input: { records, province, ...(baselines.length > 0 ? { baselines } : {}) }, months, notices: selection.notices, problems };
}

function firstRowOf(data: DataIndex, month: string): RowKey {
  return data.keysOf.get(month)![0]!;
}

function neededLastYear(data: DataIndex, month: string): Pollutant[] {
  const schedule = scheduleForMonth(data.schedules, month);
  if (!schedule) return [];
  const needs = neededInputs(schedule).lastYear;
  return (['pm25', 'pm10'] as const).filter((p) => needs[p]);
}

/** A row's last-year value: its own cell, else the same unit's value twelve months earlier ('faulty': that row has a fault of its own). */
function lastYearFor(data: DataIndex, r: MonthlyRow, p: Pollutant): { value: Dec; source: SourceRef } | 'faulty' | undefined {
  const own = p === 'pm25' ? r.pm25LastYear : r.pm10LastYear;
  if (own) return { value: own, source: { file: r.file, line: r.line, column: r.columns[LAST_YEAR_COLUMN[p]]! } };
  const earlierKey = key(addMonths(r.month, -12), r.unitId);
  const earlier = data.rowOf.get(earlierKey);
  const value = earlier?.[p];
  if (earlier && value) return { value, source: { file: earlier.file, line: earlier.line, column: earlier.columns[p]! } };
  return data.firstKey.has(earlierKey) ? 'faulty' : undefined;
}

/**
 * Whether a month has any of the last-year values its schedule needs: a cell of its own or a row twelve
 * months earlier, for any of its units. A month with none is taken to be given as last year's values only.
 */
function hasAnyLastYear(data: DataIndex, month: string): boolean {
  const needed = neededLastYear(data, month);
  if (needed.length === 0) return true;
  const earlier = addMonths(month, -12);
  return (
    (data.keysOf.get(month) ?? []).some((k) => data.firstKey.has(key(earlier, k.unitId))) ||
    (data.rowsOf.get(month) ?? []).some((r) => needed.some((p) => (p === 'pm25' ? r.pm25LastYear : r.pm10LastYear) !== undefined))
  );
}

/**
 * Which months to settle. With --month, exactly those (each must be in the data and under a schedule).
 * Otherwise every month of the data (within --from/--to), except a month read only as last year's values:
 * one before every schedule, or one with no last-year values at all whose month twelve months later is
 * also given. A month with some of its last-year values is settled, and each missing one is a fault.
 */
function selectMonths(data: DataIndex, opts: AssembleOptions): { months: string[]; status: Map<string, MonthStatus>; notices: string[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const notices: string[] = [];
  const status = new Map<string, MonthStatus>();
  const covered = (month: string) => scheduleForMonth(data.schedules, month) !== undefined;
  if (opts.months !== null) {
    const months = [...new Set(opts.months)].sort();
    for (const m of data.inputMonths) status.set(m, months.includes(m) ? 'settled' : 'deselected');
    for (const m of months) {
      if (!covered(m)) problems.push({ file: '--month', message: `${m} cannot be settled: ${describeSet(data.schedules)}; give --rules a schedule in force for ${m}` });
      else if (!data.inputMonthSet.has(m)) problems.push({ file: '--month', message: `${m} is not in the inputs (they hold ${describeMonths(data.inputMonths)})` });
    }
    return { months, status, notices, problems };
  }
  const inRange = (m: string) => (opts.range?.from === undefined || m >= opts.range.from) && (opts.range?.to === undefined || m <= opts.range.to);
  for (const m of data.inputMonths) {
    const later = addMonths(m, 12);
    const servesLater = data.inputMonthSet.has(later);
    if (!inRange(m)) status.set(m, 'deselected');
    else if (!covered(m)) {
      status.set(m, servesLater ? 'last-year-only' : 'refused');
      if (!servesLater) {
        const at = firstRowOf(data, m);
        problems.push({
          file: at.file,
          line: at.line,
          message: `month ${m} cannot be settled: ${describeSet(data.schedules)}; rows of other months are read only as last year's values for the month twelve months later`,
        });
      }
    } else if (servesLater && !hasAnyLastYear(data, m)) {
      status.set(m, 'last-year-only');
      notices.push(`${m} is read only as last year's values for ${later}; it is not settled itself, as it has no last-year values of its own`);
    } else status.set(m, 'settled');
  }
  const months = data.inputMonths.filter((m) => status.get(m) === 'settled');
  if (months.length === 0 && problems.length === 0) {
    const span = opts.range ? ` from ${opts.range.from ?? 'the start'} to ${opts.range.to ?? 'the end'}` : '';
    problems.push({ file: opts.keys[0]?.file ?? '(input)', message: `holds no month${span} that can be settled` });
  }
  return { months, status, notices, problems };
}

/** The engine's record of a row, before its last-year values and the targets of a targets file are added. */
function recordOf(r: MonthlyRow): UnitMonthRecord {
  const at = (column: number | undefined): SourceRef => ({ file: r.file, line: r.line, ...(column ? { column } : {}) });
  const record: UnitMonthRecord = {
    month: r.month,
    unitId: r.unitId,
    ...(r.pm25 ? { pm25: r.pm25 } : {}),
    ...(r.pm10 ? { pm10: r.pm10 } : {}),
    ...(r.goodDays ? { goodDays: r.goodDays } : {}),
    targets: { ...r.targets },
    sources: { row: at(undefined), pm25: at(r.columns.pm25), pm10: at(r.columns.pm10), goodDays: at(r.columns.good_days), targets: {} },
  };
  for (const indicator of Object.keys(r.targets) as Indicator[]) {
    record.sources!.targets![indicator] = { file: r.file, line: r.line, column: r.columns[`${indicator === 'goodDays' ? 'good_days' : indicator}_target`]! };
  }
  return record;
}

/**
 * Sets the record's last-year values; each one the schedule needs and the inputs do not hold is a fault naming
 * unit, month and value. `chosenByData`: the month was selected by selectMonths, not named by --month.
 */
function resolveLastYear(data: DataIndex, r: MonthlyRow, record: UnitMonthRecord, chosenByData: boolean): Problem[] {
  const problems: Problem[] = [];
  const later = addMonths(r.month, 12);
  // Said when it matters: without any last-year value this month would have been read as last year's only.
  const why = chosenByData && data.inputMonthSet.has(later) ? `; ${r.month} is settled, not read only as last year's values for ${later}, because some of its last-year values are given` : '';
  for (const p of neededLastYear(data, r.month)) {
    const ly = lastYearFor(data, r, p);
    if (ly === 'faulty') continue; // the earlier row has its own fault reported
    if (ly === undefined) {
      const col = r.columns[LAST_YEAR_COLUMN[p]];
      problems.push({
        file: r.file,
        line: r.line,
        ...(col ? { column: col, field: LAST_YEAR_COLUMN[p] } : {}),
        code: 'E-NO-LAST-YEAR',
        message: `${r.month} ${data.unitName(r.unitId, r.month)}: no last-year ${POLLUTANT_LABEL[p]}: ${col ? 'the cell is empty' : `there is no ${LAST_YEAR_COLUMN[p]} column`} and the inputs hold no ${addMonths(r.month, -12)} row for ${data.unitName(r.unitId, r.month)}${why}`,
      });
      continue;
    }
    if (p === 'pm25') [record.pm25LastYear, record.sources!.pm25LastYear] = [ly.value, ly.source];
    else [record.pm10LastYear, record.sources!.pm10LastYear] = [ly.value, ly.source];
  }
  return problems;
}

/** Adds the targets of a targets file to the record; a target given in both places must be the same. */
function mergeTargets(data: DataIndex, r: MonthlyRow, record: UnitMonthRecord, t: TargetRow | undefined): Problem[] {
  if (!t) return [];
  const problems: Problem[] = [];
  for (const indicator of Object.keys(t.targets) as Indicator[]) {
    const fromFile = t.targets[indicator]!;
    const fromData = record.targets[indicator];
    if (fromData && !fromData.eq(fromFile)) {
      problems.push({
        file: t.file,
        line: t.line,
        column: t.columns[indicator]!,
        message: `${r.month} ${data.unitName(r.unitId, r.month)}: the ${indicator} target ${fromFile.toFixed()} differs from ${fromData.toFixed()} in ${r.file}:${r.line}; give each target once`,
      });
    } else if (!fromData) {
      record.targets[indicator] = fromFile;
      record.sources!.targets![indicator] = { file: t.file, line: t.line, column: t.columns[indicator]! };
    }
  }
  return problems;
}

/**
 * PM2.5 is part of PM10: when every unit of a month has more PM2.5 than PM10, the two columns are almost surely
 * swapped, and settling would move money on the wrong pollutant. (One such unit is only a warning of the engine.)
 */
function swappedColumns(data: DataIndex, month: string): Problem | undefined {
  const rows = data.rowsOf.get(month) ?? [];
  if (rows.length < 2 || !rows.every(pm25AbovePm10)) return undefined;
  const first = rows[0]!;
  const columns = first.columns.pm25 !== undefined && first.columns.pm10 !== undefined ? ` (columns ${first.columns.pm25} and ${first.columns.pm10} of ${first.file})` : '';
  return {
    file: first.file,
    code: 'E-PM-SWAPPED',
    message: `${month}: PM2.5 is above PM10 for every unit (${data.unitName(first.unitId, month)}: ${first.pm25!.toFixed()} against ${first.pm10!.toFixed()}); PM2.5 is part of PM10, so the pm25 (PM2.5) and pm10 (PM10) columns${columns} are almost surely swapped`,
  };
}

/** The provincial result of each month, from the option and the files; one month given two ways is a fault. */
function provinceResults(entries: readonly ProvinceEntry[]): { province: Map<string, ProvinceResult>; problems: Problem[] } {
  const province = new Map<string, ProvinceResult>();
  const problems: Problem[] = [];
  for (const e of entries) {
    const before = province.get(e.month);
    if (before && before.payout !== e.payout) {
      problems.push({
        file: e.file,
        ...(e.line !== undefined ? { line: e.line } : {}),
        message: `the provincial result for ${e.month} is ${e.payout ? '支偿' : '得补'} here but ${before.payout ? '支偿' : '得补'} from ${before.source}`,
      });
    } else if (!before) province.set(e.month, { payout: e.payout, source: describeSource(e) });
  }
  return { province, problems };
}

/**
 * A month named by --province-payout must be settled, or left out by the user's own --month or --from/--to:
 * a payout for a month that is not in the data, or is read only as last year's values, would change nothing.
 */
function payoutMonths(data: DataIndex, entries: readonly ProvinceEntry[], status: ReadonlyMap<string, MonthStatus>): Problem[] {
  const problems: Problem[] = [];
  for (const e of entries) {
    if (e.line !== undefined) continue;
    const s = status.get(e.month);
    if (s === undefined) {
      problems.push({ file: '--province-payout', code: 'E-PAYOUT-MONTH', message: `${e.month} is not in the inputs (they hold ${describeMonths(data.inputMonths)}); check the month` });
    } else if (s === 'last-year-only' || s === 'refused') {
      const ruled = scheduleForMonth(data.schedules, e.month) !== undefined;
      const why = [...(ruled ? [] : ['no schedule is in force for it']), ...(s === 'last-year-only' ? [`it is read only as last year's values for ${addMonths(e.month, 12)}`] : [])].join('; ');
      problems.push({ file: '--province-payout', code: 'E-PAYOUT-MONTH', message: `${e.month} is not settled (${why}), so a payout for it would change nothing; check the month` });
    }
  }
  return problems;
}

function monthAbsent(data: DataIndex, month: string, what: string, row: { file: string; line: number }): Problem[] {
  if (data.inputMonthSet.has(month)) return [];
  return [
    {
      file: row.file,
      line: row.line,
      code: 'E-SIDE-MONTH',
      message: `${what} is given for ${month}, but the data holds no ${month} rows (it holds ${describeMonths(data.inputMonths)}), so it would never be applied; check the month`,
    },
  ];
}

/** A target row must name a month of the data and, in a month that is settled, a unit the data holds for it. */
function targetRowsWithoutData(data: DataIndex, targets: readonly TargetRow[], status: ReadonlyMap<string, MonthStatus>): Problem[] {
  return targets.flatMap((t) => {
    const absent = monthAbsent(data, t.month, `a target of ${data.unitName(t.unitId, t.month)}`, t);
    if (absent.length > 0) return absent;
    if (status.get(t.month) !== 'settled' || data.firstKey.has(key(t.month, t.unitId))) return [];
    return [{ file: t.file, line: t.line, code: 'E-SIDE-UNIT', message: `a target of ${data.unitName(t.unitId, t.month)} is given for ${t.month}, but the data has no ${t.month} row for ${data.unitName(t.unitId, t.month)}, so it would never be applied; check the unit and month` }];
  });
}

/** A row of a province file must name a month of the data (the option is checked by payoutMonths). */
function provinceRowsWithoutData(data: DataIndex, entries: readonly ProvinceEntry[]): Problem[] {
  return entries.flatMap((e) => (e.line === undefined ? [] : monthAbsent(data, e.month, 'a provincial result', { file: e.file, line: e.line })));
}

/**
 * A row of supplied baselines must name a month of the data; in a settled month, its group must be one of the
 * month's schedule, and that schedule must take supplied baselines (D1) rather than compute them.
 */
function baselineRowsWithoutUse(data: DataIndex, baselines: readonly SuppliedBaseline[], status: ReadonlyMap<string, MonthStatus>): Problem[] {
  const takers = data.schedules.filter((s) => s.computation.baselineStatistic.value === 'supplied');
  const takenBy = takers.length === 0 ? 'no schedule in use takes supplied baselines' : `only ${takers.map(describeWindow).join('; ')} ${takers.length === 1 ? 'takes' : 'take'} supplied baselines`;
  return baselines.flatMap((b): Problem[] => {
    const row = { file: b.source?.file ?? '--baselines', line: b.source?.line ?? 0 };
    const groupName = data.schedules.flatMap((s) => s.groups).find((g) => g.id === b.groupId)?.name ?? b.groupId;
    const absent = monthAbsent(data, b.month, `the baselines of ${groupName}`, row);
    if (absent.length > 0) return absent;
    const schedule = scheduleForMonth(data.schedules, b.month);
    if (status.get(b.month) !== 'settled' || !schedule) return [];
    if (schedule.computation.baselineStatistic.value !== 'supplied') {
      return [
        {
          ...row,
          code: 'E-BASELINES-COMPUTED',
          message: `baselines are given for ${b.month}, but schedule ${schedule.id}, in force for it, computes its group baselines as the mean of each group's members (${citation(schedule.computation.baselineStatistic.ref)}); ${takenBy}`,
        },
      ];
    }
    if (!schedule.groups.some((g) => g.id === b.groupId)) {
      return [{ ...row, code: 'E-SIDE-GROUP', message: `group ${groupName} is not a group of schedule ${schedule.id}, in force for ${b.month} (its groups are ${schedule.groups.map((g) => g.name).join('、')})` }];
    }
    return [];
  });
}

/** A list of months, shortened when it is long (a scheme over years holds hundreds). */
function describeMonths(months: readonly string[]): string {
  if (months.length === 0) return 'no rows';
  if (months.length <= 6) return months.join(', ');
  return `${months.length} months, ${months[0]} to ${months[months.length - 1]}`;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** A side row (targets, supplied baselines) as sideRowsByKey sees it: its key, its values and how to name it. */
interface SideRowKind<T> {
  keyOf(row: T): string;
  valuesOf(row: T): Partial<Record<string, Dec>>;
  describe(row: T): string;
  placeOf(row: T): { file: string; line?: number };
}

/**
 * Side rows by unit-month (or group-month). A repeat of a row — the same month and unit in two targets files, say —
 * is accepted only as an exact copy; a repeat that gives other values, or other fields, is refused
 * (E-SIDE-CONFLICT), never settled by whichever file came last. (Repeats within one file are refused by its reader.)
 */
function sideRowsByKey<T>(rows: readonly T[], kind: SideRowKind<T>): { byKey: Map<string, T>; problems: Problem[] } {
  const byKey = new Map<string, T>();
  const problems: Problem[] = [];
  const show = (values: Partial<Record<string, Dec>>) =>
    Object.entries(values).map(([field, v]) => `${field} ${v!.toFixed()}`).join(', ') || 'no values';
  for (const row of rows) {
    const k = kind.keyOf(row);
    const first = byKey.get(k);
    if (!first) {
      byKey.set(k, row);
      continue;
    }
    const [a, b] = [kind.valuesOf(first), kind.valuesOf(row)];
    const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
    const same = [...fields].every((f) => a[f] !== undefined && b[f] !== undefined && a[f]!.eq(b[f]!));
    if (same) continue;
    const at = kind.placeOf(first);
    problems.push({
      ...kind.placeOf(row),
      code: 'E-SIDE-CONFLICT',
      message: `${kind.describe(row)} are given again here (${show(b)}) and differently at ${at.file}${at.line !== undefined ? `:${at.line}` : ''} (${show(a)}); give them once`,
    });
  }
  return { byKey, problems };
}

/**
 * Input parses; the engine decides. The readers give typed rows (core/rows.ts); this step decides, once, what is
 * settled and whether it may be: which months (--month, --from/--to, a month read only as last year's values),
 * where each last-year value comes from (its own cell, or the row twelve months earlier), the targets of 第五条
 * (cells and targets files), the province's verdict, supplied baselines (D1), every side row matched to a month
 * of the data, duplicates, a group's missing members (D9), implausible columns. Every fault is a Problem with its
 * place, all found before anything is settled; what passes is a CheckedInput, the only thing settleEach takes.
 */
import { note } from '../core/notes.js';
import type { Dec } from '../core/decimal.js';
import { roundTo } from '../core/decimal.js';
import type { Indicator } from '../core/factors.js';
import { addMonths, type Month } from '../core/month.js';
import { ProblemsError, sortProblems, type Problem, type SourceRef } from '../core/problems.js';
import { describeSource, type MonthlyRow, type ProvinceEntry, type ReadData, type RowKey, type SuppliedBaseline, type TargetRow } from '../core/rows.js';
import type { Schedule } from '../schedule/format.js';
import { cite, citeInFull } from '../schedule/reference.js';
import { neededInputs, type Pollutant } from '../schedule/measures.js';
import { describeSet, describeSetZh, scheduleForMonth, unitNameIn } from '../schedule/set.js';
import { describeWindow } from '../schedule/window.js';
import { checkedInput } from './checked.js';
import type { CheckedInput, ProvinceResult, SettlementInput, UnitMonthRecord } from './types.js';

/** Which months to settle: those named (--month), or every month the data allows, within a range (--from/--to). */
export interface Selection {
  months: readonly Month[] | null;
  range?: { from?: Month; to?: Month };
}

export interface Prepared {
  /** The settlement's input, checked: the only thing settleEach takes. */
  checked: CheckedInput;
  /** The records of the months settled, as assembled (for the workbook's sheet of inputs). */
  input: SettlementInput;
  months: Month[];
  /** Things a user should know that are not faults (months read only as last year's values). */
  notices: string[];
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

/**
 * The data of a settlement, prepared: every fault found at once (thrown as a ProblemsError, sorted by file and
 * line), or the checked input with the months it settles and the notes for the user.
 */
export function prepare(read: ReadData, schedules: readonly Schedule[], selection: Selection): Prepared {
  // Nothing could be read: what was wrong with the files is all there is to say.
  if (read.problems.length > 0 && read.keys.length === 0) throw new ProblemsError(read.problems);
  const data = indexData(read, schedules);
  const problems: Problem[] = [...read.problems, ...duplicateRows(data, read.keys)];
  const chosen = selectMonths(data, selection, read.keys);
  problems.push(...chosen.problems);
  const { months, status } = chosen;

  const targets = sideRowsByKey<TargetRow>(read.targets, {
    keyOf: (t) => key(t.month, t.unitId),
    valuesOf: (t) => t.targets,
    describe: (t) => `the ${t.month} targets of ${data.unitName(t.unitId, t.month)}`,
    placeOf: (t) => ({ file: t.file, line: t.line }),
  });
  problems.push(...targets.problems);
  const records: UnitMonthRecord[] = [];
  for (const month of months) {
    const schedule = scheduleForMonth(schedules, month);
    if (!data.inputMonthSet.has(month) || !schedule) continue;
    problems.push(...unitsOfMonth(data, month, schedule, read.unidentified));
    const swapped = swappedColumns(data, month);
    if (swapped) problems.push(swapped);
    problems.push(...provisionalMonth(data, month));
    for (const r of data.rowsOf.get(month) ?? []) {
      const record = recordOf(r);
      problems.push(...resolveLastYear(data, r, record, selection.months === null));
      problems.push(...mergeTargets(data, r, record, targets.byKey.get(key(month, r.unitId))));
      records.push(record);
    }
  }

  const { province, problems: provinceProblems } = provinceResults(read.province);
  problems.push(...provinceProblems, ...payoutMonths(data, read.province, status));
  // Side rows are matched against identified data only: an unreadable month may be the one a row names.
  if (read.unidentified === 0) {
    problems.push(...targetRowsWithoutData(data, read.targets, status));
    problems.push(...provinceRowsWithoutData(data, read.province));
    problems.push(...baselineRowsWithoutUse(data, read.baselines, status));
  }
  const supplied = sideRowsByKey<SuppliedBaseline>(read.baselines, {
    keyOf: (b) => key(b.month, b.groupId),
    valuesOf: (b) => b.values,
    describe: (b) => `the ${b.month} baselines of group ${b.groupId}`,
    placeOf: (b) => ({ file: b.source?.file ?? '--baselines', ...(b.source ? { line: b.source.line } : {}) }),
  });
  problems.push(...supplied.problems);
  if (problems.length > 0) throw new ProblemsError(sortProblems(problems));

  const settled = new Set(months);
  const baselines = [...supplied.byKey.values()].filter((b) => settled.has(b.month));
  const input: SettlementInput = { records, province, ...(baselines.length > 0 ? { baselines } : {}) };
  // What the readers cannot know: values the month's schedule needs, and that a last-year value divides.
  const refusals = valueChecks(input, schedules);
  if (refusals.length > 0) throw new ProblemsError(sortProblems(refusals));
  return { checked: checkedInput(input, schedules), input, months, notices: chosen.notices };
}

/**
 * Records assembled elsewhere (a library caller, a test, a what-if) prepared as if they had been read: every
 * record's month is settled, its last-year values are its own, and the same checks apply.
 */
export function prepareRecords(input: SettlementInput, schedules: readonly Schedule[]): Prepared {
  const rows: MonthlyRow[] = input.records.map((r) => ({
    file: r.sources?.row?.file ?? NO_FILE,
    line: r.sources?.row?.line ?? 0,
    month: r.month,
    unitId: r.unitId,
    ...values(r),
    targets: { ...r.targets },
    columns: {},
  }));
  const province: ProvinceEntry[] = [...input.province].map(([month, p]) => ({ month, payout: p.payout, file: p.source }));
  const prepared = prepare({ rows, keys: rows, unidentified: 0, targets: [], province, baselines: input.baselines ?? [], problems: [] }, schedules, { months: null });
  // The records keep their own sources and the verdicts theirs.
  const byKey = new Map(input.records.map((r) => [key(r.month, r.unitId), r]));
  const records = prepared.input.records.map((r) => byKey.get(key(r.month, r.unitId)) ?? r);
  const own: SettlementInput = { records, province: input.province, ...(prepared.input.baselines ? { baselines: prepared.input.baselines } : {}) };
  return { ...prepared, input: own, checked: checkedInput(own, schedules) };
}

/** The file of a record that carries no place (built in code). */
const NO_FILE = '(input)';

function values(r: UnitMonthRecord): Omit<MonthlyRow, 'file' | 'line' | 'month' | 'unitId' | 'targets' | 'columns'> {
  return {
    ...(r.pm25 ? { pm25: r.pm25 } : {}),
    ...(r.pm10 ? { pm10: r.pm10 } : {}),
    ...(r.goodDays ? { goodDays: r.goodDays } : {}),
    ...(r.pm25LastYear ? { pm25LastYear: r.pm25LastYear } : {}),
    ...(r.pm10LastYear ? { pm10LastYear: r.pm10LastYear } : {}),
  };
}

/** A row's place for a message: file and line, the line left out where there is none (a record built in code). */
function placeOf(k: Pick<RowKey, 'file' | 'line'>): { file: string; line?: number } {
  return k.line > 0 ? { file: k.file, line: k.line } : { file: k.file };
}

function indexData(read: ReadData, schedules: readonly Schedule[]): DataIndex {
  const firstKey = new Map<string, RowKey>();
  for (const k of read.keys) if (!firstKey.has(key(k.month, k.unitId))) firstKey.set(key(k.month, k.unitId), k);
  const inputMonths = [...new Set(read.keys.map((k) => k.month))].sort();
  return {
    schedules,
    inputMonths,
    inputMonthSet: new Set(inputMonths),
    rowOf: new Map(read.rows.map((r) => [key(r.month, r.unitId), r])),
    firstKey,
    // Rows and keys by month, once: a scheme of thousands of units over years has hundreds of thousands of rows.
    rowsOf: groupBy(read.rows, (r) => r.month),
    keysOf: groupBy(read.keys, (k) => k.month),
    // Each month as its own schedule names the unit (several schedules, docs/decisions.md).
    unitName: (id, month) => unitNameIn(schedules, id, month),
  };
}

/** One row per unit and month: a second one is a fault, told from the keys so that a duplicate of a faulty row is found too. */
function duplicateRows(data: DataIndex, keys: readonly RowKey[]): Problem[] {
  return keys.flatMap((k) => {
    const first = data.firstKey.get(key(k.month, k.unitId));
    if (first === undefined || first === k) return [];
    const at = first.line > 0 ? `${first.file}:${first.line}` : `${first.file}:?`;
    return [{ ...placeOf(k), code: 'E-ROW-TWICE', message: `${k.month} ${data.unitName(k.unitId, k.month)} appears twice (also at ${at}); one row per unit and month`, zh: `${k.month} ${data.unitName(k.unitId, k.month)} 出现两次（另见 ${at}）；每个单位每月只能有一行` }];
  });
}

/**
 * The units of a settled month against its schedule: each must be one of the schedule's units, and every group
 * must have all its members (D9). While a row's unit or month could not be read, no member can be called missing:
 * that row's own fault says more.
 */
function unitsOfMonth(data: DataIndex, month: Month, schedule: Schedule, unidentified: number): Problem[] {
  const keys = data.keysOf.get(month) ?? [];
  const known = new Set(schedule.units.map((u) => u.id));
  const problems: Problem[] = keys
    .filter((k) => !known.has(k.unitId) && data.firstKey.get(key(k.month, k.unitId)) === k)
    .map((k) => ({ ...placeOf(k), code: 'E-UNIT-NOT-IN-SCHEDULE', message: `unit "${k.unitId}" is not in schedule ${schedule.id}, in force for ${month}`, zh: `单位“${k.unitId}”不在 ${month} 适用的规则 ${schedule.id} 中` }));
  if (unidentified > 0) return problems;
  const present = new Set(keys.map((k) => k.unitId));
  for (const g of schedule.groups) {
    const missing = g.members.filter((m) => !present.has(m));
    if (missing.length === 0) continue;
    problems.push({
      file: keys[0]?.file ?? NO_FILE,
      code: 'E-GROUP-INCOMPLETE',
      message: `${month}: ${g.name} lacks ${missing.map((m) => data.unitName(m, month)).join('、')}; a group is settled only with all its members (${citeInFull(schedule.computation.missingMember.ref)})`,
      zh: `${month}：${g.name}缺少 ${missing.map((m) => data.unitName(m, month)).join('、')} 的数据；一个组只有全部成员的数据齐全才能核算（${citeInFull(schedule.computation.missingMember.ref)}）`,
    });
  }
  return problems;
}

/**
 * What only the month's schedule can say of its records: the values it settles on must be given (a reader takes
 * them as optional when no schedule in use needs them), a last-year value must not round to 0 (the improvement
 * rate divides by it), and a schedule that takes supplied baselines (D1) needs one for each group and factor.
 */
function valueChecks(input: SettlementInput, schedules: readonly Schedule[]): Problem[] {
  const problems: Problem[] = [];
  const label = { pm25: 'PM2.5', pm10: 'PM10', goodDays: 'good days' } as const;
  const firstOf = new Map<Month, UnitMonthRecord>();
  for (const r of input.records) {
    if (!firstOf.has(r.month)) firstOf.set(r.month, r);
    const schedule = scheduleForMonth(schedules, r.month);
    if (!schedule) continue; // prepare settles no month without one
    const needs = neededInputs(schedule);
    const where = recordPlace(r);
    const name = `${r.month} ${unitNameIn(schedules, r.unitId, r.month)}`;
    for (const k of ['pm25', 'pm10', 'goodDays'] as const) {
      if (needs[k] && r[k] === undefined) problems.push({ ...where, code: 'E-VALUE-MISSING', message: `${name}: no ${label[k]} value, which schedule ${schedule.id} needs`, zh: `${name}：缺少 ${label[k]} 数值，规则 ${schedule.id} 需要它` });
    }
    for (const p of ['pm25', 'pm10'] as const) {
      const ly = p === 'pm25' ? r.pm25LastYear : r.pm10LastYear;
      if (!needs.lastYear[p] || ly === undefined) continue;
      if (!roundTo(ly, schedule.computation.concentrationDecimals.value, schedule.computation.rounding.value).gt(0)) {
        problems.push({ ...where, code: 'E-LAST-YEAR-ZERO', message: `${name}: last-year ${label[p]} ${ly.toFixed()} rounds to 0; the improvement rate divides by it`, zh: `${name}：去年同期 ${label[p]} ${ly.toFixed()} 修约后为 0，而同比改善率要除以它` });
      }
    }
  }
  for (const [month, first] of firstOf) {
    const schedule = scheduleForMonth(schedules, month);
    if (schedule?.computation.baselineStatistic.value !== 'supplied') continue;
    for (const g of schedule.groups) {
      const given = input.baselines?.find((b) => b.month === month && b.groupId === g.id);
      const missing = schedule.factors.filter((f) => given?.values[f.id] === undefined).map((f) => f.id);
      if (missing.length > 0) {
        problems.push({ ...recordPlace(first), code: 'E-BASELINE-MISSING', message: `${month} ${g.name}: schedule ${schedule.id} takes baselines as supplied (D1), and none is given for ${missing.join(', ')}`, zh: `${month} ${g.name}：规则 ${schedule.id} 采用外部给定的考核基数（D1），但未给出 ${missing.join('、')} 的基数` });
      }
    }
  }
  return problems;
}

function recordPlace(r: UnitMonthRecord): { file: string; line?: number } {
  const row = r.sources?.row;
  return row ? placeOf(row) : { file: NO_FILE };
}

/** Where a month's first row is, for a fault of the month as a whole. */
function firstRowOf(data: DataIndex, month: string): Pick<RowKey, 'file' | 'line'> {
  return data.keysOf.get(month)?.[0] ?? { file: NO_FILE, line: 0 };
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
  if (own) return { value: own, source: cellOf(r, r.columns[LAST_YEAR_COLUMN[p]]) };
  const earlierKey = key(addMonths(r.month, -12), r.unitId);
  const earlier = data.rowOf.get(earlierKey);
  const value = earlier?.[p];
  if (earlier && value) return { value, source: cellOf(earlier, earlier.columns[p]) };
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
function selectMonths(data: DataIndex, opts: Selection, keys: readonly RowKey[]): { months: string[]; status: Map<string, MonthStatus>; notices: string[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const notices: string[] = [];
  const status = new Map<string, MonthStatus>();
  const covered = (month: string) => scheduleForMonth(data.schedules, month) !== undefined;
  if (opts.months !== null) {
    const months = [...new Set(opts.months)].sort();
    for (const m of data.inputMonths) status.set(m, months.includes(m) ? 'settled' : 'deselected');
    for (const m of months) {
      if (!covered(m)) problems.push({ file: '--month', code: 'E-MONTH-NO-SCHEDULE', message: `${m} cannot be settled: ${describeSet(data.schedules)}; give --rules a schedule in force for ${m}`, zh: `${m} 无法核算：${describeSetZh(data.schedules)}；请用 --rules 给出适用于 ${m} 的规则` });
      else if (!data.inputMonthSet.has(m)) problems.push({ file: '--month', code: 'E-MONTH-NOT-IN-DATA', message: `${m} is not in the inputs (they hold ${describeMonths(data.inputMonths)})`, zh: `输入中没有 ${m}（输入包含 ${describeMonthsZh(data.inputMonths)}）` });
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
        problems.push({
          ...placeOf(firstRowOf(data, m)),
          code: 'E-MONTH-NO-SCHEDULE',
          message: `month ${m} cannot be settled: ${describeSet(data.schedules)}; rows of other months are read only as last year's values for the month twelve months later`,
          zh: `${m} 无法核算：${describeSetZh(data.schedules)}；其他月份的行只作为十二个月后那个月的去年同期值读取`,
        });
      }
    } else if (servesLater && !hasAnyLastYear(data, m)) {
      status.set(m, 'last-year-only');
      notices.push(note(`${m} is read only as last year's values for ${later}; it is not settled itself, as it has no last-year values of its own`, `${m} 只作为 ${later} 的去年同期值读取；它本身没有去年同期值，因此不核算`));
    } else status.set(m, 'settled');
  }
  const months = data.inputMonths.filter((m) => status.get(m) === 'settled');
  if (months.length === 0 && problems.length === 0) {
    const span = opts.range ? ` from ${opts.range.from ?? 'the start'} to ${opts.range.to ?? 'the end'}` : '';
    problems.push({ file: keys[0]?.file ?? NO_FILE, code: 'E-NO-MONTH', message: `holds no month${span} that can be settled`, zh: `没有可以核算的月份${span ? `（${span.trim()}）` : ''}` });
  }
  return { months, status, notices, problems };
}

/** A cell of a row: its file and line, and its column where known. */
function cellOf(r: Pick<RowKey, 'file' | 'line'>, column: number | undefined): SourceRef {
  return { file: r.file, line: r.line, ...(column ? { column } : {}) };
}

/** The column of each indicator's target in the monthly data. */
const TARGET_COLUMN = { pm25: 'pm25_target', pm10: 'pm10_target', goodDays: 'good_days_target' } as const;

/** A record being assembled: its sources are always there to be added to. */
type Assembling = UnitMonthRecord & { sources: NonNullable<UnitMonthRecord['sources']> & { targets: Partial<Record<Indicator, SourceRef>> } };

/** The engine's record of a row, before its last-year values and the targets of a targets file are added. */
function recordOf(r: MonthlyRow): Assembling {
  const targets: Partial<Record<Indicator, SourceRef>> = {};
  for (const indicator of Object.keys(r.targets) as Indicator[]) targets[indicator] = cellOf(r, r.columns[TARGET_COLUMN[indicator]]);
  return {
    month: r.month,
    unitId: r.unitId,
    ...(r.pm25 ? { pm25: r.pm25 } : {}),
    ...(r.pm10 ? { pm10: r.pm10 } : {}),
    ...(r.goodDays ? { goodDays: r.goodDays } : {}),
    targets: { ...r.targets },
    ...(r.provisional ? { provisional: r.provisional } : {}),
    sources: { row: { file: r.file, line: r.line }, pm25: cellOf(r, r.columns.pm25), pm10: cellOf(r, r.columns.pm10), goodDays: cellOf(r, r.columns.good_days), targets },
  };
}

/**
 * Sets the record's last-year values; each one the schedule needs and the inputs do not hold is a fault naming
 * unit, month and value. `chosenByData`: the month was selected by selectMonths, not named by --month.
 */
function resolveLastYear(data: DataIndex, r: MonthlyRow, record: Assembling, chosenByData: boolean): Problem[] {
  const problems: Problem[] = [];
  const later = addMonths(r.month, 12);
  // Said when it matters: without any last-year value this month would have been read as last year's only.
  const why = chosenByData && data.inputMonthSet.has(later) ? `; ${r.month} is settled, not read only as last year's values for ${later}, because some of its last-year values are given` : '';
  const whyZh = why ? `；${r.month} 给出了部分去年同期值，因此要核算，而不只是作为 ${later} 的去年同期值读取` : '';
  for (const p of neededLastYear(data, r.month)) {
    const ly = lastYearFor(data, r, p);
    if (ly === 'faulty') continue; // the earlier row has its own fault reported
    if (ly === undefined) {
      const col = r.columns[LAST_YEAR_COLUMN[p]];
      problems.push({
        ...placeOf(r),
        ...(col ? { column: col, field: LAST_YEAR_COLUMN[p] } : {}),
        code: 'E-NO-LAST-YEAR',
        message: `${r.month} ${data.unitName(r.unitId, r.month)}: no last-year ${POLLUTANT_LABEL[p]}: ${col ? 'the cell is empty' : Object.keys(r.columns).length > 0 ? `there is no ${LAST_YEAR_COLUMN[p]} column` : 'none is given'} and the inputs hold no ${addMonths(r.month, -12)} row for ${data.unitName(r.unitId, r.month)}${why}`,
        zh: `${r.month} ${data.unitName(r.unitId, r.month)}：缺少去年同期 ${POLLUTANT_LABEL[p]}：${col ? '单元格为空' : Object.keys(r.columns).length > 0 ? `没有 ${LAST_YEAR_COLUMN[p]} 列` : '未给出'}，输入中也没有 ${data.unitName(r.unitId, r.month)} ${addMonths(r.month, -12)} 的行${whyZh}`,
      });
      continue;
    }
    if (p === 'pm25') [record.pm25LastYear, record.sources.pm25LastYear] = [ly.value, ly.source];
    else [record.pm10LastYear, record.sources.pm10LastYear] = [ly.value, ly.source];
  }
  return problems;
}

/** Adds the targets of a targets file to the record; a target given in both places must be the same. */
function mergeTargets(data: DataIndex, r: MonthlyRow, record: Assembling, t: TargetRow | undefined): Problem[] {
  if (!t) return [];
  const problems: Problem[] = [];
  for (const [indicator, fromFile] of Object.entries(t.targets) as [Indicator, Dec][]) {
    const fromData = record.targets[indicator];
    if (fromData && !fromData.eq(fromFile)) {
      problems.push({
        ...cellOf(t, t.columns[indicator]),
        code: 'E-TARGET-CONFLICT',
        message: `${r.month} ${data.unitName(r.unitId, r.month)}: the ${indicator} target ${fromFile.toFixed()} differs from ${fromData.toFixed()} in ${r.file}:${r.line}; give each target once`,
        zh: `${r.month} ${data.unitName(r.unitId, r.month)}：${indicator} 目标 ${fromFile.toFixed()} 与 ${r.file}:${r.line} 中的 ${fromData.toFixed()} 不同；每个目标只能给出一次`,
      });
    } else if (!fromData) {
      record.targets[indicator] = fromFile;
      record.sources.targets[indicator] = cellOf(t, t.columns[indicator]);
    }
  }
  return problems;
}

/** PM2.5 is part of PM10: a monthly mean of PM2.5 above that of PM10 cannot both be right. */
export function pm25AbovePm10(r: { pm25?: Dec | undefined; pm10?: Dec | undefined }): boolean {
  return r.pm25 !== undefined && r.pm10 !== undefined && r.pm25.gt(r.pm10);
}

/**
 * A month is settled as a month's result or as a month-to-date standing (aggregate --provisional), never as a mix:
 * every row of a provisional month reaches the same day, so that every unit is compared over the same days.
 */
function provisionalMonth(data: DataIndex, month: string): Problem[] {
  const rows = data.rowsOf.get(month) ?? [];
  const first = rows[0];
  if (!first) return [];
  const through = (r: MonthlyRow) => r.provisional?.through ?? null;
  const odd = rows.find((r) => through(r) !== through(first));
  if (!odd) return [];
  const say = (r: MonthlyRow) => through(r) ?? 'final';
  const sayZh = (r: MonthlyRow) => (through(r) === null ? '正式数据' : `预估，截至 ${through(r)}`);
  return [
    {
      file: odd.file,
      line: odd.line,
      code: 'E-PROVISIONAL-MIXED',
      message: `${month} ${data.unitName(odd.unitId, month)} is ${say(odd)} but ${data.unitName(first.unitId, month)} (${first.file}:${first.line}) is ${say(first)}; a month is settled on final data or on month-to-date data reaching one day for every unit, never on a mix`,
      zh: `${month} ${data.unitName(odd.unitId, month)} 为${sayZh(odd)}，而 ${data.unitName(first.unitId, month)}（${first.file}:${first.line}）为${sayZh(first)}；一个月只能全部用正式数据或全部用截至同一天的预估数据核算，不能混用`,
    },
  ];
}

/**
 * PM2.5 is part of PM10: when every unit of a month has more PM2.5 than PM10, the two columns are almost surely
 * swapped, and settling would move money on the wrong pollutant. (One such unit is only a warning of the engine.)
 */
function swappedColumns(data: DataIndex, month: string): Problem | undefined {
  const rows = data.rowsOf.get(month) ?? [];
  const [first] = rows;
  if (rows.length < 2 || !rows.every(pm25AbovePm10) || first?.pm25 === undefined || first.pm10 === undefined) return undefined;
  const columns = first.columns.pm25 !== undefined && first.columns.pm10 !== undefined ? ` (columns ${first.columns.pm25} and ${first.columns.pm10} of ${first.file})` : '';
  return {
    file: first.file,
    code: 'E-PM-SWAPPED',
    message: `${month}: PM2.5 is above PM10 for every unit (${data.unitName(first.unitId, month)}: ${first.pm25.toFixed()} against ${first.pm10.toFixed()}); PM2.5 is part of PM10, so the pm25 (PM2.5) and pm10 (PM10) columns${columns} are almost surely swapped`,
    zh: `${month}：所有单位的 PM2.5 都高于 PM10（${data.unitName(first.unitId, month)}：${first.pm25.toFixed()}，PM10 ${first.pm10.toFixed()}）；PM2.5 是 PM10 的一部分，pm25（PM2.5）和 pm10（PM10）两列${columns}几乎可以肯定是填反了`,
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
        code: 'E-PROVINCE-CONFLICT',
        message: `the provincial result for ${e.month} is ${e.payout ? '支偿' : '得补'} here but ${before.payout ? '支偿' : '得补'} from ${before.source}`,
        zh: `${e.month} 的省级核算结果此处为${e.payout ? '支偿' : '得补'}，而 ${before.source} 为${before.payout ? '支偿' : '得补'}`,
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
      problems.push({ file: '--province-payout', code: 'E-PAYOUT-MONTH', message: `${e.month} is not in the inputs (they hold ${describeMonths(data.inputMonths)}); check the month`, zh: `输入中没有 ${e.month}（输入包含 ${describeMonthsZh(data.inputMonths)}）；请核对月份` });
    } else if (s === 'last-year-only' || s === 'refused') {
      const ruled = scheduleForMonth(data.schedules, e.month) !== undefined;
      const why = [...(ruled ? [] : ['no schedule is in force for it']), ...(s === 'last-year-only' ? [`it is read only as last year's values for ${addMonths(e.month, 12)}`] : [])].join('; ');
      const whyZh = [...(ruled ? [] : ['没有适用于该月的规则']), ...(s === 'last-year-only' ? [`它只作为 ${addMonths(e.month, 12)} 的去年同期值读取`] : [])].join('；');
      problems.push({ file: '--province-payout', code: 'E-PAYOUT-MONTH', message: `${e.month} is not settled (${why}), so a payout for it would change nothing; check the month`, zh: `${e.month} 不核算（${whyZh}），对它给出支偿不会改变任何结果；请核对月份` });
    }
  }
  return problems;
}

function monthAbsent(data: DataIndex, month: string, what: string, whatZh: string, row: { file: string; line: number }): Problem[] {
  if (data.inputMonthSet.has(month)) return [];
  return [
    {
      file: row.file,
      line: row.line,
      code: 'E-SIDE-MONTH',
      message: `${what} is given for ${month}, but the data holds no ${month} rows (it holds ${describeMonths(data.inputMonths)}), so it would never be applied; check the month`,
      zh: `给出了 ${month} 的${whatZh}，但数据中没有 ${month} 的行（数据包含 ${describeMonthsZh(data.inputMonths)}），它永远不会被使用；请核对月份`,
    },
  ];
}

/** A target row must name a month of the data and, in a month that is settled, a unit the data holds for it. */
function targetRowsWithoutData(data: DataIndex, targets: readonly TargetRow[], status: ReadonlyMap<string, MonthStatus>): Problem[] {
  return targets.flatMap((t) => {
    const absent = monthAbsent(data, t.month, `a target of ${data.unitName(t.unitId, t.month)}`, `${data.unitName(t.unitId, t.month)}目标`, t);
    if (absent.length > 0) return absent;
    if (status.get(t.month) !== 'settled' || data.firstKey.has(key(t.month, t.unitId))) return [];
    return [{ file: t.file, line: t.line, code: 'E-SIDE-UNIT', message: `a target of ${data.unitName(t.unitId, t.month)} is given for ${t.month}, but the data has no ${t.month} row for ${data.unitName(t.unitId, t.month)}, so it would never be applied; check the unit and month`, zh: `给出了 ${data.unitName(t.unitId, t.month)} ${t.month} 的目标，但数据中没有 ${data.unitName(t.unitId, t.month)} ${t.month} 的行，它永远不会被使用；请核对单位和月份` }];
  });
}

/** A row of a province file must name a month of the data (the option is checked by payoutMonths). */
function provinceRowsWithoutData(data: DataIndex, entries: readonly ProvinceEntry[]): Problem[] {
  return entries.flatMap((e) => (e.line === undefined ? [] : monthAbsent(data, e.month, 'a provincial result', '省级核算结果', { file: e.file, line: e.line })));
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
    const absent = monthAbsent(data, b.month, `the baselines of ${groupName}`, `${groupName}考核基数`, row);
    if (absent.length > 0) return absent;
    const schedule = scheduleForMonth(data.schedules, b.month);
    if (status.get(b.month) !== 'settled' || !schedule) return [];
    if (schedule.computation.baselineStatistic.value !== 'supplied') {
      return [
        {
          ...row,
          code: 'E-BASELINES-COMPUTED',
          message: `baselines are given for ${b.month}, but schedule ${schedule.id}, in force for it, computes its group baselines as the mean of each group's members (${cite(schedule.computation.baselineStatistic.ref)}); ${takenBy}`,
          zh: `给出了 ${b.month} 的考核基数，但该月适用的规则 ${schedule.id} 以组内各成员的平均值计算考核基数（${cite(schedule.computation.baselineStatistic.ref)}）；${takenBy}`,
        },
      ];
    }
    if (!schedule.groups.some((g) => g.id === b.groupId)) {
      return [{ ...row, code: 'E-SIDE-GROUP', message: `group ${groupName} is not a group of schedule ${schedule.id}, in force for ${b.month} (its groups are ${schedule.groups.map((g) => g.name).join('、')})`, zh: `${groupName} 不是 ${b.month} 适用的规则 ${schedule.id} 中的组（其分组为 ${schedule.groups.map((g) => g.name).join('、')}）` }];
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

/** As describeMonths, in Chinese. */
function describeMonthsZh(months: readonly string[]): string {
  if (months.length === 0) return '没有数据行';
  if (months.length <= 6) return months.join('、');
  return `${months.length} 个月，${months[0]} 至 ${months[months.length - 1]}`;
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
    Object.entries(values).flatMap(([field, v]) => (v === undefined ? [] : [`${field} ${v.toFixed()}`])).join(', ') || 'no values';
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
      zh: `${kind.describe(row)}在此处再次给出（${show(b)}），与 ${at.file}${at.line !== undefined ? `:${at.line}` : ''} 处不同（${show(a)}）；只能给出一次`,
    });
  }
  return { byKey, problems };
}

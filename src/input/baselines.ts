/**
 * Baselines supplied from outside (D1's alternative, for a schedule whose baselineStatistic is "supplied"):
 * one row per month and group, a column per factor.
 */
import { issueTexts } from './issues.js';
import * as z from 'zod';
import { Dec } from '../core/decimal.js';
import { ProblemLog, type Problem } from '../core/problems.js';
import { MEASURES } from '../schedule/measures.js';
import type { Reference, Schedule } from '../schedule/format.js';
import { cite } from '../schedule/reference.js';
import { scheduleForMonth } from '../schedule/set.js';
import { PLAUSIBLE_MAX, monthCell, notANumberTexts, numberText } from './cells.js';
import { daysInMonth } from '../core/month.js';
import { openTable, type TableSource } from './table.js';
import { normaliseName } from '../core/units.js';
import { columnsOf } from '../core/vocabulary.js';
import { FACTOR_IDS, type FactorId } from '../core/factors.js';
import type { SuppliedBaseline } from '../core/rows.js';

const COLUMNS = columnsOf({ month: true, group: true, pm25: false, pm25_rate: false, pm10: false, pm10_rate: false, good_days: false });

/** The column holding each factor's baseline. */
const FACTOR_COLUMN = { pm25: 'pm25', pm25Rate: 'pm25_rate', pm10: 'pm10', pm10Rate: 'pm10_rate', goodDays: 'good_days' } as const satisfies Record<FactorId, string>;

// A group's improvement rate may be negative (the group got dirtier than a year ago).
const baselineCell = z.string().transform((s, ctx) => {
  const t = numberText(s);
  if (t === '') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(t)) {
    const why = notANumberTexts(t);
    ctx.addIssue({ code: 'custom', message: `expected a baseline written plainly (e.g. 47, 7.8 or -2.5), got ${why.message}`, params: { code: 'E-CELL-NUMBER', zh: `应为直接写出的考核基数（如 47、7.8 或 -2.5），实际为${why.zh}` } });
    return z.NEVER;
  }
  return new Dec(t);
});

/** What a supplied baseline may hold: the range of the measured values it stands for, at the schedule's precision. */
interface BaselineRule {
  min?: Dec;
  max?: Dec;
  /** The decimals the month's schedule keeps this baseline at (none when no schedule is in force for the month). */
  decimals?: number;
  expected: string;
  expectedZh: string;
}

const HUNDRED = new Dec(100);

function baselineRule(key: FactorId, month: string | undefined, schedules: readonly Schedule[]): BaselineRule {
  const schedule = month === undefined ? undefined : scheduleForMonth(schedules, month);
  const c = schedule?.computation;
  const precision = (p: { value: number; ref: Reference } | undefined, unit: string) => {
    if (!p || !schedule) return { text: '', zh: '' };
    const how = p.value === 0 ? `in whole ${unit}` : `with at most ${p.value} decimal${p.value === 1 ? '' : 's'}`;
    const howZh = p.value === 0 ? '取整数' : `最多 ${p.value} 位小数`;
    return { decimals: p.value, text: `, ${how}, as schedule ${schedule.id} keeps it (${cite(p.ref)})`, zh: `，${howZh}，与规则 ${schedule.id} 的精度一致（${cite(p.ref)}）` };
  };
  switch (MEASURES[key].kind) {
    case 'concentration': {
      const p = precision(c?.concentrationDecimals, 'μg/m³');
      return { min: new Dec(0), max: PLAUSIBLE_MAX, ...(p.decimals !== undefined ? { decimals: p.decimals } : {}), expected: `a ${key === 'pm25' ? 'PM2.5' : 'PM10'} baseline in μg/m³ from 0 to 1000${p.text}`, expectedZh: `0 至 1000 μg/m³ 之间的 ${key === 'pm25' ? 'PM2.5' : 'PM10'} 考核基数${p.zh}` };
    }
    case 'rate': {
      const p = precision(c?.rateDecimals, 'percent');
      return { max: HUNDRED, ...(p.decimals !== undefined ? { decimals: p.decimals } : {}), expected: `a group improvement rate in percent of at most 100 (a rate cannot exceed 100 %)${p.text}`, expectedZh: `不超过 100 的组同比改善率（百分数，改善率不可能超过 100%）${p.zh}` };
    }
    case 'goodDays': {
      const p = precision(c?.goodDaysBaselineDecimals, 'days');
      const days = month === undefined ? undefined : daysInMonth(month);
      return {
        min: new Dec(0),
        ...(days !== undefined ? { max: new Dec(days) } : {}),
        ...(p.decimals !== undefined ? { decimals: p.decimals } : {}),
        expected: `a good-days baseline from 0 to ${days === undefined ? 'the days of the month' : `the ${days} days of ${month}`}${p.text}`,
        expectedZh: `0 至${days === undefined ? '当月天数' : ` ${month} 的 ${days} 天`}之间的优良天数考核基数${p.zh}`,
      };
    }
  }
}

function breaks(rule: BaselineRule, d: Dec): boolean {
  return (rule.min !== undefined && d.lt(rule.min)) || (rule.max !== undefined && d.gt(rule.max)) || (rule.decimals !== undefined && d.decimalPlaces() > rule.decimals);
}

export function readBaselinesTable(text: TableSource, file: string, schedules: readonly Schedule[]): { baselines: SuppliedBaseline[]; problems: Problem[] } {
  const log = new ProblemLog();
  const table = openTable(text, file, COLUMNS, log);
  if (!table) return { baselines: [], problems: log.problems() };
  const { header, columns } = table;
  const groups = new Map<string, string>();
  for (const s of schedules) for (const g of s.groups) for (const n of [g.id, g.name]) groups.set(normaliseName(n), g.id);
  const baselines: SuppliedBaseline[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const cell = (key: (typeof COLUMNS)[number]['key']) => row.cells[columns.get(key) ?? -1] ?? '';
    const at = (key: (typeof COLUMNS)[number]['key']) => ({ file, line: row.line, column: columns.get(key)! + 1, field: header.cells[columns.get(key)!]!.trim() });
    const before = log.count;
    const month = monthCell.safeParse(cell('month'));
    if (!month.success) log.add({ ...at('month'), ...issueTexts(month.error.issues[0]!) });
    const groupId = groups.get(normaliseName(cell('group')));
    if (groupId === undefined) {
      const groupNames = [...new Set(schedules.flatMap((s) => s.groups.map((g) => g.name)))].join('、');
      log.add({ ...at('group'), code: 'E-SIDE-GROUP', message: `unknown group "${cell('group').trim()}"; expected one of ${groupNames}`, zh: `未知组别“${cell('group').trim()}”；应为 ${groupNames} 之一` });
    }
    const values: SuppliedBaseline['values'] = {};
    for (const factor of FACTOR_IDS) {
      const column = FACTOR_COLUMN[factor];
      if (!columns.has(column)) continue;
      const v = baselineCell.safeParse(cell(column));
      if (!v.success) log.add({ ...at(column), ...issueTexts(v.error.issues[0]!) });
      else if (v.data !== undefined) {
        const rule = baselineRule(factor, month.success ? month.data : undefined, schedules);
        if (breaks(rule, v.data)) log.add({ ...at(column), code: 'E-BASELINE-VALUE', message: `expected ${rule.expected}, got "${cell(column).trim()}"`, zh: `应为${rule.expectedZh}，实际为“${cell(column).trim()}”` });
        else values[factor] = v.data;
      }
    }
    if (log.count > before || !month.success || groupId === undefined) continue;
    const key = `${month.data}|${groupId}`;
    if (seen.has(key)) {
      log.add({ file, line: row.line, code: 'E-ROW-TWICE', message: `baselines for ${month.data} ${cell('group').trim()} are given twice (first on line ${seen.get(key)})`, zh: `${month.data} ${cell('group').trim()} 的考核基数给出了两次（第一次在第 ${seen.get(key)} 行）` });
      continue;
    }
    seen.set(key, row.line);
    baselines.push({ month: month.data, groupId, values, source: { file, line: row.line } });
  }
  return { baselines: table.complete ? baselines : [], problems: log.problems() };
}

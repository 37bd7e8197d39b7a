/**
 * Months, `YYYY-MM`: the one place that knows how a month is written, read and counted. A settlement month is a
 * calendar month (第四条: 按月度兑现); its days count the good days of 第四条（五）.
 */
import type { Problem } from './problems.js';

/** A settlement month in its canonical form, `YYYY-MM`. */
export type Month = string;

/** A day, `YYYY-MM-DD`. */
export type Day = string;

const CANONICAL = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Whether `text` is a month in its canonical form, as options take it (`--month 2022-10`). */
export function isMonth(text: string): boolean {
  return CANONICAL.test(text);
}

/** A month read from a cell: the month, or why the cell is not one (a day other than the 1st, an ambiguous 2022.1). */
export type MonthReading = { month: Month } | { fault: string; zh: string };

const MONTH_ONLY = [/^(\d{4})-(\d{1,2})$/, /^(\d{4})\/(\d{1,2})$/, /^(\d{4})年(\d{1,2})月$/, /^(\d{4})\.(\d{2})$/, /^(\d{4})(\d{2})$/];
/** A day (what a date cell holds, or how Excel shows one, perhaps with its midnight): the month when it is the 1st. */
const MIDNIGHT = '(?:[ T]0{1,2}:00(?::00)?)?';
const DAY = [/^(\d{4})-(\d{1,2})-(\d{1,2})/, /^(\d{4})\/(\d{1,2})\/(\d{1,2})/, /^(\d{4})年(\d{1,2})月(\d{1,2})日/].map((re) => new RegExp(`${re.source}${MIDNIGHT}$`));

const canonical = (year: string, month: number): Month => `${year}-${String(month).padStart(2, '0')}`;

/**
 * A month as tables write it, in its canonical form; null when the text is no month at all. Accepted: `2022-10`,
 * `2022/10`, `2022年10月`, `2022.10` (`2022.2`…`2022.9`), `202210`, and the first day of the month as a date cell or as Excel writes
 * it (`2022-10-01`, `2022/10/1`, `2022年10月1日`) — Excel turns a typed "2022-10" into the date 2022-10-01.
 * Another day of the month is a fault, never taken as its month: a table of months that holds 2022-10-15 is not
 * what its author thinks it is. `2022.1` is a fault too: a number cell drops the 0 of `2022.10`, so it may be
 * January or October. Full-width digits (`２０２２年１０月`) are read after Unicode NFKC.
 */
export function readMonth(text: string): MonthReading | null {
  const s = text.normalize('NFKC').trim();
  for (const form of MONTH_ONLY) {
    const m = form.exec(s);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { month: canonical(m[1]!, Number(m[2])) };
  }
  for (const form of DAY) {
    const m = form.exec(s);
    if (!m) continue;
    const [month, day] = [Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(canonical(m[1]!, month))) return null;
    if (day === 1) return { month: canonical(m[1]!, month) };
    const named = canonical(m[1]!, month);
    return {
      fault: `"${s}" is day ${day} of ${named}, not a month: a month is written ${named}, or as its first day (${named}-01)`,
      zh: `“${s}”是 ${named} 的第 ${day} 日，不是月份：月份写作 ${named}，或写成该月第一天（${named}-01）`,
    };
  }
  const dotted = /^(\d{4})\.([1-9])$/.exec(s);
  if (dotted?.[2] === '1') {
    const [january, october] = [canonical(dotted[1]!, 1), canonical(dotted[1]!, 10)];
    return {
      fault: `"${s}" may be ${january} or ${october} (a number cell shows ${dotted[1]}.10 as ${dotted[1]}.1): write the month as ${january} or ${october}`,
      zh: `“${s}”可能是 ${january}，也可能是 ${october}（数字单元格会把 ${dotted[1]}.10 显示为 ${dotted[1]}.1）：请写成 ${january} 或 ${october}`,
    };
  }
  return dotted ? { month: canonical(dotted[1]!, Number(dotted[2])) } : null;
}

/** A month as tables write it (see readMonth), or null when it is not one. */
export function parseMonth(text: string): Month | null {
  const r = readMonth(text);
  return r !== null && 'month' in r ? r.month : null;
}

/** How a month may be written in a table, for messages. */
export const MONTH_FORMS_TEXT = 'YYYY-MM, YYYY/MM, YYYY年M月, YYYY.MM, YYYYMM or the first day of the month (a date cell, 2022-10-01, 2022/10/1, 2022年10月1日)';
export const MONTH_FORMS_ZH = 'YYYY-MM、YYYY/MM、YYYY年M月、YYYY.MM、YYYYMM，或该月第一天（日期单元格、2022-10-01、2022/10/1、2022年10月1日）';

export function daysInMonth(month: Month): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** `YYYY-MM` shifted by whole months (−12: the same month a year earlier, 同比). */
export function addMonths(month: Month, delta: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month a day (`YYYY-MM-DD`) or a date in force (`effectiveFrom`) falls in. */
export function monthOf(day: Day): Month {
  return day.slice(0, 7);
}

/**
 * The months of an option that takes several (`--month 2022-10,2022-11 --month 2023-01`), each in canonical
 * form; a value that is not a month is a problem of the option.
 */
export function monthsOfOption(values: readonly string[], option: string): { months: Month[]; problems: Problem[] } {
  const months: Month[] = [];
  const problems: Problem[] = [];
  for (const part of values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '')) {
    if (isMonth(part)) months.push(part);
    else problems.push({ file: option, code: 'E-OPTION-MONTH', message: `expected YYYY-MM, got "${part}"`, zh: `应为 YYYY-MM 格式的月份，实际为“${part}”` });
  }
  return { months, problems };
}

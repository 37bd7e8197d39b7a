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

const FORMS = [/^(\d{4})-(\d{1,2})$/, /^(\d{4})\/(\d{1,2})$/, /^(\d{4})年(\d{1,2})月$/];

/** A month as tables write it — `2022-10`, `2022/10` or `2022年10月` — in its canonical form, or null. */
export function parseMonth(text: string): Month | null {
  const s = text.trim();
  for (const form of FORMS) {
    const m = form.exec(s);
    if (m) {
      const month = Number(m[2]);
      if (month >= 1 && month <= 12) return `${m[1]}-${String(month).padStart(2, '0')}`;
    }
  }
  return null;
}

/** How a month may be written in a table, for messages. */
export const MONTH_FORMS_TEXT = 'YYYY-MM, YYYY/MM or YYYY年M月';

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
    else problems.push({ file: option, code: 'E-OPTION-MONTH', message: `expected YYYY-MM, got "${part}"` });
  }
  return { months, problems };
}

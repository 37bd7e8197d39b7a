/**
 * Cell rules, as zod schemas from the cell's text to a typed value. Numbers are read after Unicode NFKC, so that
 * full-width digits and punctuation typed with a Chinese input method ("４５", "７８．０", "－３") are the same
 * number, and then checked against a strict pattern before a Decimal is made from the text: "", "NaN", "1e3",
 * "0x10" are faults, never 0 or a float's idea of the value, and the fault names the character that is not a digit.
 */
import * as z from 'zod';
import { Dec } from '../core/decimal.js';
import type { Dec as Decimal } from '../core/decimal.js';
import { MONTH_FORMS_TEXT, MONTH_FORMS_ZH, readMonth } from '../core/month.js';
import type { IssueTexts } from './issues.js';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const PLAIN_INTEGER = /^-?\d+$/;

export { PLAUSIBLE_MAX } from '../schedule/measures.js';
import { PLAUSIBLE_MAX } from '../schedule/measures.js';

function show(s: string): string {
  return s.length > 40 ? `"${s.slice(0, 40)}…"` : `"${s}"`;
}

/** A cell's text as a Chinese message quotes it. */
export function showZh(s: string): string {
  return s.length > 40 ? `“${s.slice(0, 40)}…”` : `“${s}”`;
}

export interface NumberRule {
  integer?: boolean;
  /** Inclusive lower bound. */
  min?: Decimal;
  /** Exclusive lower bound. */
  above?: Decimal;
  max?: Decimal;
  /** What a valid cell holds, for messages: "a monthly mean in μg/m³ from 0 to 1000". */
  expected: string;
  /** The same in Chinese, after 应为: "月均浓度（μg/m³，0 至 1000）". */
  expectedZh: string;
}

/** A number cell's text as it is compared: NFKC (full-width "４５．３" is 45.3), without blanks around it. */
export function numberText(text: string): string {
  return text.normalize('NFKC').trim();
}

/** As showChar, for a Chinese message: “，”（U+FF0C）. */
export function showCharZh(c: string): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? `“${c}”（${code}）` : `<${code}>`;
}

/**
 * A character as a message shows it: itself with its code point ("−" and "-" look alike), or only <U+XXXX> when it
 * cannot be seen (a space, a zero-width or control character), as the terminal shows such characters (core/text.ts).
 */
export function showChar(c: string): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? `"${c}" (${code})` : `<${code}>`;
}

/**
 * Why `s` (after numberText) is not a number written plainly: the first character that is not a digit, or, when
 * every character is a digit, a point or a minus, that they are in the wrong places ("4.5.6", "4-").
 */
export function notANumber(s: string): string {
  return notANumberTexts(s).message;
}

/** As notANumber, in English and Chinese. */
export function notANumberTexts(s: string): { message: string; zh: string } {
  const odd = [...s].find((c, i) => !/[0-9.]/.test(c) && !(c === '-' && i === 0));
  if (odd === undefined) {
    return {
      message: `${show(s)}, which is not a number written plainly (digits, at most one point, a minus only in front)`,
      zh: `${showZh(s)}，不是直接写出的数字（只能有数字、至多一个小数点，负号只能在最前面）`,
    };
  }
  const hint = odd === ',' ? ' (write decimals with a point and no thousands separator)' : odd === '−' ? ' (a minus sign: write "-")' : '';
  const hintZh = odd === ',' ? '（小数请用小数点，不要用千位分隔符）' : odd === '−' ? '（这是减号，负号请写作 "-"）' : '';
  return { message: `${show(s)}: ${showChar(odd)} is not a digit${hint}`, zh: `${showZh(s)}：${showCharZh(odd)}不是数字${hintZh}` };
}

function parseNumber(text: string, ctx: z.RefinementCtx, rule: NumberRule): Decimal | typeof z.NEVER {
  const s = numberText(text);
  const fail = (got: string, gotZh: string) => {
    ctx.addIssue({ code: 'custom', message: `expected ${rule.expected}, got ${got}`, params: { code: 'E-CELL-NUMBER', zh: `应为${rule.expectedZh}，实际为${gotZh}` } });
    return z.NEVER;
  };
  if (s === '') return fail('an empty cell (an empty cell is not 0)', '空单元格（空单元格不等于 0）');
  if (!(rule.integer ? PLAIN_INTEGER : PLAIN_DECIMAL).test(s)) {
    if (rule.integer && PLAIN_DECIMAL.test(s)) return fail(`${show(s)}, which is not a whole number`, `${showZh(s)}，不是整数`);
    const why = notANumberTexts(s);
    return fail(why.message, why.zh);
  }
  const d = new Dec(s);
  if ((rule.min !== undefined && d.lt(rule.min)) || (rule.above !== undefined && d.lte(rule.above)) || (rule.max !== undefined && d.gt(rule.max))) {
    return fail(s, s);
  }
  return d.isZero() ? new Dec(0) : d;
}

export function numberCell(rule: NumberRule) {
  return z.string().transform((s, ctx) => parseNumber(s, ctx, rule));
}

/** An optional cell: empty means "not given" (a missing target means no gate, 第五条). */
export function optionalNumberCell(rule: NumberRule) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => (s === undefined || numberText(s) === '' ? undefined : parseNumber(s, ctx, rule)));
}

const ZERO = new Dec(0);

export const CONCENTRATION: NumberRule = {
  min: ZERO,
  max: PLAUSIBLE_MAX,
  expected: 'a monthly mean in μg/m³ from 0 to 1000, written plainly (e.g. 45 or 45.3)',
  expectedZh: '月均浓度（μg/m³，0 至 1000），直接写出数字（如 45 或 45.3）',
};

export const lastYearCell = optionalNumberCell({
  above: ZERO,
  max: PLAUSIBLE_MAX,
  expected: "last year's monthly mean in μg/m³, above 0 (the improvement rate divides by it) and at most 1000, or an empty cell",
  expectedZh: '上年同期月均浓度（μg/m³），大于 0（改善率以它为除数）且不超过 1000，或留空',
});

export const concentrationTargetCell = optionalNumberCell({
  above: ZERO,
  max: PLAUSIBLE_MAX,
  expected: 'a monthly target in μg/m³ above 0 and at most 1000, or an empty cell for no target',
  expectedZh: '月度目标浓度（μg/m³），大于 0 且不超过 1000，或留空表示无目标',
});

export const GOOD_DAYS: NumberRule = {
  integer: true,
  min: ZERO,
  expected: 'a whole number of good days from 0 to the days of the month',
  expectedZh: '优良天数，为 0 至当月天数之间的整数',
};
export const goodDaysTargetCell = optionalNumberCell({
  integer: true,
  min: ZERO,
  expected: 'a whole number of good days from 0 to the days of the month, or an empty cell for no target',
  expectedZh: '优良天数目标，为 0 至当月天数之间的整数，或留空表示无目标',
});

/** A month cell's fault: that of readMonth (a day other than the 1st, 2022.1), or the forms a month takes. */
export function monthFault(text: string): IssueTexts | null {
  const r = readMonth(text);
  if (r !== null && 'month' in r) return null;
  if (r === null) return { code: 'E-CELL-MONTH', message: `expected a month as ${MONTH_FORMS_TEXT}, got ${show(text.trim())}`, zh: `应为月份，写作 ${MONTH_FORMS_ZH}；实际为${showZh(text.trim())}` };
  return { code: 'E-CELL-MONTH', message: `expected a month: ${r.fault}`, zh: `应为月份：${r.zh}` };
}

export const monthCell = z.string().transform((s, ctx) => {
  const r = readMonth(s);
  if (r !== null && 'month' in r) return r.month;
  const fault = monthFault(s)!;
  ctx.addIssue({ code: 'custom', message: fault.message, params: { code: 'E-CELL-MONTH', zh: fault.zh } });
  return z.NEVER;
});

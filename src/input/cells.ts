/**
 * Cell rules, as zod schemas from the cell's text to a typed value. Numbers are read after Unicode NFKC, so that
 * full-width digits and punctuation typed with a Chinese input method ("４５", "７８．０", "－３") are the same
 * number, and then checked against a strict pattern before a Decimal is made from the text: "", "NaN", "1e3",
 * "0x10" are faults, never 0 or a float's idea of the value, and the fault names the character that is not a digit.
 */
import * as z from 'zod';
import { Dec } from '../core/decimal.js';
import type { Dec as Decimal } from '../core/decimal.js';
import { MONTH_FORMS_TEXT, readMonth } from '../core/month.js';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const PLAIN_INTEGER = /^-?\d+$/;

export const PLAUSIBLE_MAX = new Dec(1000);

function show(s: string): string {
  return s.length > 40 ? `"${s.slice(0, 40)}…"` : `"${s}"`;
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
}

/** A number cell's text as it is compared: NFKC (full-width "４５．３" is 45.3), without blanks around it. */
export function numberText(text: string): string {
  return text.normalize('NFKC').trim();
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
  const odd = [...s].find((c, i) => !/[0-9.]/.test(c) && !(c === '-' && i === 0));
  if (odd === undefined) return `${show(s)}, which is not a number written plainly (digits, at most one point, a minus only in front)`;
  const hint = odd === ',' ? ' (write decimals with a point and no thousands separator)' : odd === '−' ? ' (a minus sign: write "-")' : '';
  return `${show(s)}: ${showChar(odd)} is not a digit${hint}`;
}

function parseNumber(text: string, ctx: z.RefinementCtx, rule: NumberRule): Decimal | typeof z.NEVER {
  const s = numberText(text);
  const fail = (got: string) => {
    ctx.addIssue({ code: 'custom', message: `expected ${rule.expected}, got ${got}` });
    return z.NEVER;
  };
  if (s === '') return fail('an empty cell (an empty cell is not 0)');
  if (!(rule.integer ? PLAIN_INTEGER : PLAIN_DECIMAL).test(s)) {
    return fail(rule.integer && PLAIN_DECIMAL.test(s) ? `${show(s)}, which is not a whole number` : notANumber(s));
  }
  const d = new Dec(s);
  if ((rule.min !== undefined && d.lt(rule.min)) || (rule.above !== undefined && d.lte(rule.above)) || (rule.max !== undefined && d.gt(rule.max))) {
    return fail(s);
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
};

export const lastYearCell = optionalNumberCell({
  above: ZERO,
  max: PLAUSIBLE_MAX,
  expected: "last year's monthly mean in μg/m³, above 0 (the improvement rate divides by it) and at most 1000, or an empty cell",
});

export const concentrationTargetCell = optionalNumberCell({
  above: ZERO,
  max: PLAUSIBLE_MAX,
  expected: 'a monthly target in μg/m³ above 0 and at most 1000, or an empty cell for no target',
});

export const GOOD_DAYS: NumberRule = { integer: true, min: ZERO, expected: 'a whole number of good days from 0 to the days of the month' };
export const goodDaysTargetCell = optionalNumberCell({
  integer: true,
  min: ZERO,
  expected: 'a whole number of good days from 0 to the days of the month, or an empty cell for no target',
});

/** A month cell's fault: that of readMonth (a day other than the 1st, 2022.1), or the forms a month takes. */
export function monthFault(text: string): string | null {
  const r = readMonth(text);
  if (r !== null && 'month' in r) return null;
  return r === null ? `expected a month as ${MONTH_FORMS_TEXT}, got ${show(text.trim())}` : `expected a month: ${r.fault}`;
}

export const monthCell = z.string().transform((s, ctx) => {
  const r = readMonth(s);
  if (r !== null && 'month' in r) return r.month;
  ctx.addIssue({ code: 'custom', message: monthFault(s)! });
  return z.NEVER;
});

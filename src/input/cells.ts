/**
 * Cell rules, as zod schemas from the cell's text to a typed value. Numbers are checked against a
 * strict pattern before a Decimal is made from the text: "", "NaN", "1e3", "0x10" and "4５" are
 * faults, never 0 or a float's idea of the value.
 */
import * as z from 'zod';
import { Dec } from '../core/decimal.js';
import type { Dec as Decimal } from '../core/decimal.js';
import { MONTH_FORMS_TEXT, parseMonth } from '../core/month.js';

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

function parseNumber(text: string, ctx: z.RefinementCtx, rule: NumberRule): Decimal | typeof z.NEVER {
  const s = text.trim();
  const fail = (got: string) => {
    ctx.addIssue({ code: 'custom', message: `expected ${rule.expected}, got ${got}` });
    return z.NEVER;
  };
  if (s === '') return fail('an empty cell (an empty cell is not 0)');
  if (!(rule.integer ? PLAIN_INTEGER : PLAIN_DECIMAL).test(s)) {
    return fail(rule.integer && PLAIN_DECIMAL.test(s) ? `${show(s)}, which is not a whole number` : show(s));
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
    .transform((s, ctx) => (s === undefined || s.trim() === '' ? undefined : parseNumber(s, ctx, rule)));
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

export const monthCell = z.string().transform((s, ctx) => {
  const month = parseMonth(s);
  if (month === null) {
    ctx.addIssue({ code: 'custom', message: `expected a month as ${MONTH_FORMS_TEXT}, got ${show(s.trim())}` });
    return z.NEVER;
  }
  return month;
});

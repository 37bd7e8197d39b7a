/**
 * The rule schedule file format. A schedule is data: which units form which groups, which
 * factors are settled with which bands and rates, how values are rounded, which gates apply.
 * Every value carries `ref`: the article and clause of the regulation it implements, or the
 * decision (D1…D12 of the project's docs/decisions.md) where the regulation is silent.
 *
 * Rates, band limits and gaps are decimal strings ("10", "2.5"), never JSON numbers: a JSON number is
 * a binary float, and no rate may pass through one.
 */
import * as z from 'zod';
import { INVISIBLE } from '../core/text.js';
import { FACTOR_IDS, INDICATORS } from '../core/factors.js';

import { Dec } from '../core/decimal.js';

/**
 * A reference: the citation first (an article and clause such as "第四条（一）1", or a decision "D2"),
 * optionally followed by ": " and a gloss. Outputs that cite briefly show the citation alone.
 */
const ref = z
  .string()
  .trim()
  .min(1, 'a reference to the article/clause or decision this value implements')
  .describe('The article and clause (e.g. "第四条（一）1") or decision (e.g. "D2") this value implements, optionally followed by ": " and a gloss');

/** The citation part of a reference: "第五条: in a month…" → "第五条". */
export function citation(reference: string): string {
  const i = reference.indexOf(': ');
  return i < 0 ? reference : reference.slice(0, i);
}

/**
 * Bounds of every decimal of a schedule (rates, band limits, minimum gaps, caps): below 10^9 with at most 6
 * decimal places, so at most 15 significant digits. Such a value is written into a spreadsheet cell (a binary
 * double, exact to 15 digits) without losing a digit; 6 places of a 万元 are one 分; and since the data are bounded
 * too (concentrations up to 1000, rates of at most 4 decimals), every amount stays below 10^15 and exact in the
 * 40-digit Decimal arithmetic.
 */
export const DECIMAL_BOUNDS = { integerDigits: 9, decimalPlaces: 6 } as const;

const decimalText = z
  .string({ error: 'a non-negative decimal written as a string, e.g. "10" or "2.5" (a JSON number is a binary float and is refused)' })
  .regex(/^\d+(\.\d+)?$/, { error: 'a non-negative decimal written as a string, e.g. "10" or "2.5"', abort: true })
  .regex(/^0*\d{1,9}(\.\d{1,6})?$/, 'too large or too fine: at most 9 digits before the point and 6 after it (below 1000000000, down to 0.000001), so that every value and amount stays exact, in ecocomp and in a spreadsheet cell')
  .transform((s) => new Dec(s));

const DECIMAL_RULE = 'a non-negative decimal as a string ("10", "2.5"), below 1000000000 with at most 6 decimal places; never a JSON number, which is a binary float';

/** A decimal of the schedule, described for editors with what it means and how it is written. */
function decimal(meaning: string) {
  return decimalText.describe(`${meaning}: ${DECIMAL_RULE}`);
}

/** A day that exists: 2022-02-29 and 2022-04-31 match the pattern but are no dates. */
function isCalendarDay(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'a date YYYY-MM-DD', abort: true })
  .refine(isCalendarDay, { error: (issue) => `${String(issue.input)} is not a day of the calendar` })
  .describe('A day of the calendar, YYYY-MM-DD');

/** Zero-width and bidirectional-control characters: a name holding one looks like another name, or like nothing. */

/** A unit's or group's name: not empty, and nothing in it that cannot be seen. */
const nameText = z
  .string()
  .trim()
  .min(1)
  .refine((n) => !INVISIBLE.test(n), 'holds zero-width or bidi-control characters (shown as <U+…>); a name must be what it looks like');

function param<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, ref });
}

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'an id of lower-case letters, digits and "-", e.g. "jian-an"');

const unitSchema = z.strictObject({
  id,
  name: nameText,
  aliases: z.array(nameText).default([]),
  ref,
});

const groupSchema = z.strictObject({
  id,
  name: z.string().trim().min(1),
  members: z.array(z.string()).min(1, 'at least one unit id'),
  ref,
});

const bandSchema = z.strictObject({
  /** Upper limit of the band (inclusive), in the factor's unit; null for the open last band. */
  upTo: decimal('Upper limit of the band, inclusive, in the unit of the gap (null for the open last band)').nullable(),
  /** 万元 per unit of gap inside this band. */
  rate: decimal('万元 per unit of gap within this band (the part of the gap beyond the previous limit)'),
  ref,
});

const factorSchema = z.strictObject({
  id: z.enum(FACTOR_IDS).describe('pm25 / pm10: monthly mean concentration; pm25Rate / pm10Rate: year-on-year improvement rate; goodDays: good days'),
  name: z.string().trim().min(1),
  /** Unit of the gap, for display: μg/m³, 个百分点, 天. */
  gapUnit: z.string().trim().min(1),
  ref,
  /** Which way money flows: both ways, or only deductions, or only rewards. */
  direction: param(z.enum(['both', 'deductions', 'rewards']).describe('both ways, deductions only, or rewards only')),
  /** A gap whose magnitude is below this is not charged (D6); at or above it, the bands apply from 0. */
  minimumGap: param(decimal('A gap below this is not charged; at or above it the bands apply from 0 (D6)')),
  bands: z.array(bandSchema).min(1, 'at least one band'),
  /** The clause cited for the factor as a whole (a zero gap), for a deduction and for a reward. */
  clauses: z.strictObject({ factor: ref, deduction: ref, reward: ref }),
  /** Art. 5 first half: the reward is cancelled when the unit missed its target for this indicator (null: not gated). */
  targetGate: z.strictObject({ indicator: z.enum(INDICATORS).nullable(), ref }),
});

export const scheduleSchema = z
  .strictObject({
    /** For editors: the JSON Schema this file follows (schema/schedule.schema.json). */
    $schema: z.string().optional(),
    id,
    title: z.string().trim().min(1),
    /** The city whose units are settled, for titles: "许昌市". */
    city: z.string().trim().min(1),
    document: z.string().trim().min(1),
    /** First day in force; months from this date's month on are settled under this schedule (D11). */
    effectiveFrom: isoDate,
    /** Last day in force, or null while in force. */
    effectiveUntil: isoDate.nullable().default(null),
    ref,
    amountUnit: param(z.literal('万元')),
    units: z.array(unitSchema).min(1),
    groups: z.array(groupSchema).min(1),
    computation: z.strictObject({
      rounding: param(z.enum(['half-even', 'half-up'])),
      concentrationDecimals: param(z.number().int().min(0).max(3)),
      rateDecimals: param(z.number().int().min(0).max(4)),
      goodDaysBaselineDecimals: param(z.number().int().min(0).max(3)),
      /** D1: the group mean of the members, or baselines supplied per month and group (a baselines file). */
      baselineStatistic: param(z.enum(['mean', 'supplied'])),
      groupRate: param(z.enum(['rate-of-means', 'mean-of-rates'])),
      missingMember: param(z.enum(['error'])),
    }),
    factors: z.array(factorSchema).min(1),
    /** Optional ceilings per unit and month on the total deductions and on the total rewards. */
    caps: z
      .strictObject({ deductions: decimal('At most this many 万元 of deductions per unit and month (null: no cap)').nullable(), rewards: decimal('At most this many 万元 of rewards per unit and month (null: no cap)').nullable(), ref })
      .default({ deductions: null, rewards: null, ref: 'no caps' }),
    /** Art. 5 second half: in a month the province settles the city as paying, rewards are cancelled. */
    provinceGate: param(z.enum(['cancel-rewards', 'none'])),
    fund: z.strictObject({ ref }),
  });

export type ScheduleFile = z.input<typeof scheduleSchema>;
export type Schedule = z.output<typeof scheduleSchema>;
export type FactorRule = Schedule['factors'][number];
export type Band = FactorRule['bands'][number];
export type UnitRule = Schedule['units'][number];
export type GroupRule = Schedule['groups'][number];

/**
 * The rule schedule file format, version 2. A schedule is data: which units form which groups, which factors are
 * settled with which scales, how values are rounded, which 第五条 gates apply and in which order. Every value carries
 * `ref`, a structured reference (schedule/reference.ts): the article, item and clause of the regulation it implements,
 * or the decision of docs/decisions.md where the regulation is silent.
 *
 * 第四条 states each factor's deduction (clause 1) and reward (clause 2) separately, so each factor has a deduction
 * scale and a reward scale, each with its own bands, minimum gap and clause; a factor without one of them settles
 * only the other way. A revision with different rates for deductions and rewards is then just a file.
 *
 * Rates, band limits and gaps are decimal strings ("10", "2.5"), never JSON numbers: a JSON number is a binary float,
 * and no rate may pass through one. Files of the first format (no "format" key) are still read (schedule/v1.ts).
 */
import * as z from 'zod';
import { INVISIBLE } from '../core/text.js';
import { FACTOR_IDS, INDICATORS } from '../core/factors.js';
import { Dec } from '../core/decimal.js';
import { referenceSchema } from './reference.js';

/** The version of the schedule format this file describes; a file says which one it follows in `format`. */
export const SCHEDULE_FORMAT = 2;

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
export function decimal(meaning: string) {
  return decimalText.describe(`${meaning}: ${DECIMAL_RULE}`);
}

/** A day that exists: 2022-02-29 and 2022-04-31 match the pattern but are no dates. */
function isCalendarDay(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'a date YYYY-MM-DD', abort: true })
  .refine(isCalendarDay, { error: (issue) => `${String(issue.input)} is not a day of the calendar` })
  .describe('A day of the calendar, YYYY-MM-DD');

/** A unit's or group's name: not empty, and nothing in it that cannot be seen (zero-width or bidi-control characters). */
const nameText = z
  .string()
  .trim()
  .min(1)
  .refine((n) => !INVISIBLE.test(n), 'holds zero-width or bidi-control characters (shown as <U+…>); a name must be what it looks like');

const ref = referenceSchema;

function param<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, ref });
}

export const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'an id of lower-case letters, digits and "-", e.g. "jian-an"');

export const unitFields = { id, name: nameText, aliases: z.array(nameText).default([]) };
export const groupFields = { id, name: z.string().trim().min(1), members: z.array(z.string()).min(1, 'at least one unit id') };

const unitSchema = z.strictObject({ ...unitFields, ref });
const groupSchema = z.strictObject({ ...groupFields, ref });

const bandSchema = z.strictObject({
  /** Upper limit of the band (inclusive), in the factor's unit; null for the open last band. */
  upTo: decimal('Upper limit of the band, inclusive, in the unit of the gap (null for the open last band)').nullable(),
  /** 万元 per unit of gap inside this band. */
  rate: decimal('万元 per unit of gap within this band (the part of the gap beyond the previous limit)'),
  ref,
});

/** How one direction of a factor is charged: 第四条（一）1 for a PM2.5 deduction, 第四条（一）2 for its reward. */
const scaleSchema = z
  .strictObject({
    /** A gap whose magnitude is below this is not charged (D6); at or above it, the bands apply from 0. */
    minimumGap: param(decimal('A gap below this is not charged; at or above it the bands apply from 0 (D6)')),
    bands: z.array(bandSchema).min(1, 'at least one band'),
    /** The clause that states this scale, cited for every amount it gives. */
    ref,
  })
  .describe('Bands and minimum gap for one direction, with the clause that states them');

const factorSchema = z.strictObject({
  id: z.enum(FACTOR_IDS).describe('pm25 / pm10: monthly mean concentration; pm25Rate / pm10Rate: year-on-year improvement rate; goodDays: good days'),
  name: z.string().trim().min(1),
  /** Unit of the gap, for display: μg/m³, 个百分点, 天. */
  gapUnit: z.string().trim().min(1),
  /** The item of 第四条 for the factor as a whole, cited when the gap is zero. */
  ref,
  /** How a gap on the worse side is deducted; null: this factor deducts nothing. */
  deduction: scaleSchema.nullable().describe('The deduction scale (第四条 clause 1 of the item); null: no deductions for this factor'),
  /** How a gap on the better side is rewarded; null: this factor rewards nothing. */
  reward: scaleSchema.nullable().describe('The reward scale (第四条 clause 2 of the item); null: no rewards for this factor'),
});

/**
 * A 第五条 gate: a condition under which the rewards of the factors it covers are cancelled. Gates are applied in
 * their order: the first that applies is the one named as the reason.
 */
const provinceGateSchema = z.strictObject({
  id,
  /** The province settled the city as paying (支偿) in the month. */
  condition: z.literal('province-payout'),
  cancels: z.literal('rewards'),
  /** The factors whose rewards are cancelled. */
  factors: z.array(z.enum(FACTOR_IDS)).min(1, 'at least one factor'),
  ref,
});

const targetGateSchema = z.strictObject({
  id,
  /** The unit missed its monthly target for the indicator named against the factor. */
  condition: z.literal('target-missed'),
  cancels: z.literal('rewards'),
  /** Each factor the gate covers, with the indicator whose monthly target decides it. */
  targets: z.partialRecord(z.enum(FACTOR_IDS), z.enum(INDICATORS)).describe('factor id → the indicator whose monthly target decides it, e.g. { "pm25": "pm25" }'),
  ref,
});

const gateSchema = z.discriminatedUnion('condition', [provinceGateSchema, targetGateSchema]).describe('A 第五条 gate; gates apply in order, the first that applies names the reason');

export const scheduleSchema = z.strictObject({
  /** For editors: the JSON Schema this file follows (schema/schedule.schema.json). */
  $schema: z.string().optional(),
  /** The version of the format: 2. A file without it is read as the first format and converted. */
  format: z.literal(SCHEDULE_FORMAT, { error: '"format": 2, the version of the schedule format this file is written in (a file of the first format has no "format" key)' }).describe('The schedule format version: 2 (a file without "format" is read as version 1 and converted)'),
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
  /** 第五条: the gates, in the order they are applied. */
  gates: z.array(gateSchema).default([]),
  /** Optional ceilings per unit and month on the total deductions and on the total rewards. */
  caps: z
    .strictObject({
      deductions: decimal('At most this many 万元 of deductions per unit and month (null: no cap)').nullable(),
      rewards: decimal('At most this many 万元 of rewards per unit and month (null: no cap)').nullable(),
      ref,
    })
    .default({ deductions: null, rewards: null, ref: { note: 'no caps' } }),
  fund: z.strictObject({ ref }),
});

export type ScheduleFile = z.input<typeof scheduleSchema>;
export type Schedule = z.output<typeof scheduleSchema>;
export type FactorRule = Schedule['factors'][number];
export type Scale = NonNullable<FactorRule['deduction']>;
export type Band = Scale['bands'][number];
export type UnitRule = Schedule['units'][number];
export type GroupRule = Schedule['groups'][number];
export type GateRule = Schedule['gates'][number];
export type ProvinceGate = Extract<GateRule, { condition: 'province-payout' }>;
export type TargetGate = Extract<GateRule, { condition: 'target-missed' }>;
export type { Reference } from './reference.js';

/**
 * The first schedule format (v1, before issue 11): one band list per factor serving both directions, a direction
 * switch, the 第五条 gates as fields, and references as free text. Such files are still read: validated here, with
 * their own key paths, and then converted to the current format (schedule/v1.ts).
 */
import * as z from 'zod';
import { FACTOR_IDS, INDICATORS } from '../core/factors.js';
import { decimal, groupFields, id, isoDate, unitFields } from './format.js';

const ref = z.string().trim().min(1, 'a reference to the article/clause or decision this value implements');

function param<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, ref });
}

const unitSchema = z.strictObject({ ...unitFields, ref });
const groupSchema = z.strictObject({ ...groupFields, ref });

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

export const scheduleSchemaV1 = z
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

export type ScheduleV1File = z.input<typeof scheduleSchemaV1>;

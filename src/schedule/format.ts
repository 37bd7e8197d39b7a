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
import { Dec } from '../engine/decimal.js';

export const FACTOR_IDS = ['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays'] as const;
export type FactorId = (typeof FACTOR_IDS)[number];

/** Indicators a unit can be given a monthly target for (Art. 5). */
export const INDICATORS = ['pm25', 'pm10', 'goodDays'] as const;
export type Indicator = (typeof INDICATORS)[number];

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

const decimalText = z
  .string({ error: 'a non-negative decimal written as a string, e.g. "10" or "2.5" (a JSON number is a binary float and is refused)' })
  .regex(/^\d+(\.\d+)?$/, 'a non-negative decimal written as a string, e.g. "10" or "2.5"')
  .describe('A non-negative decimal as a string ("10", "2.5"): never a JSON number, which is a binary float')
  .transform((s) => new Dec(s));

const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD');

function param<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, ref });
}

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'an id of lower-case letters, digits and "-", e.g. "jian-an"');

const unitSchema = z.strictObject({
  id,
  name: z.string().trim().min(1),
  aliases: z.array(z.string().trim().min(1)).default([]),
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
  upTo: decimalText.nullable().describe('Upper limit of the band, inclusive, in the unit of the gap; null for the open last band'),
  /** 万元 per unit of gap inside this band. */
  rate: decimalText.describe('万元 per unit of gap within this band (the part of the gap beyond the previous limit)'),
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
  minimumGap: param(decimalText.describe('A gap below this is not charged; at or above it the bands apply from 0 (D6)')),
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
      .strictObject({ deductions: decimalText.nullable(), rewards: decimalText.nullable(), ref })
      .default({ deductions: null, rewards: null, ref: 'no caps' }),
    /** Art. 5 second half: in a month the province settles the city as paying, rewards are cancelled. */
    provinceGate: param(z.enum(['cancel-rewards', 'none'])),
    fund: z.strictObject({ ref }),
  })
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    const unitIds = new Map<string, number>();
    s.units.forEach((u, i) => {
      if (unitIds.has(u.id)) issue(['units', i, 'id'], `unit id "${u.id}" is already used by units[${unitIds.get(u.id)}]`);
      else unitIds.set(u.id, i);
    });

    // A name or alias must resolve to exactly one unit, or the input loader could not tell units apart.
    const names = new Map<string, string>();
    s.units.forEach((u, i) => {
      [u.name, ...u.aliases].forEach((n, j) => {
        const key = normaliseName(n);
        const where = j === 0 ? `units[${i}].name` : `units[${i}].aliases[${j - 1}]`;
        const seen = names.get(key);
        if (seen !== undefined && !seen.startsWith(`units[${i}].`)) {
          issue(j === 0 ? ['units', i, 'name'] : ['units', i, 'aliases', j - 1], `"${n}" is also the name or an alias at ${seen}; every name must identify one unit`);
        } else if (seen === undefined) names.set(key, where);
      });
    });

    const groupOf = new Map<string, number>();
    const groupIds = new Set<string>();
    s.groups.forEach((g, gi) => {
      if (groupIds.has(g.id)) issue(['groups', gi, 'id'], `group id "${g.id}" is used twice`);
      groupIds.add(g.id);
      g.members.forEach((m, mi) => {
        if (!unitIds.has(m)) issue(['groups', gi, 'members', mi], `"${m}" is not the id of any unit (units: ${[...unitIds.keys()].join(', ')})`);
        else if (groupOf.has(m)) issue(['groups', gi, 'members', mi], `unit "${m}" is already in groups[${groupOf.get(m)}]; a unit belongs to exactly one group`);
        else groupOf.set(m, gi);
      });
    });
    s.units.forEach((u, i) => {
      if (!groupOf.has(u.id)) issue(['units', i, 'id'], `unit "${u.id}" is in no group; every unit belongs to exactly one group`);
    });

    const factorIds = new Set<string>();
    s.factors.forEach((f, fi) => {
      if (factorIds.has(f.id)) issue(['factors', fi, 'id'], `factor "${f.id}" appears twice`);
      factorIds.add(f.id);
      f.bands.forEach((b, bi) => {
        const last = bi === f.bands.length - 1;
        if (b.upTo === null && !last) issue(['factors', fi, 'bands', bi, 'upTo'], 'only the last band may be open (upTo null)');
        if (b.upTo !== null && last) issue(['factors', fi, 'bands', bi, 'upTo'], 'the last band must be open (upTo null) so that every gap has a rate');
        const prev = bi > 0 ? f.bands[bi - 1]!.upTo : null;
        if (b.upTo !== null && prev !== null && !b.upTo.gt(prev)) {
          issue(['factors', fi, 'bands', bi, 'upTo'], `band limits must ascend: ${b.upTo.toFixed()} is not above the previous limit ${prev.toFixed()}`);
        }
        if (bi === 0 && b.upTo !== null && !b.upTo.gt(0)) issue(['factors', fi, 'bands', 0, 'upTo'], 'the first band limit must be above 0');
      });
      const first = f.bands[0]?.upTo;
      if (first && f.minimumGap.value.gt(first)) {
        issue(['factors', fi, 'minimumGap', 'value'], `the minimum gap ${f.minimumGap.value.toFixed()} lies above the first band limit ${first.toFixed()}`);
      }
    });

    if (s.effectiveUntil !== null && s.effectiveUntil < s.effectiveFrom) {
      issue(['effectiveUntil'], `must not be before effectiveFrom (${s.effectiveFrom})`);
    }
  });

export type ScheduleFile = z.input<typeof scheduleSchema>;
export type Schedule = z.output<typeof scheduleSchema>;
export type FactorRule = Schedule['factors'][number];
export type Band = FactorRule['bands'][number];
export type UnitRule = Schedule['units'][number];
export type GroupRule = Schedule['groups'][number];

/** How unit names are compared: Unicode NFKC (full-width → half-width), no spaces, lower case. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

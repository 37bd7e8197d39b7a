/**
 * Properties of the settlement that must hold for every input, checked with fast-check on generated data under
 * the built-in schedule and under generated schedules. Seeded: a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { tierAmount } from '../../src/engine/bands.js';
import { Dec, plain } from '../../src/core/decimal.js';
import { settle } from '../../src/engine/settle.js';
import type { MonthSettlement, UnitMonthRecord } from '../../src/engine/types.js';
import { settlementJson } from '../../src/output/json.js';
import type { FactorRule, Schedule } from '../../src/schedule/format.js';
import { builtinSchedule, parseSchedule } from '../../src/schedule/load.js';

const SEED = 20261129;
const RUNS = { numRuns: 150, seed: SEED };
const builtin = builtinSchedule();
const RAW = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));

interface Values {
  pm25: string;
  pm10: string;
  pm25LastYear: string;
  pm10LastYear: string;
  goodDays: number;
}

/** A monthly mean as text: whole, or with one or two decimals (a tie such as 45.5 comes up often). */
const concentration = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min, max }).map(String),
    fc.tuple(fc.integer({ min, max: max - 1 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => `${a}.${b}`),
    fc.tuple(fc.integer({ min, max: max - 1 }), fc.constantFrom('5', '25', '75', '05')).map(([a, b]) => `${a}.${b}`),
  );

const unitValues: fc.Arbitrary<Values> = fc.record({
  pm25: concentration(5, 250),
  pm10: concentration(10, 500),
  pm25LastYear: concentration(5, 250),
  pm10LastYear: concentration(10, 500),
  goodDays: fc.integer({ min: 0, max: 31 }),
});

const monthValues = fc.array(unitValues, { minLength: builtin.units.length, maxLength: builtin.units.length });

function records(values: readonly Values[], schedule: Schedule = builtin, month = '2023-10'): UnitMonthRecord[] {
  return schedule.units.map((u, i) => {
    const v = values[i % values.length]!;
    return {
      month,
      unitId: u.id,
      pm25: new Dec(v.pm25),
      pm10: new Dec(v.pm10),
      pm25LastYear: new Dec(v.pm25LastYear),
      pm10LastYear: new Dec(v.pm10LastYear),
      goodDays: new Dec(v.goodDays),
      targets: {},
    };
  });
}

/** Records whose last-year values stay above 0 after rounding (else the engine refuses, rightly). */
const settleable = (values: readonly Values[]) => values.every((v) => Number(v.pm25LastYear) >= 1 && Number(v.pm10LastYear) >= 1);

function settleMonth(recs: UnitMonthRecord[], schedule: Schedule = builtin, payout = false): MonthSettlement {
  return settle({ records: recs, province: new Map(payout ? [['2023-10', { payout: true, source: 'test' }]] : []) }, schedule).months[0]!;
}

/** One direction's scale of a generated factor: its band limits (tenths), rates (tenths) and minimum gap. */
const generatedScale = fc.record({
  limits: fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { minLength: 0, maxLength: 3 }),
  rates: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 4, maxLength: 4 }),
  minimum: fc.constantFrom('0', '0.5', '1'),
});

type ScaleSpec = { limits: number[]; rates: number[]; minimum: string };

function scaleJson(spec: ScaleSpec, clause: number): unknown {
  const limits = [...spec.limits].sort((a, b) => a - b).map((x) => (x / 10).toString());
  const ref = { article: 4, clause, note: 'generated' };
  const first = limits[0] === undefined ? Infinity : Number(limits[0]);
  return {
    minimumGap: { value: Number(spec.minimum) <= first ? spec.minimum : '0', ref },
    bands: [...limits, null].map((upTo, k) => ({ upTo, rate: (spec.rates[k]! / 10).toString(), ref })),
    ref,
  };
}

/**
 * A schedule generated from the built-in one: other bands, rates and thresholds — each factor's deduction and reward
 * scales drawn apart, so that they differ, and now and then one of them absent (a factor that only deducts or only
 * rewards) — other rounding and precisions, and now and then no province gate.
 */
const generatedSchedule: fc.Arbitrary<Schedule> = fc
  .record({
    rounding: fc.constantFrom('half-even', 'half-up'),
    concentrationDecimals: fc.constantFrom(0, 1),
    rateDecimals: fc.constantFrom(1, 2),
    groupRate: fc.constantFrom('rate-of-means', 'mean-of-rates'),
    factors: fc.array(
      fc.record({ deduction: generatedScale, reward: generatedScale, sides: fc.constantFrom('both', 'both', 'deductions', 'rewards') }),
      { minLength: 5, maxLength: 5 },
    ),
  })
  .map((g) => {
    const s = structuredClone(RAW);
    s.computation.rounding.value = g.rounding;
    s.computation.concentrationDecimals.value = g.concentrationDecimals;
    s.computation.rateDecimals.value = g.rateDecimals;
    s.computation.groupRate.value = g.groupRate;
    s.factors.forEach((f: Record<string, unknown>, i: number) => {
      const spec = g.factors[i]!;
      f.deduction = spec.sides === 'rewards' ? null : scaleJson(spec.deduction, 1);
      f.reward = spec.sides === 'deductions' ? null : scaleJson(spec.reward, 2);
    });
    return parseSchedule(s, 'generated');
  });

/** A factor's amount for a signed gap (positive: worse, a deduction) from its two scales alone. */
function signedAmount(factor: FactorRule, gap: Dec): Dec {
  const scale = gap.gt(0) ? factor.deduction : factor.reward;
  if (scale === null || gap.isZero()) return new Dec(0);
  const { amount } = tierAmount(scale, gap.abs());
  return gap.gt(0) ? amount.neg() : amount;
}

describe('order does not matter', () => {
  it('the same records in any order settle to the same amounts', () => {
    fc.assert(
      fc.property(monthValues.filter(settleable), fc.array(fc.nat(), { minLength: 9, maxLength: 9 }), (values, keys) => {
        const recs = records(values);
        const shuffled = recs.map((r, i) => [keys[i]!, r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
        const a = settlementJson(settle({ records: recs, province: new Map() }, builtin));
        const b = settlementJson(settle({ records: shuffled, province: new Map() }, builtin));
        expect(b).toEqual(a);
      }),
      RUNS,
    );
  });
});

describe('the band function of every schedule', () => {
  it('is zero at zero, continuous, and piecewise linear with the schedule\'s slopes', () => {
    fc.assert(
      fc.property(generatedSchedule, fc.integer({ min: 0, max: 4 }), fc.boolean(), fc.integer({ min: 0, max: 3000 }), (schedule, fi, reward, g10) => {
        const f = schedule.factors[fi]!;
        const scale = (reward ? f.reward : f.deduction) ?? f.deduction ?? f.reward!;
        const factor = { ...scale, minimumGap: { value: new Dec(0), ref: {} } };
        const amount = (x: Dec) => tierAmount(factor, x).amount;
        const g = new Dec(g10).div(10);
        expect(amount(new Dec(0)).isZero()).toBe(true);
        // An independent formula: the sum over bands of the part of the gap inside each band, times its rate.
        let expected = new Dec(0);
        let from = new Dec(0);
        for (const b of factor.bands) {
          const to = b.upTo ?? g;
          expected = expected.plus(Dec.max(0, Dec.min(g, to).minus(from)).times(b.rate));
          if (b.upTo === null) break;
          from = b.upTo;
        }
        expect(plain(amount(g))).toBe(plain(expected));
        // Continuity: a step of 0.001 changes the amount by at most 0.001 × the steepest rate.
        const step = new Dec('0.001');
        const maxRate = Dec.max(...factor.bands.map((b) => b.rate));
        expect(amount(g.plus(step)).minus(amount(g)).abs().lte(step.times(maxRate))).toBe(true);
      }),
      { ...RUNS, numRuns: 400 },
    );
  });
});

describe('worse never pays more', () => {
  it('a higher concentration or fewer good days, all else equal, never earns more on that factor', () => {
    fc.assert(
      fc.property(monthValues.filter(settleable), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 30 }), (values, unit, delta) => {
        const before = settleMonth(records(values)).counties[unit]!;
        const worse = values.map((v, i) =>
          i === unit ? { ...v, pm25: new Dec(v.pm25).plus(delta).toFixed(), pm10: new Dec(v.pm10).plus(delta).toFixed(), goodDays: Math.max(0, v.goodDays - delta) } : v,
        );
        const after = settleMonth(records(worse)).counties[unit]!;
        for (const id of ['pm25', 'pm10', 'goodDays']) {
          const a = before.factors.find((f) => f.factor.id === id)!.amount;
          const b = after.factors.find((f) => f.factor.id === id)!.amount;
          expect(b.lte(a)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('a wider gap to the same baseline never earns more, and a zero gap is zero', () => {
    fc.assert(
      fc.property(generatedSchedule, fc.integer({ min: 0, max: 4 }), fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: 0, max: 300 }), (schedule, fi, gap10, widen10) => {
        const factor = schedule.factors[fi]!;
        const gap = new Dec(gap10).div(10);
        expect(signedAmount(factor, gap.plus(new Dec(widen10).div(10))).lte(signedAmount(factor, gap))).toBe(true);
        expect(signedAmount(factor, new Dec(0)).isZero()).toBe(true);
      }),
      { ...RUNS, numRuns: 400 },
    );
  });
});

describe('what the rules allow on the rate factors (found by property testing, docs/decisions.md 28)', () => {
  it('a unit that gets worse can earn more on its improvement rate, because it is part of its own group\'s baseline', () => {
    // Central PM2.5 143, 10, 14, 147, 148; last year 185, 10, 10, 10, 10 (county group all equal).
    // B = 462/5 = 92.4 → 92, BL = 225/5 = 45, R = (45 − 92)/45 = −104.4; 魏都区 r = (185 − 143)/185 = 22.7;
    // gap −127.1: 3 × 15 + 124.1 × 35 = 4388.5. With 魏都区 at 144 (worse): B = 92.6 → 93, R = −106.7,
    // r = 41/185 = 22.2, gap −128.9: 45 + 125.9 × 35 = 4451.5 — more, since the group rate fell further than its own.
    const at = (c0: number) => {
      const c = [c0, 10, 14, 147, 148, 10, 10, 10, 10];
      const l = [185, 10, 10, 10, 10, 10, 10, 10, 10];
      const recs = builtin.units.map((u, i) => ({ month: '2023-10', unitId: u.id, pm25: new Dec(c[i]!), pm10: new Dec(50), pm25LastYear: new Dec(l[i]!), pm10LastYear: new Dec(50), goodDays: new Dec(20), targets: {} }));
      return plain(settleMonth(recs).counties[0]!.factors[1]!.amount);
    };
    expect([at(143), at(144)]).toEqual(['4388.5', '4451.5']);
  });
});

describe('the default schedule', () => {
  it('gives amounts in multiples of 0.5 万元', () => {
    fc.assert(
      fc.property(monthValues.filter(settleable), (values) => {
        const m = settleMonth(records(values));
        for (const c of m.counties) for (const f of c.factors) expect(f.amount.times(2).isInteger()).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('the books balance (第八条)', () => {
  it('per month: Σ nets = rewards − deductions, surplus − shortfall = deductions − rewards, under any schedule', () => {
    fc.assert(
      fc.property(generatedSchedule, monthValues.filter(settleable), (schedule, values) => {
        const m = settleMonth(records(values, schedule), schedule);
        const nets = m.counties.reduce((a, c) => a.plus(c.net), new Dec(0));
        expect(plain(nets)).toBe(plain(m.totals.rewards.minus(m.totals.deductions)));
        expect(plain(m.totals.surplus.minus(m.totals.shortfall))).toBe(plain(m.totals.deductions.minus(m.totals.rewards)));
        expect(m.totals.surplus.isNeg() || m.totals.shortfall.isNeg()).toBe(false);
        expect(m.totals.surplus.isZero() || m.totals.shortfall.isZero()).toBe(true);
      }),
      RUNS,
    );
  });

  it('in a province-payout month rewards are 0 and the deductions are those of the same month without it (第五条)', () => {
    fc.assert(
      fc.property(generatedSchedule, monthValues.filter(settleable), (schedule, values) => {
        const normal = settleMonth(records(values, schedule), schedule);
        const payout = settleMonth(records(values, schedule), schedule, true);
        expect(payout.totals.rewards.isZero()).toBe(true);
        expect(plain(payout.totals.deductions)).toBe(plain(normal.totals.deductions));
      }),
      RUNS,
    );
  });
});

describe('exactness', () => {
  /**
   * The default schedule recomputed in scaled BigInt integers, sharing no code with the engine: concentrations
   * in tenths of μg, rates in tenths of a percent (hundredths while dividing), amounts in tenths of 万元.
   */
  function bigintSettlement(values: readonly Values[]): Map<string, bigint[]> {
    const tenths = (s: string) => BigInt(new Dec(s).times(100).toFixed(0)); // hundredths, exact for ≤ 2 decimals
    const halfEven = (num: bigint, den: bigint): bigint => {
      if (num < 0n) return -halfEven(-num, den); // half-even is symmetric; BigInt division truncates toward zero
      const q = num / den;
      const r = num - q * den;
      return 2n * r > den || (2n * r === den && q % 2n !== 0n) ? q + 1n : q;
    };
    const roundInt = (hundredths: bigint) => halfEven(hundredths, 100n); // → whole units
    const rateTenths = (l: bigint, c: bigint) => halfEven((l - c) * 1000n, l); // tenths of a percent
    // Amounts in tenths of 万元. A concentration gap of g whole μg: (min(g, 5) × r1 + max(g − 5, 0) × r2) × 10.
    // A rate gap of t tenths of a point: each tenth costs rate/10 万元, i.e. `rate` tenths: min(t, 30) × r1 + max(t − 30, 0) × r2.
    const abs = (x: bigint) => (x < 0n ? -x : x);
    const min = (a: bigint, b: bigint) => (a < b ? a : b);
    const max0 = (a: bigint) => (a > 0n ? a : 0n);
    const concentrationTenths = (g: bigint, r1: bigint, r2: bigint) => (min(abs(g), 5n) * r1 + max0(abs(g) - 5n) * r2) * 10n;
    const rateTenthsAmount = (t: bigint, r1: bigint, r2: bigint) => min(abs(t), 30n) * r1 + max0(abs(t) - 30n) * r2;
    const signedBy = (gap: bigint, magnitude: bigint) => (gap > 0n ? -magnitude : magnitude);
    const out = new Map<string, bigint[]>();
    for (const g of builtin.groups) {
      const members = g.members.map((id) => ({ id, v: values[builtin.units.findIndex((u) => u.id === id)]! }));
      const c25 = members.map((m) => roundInt(tenths(m.v.pm25)));
      const c10 = members.map((m) => roundInt(tenths(m.v.pm10)));
      const l25 = members.map((m) => roundInt(tenths(m.v.pm25LastYear)));
      const l10 = members.map((m) => roundInt(tenths(m.v.pm10LastYear)));
      const gd = members.map((m) => BigInt(m.v.goodDays));
      const n = BigInt(members.length);
      const mean = (xs: bigint[]) => halfEven(xs.reduce((a, b) => a + b, 0n), n);
      const [B25, B10, BL25, BL10, BGD] = [mean(c25), mean(c10), mean(l25), mean(l10), mean(gd)];
      const [R25, R10] = [rateTenths(BL25, B25), rateTenths(BL10, B10)];
      members.forEach((m, i) => {
        const g25 = c25[i]! - B25;
        const t25 = R25 - rateTenths(l25[i]!, c25[i]!);
        const g10 = c10[i]! - B10;
        const t10 = R10 - rateTenths(l10[i]!, c10[i]!);
        const days = BGD - gd[i]!;
        out.set(m.id, [
          signedBy(g25, concentrationTenths(g25, 10n, 20n)),
          signedBy(t25, rateTenthsAmount(t25, 15n, 35n)),
          signedBy(g10, concentrationTenths(g10, 5n, 10n)),
          signedBy(t10, rateTenthsAmount(t10, 10n, 20n)),
          signedBy(days, abs(days) * 200n),
        ]);
      });
    }
    return out;
  }

  it('Decimal results equal a scaled-integer (BigInt) recomputation', () => {
    fc.assert(
      fc.property(monthValues.filter(settleable), (values) => {
        const m = settleMonth(records(values));
        const expected = bigintSettlement(values);
        for (const c of m.counties) {
          const tenths = c.factors.map((f) => BigInt(f.amount.times(10).toFixed(0)));
          expect(tenths).toEqual(expected.get(c.unit.id));
        }
      }),
      { ...RUNS, numRuns: 300 },
    );
  });
});

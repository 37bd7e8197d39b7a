/**
 * The engine against the clauses one by one: rounding (D2, D3, D4, D8), group baselines (第四条, D1, D5),
 * the gates of 第五条, the fund of 第八条, and the refusals (D9, D11). Expected values are worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { settle } from '../../src/engine/settle.js';
import { plain } from '../../src/core/decimal.js';
import type { SettlementInput, UnitMonthRecord } from '../../src/engine/types.js';
import { ProblemsError } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';
import { uniformMonth } from '../helpers/records.js';

const schedule = builtinSchedule();

function run(records: UnitMonthRecord[], payoutMonths: string[] = []) {
  const input: SettlementInput = { records, province: new Map(payoutMonths.map((m) => [m, { payout: true, source: 'test' }])) };
  return settle(input, schedule).months[0]!;
}
const county = (m: ReturnType<typeof run>, name: string) => m.counties.find((c) => c.unit.name === name)!;
const factor = (m: ReturnType<typeof run>, name: string, id: string) => county(m, name).factors.find((f) => f.factor.id === id)!;

describe('rounding: GB/T 8170 half-even, once (D2)', () => {
  it('rounds a unit concentration tie to even: 45.5 → 46, 46.5 → 46', () => {
    const m = run(uniformMonth({ 魏都区: { pm25: '45.5' }, 建安区: { pm25: '46.5' } }));
    expect(plain(factor(m, '魏都区', 'pm25').value)).toBe('46');
    expect(plain(factor(m, '建安区', 'pm25').value)).toBe('46');
  });

  it('rounds 45.51 up and 46.49 down (only exact ties go to even)', () => {
    const m = run(uniformMonth({ 魏都区: { pm25: '45.51' }, 建安区: { pm25: '46.49' } }));
    expect(plain(factor(m, '魏都区', 'pm25').value)).toBe('46');
    expect(plain(factor(m, '建安区', 'pm25').value)).toBe('46');
  });

  it('rounds a group-mean tie to even: county pm25 (50+51+50+51)/4 = 50.5 → 50; (51+52+51+52)/4 = 51.5 → 52', () => {
    const a = run(uniformMonth({ 禹州市: { pm25: '50' }, 长葛市: { pm25: '51' }, 鄢陵县: { pm25: '50' }, 襄城县: { pm25: '51' } }));
    expect(plain(a.groups[1]!.baseline.pm25!)).toBe('50');
    const b = run(uniformMonth({ 禹州市: { pm25: '51' }, 长葛市: { pm25: '52' }, 鄢陵县: { pm25: '51' }, 襄城县: { pm25: '52' } }));
    expect(plain(b.groups[1]!.baseline.pm25!)).toBe('52');
  });

  it('rounds a rate tie to even: (80 − 75) / 80 = 6.25% → 6.2; (80 − 73) / 80 = 8.75% → 8.8', () => {
    const m = run(uniformMonth({ 魏都区: { pm10: '75', pm10LastYear: '80' }, 建安区: { pm10: '73', pm10LastYear: '80' } }));
    expect(plain(factor(m, '魏都区', 'pm10Rate').value)).toBe('6.2');
    expect(plain(factor(m, '建安区', 'pm10Rate').value)).toBe('8.8');
  });

  it('rounds the concentrations before the rate: 49.6 and 52.4 give (52 − 50) / 52 = 3.8%, not (52.4 − 49.6) / 52.4 = 5.3%', () => {
    const m = run(uniformMonth({ 魏都区: { pm25: '49.6', pm25LastYear: '52.4' } }));
    expect(plain(factor(m, '魏都区', 'pm25Rate').value)).toBe('3.8');
  });

  it('rounds the good-days baseline to whole days: (20×4 + 22)/5 = 20.4 → 20 (D8)', () => {
    const m = run(uniformMonth({ 魏都区: { goodDays: '22' } }));
    expect(plain(m.groups[0]!.baseline.goodDays!)).toBe('20');
    expect(plain(factor(m, '魏都区', 'goodDays').amount)).toBe('40');
  });
});

describe('group rate from the rounded group means (D5)', () => {
  it('computes R = (BL − B) / BL × 100 from the rounded means, not the mean of the unit rates', () => {
    // central pm25 this year 40, 50, 50, 50, 50 → 48; last year 50 each → 50; R = 2/50 = 4.0%.
    // Mean of the unit rates would be (20 + 0×4)/5 = 4.0 too, so make them differ: last year 60 for 魏都区:
    // BL = (60 + 200)/5 = 52; R = (52 − 48)/52 = 7.69 → 7.7; unit rates 33.3, 0, 0, 0, 0 → mean 6.7.
    const m = run(uniformMonth({ 魏都区: { pm25: '40', pm25LastYear: '60' } }));
    expect(plain(m.groups[0]!.baseline.pm25Rate!)).toBe('7.7');
    const d = m.groups[0]!.derivation.pm25Rate!;
    expect(d.kind).toBe('rate-of-means');
  });
});

describe('第五条, first half: targets gate rewards', () => {
  // 魏都区 pm25 45 against a baseline of (45 + 50×4)/5 = 49: a reward of 4 μg × 10 = 40.
  const better = { pm25: '45', pm25LastYear: '45' };

  it('pays the reward when the target is met at equality (45 ≤ 45)', () => {
    const m = run(uniformMonth({ 魏都区: { ...better, targets: { pm25: '45' } } }));
    const f = factor(m, '魏都区', 'pm25');
    expect([plain(f.amount), f.cancelled, f.targetCheck?.met]).toEqual(['40', null, true]);
  });

  it('cancels the reward when the target is missed (45 > 44), reason "target"', () => {
    const m = run(uniformMonth({ 魏都区: { ...better, targets: { pm25: '44' } } }));
    const f = factor(m, '魏都区', 'pm25');
    expect([plain(f.amount), f.cancelled, plain(f.bandAmount)]).toEqual(['0', 'target', '40']);
    expect(plain(county(m, '魏都区').rewards)).toBe('0');
  });

  it('compares the rounded concentration with the target: 44.5 → 44 meets a target of 44', () => {
    const m = run(uniformMonth({ 魏都区: { pm25: '44.5', pm25LastYear: '44.5', targets: { pm25: '44' } } }));
    expect(factor(m, '魏都区', 'pm25').cancelled).toBeNull();
  });

  it('applies no gate when no target is given, and says so', () => {
    const m = run(uniformMonth({ 魏都区: better }));
    const f = factor(m, '魏都区', 'pm25');
    expect([plain(f.amount), f.cancelled, f.targetCheck?.target, f.targetCheck?.met]).toEqual(['40', null, null, null]);
  });

  it('gates good days the other way: 22 days meets a target of 22, misses 23', () => {
    // baseline (22 + 20×4)/5 = 20.4 → 20: reward 2 × 20 = 40.
    const met = run(uniformMonth({ 魏都区: { goodDays: '22', targets: { goodDays: '22' } } }));
    expect(plain(factor(met, '魏都区', 'goodDays').amount)).toBe('40');
    const missed = run(uniformMonth({ 魏都区: { goodDays: '22', targets: { goodDays: '23' } } }));
    expect([plain(factor(missed, '魏都区', 'goodDays').amount), factor(missed, '魏都区', 'goodDays').cancelled]).toEqual(['0', 'target']);
  });

  it('gates PM10 by its own target', () => {
    // pm10 75 vs (75 + 80×4)/5 = 79: 4 × 5 = 20.
    const m = run(uniformMonth({ 魏都区: { pm10: '75', pm10LastYear: '75', targets: { pm10: '74' } } }));
    expect([plain(factor(m, '魏都区', 'pm10').bandAmount), factor(m, '魏都区', 'pm10').cancelled]).toEqual(['20', 'target']);
  });

  it('leaves the rate factors ungated (D7) and deductions untouched', () => {
    // 魏都区 pm25 45, last year 60 → rate 25.0%; a missed PM2.5 target cancels the concentration reward only.
    const m = run(uniformMonth({ 魏都区: { pm25: '45', pm25LastYear: '60', targets: { pm25: '40' } }, 建安区: { pm25: '55', targets: { pm25: '40' } } }));
    expect(factor(m, '魏都区', 'pm25').cancelled).toBe('target');
    expect(factor(m, '魏都区', 'pm25Rate').cancelled).toBeNull();
    expect(factor(m, '魏都区', 'pm25Rate').amount.gt(0)).toBe(true);
    // 建安区 pm25 55 vs baseline 50: a deduction of 5 × 10 = 50 stands, target or not.
    expect([plain(factor(m, '建安区', 'pm25').amount), factor(m, '建安区', 'pm25').cancelled]).toEqual(['-50', null]);
  });
});

describe('第五条, second half: a province payout month', () => {
  it('cancels every reward with reason "province" and keeps every deduction', () => {
    const records = uniformMonth({ 魏都区: { pm25: '45', pm25LastYear: '45' }, 建安区: { pm25: '55', pm25LastYear: '55' } });
    const m = run(records, ['2022-10']);
    // central baseline (45 + 55 + 150)/5 = 50: 魏都区 reward 50 cancelled, 建安区 deduction 50 stands.
    expect([plain(factor(m, '魏都区', 'pm25').amount), factor(m, '魏都区', 'pm25').cancelled]).toEqual(['0', 'province']);
    expect(plain(factor(m, '建安区', 'pm25').amount)).toBe('-50');
    expect([plain(m.totals.deductions), plain(m.totals.rewards), plain(m.totals.surplus)]).toEqual(['50', '0', '50']);
    expect(m.provincePayout).toBe(true);
  });

  it('names the province when both the province and a missed target cancel a reward', () => {
    const m = run(uniformMonth({ 魏都区: { pm25: '45', pm25LastYear: '45', targets: { pm25: '40' } } }), ['2022-10']);
    expect(factor(m, '魏都区', 'pm25').cancelled).toBe('province');
    expect(factor(m, '魏都区', 'pm25').targetCheck?.met).toBe(false);
  });
});

describe('第八条: the fund', () => {
  it('reports a shortfall paid by city finance when rewards exceed deductions', () => {
    // central pm25 40, 50, 50, 50, 50 → baseline 48 (last year equal to this year, so every rate is 0).
    // 魏都区 gap −8: reward 5×10 + 3×20 = 110; four units gap +2: deductions 4 × 20 = 80.
    const m = run(uniformMonth({ 魏都区: { pm25: '40' } }));
    expect(plain(factor(m, '魏都区', 'pm25').amount)).toBe('110');
    expect(plain(factor(m, '建安区', 'pm25').amount)).toBe('-20');
    expect([plain(m.totals.deductions), plain(m.totals.rewards), plain(m.totals.surplus), plain(m.totals.shortfall)]).toEqual(['80', '110', '0', '30']);
  });

  it('balances to zero when nobody differs from the group', () => {
    const m = run(uniformMonth());
    expect([plain(m.totals.deductions), plain(m.totals.rewards), plain(m.totals.surplus), plain(m.totals.shortfall)]).toEqual(['0', '0', '0', '0']);
  });
});

describe('refusals: a case the rules do not cover stops the run', () => {
  it('refuses a group with a missing member (D9)', () => {
    const records = uniformMonth().filter((r) => r.unitId !== 'dongcheng');
    expect(() => run(records)).toThrowError(/中心城区组.*东城区/);
  });

  it('refuses a month before the schedule is in force (D11)', () => {
    expect(() => run(uniformMonth({}, '2022-08'))).toThrowError(/2022-08.*from 2022-09/);
  });

  it('refuses a duplicate unit-month and a last-year value that rounds to 0', () => {
    const dup = [...uniformMonth(), uniformMonth()[0]!];
    expect(() => run(dup)).toThrowError(ProblemsError);
    expect(() => run(uniformMonth({ 魏都区: { pm25LastYear: '0.4' } }))).toThrowError(/rounds to 0/);
  });
});

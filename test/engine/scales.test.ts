/**
 * A deduction scale and a reward scale per factor (第四条 states each in its own clause), and the 第五条 gates in the
 * order the schedule lists them. Amounts worked out by hand from the schedules' bands.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixtureSchedule } from '../helpers/schedules.js';
import { plain } from '../../src/core/decimal.js';
import { settle } from '../../src/engine/settle.js';
import type { MonthSettlement } from '../../src/engine/types.js';
import { builtinSchedule, parseSchedule } from '../../src/schedule/load.js';
import { cite } from '../../src/schedule/reference.js';
import type { Schedule } from '../../src/schedule/format.js';
import { uniformMonth } from '../helpers/records.js';

const factor = (m: MonthSettlement, unit: string, id: string) => m.counties.find((c) => c.unit.name === unit)!.factors.find((f) => f.factor.id === id)!;

describe('different rates for deductions and rewards (fixtures/schedules/asymmetric.json)', () => {
  const schedule = fixtureSchedule('asymmetric');
  // Central PM2.5 40, 60, 49, 50, 51: mean 250 / 5 = 50. County good days 22, 18, 20, 20: mean 20.
  const m = settle(
    {
      records: uniformMonth({ 魏都区: { pm25: '40' }, 建安区: { pm25: '60' }, 城乡一体化示范区: { pm25: '49' }, 东城区: { pm25: '51' }, 禹州市: { goodDays: '22' }, 长葛市: { goodDays: '18' } }),
      province: new Map(),
    },
    schedule,
  ).months[0]!;

  it('rewards PM2.5 by the reward scale: 10 μg below → 4 × 6 + 6 × 8 = 72, under 第四条（一）2', () => {
    const f = factor(m, '魏都区', 'pm25');
    expect([plain(f.gap), plain(f.amount), f.pieces.map((p) => `${plain(p.quantity)}×${plain(p.rate)}`), cite(f.clause)]).toEqual(['-10', '72', ['4×6', '6×8'], '第四条（一）2']);
  });

  it('deducts PM2.5 by the deduction scale, unchanged: 10 μg above → 5 × 10 + 5 × 20 = 150, under 第四条（一）1', () => {
    const f = factor(m, '建安区', 'pm25');
    expect([plain(f.gap), plain(f.amount), cite(f.clause)]).toEqual(['10', '-150', '第四条（一）1']);
  });

  it('each scale has its own minimum gap: 1 μg better is below the reward minimum of 2, 1 μg worse is deducted (10)', () => {
    expect([plain(factor(m, '城乡一体化示范区', 'pm25').amount), factor(m, '城乡一体化示范区', 'pm25').belowMinimum]).toEqual(['0', true]);
    expect(plain(factor(m, '东城区', 'pm25').amount)).toBe('-10');
  });

  it('good days: 2 more → 2 × 10 = +20, 2 fewer → 2 × 30 = −60', () => {
    expect([plain(factor(m, '禹州市', 'goodDays').amount), plain(factor(m, '长葛市', 'goodDays').amount)]).toEqual(['20', '-60']);
  });

  it('the month balances: deductions 150 + 10 + 60 = 220, rewards 72 + 20 = 92, surplus 128', () => {
    expect([plain(m.totals.deductions), plain(m.totals.rewards), plain(m.totals.surplus)]).toEqual(['220', '92', '128']);
  });
});

describe('a factor without a scale for one side settles nothing on that side', () => {
  it('no reward scale: a better PM2.5 gives 0 and says why; the deduction stands', () => {
    const m = settle({ records: uniformMonth({ 魏都区: { pm25: '45' }, 建安区: { pm25: '55' } }), province: new Map() }, fixtureSchedule('deductions-only')).months[0]!;
    const better = factor(m, '魏都区', 'pm25');
    expect([plain(better.amount), better.oneWay, better.pieces.length, cite(better.clause)]).toEqual(['0', true, 0, '第四条（一）']);
    expect(plain(factor(m, '建安区', 'pm25').amount)).toBe('-50'); // 5 μg above: 5 × 10
  });
});

describe('the 第五条 gates apply in the order the schedule lists them', () => {
  // The file as shipped, edited as a user would.
  const raw = () => JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
  // 魏都区 PM2.5 45 against the central mean 49 (45, 51, 50, 50, 49 → 245 / 5): 4 μg better, 4 × 10 = 40; target 44 missed.
  const records = uniformMonth({ 魏都区: { pm25: '45', targets: { pm25: '44' } }, 建安区: { pm25: '51' }, 东城区: { pm25: '49' } });
  const payout = new Map([['2022-10', { payout: true, source: 'test' }]]);
  const run = (s: Schedule) => factor(settle({ records, province: payout }, s).months[0]!, '魏都区', 'pm25');

  it('built in: the province first, so a payout month names the province even where the target was missed', () => {
    const f = run(builtinSchedule());
    expect([plain(f.bandAmount), plain(f.amount), f.cancelled, f.cancelledBy?.id]).toEqual(['40', '0', 'province', 'province']);
  });

  it('the target gate listed first is named first', () => {
    const s = raw();
    s.gates.reverse();
    const f = run(parseSchedule(s, 'reversed'));
    expect([plain(f.amount), f.cancelled, f.cancelledBy?.id]).toEqual(['0', 'target', 'target']);
  });

  it('a province gate that covers only some factors leaves the others\' rewards', () => {
    const s = raw();
    s.gates = [{ ...s.gates[0], factors: ['goodDays'] }];
    const m = settle({ records, province: payout }, parseSchedule(s, 'partial')).months[0]!;
    expect([plain(factor(m, '魏都区', 'pm25').amount), factor(m, '魏都区', 'pm25').cancelled]).toEqual(['40', null]);
  });

  it('no gates: nothing is cancelled', () => {
    const s = raw();
    s.gates = [];
    expect(plain(run(parseSchedule(s, 'none')).amount)).toBe('40');
  });
});

/**
 * SPEC.md §8, the worked example, settled by the engine under the built-in schedule.
 * Every expected figure below is worked out by hand from 第四条 and the decisions, not read off the program.
 */
import { describe, expect, it } from 'vitest';
import { settle } from '../../src/engine/settle.js';
import { plain } from '../../src/core/decimal.js';
import { builtinSchedule } from '../../src/schedule/load.js';
import { workedExample } from '../helpers/records.js';
import { SPEC_EXAMPLE_AMOUNTS } from '../helpers/expected.js';

const schedule = builtinSchedule();

function settled(payout = false) {
  const province = new Map(payout ? [['2022-10', { payout: true, source: 'test' }]] : []);
  return settle({ records: workedExample(), province }, schedule).months[0]!;
}

function amounts(month: ReturnType<typeof settled>) {
  return Object.fromEntries(month.counties.map((c) => [c.unit.name, [...c.factors.map((f) => plain(f.amount)), plain(c.net)]]));
}

describe('SPEC.md §8 worked example, 2022-10', () => {
  it('computes the group baselines (第四条 考核基数)', () => {
    const m = settled();
    const b = (g: number) => Object.fromEntries(Object.entries(m.groups[g]!.baseline).map(([k, v]) => [k, plain(v)]));
    // central: pm25 (45+49+43+51+46)/5 = 234/5 = 46.8 → 47; pm10 407/5 = 81.4 → 81;
    // last year pm25 255/5 = 51, pm10 431/5 = 86.2 → 86; rates (51−47)/51 = 7.843 → 7.8, (86−81)/86 = 5.814 → 5.8;
    // good days 92/5 = 18.4 → 18.
    expect(b(0)).toEqual({ pm25: '47', pm25Rate: '7.8', pm10: '81', pm10Rate: '5.8', goodDays: '18' });
    // county: pm25 202/4 = 50.5 → 50 (half-even tie), pm10 372/4 = 93; last year 214/4 = 53.5 → 54 (tie, to even),
    // 385/4 = 96.25 → 96; rates (54−50)/54 = 7.407 → 7.4, (96−93)/96 = 3.125 → 3.1; good days 59/4 = 14.75 → 15.
    expect(b(1)).toEqual({ pm25: '50', pm25Rate: '7.4', pm10: '93', pm10Rate: '3.1', goodDays: '15' });
  });

  it('settles every unit and factor to the 0.5 万元 (第四条（一）至（五）)', () => {
    // Per unit the working; the expected amounts are SPEC_EXAMPLE_AMOUNTS (pm25, pm25Rate, pm10, pm10Rate, goodDays, net).
    // 魏都区: r25 = (52−45)/52 = 13.46 → 13.5, gap 7.8−13.5 = −5.7: 3×15 + 2.7×35 = 139.5; r10 = 7/85 = 8.24 → 8.2, 2.4×10 = 24
    // 建安区: r25 = 1/50 = 2.0, gap 5.8: 3×15 + 2.8×35 = 143; r10 = 4/88 = 4.5, gap 1.3 × 10 = 13
    // 城乡一体化示范区: pm25 43 vs 47: 4×10; r25 6/49 = 12.2, 4.4: 45 + 1.4×35 = 94; pm10 75 vs 81: 5×5 + 1×10 = 35; r10 5/80 = 6.25 → 6.2 (tie to even), 0.4×10
    // 经济技术开发区: r25 2/53 = 3.8, gap 4.0: 45 + 1×35 = 80; pm10 90 vs 81: 5×5 + 4×10 = 65; r10 2/92 = 2.2, 3.6: 30 + 0.6×20 = 42
    // 东城区: r25 5/51 = 9.8, 2.0×15 = 30; r10 6/86 = 6.98 → 7.0, 1.2×10 = 12
    // 禹州市: pm25 50 vs 50: 0; r25 6/56 = 10.71 → 10.7, 3.3: 45 + 0.3×35 = 55.5; r10 6/98 = 6.12 → 6.1, 3.0×10 = 30
    // 长葛市: r25 2/55 = 3.6, gap 3.8: 45 + 0.8×35 = 73; r10 1/96 = 1.0, 2.1×10 = 21
    // 鄢陵县: r25 3/51 = 5.88 → 5.9, gap 1.5 × 15 = 22.5; pm10 86 vs 93: 25 + 2×10 = 45; r10 4/90 = 4.4, 1.3×10 = 13
    // 襄城县: r25 1/52 = 1.9, gap 5.5: 45 + 2.5×35 = 132.5; pm10 99 vs 93: 25 + 1×10 = 35; r10 2/101 = 1.98 → 2.0, 1.1×10 = 11
    expect(amounts(settled())).toEqual(SPEC_EXAMPLE_AMOUNTS);
  });

  it('totals the city and the fund line (第八条)', () => {
    const t = settled().totals;
    // deductions: 建安 211 + 经开 287 + 长葛 174 + 襄城 188.5 + 禹州 goodDays 20 + 鄢陵 pm25Rate 22.5 = 903;
    // rewards: 魏都 238.5 + 示范区 233 + 东城 77 + 禹州 (55.5+5+30) 90.5 + 鄢陵 (20+45+13+40) 118 = 757; surplus 903 − 757 = 146.
    expect([plain(t.deductions), plain(t.rewards), plain(t.surplus), plain(t.shortfall)]).toEqual(['903', '757', '146', '0']);
  });

  it('cancels every reward in a province-payout month and keeps the deductions (第五条)', () => {
    const m = settled(true);
    expect([plain(m.totals.deductions), plain(m.totals.rewards), plain(m.totals.surplus), plain(m.totals.shortfall)]).toEqual(['903', '0', '903', '0']);
    const weidu = m.counties.find((c) => c.unit.id === 'weidu')!;
    expect(weidu.factors.map((f) => [f.cancelled, plain(f.amount), plain(f.bandAmount)])).toEqual([
      ['province', '0', '20'],
      ['province', '0', '139.5'],
      ['province', '0', '15'],
      ['province', '0', '24'],
      ['province', '0', '40'],
    ]);
  });
});

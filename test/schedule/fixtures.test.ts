/**
 * What the schedule format must express, each through a schedule file under fixtures/schedules/, settled
 * with the CLI and checked against amounts worked out by hand from the §8 example (or the fixture's data).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { SPEC_EXAMPLE_AMOUNTS } from '../helpers/expected.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const rules = (name: string) => `fixtures/schedules/${name}.json`;

interface Month {
  month: string;
  schedule: string;
  groups: { baseline: Record<string, string> }[];
  counties: { county: string; factors: { factor: string; value: string; gap: string; amount: string; cancelled: string | null }[]; deductions: string; rewards: string; net: string; capped: unknown }[];
  totals: Record<string, string>;
}

async function settleJson(args: string[]): Promise<Month[]> {
  const r = await runCli(['settle', ...args, '--format', 'json']);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { months: Month[] }).months;
}
const nets = (m: Month) => Object.fromEntries(m.counties.map((c) => [c.county, c.net]));
const amountsOf = (m: Month, county: string) => m.counties.find((c) => c.county === county)!.factors.map((f) => f.amount);

describe('rounding half-up instead of half-even (D2), fixtures/schedules/xuchang-2022-half-up.json', () => {
  it('settles the county group differently exactly at the ties', async () => {
    const [m] = await settleJson([SAMPLE, '--rules', rules('xuchang-2022-half-up')]);
    // County pm25 mean 202/4 = 50.5 → 51 (half-even gave 50); R25 = (54 − 51)/54 = 5.56 → 5.6 (was 7.4).
    // Central is unchanged: no group value of the central group ends in exactly 5.
    expect(m!.groups[1]!.baseline).toEqual({ pm25: '51', pm25Rate: '5.6', pm10: '93', pm10Rate: '3.1', goodDays: '15' });
    expect(m!.groups[0]!.baseline).toEqual({ pm25: '47', pm25Rate: '7.8', pm10: '81', pm10Rate: '5.8', goodDays: '18' });
    expect(nets(m!)).toEqual({
      ...Object.fromEntries(Object.entries(SPEC_EXAMPLE_AMOUNTS).map(([k, v]) => [k, v[5]])),
      // 示范区 r10 = 5/80 = 6.25 → 6.3 (half-even 6.2): gap 5.8 − 6.3 = −0.5 → +5 instead of +4.
      城乡一体化示范区: '234',
      // 禹州 pm25 50 vs 51: +10; r25 10.7 vs 5.6: 3×15 + 2.1×35 = 118.5; +5 +30 −20.
      禹州市: '143.5',
      // 长葛 53 vs 51: −20; 3.6 vs 5.6: 2.0×15 = −30; −10 −21 −40.
      长葛市: '-121',
      // 鄢陵 48 vs 51: +30; 5.9 vs 5.6: 0.3×15 = +4.5; +45 +13 +40.
      鄢陵县: '132.5',
      // 襄城 51 vs 51: 0; 1.9 vs 5.6: 3×15 + 0.7×35 = −69.5; −35 −11 0.
      襄城县: '-115.5',
    });
    // Deductions 211 + 287 + 121 + 115.5 + 禹州's 20 = 754.5; rewards 238.5 + 234 + 77 + 163.5 + 132.5 = 845.5.
    expect(m!.totals).toEqual({ deductions: '754.5', rewards: '845.5', surplus: '0', shortfall: '91' });
  });
});

describe('direction per factor', () => {
  it('deductions only (fixtures/schedules/deductions-only.json): every reward is 0, deductions as in §8', async () => {
    const [m] = await settleJson([SAMPLE, '--rules', rules('deductions-only')]);
    // Each unit keeps only its negative amounts of §8.
    const expected = Object.fromEntries(
      Object.entries(SPEC_EXAMPLE_AMOUNTS).map(([k, v]) => [k, String(v.slice(0, 5).map(Number).filter((x) => x < 0).reduce((a, b) => a + b, 0))]),
    );
    expect(nets(m!)).toEqual({ ...expected, 魏都区: '0', 城乡一体化示范区: '0', 东城区: '0' });
    expect(amountsOf(m!, '鄢陵县')).toEqual(['0', '-22.5', '0', '0', '0']);
    expect(m!.counties.flatMap((c) => c.factors).every((f) => f.cancelled === null)).toBe(true);
    expect(m!.totals).toEqual({ deductions: '903', rewards: '0', surplus: '903', shortfall: '0' });
  });

  it('rewards only (fixtures/schedules/rewards-only.json): every deduction is 0 and city finance pays all', async () => {
    const [m] = await settleJson([SAMPLE, '--rules', rules('rewards-only')]);
    expect(amountsOf(m!, '鄢陵县')).toEqual(['20', '0', '45', '13', '40']);
    expect(nets(m!)['建安区']).toBe('0');
    expect(m!.totals).toEqual({ deductions: '0', rewards: '757', surplus: '0', shortfall: '757' });
  });
});

describe('one-decimal concentrations (D3) and the 1 μg threshold (D6)', () => {
  const data = 'fixtures/decimals-2022-10-synthetic.csv';
  // Central pm25: 45.3, 47.4, 46.0 ×3 → 230.7/5 = 46.14 → 46.1. Last year equals this year, so all rates are 0.

  it('does not charge a gap below 1 μg, charges 1.3 μg from 0 (fixtures/schedules/one-decimal.json)', async () => {
    const [m] = await settleJson([data, '--rules', rules('one-decimal')]);
    expect(m!.groups[0]!.baseline.pm25).toBe('46.1');
    const pm25 = (c: string) => m!.counties.find((x) => x.county === c)!.factors[0]!;
    expect([pm25('魏都区').gap, pm25('魏都区').amount]).toEqual(['-0.8', '0']); // below 1 μg
    expect([pm25('建安区').gap, pm25('建安区').amount]).toEqual(['1.3', '-13']); // 1.3 × 10
    expect(m!.totals).toEqual({ deductions: '13', rewards: '0', surplus: '13', shortfall: '0' });
  });

  it('charges from 0 when the threshold is 0 (fixtures/schedules/one-decimal-from-zero.json)', async () => {
    const [m] = await settleJson([data, '--rules', rules('one-decimal-from-zero')]);
    // 魏都 0.8 × 10 = 8; 建安 −13; three units at 46.0: 0.1 × 10 = 1 each.
    expect(nets(m!)).toMatchObject({ 魏都区: '8', 建安区: '-13', 城乡一体化示范区: '1', 经济技术开发区: '1', 东城区: '1' });
  });
});

describe('group rate as the mean of member rates (D5), fixtures/schedules/mean-of-rates.json', () => {
  it('averages the rounded unit rates', async () => {
    const [m] = await settleJson([SAMPLE, '--rules', rules('mean-of-rates')]);
    // Central r25: 13.5 + 2.0 + 12.2 + 3.8 + 9.8 = 41.3, /5 = 8.26 → 8.3; r10: 8.2 + 4.5 + 6.2 + 2.2 + 7.0 = 28.1, /5 = 5.62 → 5.6.
    // County r25: 10.7 + 3.6 + 5.9 + 1.9 = 22.1, /4 = 5.525 → 5.5; r10: 6.1 + 1.0 + 4.4 + 2.0 = 13.5, /4 = 3.375 → 3.4.
    expect([m!.groups[0]!.baseline.pm25Rate, m!.groups[0]!.baseline.pm10Rate, m!.groups[1]!.baseline.pm25Rate, m!.groups[1]!.baseline.pm10Rate]).toEqual(['8.3', '5.6', '5.5', '3.4']);
    // 魏都 r25 13.5: gap −5.2 → 3×15 + 2.2×35 = 122; 建安 2.0: gap 6.3 → 45 + 3.3×35 = 160.5 deducted.
    expect(amountsOf(m!, '魏都区')[1]).toBe('122');
    expect(amountsOf(m!, '建安区')[1]).toBe('-160.5');
  });
});

describe('rate factors gated by targets (D7), fixtures/schedules/rates-gated.json', () => {
  it('cancels the pm25Rate reward with the PM2.5 concentration reward when the PM2.5 target is missed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-gate-'));
    writeFileSync(join(dir, 't.csv'), 'month,county,pm25_target\n2022-10,魏都区,44\n');
    const [gated] = await settleJson([SAMPLE, '--rules', rules('rates-gated'), '--targets', join(dir, 't.csv')]);
    const weidu = gated!.counties.find((c) => c.county === '魏都区')!;
    expect(weidu.factors.map((f) => f.cancelled)).toEqual(['target', 'target', null, null, null]);
    // 238.5 − 20 (pm25) − 139.5 (pm25Rate) = 79.
    expect(weidu.net).toBe('79');
    // Under the built-in schedule (D7 default) only the concentration reward goes: 238.5 − 20 = 218.5.
    const [plain] = await settleJson([SAMPLE, '--targets', join(dir, 't.csv')]);
    expect(plain!.counties.find((c) => c.county === '魏都区')!.net).toBe('218.5');
  });
});

describe('baselines supplied from a file (D1), fixtures/schedules/supplied-baselines.json', () => {
  it('uses the supplied baselines instead of the group means', async () => {
    const [m] = await settleJson([SAMPLE, '--rules', rules('supplied-baselines'), '--baselines', 'fixtures/baselines-2022-10-synthetic.csv']);
    // Central pm25 baseline 45 (computed would be 47): 魏都 45: 0; 建安 49: 4×10 = −40; 示范区 43: +20; 经开 51: 5×10 + 1×20 = −70; 东城 46: −10.
    expect(m!.counties.slice(0, 5).map((c) => c.factors[0]!.amount)).toEqual(['0', '-40', '20', '-70', '-10']);
    expect(m!.groups[0]!.baseline.pm25).toBe('45');
  });

  it('refuses to settle without the baselines', async () => {
    const r = await runCli(['settle', SAMPLE, '--rules', rules('supplied-baselines')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2022-10 中心城区组: schedule example-supplied-baselines takes baselines as supplied (D1), and none is given for pm25, pm25Rate, pm10, pm10Rate, goodDays');
  });
});

describe('caps per unit and month, fixtures/schedules/capped.json', () => {
  it('holds deductions and rewards to 200 万元 and says so', async () => {
    const [m] = await settleJson([SAMPLE, '--rules', rules('capped')]);
    expect(nets(m!)).toMatchObject({ 魏都区: '200', 建安区: '-200', 城乡一体化示范区: '200', 经济技术开发区: '-200', 襄城县: '-188.5' });
    expect(m!.counties.find((c) => c.county === '经济技术开发区')!.capped).toEqual({ deductionsBeforeCap: '287', rewardsBeforeCap: null });
    // Deductions 200 + 200 + 174 + 188.5 + 20 + 22.5 = 805; rewards 200 + 200 + 77 + 90.5 + 118 = 685.5.
    expect(m!.totals).toEqual({ deductions: '805', rewards: '685.5', surplus: '119.5', shortfall: '0' });
  });
});

describe('another city: other units, three groups, two factors, three bands (fixtures/schedules/other-city.json)', () => {
  it('settles data with only the columns its factors need', async () => {
    const [m] = await settleJson(['fixtures/other-city-2023-05-synthetic.csv', '--rules', rules('other-city')]);
    // 城区组 pm25 30, 36, 42 → 36: 甲 −6 → 3×5 + 3×10 = +45; 丙 +6 → −45. Good days 25, 20, 15 → 20: 甲 +50, 丙 −50.
    // 郊县组 pm25 50, 41 → 45.5 → 46 (half-even): 丁 +4 → 15 + 10 = −25; 戊 −5 → 15 + 20 = +35.
    //   Good days 18, 21 → 19.5 → 20: 丁 −20, 戊 +10. 己市 alone is its own baseline: 0.
    expect(nets(m!)).toEqual({ 甲区: '95', 乙区: '0', 丙区: '-95', 丁县: '-45', 戊县: '45', 己市: '0' });
    expect(m!.totals).toEqual({ deductions: '140', rewards: '140', surplus: '0', shortfall: '0' });
  });

  it('charges a gap beyond the second band at the third rate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-city-'));
    writeFileSync(join(dir, 'd.csv'), readFileSync('fixtures/other-city-2023-05-synthetic.csv', 'utf8').replace('2023-05,丙区,42,15', '2023-05,丙区,51,15'));
    const [m] = await settleJson([join(dir, 'd.csv'), '--rules', rules('other-city')]);
    // 城区组 30, 36, 51 → 39: 丙 +12 → 3×5 + 5×10 + 4×30 = 185; 甲 −9 → 15 + 50 + 30 = 95; 乙 −3 → 15.
    expect(m!.counties.slice(0, 3).map((c) => c.factors[0]!.amount)).toEqual(['95', '15', '-185']);
  });
});

describe('two schedules in force for different months', () => {
  const data = 'fixtures/two-schedules-2022-08-and-10-synthetic.csv';

  it('settles each month under the schedule in force for it', async () => {
    const months = await settleJson([data, '--rules', rules('example-2020-trial'), '--rules', 'xuchang-2022']);
    expect(months.map((m) => [m.month, m.schedule])).toEqual([
      ['2022-08', 'example-2020-trial'],
      ['2022-10', 'xuchang-2022'],
    ]);
    // The illustrative earlier schedule pays good days at 10 instead of 20: §8's good-day deductions 20 + 60 + 20 + 40 = 140
    // become 70 and its rewards 40 + 60 + 20 + 40 = 160 become 80.
    expect(months[0]!.totals).toEqual({ deductions: '833', rewards: '677', surplus: '156', shortfall: '0' });
    expect(months[1]!.totals).toEqual({ deductions: '903', rewards: '757', surplus: '146', shortfall: '0' });
  });

  it('refuses schedules whose periods overlap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-overlap-'));
    const s = JSON.parse(readFileSync(rules('example-2020-trial'), 'utf8'));
    s.effectiveUntil = '2022-09-30';
    writeFileSync(join(dir, 'trial.json'), JSON.stringify(s));
    const r = await runCli(['settle', data, '--rules', join(dir, 'trial.json'), '--rules', 'xuchang-2022']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/built-in xuchang-2022: overlaps .*trial\.json: schedule example-2020-trial .* settles months 2020-01 to 2022-09/);
  });

  it('refuses 2022-08 under the built-in schedule alone', async () => {
    const r = await runCli(['settle', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('month 2022-08 cannot be settled: schedule xuchang-2022 (许政办〔2022〕39号) settles months from 2022-09 (in force from 2022-09-13)');
  });
});

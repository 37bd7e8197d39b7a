/**
 * Which months are settled, and every side file matched to them (issue 10, "nothing silent, nothing lost"):
 * a month with some of its last-year values is settled and each missing one named; a payout, target, provincial
 * result or baseline for a month that is not settled is refused unless the user's own --month left it out;
 * supplied baselines only where a schedule takes them, in the range and precision of what they stand for.
 */
import { describe, expect, it } from 'vitest';
import { fixtureSchedule } from '../helpers/schedules.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs, type LoadRequest } from '../../src/app/load.js';
import { ProblemsError, formatProblem, type Problem } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';
import type { Schedule } from '../../src/schedule/format.js';
import { runCli } from '../helpers/cli.js';

const schedule = builtinSchedule();
const enc = (s: string) => new TextEncoder().encode(s);
const SAMPLE = readFileSync(new URL('../../fixtures/sample-2022-10-synthetic.csv', import.meta.url), 'utf8');
const [HEADER, ...SAMPLE_ROWS] = SAMPLE.trim().split('\n') as [string, ...string[]];
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-months-'));
const supplied = fixtureSchedule('supplied-baselines');

/** The sample's rows moved to another month. */
const rowsOf = (month: string) => SAMPLE_ROWS.map((l) => l.replace('2022-10', month));
/** The sample's rows without last-year values (columns 5 and 6 emptied). */
const withoutLastYear = (rows: string[]) => rows.map((l) => l.split(',').map((c, i) => (i === 4 || i === 5 ? '' : c)).join(','));
const csv = (rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

function load(data: string, extra: Partial<LoadRequest> = {}, schedules: Schedule | Schedule[] = schedule) {
  return loadInputs({ data: [{ name: 'data.csv', bytes: enc(data) }], ...extra }, schedules);
}

function problemsOf(data: string, extra: Partial<LoadRequest> = {}, schedules: Schedule | Schedule[] = schedule): Problem[] {
  try {
    load(data, extra, schedules);
  } catch (e) {
    if (e instanceof ProblemsError) return [...e.problems];
    throw e;
  }
  throw new Error('expected problems, the load succeeded');
}

const side = (name: string, text: string) => [{ name, bytes: enc(text) }];

/** 2022-10 (own last-year values except 禹州市's PM2.5) and 2023-10 (the sample again, a year on). */
const PARTLY = csv([...SAMPLE_ROWS.map((l) => l.replace('2022-10,禹州市,50,92,56,98', '2022-10,禹州市,50,92,,98')), ...rowsOf('2023-10')]);

describe('a month whose last-year values are only partly given (SPEC.md §3)', () => {
  it('is settled, and the missing value is a fault naming unit, month and value, although its month a year on is given', () => {
    // Before issue 10 the month was silently dropped (a note), and only 2023-10 settled.
    const p = problemsOf(PARTLY);
    expect(p.map(formatProblem)).toEqual([
      "data.csv:7:5: pm25_last_year: 2022-10 禹州市: no last-year PM2.5: the cell is empty and the inputs hold no 2021-10 row for 禹州市; 2022-10 is settled, not read only as last year's values for 2023-10, because some of its last-year values are given",
    ]);
    expect(p[0]!.code).toBe('E-NO-LAST-YEAR');
  });

  it('names each missing value: two units, PM10 only', () => {
    const rows = SAMPLE_ROWS.map((l) => l.replace(/^(2022-10,(建安区|襄城县),\d+,\d+,\d+),\d+/, '$1,'));
    const p = problemsOf(csv([...rows, ...rowsOf('2023-10')])).map(formatProblem);
    expect(p).toEqual([expect.stringMatching(/^data\.csv:3:6: pm10_last_year: 2022-10 建安区: no last-year PM10: /), expect.stringMatching(/^data\.csv:10:6: pm10_last_year: 2022-10 襄城县: no last-year PM10: /)]);
  });

  it('a last-year value from the row twelve months earlier counts: with 2021-10 given for 禹州市 alone, the other eight are missing', () => {
    const rows = [`2021-10,禹州市,56,98,,,14`, ...withoutLastYear(SAMPLE_ROWS), ...rowsOf('2023-10')];
    const p = problemsOf(csv(rows)).map(formatProblem);
    // Eight units × two pollutants; 禹州市 has both from 2021-10.
    expect(p).toHaveLength(16);
    expect(p.some((x) => x.includes('禹州市'))).toBe(false);
  });

  it('a month with no last-year values at all is still read only as last year\'s values, with a note', () => {
    const a = load(csv([...withoutLastYear(SAMPLE_ROWS), ...rowsOf('2023-10')]));
    expect(a.months).toEqual(['2023-10']);
    expect(a.notices).toEqual(["2022-10 is read only as last year's values for 2023-10; it is not settled itself, as it has no last-year values of its own"]);
  });

  it('ledger: the same within --from/--to, and without them', async () => {
    const file = join(dir, 'partly.csv');
    writeFileSync(file, PARTLY);
    for (const range of [['--from', '2022-10', '--to', '2022-10'], []]) {
      const r = await runCli(['ledger', file, ...range]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain('partly.csv:7:5: pm25_last_year: 2022-10 禹州市: no last-year PM2.5');
    }
  });
});

describe('--province-payout names a month that is settled', () => {
  const LAST_YEAR_ONLY = csv([...withoutLastYear(SAMPLE_ROWS), ...rowsOf('2023-10')]);

  it('refuses a month read only as last year\'s values', () => {
    const p = problemsOf(LAST_YEAR_ONLY, { provincePayout: ['2022-10'] });
    expect(p.map(formatProblem)).toEqual(["--province-payout: 2022-10 is not settled (it is read only as last year's values for 2023-10), so a payout for it would change nothing; check the month"]);
    expect(p[0]!.code).toBe('E-PAYOUT-MONTH');
  });

  it('refuses a month before the schedule, read only as last year\'s values', () => {
    const p = problemsOf(csv([...withoutLastYear(rowsOf('2021-10')), ...withoutLastYear(SAMPLE_ROWS)]), { provincePayout: ['2021-10'] }).map(formatProblem);
    expect(p).toEqual(["--province-payout: 2021-10 is not settled (no schedule is in force for it; it is read only as last year's values for 2022-10), so a payout for it would change nothing; check the month"]);
  });

  it('accepts a month the user left out with --month or --from/--to (docs/decisions.md)', async () => {
    const both = csv([...SAMPLE_ROWS, ...rowsOf('2023-10')]);
    expect(load(both, { provincePayout: ['2022-10'], months: ['2023-10'] }).months).toEqual(['2023-10']);
    expect(load(both, { provincePayout: ['2022-10'], range: { from: '2023-01' } }).months).toEqual(['2023-10']);
    // …and the payout is not applied to the month that is settled: 2023-10 keeps the rewards of §8 (757).
    const file = join(dir, 'both.csv');
    writeFileSync(file, both);
    const r = await runCli(['settle', file, '--month', '2023-10', '--province-payout', '2022-10', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).months.map((m: { month: string; provincePayout: boolean; totals: { rewards: string } }) => [m.month, m.provincePayout, m.totals.rewards])).toEqual([['2023-10', false, '757']]);
  });
});

describe('side files name months of the data', () => {
  it('a targets row for a month not in the data is a fault with its file and line', () => {
    const p = problemsOf(SAMPLE, { targets: side('t.csv', 'month,county,pm25_target\n2022-10,魏都区,46\n2031-10,魏都区,40\n') });
    expect(p.map(formatProblem)).toEqual(['t.csv:3: a target of 魏都区 is given for 2031-10, but the data holds no 2031-10 rows (it holds 2022-10), so it would never be applied; check the month']);
    expect(p[0]!.code).toBe('E-SIDE-MONTH');
  });

  it('a province-file row for a month not in the data is a fault (第五条 would silently not apply)', () => {
    const p = problemsOf(SAMPLE, { province: side('p.csv', 'month,province_result\n2031-10,支偿\n') });
    expect(p.map((x) => [formatProblem(x), x.code])).toEqual([['p.csv:2: a provincial result is given for 2031-10, but the data holds no 2031-10 rows (it holds 2022-10), so it would never be applied; check the month', 'E-SIDE-MONTH']]);
  });

  it('a baselines row for a month not in the data is a fault', () => {
    const baselines = readFileSync('fixtures/baselines-2022-10-synthetic.csv', 'utf8') + '2031-10,中心城区组,45,7.8,81,5.8,18\n';
    const p = problemsOf(SAMPLE, { baselines: side('b.csv', baselines) }, supplied);
    expect(p.map((x) => [formatProblem(x), x.code])).toEqual([['b.csv:4: the baselines of 中心城区组 is given for 2031-10, but the data holds no 2031-10 rows (it holds 2022-10), so it would never be applied; check the month', 'E-SIDE-MONTH']]);
  });

  it('rows for months in the data but left out by --month are fine, and are not applied', () => {
    const both = csv([...SAMPLE_ROWS, ...rowsOf('2022-11')]);
    const a = load(both, {
      months: ['2022-11'],
      targets: side('t.csv', 'month,county,pm25_target\n2022-10,魏都区,40\n'),
      province: side('p.csv', 'month,province_result\n2022-10,支偿\n'),
    });
    expect(a.months).toEqual(['2022-11']);
    expect(a.input.records.find((r) => r.unitId === 'weidu')!.targets).toEqual({});
  });

  it('a target for a unit the data does not hold in a settled month is a fault (docs/decisions.md)', () => {
    const without = csv(SAMPLE_ROWS.filter((l) => !l.includes('禹州市')));
    const p = problemsOf(without, { targets: side('t.csv', 'month,county,pm25_target\n2022-10,禹州市,50\n') });
    expect(p.filter((x) => x.code === 'E-SIDE-UNIT').map(formatProblem)).toEqual(['t.csv:2: a target of 禹州市 is given for 2022-10, but the data has no 2022-10 row for 禹州市, so it would never be applied; check the unit and month']);
  });
});

describe('--baselines only where a schedule takes supplied baselines (D1)', () => {
  it('is refused under the built-in schedule, which computes them', () => {
    const p = problemsOf(SAMPLE, { baselines: side('b.csv', readFileSync('fixtures/baselines-2022-10-synthetic.csv', 'utf8')) });
    expect(p.map((x) => [formatProblem(x), x.code])).toEqual([
      [
        'b.csv: --baselines gives group baselines, but no schedule in use takes supplied baselines: xuchang-2022 computes them as the mean of each group\'s members (第四条, D1). Leave out --baselines, or give --rules a schedule whose baselineStatistic is "supplied"',
        'E-BASELINES-UNUSED',
      ],
    ]);
  });

  it('a row for a month settled under a schedule that computes them is refused, naming the one that takes them', async () => {
    const file = join(dir, 'b-08.csv');
    writeFileSync(file, 'month,group,pm25,pm25_rate,pm10,pm10_rate,good_days\n2022-08,中心城区组,45,7.8,81,5.8,18\n2022-10,中心城区组,45,7.8,81,5.8,18\n2022-10,县（市）组,50,7.4,93,3.1,15\n');
    const data = 'fixtures/two-schedules-2022-08-and-10-synthetic.csv';
    const r = await runCli(['settle', data, '--rules', 'fixtures/schedules/example-2020-trial.json', '--rules', 'fixtures/schedules/supplied-baselines.json', '--baselines', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('b-08.csv:2: baselines are given for 2022-08, but schedule example-2020-trial, in force for it, computes its group baselines as the mean of each group\'s members');
    expect(r.stderr).toContain('only schedule example-supplied-baselines');
  });
});

describe('supplied baselines: the range of the values they stand for, at most the schedule\'s decimals', () => {
  /** The faults of a baselines file whose central row is `central` (county row as in the fixture). */
  const faults = (central: string) => {
    const p = problemsOf(SAMPLE, { baselines: side('b.csv', `month,group,pm25,pm25_rate,pm10,pm10_rate,good_days\n2022-10,中心城区组,${central}\n2022-10,县（市）组,50,7.4,93,3.1,15\n`) }, supplied);
    expect(p.map((x) => x.code)).toEqual(['E-BASELINE-VALUE']);
    return p.map(formatProblem);
  };

  it.each([
    ['a negative concentration', '-1,7.8,81,5.8,18', /^b\.csv:2:3: pm25: expected a PM2\.5 baseline in μg\/m³ from 0 to 1000, in whole μg\/m³, as schedule example-supplied-baselines keeps it \(D3\), got "-1"$/],
    ['a concentration above 1000', '45,7.8,1001,5.8,18', /^b\.csv:2:5: pm10: expected a PM10 baseline in μg\/m³ from 0 to 1000.*got "1001"$/],
    ['a concentration with decimals the schedule does not keep (D3: whole μg)', '46.8,7.8,81,5.8,18', /^b\.csv:2:3: pm25: .*in whole μg\/m³.*got "46\.8"$/],
    ['a rate above 100 %', '45,100.5,81,5.8,18', /^b\.csv:2:4: pm25_rate: expected a group improvement rate in percent of at most 100 \(a rate cannot exceed 100 %\), with at most 1 decimal, as schedule example-supplied-baselines keeps it \(D4\), got "100\.5"$/],
    ['a rate with two decimals (D4: one)', '45,7.84,81,5.8,18', /^b\.csv:2:4: pm25_rate: .*with at most 1 decimal.*got "7\.84"$/],
    ['more good days than October has', '45,7.8,81,5.8,32', /^b\.csv:2:7: good_days: expected a good-days baseline from 0 to the 31 days of 2022-10, in whole days, as schedule example-supplied-baselines keeps it \(D8\), got "32"$/],
    ['good days with a decimal (D8: whole days)', '45,7.8,81,5.8,18.4', /^b\.csv:2:7: good_days: .*got "18\.4"$/],
    ['negative good days', '45,7.8,81,5.8,-1', /^b\.csv:2:7: good_days: .*got "-1"$/],
  ])('refuses %s', (_, central, expected) => {
    expect(faults(central)).toEqual([expect.stringMatching(expected)]);
  });

  it('accepts a negative group rate, a rate of exactly 100, 31 good days in October, and 45.0 for 45', () => {
    const a = load(SAMPLE, { baselines: side('b.csv', 'month,group,pm25,pm25_rate,pm10,pm10_rate,good_days\n2022-10,中心城区组,45.0,-250,81,100,31\n2022-10,县（市）组,50,7.4,93,3.1,0\n') }, supplied);
    expect(a.input.baselines).toHaveLength(2);
  });
});

describe('a side row given in two files (found by the fuzzer)', () => {
  const targets = (pm25: string) => enc(`month,county,pm25_target\n2022-10,魏都区,${pm25}\n`);

  it('refuses two targets files that disagree, naming both places, instead of taking the last', () => {
    // 魏都区's PM2.5 is 45 against a baseline of 47: a reward of 20 (第四条（一）2). A target of 40 is missed and
    // cancels it (第五条); a target of 50 is met. Which one applies cannot be guessed.
    const p = problemsOf(SAMPLE, { targets: [{ name: 'a.csv', bytes: targets('40') }, { name: 'b.csv', bytes: targets('50') }] });
    expect(p.map((x) => [x.code, x.file, x.line])).toEqual([['E-SIDE-CONFLICT', 'b.csv', 2]]);
    expect(p[0]!.message).toMatch(/pm25 50.*a\.csv:2.*pm25 40/);
  });

  it('accepts the same row twice, and two baselines files only when they agree', () => {
    const same = load(SAMPLE, { targets: [{ name: 'a.csv', bytes: targets('40') }, { name: 'b.csv', bytes: targets('40') }] });
    expect(same.input.records.find((r) => r.unitId === 'weidu')!.targets.pm25!.toFixed()).toBe('40');
    const b = (pm25: string) => enc(`month,group,pm25,pm25_rate,pm10,pm10_rate,good_days\n2022-10,中心城区组,${pm25},7.8,81,5.8,18\n2022-10,县（市）组,50,7.4,93,3.1,15\n`);
    const p = problemsOf(SAMPLE, { baselines: [{ name: 'b1.csv', bytes: b('47') }, { name: 'b2.csv', bytes: b('46') }] }, supplied);
    expect(p.map((x) => [x.code, x.file, x.line])).toEqual([['E-SIDE-CONFLICT', 'b2.csv', 2]]);
  });
});

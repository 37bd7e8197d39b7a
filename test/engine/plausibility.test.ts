/**
 * Implausible data (issue 10): a month where every unit has more PM2.5 than PM10 has its columns swapped and is
 * refused; one such unit, or an improvement rate below -100 %, is settled as given with a warning — on standard
 * error and in the JSON's `warnings`, made by the engine as data and worded outside it.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plain } from '../../src/core/decimal.js';
import { settle } from '../../src/engine/settle.js';
import { loadInputs } from '../../src/app/load.js';
import { ProblemsError } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';
import { runCli } from '../helpers/cli.js';
import { uniformMonth } from '../helpers/records.js';

const schedule = builtinSchedule();
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-plausible-'));
const HEADER = 'month,county,pm25,pm10,pm25_last_year,pm10_last_year,good_days';
const SAMPLE = readFileSync('fixtures/sample-2022-10-synthetic.csv', 'utf8');

/** Every unit at PM2.5 50, PM10 80, the same last year, 20 good days, except the rows given by unit name. */
function uniformCsv(name: string, overrides: Record<string, string>): string {
  const rows = schedule.units.map((u) => overrides[u.name] ?? `2022-10,${u.name},50,80,50,80,20`);
  const file = join(dir, name);
  writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}

interface JsonMonth {
  counties: { county: string; net: string; factors: { factor: string; amount: string }[] }[];
  totals: Record<string, string>;
  warnings: { code: string; county: string; id: string; message: string }[];
}

async function settleJson(file: string): Promise<{ month: JsonMonth; stderr: string }> {
  const r = await runCli(['settle', file, '--format', 'json']);
  expect(r.code).toBe(0);
  return { month: (JSON.parse(r.stdout) as { months: JsonMonth[] }).months[0]!, stderr: r.stderr };
}

const nets = (m: JsonMonth) => Object.fromEntries(m.counties.filter((c) => c.net !== '0').map((c) => [c.county, c.net]));

describe('PM2.5 above PM10 for every unit of a month: the columns are swapped', () => {
  it('is refused, naming both columns and the month, with nothing written', async () => {
    const swapped = SAMPLE.replace('month,county,pm25,pm10', 'month,county,pm10,pm25');
    const file = join(dir, 'swapped.csv');
    writeFileSync(file, swapped);
    const r = await runCli(['settle', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(`${file}: 2022-10: PM2.5 is above PM10 for every unit (魏都区: 78 against 45); PM2.5 is part of PM10, so the pm25 (PM2.5) and pm10 (PM10) columns (columns 4 and 3 of ${file}) are almost surely swapped`);
    try {
      loadInputs({ data: [{ name: 'd.csv', bytes: new TextEncoder().encode(swapped) }] }, schedule);
      expect.unreachable();
    } catch (e) {
      expect((e as ProblemsError).problems.map((p) => p.code)).toEqual(['E-PM-SWAPPED']);
    }
  });
});

describe('one unit with PM2.5 above PM10: settled as given, with a warning', () => {
  it('gives the amounts of 第四条 and says so on standard error and in the JSON', async () => {
    const file = uniformCsv('one-above.csv', { 禹州市: '2022-10,禹州市,85,80,85,80,20' });
    const { month, stderr } = await settleJson(file);
    // Worked by hand (SPEC.md §4): county group PM2.5 (85 + 50 + 50 + 50) / 4 = 58.75 → 59, last year likewise 59,
    // so every rate is 0 and only pm25 pays. 禹州市 85 − 59 = 26 μg above: 5 × 10 + 21 × 20 = 470 deducted;
    // 长葛市, 鄢陵县, 襄城县 50 − 59 = 9 μg below: 5 × 10 + 4 × 20 = 130 each. Central group: all gaps 0.
    expect(nets(month)).toEqual({ 禹州市: '-470', 长葛市: '130', 鄢陵县: '130', 襄城县: '130' });
    expect(month.totals).toEqual({ deductions: '470', rewards: '390', surplus: '80', shortfall: '0' });
    const message = `PM2.5 85 is above PM10 80 (${file}:7); PM2.5 is part of PM10, so one of the two values is likely wrong. Settled as given`;
    expect(month.warnings).toEqual([{ code: 'W-PM25-ABOVE-PM10', county: '禹州市', id: 'yuzhou', message }]);
    expect(stderr).toBe(`ecocomp: warning: 2022-10 禹州市: ${message}\n`);
  });
});

describe('an improvement rate below -100 %: settled as given, with a warning', () => {
  it('a last-year PM2.5 of 0.6 rounds to 1 and gives -4900 %', async () => {
    const file = uniformCsv('tiny-last-year.csv', { 长葛市: '2022-10,长葛市,50,80,0.6,80,20' });
    const { month, stderr } = await settleJson(file);
    // Worked by hand (SPEC.md §4): 长葛市 l25 = round(0.6) = 1, r25 = (1 − 50) / 1 × 100 = −4900.0.
    // County group: B25 = 50; BL25 = (50 + 1 + 50 + 50) / 4 = 37.75 → 38; R25 = (38 − 50) / 38 × 100 = −31.578… → −31.6.
    // 长葛市 pm25Rate gap −31.6 − (−4900) = 4868.4 pp below: 3 × 15 + 4865.4 × 35 = 45 + 170289 = 170334 deducted.
    // 禹州市, 鄢陵县, 襄城县 (rate 0): −31.6 − 0 = −31.6, 31.6 pp above: 3 × 15 + 28.6 × 35 = 45 + 1001 = 1046 each.
    expect(nets(month)).toEqual({ 禹州市: '1046', 长葛市: '-170334', 鄢陵县: '1046', 襄城县: '1046' });
    expect(month.totals).toEqual({ deductions: '170334', rewards: '3138', surplus: '167196', shortfall: '0' });
    const message = `the PM2.5 improvement rate is -4900 %, below -100 %: 50 this year against 0.6 (rounded to 1) last year (${file}:8:5); check last year's value. Settled as given`;
    expect(month.warnings).toEqual([{ code: 'W-RATE-BELOW-MINUS-100', county: '长葛市', id: 'changge', message }]);
    expect(stderr).toBe(`ecocomp: warning: 2022-10 长葛市: ${message}\n`);
  });

  it('a rate of exactly -100 % (this year twice last year) is no warning', () => {
    // 长葛市 PM2.5 100 against 50 last year: (50 − 100) / 50 × 100 = −100.0, not below −100.
    const m = settle({ records: uniformMonth({ 长葛市: { pm25: '100', pm25LastYear: '50', pm10: '120' } }), province: new Map() }, schedule).months[0]!;
    expect(m.warnings).toEqual([]);
  });
});

describe('the engine reports warnings as data, in the order of the counties', () => {
  it('each with its code, unit and values', () => {
    const records = uniformMonth({ 魏都区: { pm25: '81', pm10: '80', pm25LastYear: '81' }, 襄城县: { pm10: '170', pm10LastYear: '80.4' } });
    const m = settle({ records, province: new Map() }, schedule).months[0]!;
    // 魏都区 81 > 80; 襄城县 PM10 170 against last year 80.4 → 80: (80 − 170) / 80 × 100 = −112.5 %.
    expect(m.warnings.map((w) => [w.code, w.unitId, w.code === 'W-PM25-ABOVE-PM10' ? plain(w.pm25) : plain(w.rate)])).toEqual([
      ['W-PM25-ABOVE-PM10', 'weidu', '81'],
      ['W-RATE-BELOW-MINUS-100', 'xiangcheng', '-112.5'],
    ]);
  });

  it('none for the worked example of SPEC.md §8, and the JSON says so with an empty list', async () => {
    const { month, stderr } = await settleJson('fixtures/sample-2022-10-synthetic.csv');
    expect([month.warnings, stderr]).toEqual([[], '']);
  });
});

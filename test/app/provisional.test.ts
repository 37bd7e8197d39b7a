/**
 * Month-to-date standing (issue 13): `aggregate --provisional` writes the current, incomplete month from the days so
 * far — the validity rule applied to the days elapsed, last year over the same days — and every output of a settle of
 * such rows says 预估 / provisional; the ledger and check refuse them unless asked. Generated hourly data for the
 * first half of October 2023, and October 2022 for last year's values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionalDaysNeeded } from '../../src/engine/aggregate/days.js';
import { runCli } from '../helpers/cli.js';

const { generateHourly } = await import('../../scripts/generate-hourly.mjs');

let dir = '';
let hourly = '';
let monthly = '';
let monthlyText = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecocomp-provisional-'));
  hourly = join(dir, 'hourly.csv');
  writeFileSync(hourly, [...generateHourly({ from: '2022-10-01', to: '2023-10-15', stations: 2, seed: 11 })].join(''));
  const r = await runCli(['aggregate', hourly, '--provisional', '--month', '2023-10']);
  expect(r.code).toBe(0);
  monthly = join(dir, 'monthly.csv');
  writeFileSync(monthly, r.stdout);
  monthlyText = r.stdout;
}, 60_000);

describe('the validity rule applied to the days elapsed', () => {
  it('allows as many missing days as a whole month does: October 31 − 27 = 4, February 28 − 25 = 3', () => {
    expect(provisionalDaysNeeded('2023-10', 15)).toBe(11);
    expect(provisionalDaysNeeded('2023-10', 31)).toBe(27);
    expect(provisionalDaysNeeded('2023-02', 10)).toBe(7);
    expect(provisionalDaysNeeded('2023-10', 2)).toBe(1);
  });
});

describe('aggregate --provisional', () => {
  it('writes October 2023 through the 15th for every unit, last year over 1–15 October 2022', async () => {
    const rows = monthlyText.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(rows[0]).toBe('month,county,pm25,pm10,good_days,pm25_last_year,pm10_last_year,provisional_through,last_year_through');
    expect(rows.slice(1)).toHaveLength(9);
    for (const r of rows.slice(1)) expect(r).toMatch(/^2023-10,[^,]+,\d+,\d+,\d+,\d+,\d+,2023-10-15,2022-10-15$/);
    // Without --provisional the half month has too few valid days: left out and listed, exit 1.
    const plain = await runCli(['aggregate', hourly, '--month', '2023-10']);
    expect(plain.code).toBe(1);
    const json = JSON.parse((await runCli(['aggregate', hourly, '--provisional', '--month', '2023-10', '--format', 'json'])).stdout);
    expect(json.unitMonths[0].provisional).toMatchObject({ through: '2023-10-15', lastYearThrough: '2022-10-15' });
    expect(json.unitMonths[0].daysNeeded).toBe(11);
  });

  it('takes last year over the same days: a unit\'s last-year figure is the mean of 1–15 October 2022 (not the whole month)', async () => {
    const whole = await runCli(['aggregate', hourly, '--month', '2022-10']);
    const same = await runCli(['aggregate', join(dir, 'hourly.csv'), '--provisional', '--month', '2023-10', '--format', 'json']);
    const wholeOct = Object.fromEntries(whole.stdout.replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((l) => l.split(',')).map((c) => [c[1], c[2]]));
    const sameDays = JSON.parse(same.stdout).unitMonths.map((u: { county: string; pm25LastYear: string }) => [u.county, u.pm25LastYear]);
    // The generator's trend moves concentrations over the month: some unit's first half differs from its whole month.
    expect(sameDays.some(([county, v]: [string, string]) => wholeOct[county] !== v)).toBe(true);
  });
});

describe('settling provisional rows', () => {
  it('marks every output 预估 / provisional: the table title and line, the JSON month, the CSV, the notice', async () => {
    const table = await runCli(['settle', monthly]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('2023年10月城市环境空气质量生态补偿核算结果（预估）');
    expect(table.stdout).toContain('预估：数据截至2023年10月15日，去年同期按截至2022年10月15日的数据，不是正式核算结果');
    const json = JSON.parse((await runCli(['settle', monthly, '--format', 'json'])).stdout);
    expect(json.months[0]).toMatchObject({ provisional: true, provisionalThrough: '2023-10-15', lastYearThrough: '2022-10-15' });
    const csv = (await runCli(['settle', monthly, '--format', 'csv'])).stdout;
    expect(csv.split('\r\n')[0]).toContain('预估截至,去年同期截至');
    expect(csv.split('\r\n')[1]).toMatch(/,2023-10-15,2022-10-15$/);
    const html = (await runCli(['settle', monthly, '--format', 'html'])).stdout;
    expect(html).toContain('核算结果（预估）');
    // A settled sample month is not provisional.
    expect(JSON.parse((await runCli(['settle', 'fixtures/sample-2022-10-synthetic.csv', '--format', 'json'])).stdout).months[0].provisional).toBe(false);
  });

  it('reads its own CSV back as provisional rows, and refuses a month of mixed rows', async () => {
    const csv = join(dir, 'settled.csv');
    writeFileSync(csv, (await runCli(['settle', monthly, '--format', 'csv'])).stdout);
    expect(JSON.parse((await runCli(['settle', csv, '--format', 'json'])).stdout).months[0].provisional).toBe(true);
    const mixed = join(dir, 'mixed.csv');
    writeFileSync(mixed, monthlyText.replace(/,2023-10-15,2022-10-15\r\n/, ',,\r\n'));
    const r = await runCli(['settle', mixed]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('never on a mix');
  });

  it('is refused by the ledger and check unless --allow-provisional', async () => {
    const ledger = await runCli(['ledger', monthly]);
    expect(ledger.code).toBe(2);
    expect(ledger.stderr).toContain('2023-10 is a month-to-date standing (provisional, through 2023-10-15), not a settlement');
    expect((await runCli(['ledger', monthly, '--allow-provisional'])).code).toBe(0);
    const sheet = join(dir, 'sheet.csv');
    writeFileSync(sheet, (await runCli(['settle', monthly, '--format', 'csv'])).stdout);
    expect((await runCli(['check', sheet, '--data', monthly])).code).toBe(2);
    expect((await runCli(['check', sheet, '--data', monthly, '--allow-provisional'])).code).toBe(0);
  });

  it('is never issued as a notice with a document number', async () => {
    const r = await runCli(['settle', monthly, '--format', 'html', '--doc-no', '许环〔2023〕1号']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a notice with a document number (--doc-no) is issued only for a settled month');
    expect((await runCli(['settle', monthly, '--format', 'html'])).code).toBe(0);
  });

  it('keeps the mark in compare, whatif, target and explain', async () => {
    const compare = await runCli(['compare', monthly, '--reform', 'fixtures/schedules/xuchang-2022-half-up.json']);
    expect(compare.stdout).toContain('预估：数据截至 2023-10-15');
    expect(JSON.parse((await runCli(['whatif', monthly, '--set', '2023-10:魏都区:pm25=30', '--format', 'json'])).stdout).months[0].provisional).toBe(true);
    expect((await runCli(['target', monthly, '--month', '2023-10', '--county', '魏都区'])).stdout.split('\n')[0]).toContain('预估');
    expect((await runCli(['explain', monthly, '--county', '魏都区'])).stdout.split('\n')[0]).toContain('预估');
  });
});

describe('the day a month-to-date standing reaches', () => {
  it('is the last day with a valid daily value, not a day whose hours stop at 11:00; a unit whose data end early is said', async () => {
    const text = [...generateHourly({ from: '2023-10-01', to: '2023-10-15', stations: 2, seed: 11 })].join('');
    const cut = text.split('\n').filter((l) => !/^2023-10-15 (1[2-9]|2[0-3]):/.test(l)).join('\n');
    const partial = join(dir, 'partial.csv');
    writeFileSync(partial, cut);
    const r = await runCli(['aggregate', partial, '--provisional', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).unitMonths[0].provisional.through).toBe('2023-10-14');
    const early = join(dir, 'early.csv');
    writeFileSync(early, text.split('\n').filter((l) => !/^2023-10-1[3-5][^,]*,[^,]*,魏都区,/.test(l)).join('\n'));
    const e = await runCli(['aggregate', early, '--provisional']);
    expect(e.stderr).toContain('the data of 魏都区 end on 2023-10-12, before 2023-10-15');
  });
});

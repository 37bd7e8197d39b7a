/**
 * Two schedules in force for different months, the earlier one naming a unit differently (东城新区, later 东城区)
 * and holding a unit the later one does not (许昌县; the later one has 建安区 instead): each month shows the names
 * of its own schedule, in every output; explain names the months that settle the unit.
 *
 * The data repeat SPEC.md §8 for 2022-08 and 2022-10. The earlier schedule pays good days at 10 万元 a day instead
 * of 20, so 东城区's §8 net of 77 (good days +20) is 67 in 2022-08, and 建安区's −211 (good days −20) is −201 for
 * 许昌县, which stands on the same row of data in 2022-08.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const DATA = 'fixtures/two-schedules-renamed-2022-08-and-10-synthetic.csv';
const RULES = ['--rules', 'fixtures/schedules/example-2020-renamed.json', '--rules', 'xuchang-2022'];
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-two-'));

interface County {
  county: string;
  id: string;
  net: string;
}

async function settled(args: string[] = []): Promise<{ month: string; schedule: string; counties: County[] }[]> {
  const r = await runCli(['settle', DATA, ...RULES, '--format', 'json', ...args]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).months;
}

describe('each month shows the names of its own schedule', () => {
  it('in the settlement JSON', async () => {
    const months = await settled();
    const names = (i: number) => Object.fromEntries(months[i]!.counties.filter((c) => ['dongcheng', 'jian-an', 'xuchang-county'].includes(c.id)).map((c) => [c.id, [c.county, c.net]]));
    expect(months.map((m) => [m.month, m.schedule])).toEqual([
      ['2022-08', 'example-2020-renamed'],
      ['2022-10', 'xuchang-2022'],
    ]);
    expect(names(0)).toEqual({ 'xuchang-county': ['许昌县', '-201'], dongcheng: ['东城新区', '67'] });
    expect(names(1)).toEqual({ 'jian-an': ['建安区', '-211'], dongcheng: ['东城区', '77'] });
  });

  it('in the table and the CSV', async () => {
    const table = (await runCli(['settle', DATA, ...RULES])).stdout;
    const [august, october] = table.split('许昌市2022年10月');
    expect(august).toMatch(/\n\s+东城新区\s/);
    expect(august).not.toMatch(/东城区/);
    expect(october).toMatch(/\n\s+东城区\s/);
    const csv = (await runCli(['settle', DATA, ...RULES, '--format', 'csv'])).stdout;
    expect(csv).toContain('\n2022-08,东城新区,dongcheng,');
    expect(csv).toContain('\n2022-10,东城区,dongcheng,');
  });

  it('in a message about a month', async () => {
    const text = readFileSync(DATA, 'utf8');
    const data = join(dir, 'twice.csv');
    writeFileSync(data, `${text}2022-10,东城,46,80,51,86,19\n`);
    const r = await runCli(['settle', data, ...RULES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('twice.csv:20: 2022-10 东城区 appears twice (also at');
  });

  it('in check', async () => {
    const sheet = join(dir, 'sheet.csv');
    await runCli(['settle', DATA, ...RULES, '--format', 'csv', '--output', sheet]);
    const altered = readFileSync(sheet, 'utf8').replace(/(\n2022-08,东城新区,[^\n]*),67,未提供/, '$1,68,未提供').replace(/(\n2022-10,东城区,[^\n]*),77,未提供/, '$1,78,未提供');
    writeFileSync(sheet, altered);
    const r = await runCli(['check', sheet, '--data', DATA, ...RULES]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2022-08 东城新区 净额 net: sheet 68, recomputed 67');
    expect(r.stdout).toContain('2022-10 东城区 净额 net: sheet 78, recomputed 77');
  });

  it('in aggregate', async () => {
    const days = (month: string, n: number) => Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')},东城区1号站,东城区,40,60,10,30,0.8,90`);
    const daily = ['date,station,county,pm25,pm10,so2,no2,co,o3_8h', ...days('2022-08', 31), ...days('2022-10', 31)].join('\n');
    const r = await runCli(['aggregate', '-', ...RULES], { stdin: daily });
    expect(r.code).toBe(0);
    expect(r.stdout.split(/\r?\n/).slice(1, 3)).toEqual(['2022-08,东城新区,40,60,31', '2022-10,东城区,40,60,31']);
  });
});

describe('ledger across a renaming', () => {
  it("shows the row under the year's latest name, with the earlier one noted, and each amount under its month", async () => {
    const table = (await runCli(['ledger', DATA, ...RULES])).stdout.split('\n');
    const row = (name: string) => table[table.findIndex((l) => l.startsWith(name))]!.trim().split(/\s+/);
    const running = (name: string) => table[table.findIndex((l) => l.startsWith(name)) + 1]!.trim().split(/\s+/);
    // Two months of the year, not all twelve: the total column says which (decision 74).
    expect(table[2]!.trim().split(/\s+/)).toEqual(['单位', '8月', '10月', '8、10月合计']);
    expect(row('东城区（原东城新区）')).toEqual(['东城区（原东城新区）', '当月', '+67', '+77', '+144']);
    // A unit of one month only: its amount under that month's column, the other left empty.
    const col10 = table[2]!.indexOf('10月') + '10月'.length;
    const jianan = table.find((l) => l.startsWith('建安区'))!;
    expect(row('建安区')).toEqual(['建安区', '当月', '-211', '-211']);
    expect(jianan.slice(0, col10 + 2).trimEnd().endsWith('-211')).toBe(true); // under 10月, not under 8月
    expect(row('许昌县')).toEqual(['许昌县', '当月', '-201', '-201']);
    expect(running('许昌县')).toEqual(['累计', '-201']);

    const doc = JSON.parse((await runCli(['ledger', DATA, ...RULES, '--format', 'json'])).stdout);
    const dongcheng = doc.years[0].units.find((u: { id: string }) => u.id === 'dongcheng');
    expect([dongcheng.county, dongcheng.earlierNames, dongcheng.total]).toEqual(['东城区', ['东城新区'], '144']);
    const csv = (await runCli(['ledger', DATA, ...RULES, '--format', 'csv'])).stdout;
    expect(csv).toContain('2022,2022-08,东城区（原东城新区）,67,67,');
    const html = (await runCli(['ledger', DATA, ...RULES, '--format', 'html'])).stdout;
    expect(html).toMatch(/<tr data-unit="jian-an"><td class="name" rowspan="2">建安区<\/td><td>当月<\/td><td><\/td><td[^>]*>-211<\/td>/);
  });
});

describe('explain --county with a unit that only some months settle', () => {
  it('explains the months that settle it, with a note for each other month', async () => {
    const r = await runCli(['explain', DATA, ...RULES, '--county', '建安区', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).traces.map((t: { month: string; county: string }) => [t.month, t.county])).toEqual([['2022-10', '建安区']]);
    expect(r.stderr).toBe('ecocomp: note: 2022-08 is not explained: schedule example-2020-renamed, in force for 2022-08, has no unit "建安区" (jian-an)\n');
    const earlier = await runCli(['explain', DATA, ...RULES, '--county', '许昌县', '--format', 'json']);
    expect(JSON.parse(earlier.stdout).traces.map((t: { month: string; county: string }) => [t.month, t.county])).toEqual([['2022-08', '许昌县']]);
  });

  it('names each month by its own name for the unit', async () => {
    const r = await runCli(['explain', DATA, ...RULES, '--county', '东城区', '--format', 'json']);
    expect(JSON.parse(r.stdout).traces.map((t: { month: string; county: string }) => [t.month, t.county])).toEqual([
      ['2022-08', '东城新区'],
      ['2022-10', '东城区'],
    ]);
  });

  it('refuses a month asked for with --month that does not settle it', async () => {
    const r = await runCli(['explain', DATA, ...RULES, '--county', '建安区', '--month', '2022-08,2022-10']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('--month: 2022-08 does not settle "建安区": schedule example-2020-renamed, in force for 2022-08, has no unit "建安区" (jian-an); leave the month out or explain another unit');
  });

  it('refuses a unit no settled month has', async () => {
    const r = await runCli(['explain', DATA, ...RULES, '--county', '许昌县', '--month', '2022-10']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('--county: "许昌县" is settled in none of the months settled: schedule xuchang-2022, in force for 2022-10, has no unit "许昌县" (xuchang-county)');
  });
});

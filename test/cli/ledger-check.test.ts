/** `ecocomp ledger` (running totals per year) and `ecocomp check` (a finance sheet against the recomputation). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { SPEC_EXAMPLE_AMOUNTS } from '../helpers/expected.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-ledger-'));
const sampleRows = readFileSync(SAMPLE, 'utf8').trim().split('\n');

/** The §8 data repeated for the given months (the same nets every month). */
function months(list: string[]): string {
  const file = join(dir, `${list.join('_')}.csv`);
  writeFileSync(file, [sampleRows[0], ...list.flatMap((m) => sampleRows.slice(1).map((r) => r.replace('2022-10', m)))].join('\n') + '\n');
  return file;
}

describe('ecocomp ledger', () => {
  it('adds up each unit and the fund month by month, and starts again each year', async () => {
    const r = await runCli(['ledger', months(['2022-11', '2022-12', '2023-01']), '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.years.map((y: { year: string; months: string[] }) => [y.year, y.months])).toEqual([
      ['2022', ['2022-11', '2022-12']],
      ['2023', ['2023-01']],
    ]);
    // Each month 魏都区 nets +238.5 (§8): 238.5, 477 in 2022; 238.5 again from January 2023.
    const weidu = (y: number) => doc.years[y].units.find((u: { id: string }) => u.id === 'weidu');
    expect(weidu(0).months.map((m: { runningTotal: string }) => m.runningTotal)).toEqual(['238.5', '477']);
    expect([weidu(0).total, weidu(1).total]).toEqual(['477', '238.5']);
    // The fund: surplus 146 each month → 146, 292; 146 in 2023.
    expect(doc.years[0].city.map((c: { fund: string; runningFund: string }) => [c.fund, c.runningFund])).toEqual([
      ['146', '146'],
      ['146', '292'],
    ]);
    expect(doc.years[1].city[0].runningFund).toBe('146');
  });

  it('fits a year of twelve months into 160 columns', async () => {
    const year = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);
    const r = await runCli(['ledger', months(year)]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const width = (l: string) => [...l].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    expect(Math.max(...lines.map(width))).toBeLessThanOrEqual(160);
    const weidu = lines.find((l) => l.startsWith('魏都区'))!;
    expect(weidu.trim().split(/\s+/).slice(-2)).toEqual(['+238.5', '+2862']); // 12 × 238.5
    expect(lines.find((l) => l.startsWith('专项资金结余'))!.trim().split(/\s+/).at(-1)).toBe('+1752'); // 12 × 146
  });

  it('keeps to --from and --to', async () => {
    const r = await runCli(['ledger', months(['2022-10', '2022-11', '2022-12']), '--from', '2022-11', '--to', '2022-11', '--format', 'json']);
    expect(JSON.parse(r.stdout).years[0].months).toEqual(['2022-11']);
    const bad = await runCli(['ledger', SAMPLE, '--from', '2022/11']);
    expect([bad.code, bad.stderr.includes('--from: expected YYYY-MM, got "2022/11"')]).toEqual([2, true]);
  });

  it('writes csv, html and xlsx', async () => {
    const file = months(['2022-11', '2022-12']);
    const csv = (await runCli(['ledger', file, '--format', 'csv'])).stdout;
    expect(csv).toContain('2022,2022-12,魏都区,238.5,477,,,,');
    expect(csv).toContain('2022,2022-12,全市,,,903,757,146,292');
    const html = (await runCli(['ledger', file, '--format', 'html'])).stdout;
    expect(html).toContain('许昌市2022年城市环境空气质量生态补偿台账');
    expect((await runCli(['ledger', file, '--format', 'xlsx', '--output', join(dir, 'ledger.xlsx')])).code).toBe(0);
  });
});

describe('the ledger’s city totals for the months it holds', () => {
  // Two months of §8: deductions 2 × 903 = 1806, rewards 2 × 757 = 1514, fund 2 × 146 = 292.
  it('are in every ledger format', async () => {
    const file = months(['2022-11', '2022-12']);
    const json = JSON.parse((await runCli(['ledger', file, '--format', 'json'])).stdout);
    expect(json.years[0].cityTotal).toEqual({ deductions: '1806', rewards: '1514', surplus: '292', shortfall: '0', fund: '292' });
    const csv = (await runCli(['ledger', file, '--format', 'csv'])).stdout;
    expect(csv).toContain('2022,11–12月合计,全市,,,1806,1514,292,\r\n');
    const html = (await runCli(['ledger', file, '--format', 'html'])).stdout;
    expect(html).toContain('<th class="num">11–12月合计</th>');
    expect(html).toMatch(/全市扣款<\/td><td><\/td><td class="num">903<\/td><td class="num">903<\/td><td class="num">1806<\/td><\/tr>/);
    expect(html).toMatch(/全市奖励<\/td><td><\/td><td class="num">757<\/td><td class="num">757<\/td><td class="num">1514<\/td><\/tr>/);
    expect(html).toContain('<td class="num reward">+146</td><td class="num reward">+292</td></tr>');
    const table = (await runCli(['ledger', file])).stdout.split('\n');
    expect(table.find((l) => l.startsWith('全市扣款'))!.trim().split(/\s+/)).toEqual(['全市扣款', '903', '903', '1806']);
  });

  it('are headed by the months they add up: 全年 only for a whole year', async () => {
    const file = months(['2022-10', '2022-11', '2022-12']);
    const heading = async (...range: string[]) => (await runCli(['ledger', file, ...range])).stdout.split('\n')[2]!.trim().split(/\s+/);
    expect(await heading('--from', '2022-11', '--to', '2022-11')).toEqual(['单位', '11月', '11月合计']);
    expect(await heading()).toEqual(['单位', '10月', '11月', '12月', '10–12月合计']);
    const year = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);
    expect((await runCli(['ledger', months(year)])).stdout.split('\n')[2]!.trim().split(/\s+/).at(-1)).toBe('全年');
  });
});

describe('ecocomp check', () => {
  async function sheetFrom(format: 'csv' | 'xlsx'): Promise<string> {
    const out = join(dir, `sheet.${format}`);
    await runCli(['settle', SAMPLE, '--format', format, '--output', out]);
    return out;
  }

  it('exits 0 on the untouched sheet, CSV and xlsx', async () => {
    // CSV: 9 units × (5 factors × value, baseline, amount + 扣款, 奖励, 净额 + last year's PM2.5 and PM10, the inputs it
    // repeats so that it reads back) = 180; the workbook: 9 × 18 = 162, its totals row (3), the fund row 结余/缺口 (2),
    // the fund sentence (3), the two groups' five baselines (10) and its sheet of inputs (9 units × 5).
    for (const [f, n] of [['csv', 180], ['xlsx', 225]] as const) {
      const r = await runCli(['check', await sheetFrom(f), '--data', SAMPLE]);
      expect([r.code, r.stdout]).toEqual([0, expect.stringContaining(`agrees with the settlement recomputed from the data: ${n} numbers compared (2022-10)`)]);
    }
  });

  it('exits 1 on one altered amount, naming the unit, the month and both values, with the derivation', async () => {
    const csv = readFileSync(await sheetFrom('csv'), 'utf8').replace(/(2022-10,建安区,[^\n]*),-211,未提供/, '$1,-201,未提供');
    writeFileSync(join(dir, 'altered.csv'), csv);
    const r = await runCli(['check', join(dir, 'altered.csv'), '--data', SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 difference');
    expect(r.stdout).toContain(`2022-10 建安区 净额 net: sheet -201, recomputed -211  (${join(dir, 'altered.csv')}:3:27)`);
    expect(r.stdout).toContain('合计：扣款 211，补偿 0，净额 -211 万元');
  });

  it('shows the factor derivation for a differing factor amount in an xlsx sheet', async () => {
    const { default: ExcelJS } = (await import('exceljs')) as unknown as { default: typeof import('exceljs') };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await sheetFrom('xlsx'));
    wb.getWorksheet('2022-10')!.getRow(6).getCell(9).value = 140; // 魏都区 pm25Rate amount: 139.5 in truth
    await wb.xlsx.writeFile(join(dir, 'altered.xlsx'));
    const r = await runCli(['check', join(dir, 'altered.xlsx'), '--data', SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`2022-10 魏都区 pm25Rate: sheet 140, recomputed 139.5  (${join(dir, 'altered.xlsx')}!2022-10!I6)`);
    expect(r.stdout).toContain('分档（超过部分按较高标准）：3 个百分点 × 15 = 45；2.7 个百分点 × 35 = 94.5');
  });

  it('counts a unit or month on one side only as a difference', async () => {
    const lines = readFileSync(await sheetFrom('csv'), 'utf8').split('\r\n');
    const withoutYuzhou = lines.filter((l) => !l.includes('禹州市'));
    const extraMonth = [...lines.filter(Boolean), lines[1]!.replace('2022-10', '2022-11')];
    writeFileSync(join(dir, 'missing.csv'), withoutYuzhou.join('\r\n'));
    writeFileSync(join(dir, 'extra.csv'), extraMonth.join('\r\n'));
    const missing = await runCli(['check', join(dir, 'missing.csv'), '--data', SAMPLE]);
    expect([missing.code, missing.stdout.includes('2022-10 禹州市: is missing from the sheet (recomputed net 70.5)')]).toEqual([1, true]);
    const extra = await runCli(['check', join(dir, 'extra.csv'), '--data', SAMPLE, '--format', 'json']);
    const doc = JSON.parse(extra.stdout);
    expect([extra.code, doc.agrees, doc.differences.map((d: { month: string; message: string }) => `${d.month} ${d.message}`)]).toEqual([
      1,
      false,
      ['2022-11 is in the sheet, but the data hold no such month'],
    ]);
  });

  it('reads a plain sheet with English headers: month, county, net', async () => {
    const sheet = ['month,county,net', ...Object.entries(SPEC_EXAMPLE_AMOUNTS).map(([n, a]) => `2022-10,${n},${a[5]}`)].join('\n');
    writeFileSync(join(dir, 'plain.csv'), sheet);
    const r = await runCli(['check', join(dir, 'plain.csv'), '--data', SAMPLE]);
    expect([r.code, r.stdout]).toEqual([0, expect.stringContaining('9 numbers compared')]);
  });

  it('exits 2 on a sheet it cannot read', async () => {
    writeFileSync(join(dir, 'junk.csv'), 'a,b\n1,2\n');
    const r = await runCli(['check', join(dir, 'junk.csv'), '--data', SAMPLE]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('has no table with a unit column and a net column');
    const noData = await runCli(['check', join(dir, 'junk.csv')]);
    expect([noData.code, noData.stderr.includes("required option '--data <file>' not specified")]).toEqual([2, true]);
  });
});

/**
 * Decision 73: one sign convention in every format. A column headed 扣款 holds the amount deducted and 奖励 the
 * reward, each a positive magnitude; 净额 and factor amounts are signed (negative = a deduction).
 * SPEC.md §8 by hand: 建安区 is deducted 20 + 143 + 15 + 13 + 20 = 211 and rewarded nothing, net −211; the city
 * deducts 903 and rewards 757, net 757 − 903 = −146.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-signs-'));

async function settle(format: string): Promise<string> {
  const r = await runCli(['settle', SAMPLE, '--format', format]);
  expect([r.code, r.stderr]).toEqual([0, '']);
  return r.stdout;
}

/** The cells of the line naming 建安区 and of the city total line, split on runs of spaces or on `|`. */
const cellsOf = (text: string, name: string) => text.split('\n').find((l) => l.includes(name))!.split(/\s*\|\s*|\s{2,}/).filter(Boolean);

describe('扣款 and 奖励 are positive magnitudes, 净额 is signed, in every settle format', () => {
  it('table', async () => {
    const out = await settle('table');
    expect(cellsOf(out, '建安区').slice(-3)).toEqual(['211', '0', '-211']);
    expect(cellsOf(out, '魏都区').slice(-3)).toEqual(['0', '238.5', '+238.5']);
    expect(cellsOf(out, '全市合计').slice(-3)).toEqual(['903', '757', '-146']);
  });

  it('json and csv (unchanged: they already wrote magnitudes)', async () => {
    const c = JSON.parse(await settle('json')).months[0].counties.find((x: { id: string }) => x.id === 'jian-an');
    expect([c.deductions, c.rewards, c.net]).toEqual(['211', '0', '-211']);
    const csv = (await settle('csv')).split('\r\n');
    const header = csv[0]!.replace('\ufeff', '').split(',');
    const row = csv.find((l) => l.includes('建安区'))!.split(',');
    expect(['扣款', '奖励', '净额'].map((h) => row[header.indexOf(h)])).toEqual(['211', '0', '-211']);
  });

  it('md', async () => {
    const out = await settle('md');
    expect(cellsOf(out, '建安区').slice(-3)).toEqual(['211', '0', '-211']);
    expect(cellsOf(out, '全市合计').slice(-3)).toEqual(['903', '757', '-146']);
  });

  it('html', async () => {
    const out = await settle('html');
    const row = out.split('\n').find((l) => l.includes('data-unit="jian-an"'))!;
    const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells.slice(-3)).toEqual(['211', '0', '-211']);
  });

  it('xlsx', async () => {
    const file = join(dir, 'signs.xlsx');
    expect((await runCli(['settle', SAMPLE, '--format', 'xlsx', '--output', file])).code).toBe(0);
    const { default: ExcelJS } = (await import('exceljs')) as unknown as { default: typeof import('exceljs') };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('2022-10')!;
    const header = Array.from(ws.getRow(5).values as unknown[], String);
    const col = (h: string) => header.findIndex((x) => x.startsWith(h));
    const rowOf = (name: string) => ws.getRows(6, 12)!.find((r) => r.getCell(1).value === name)!;
    for (const [name, expected] of [['建安区', [211, 0, -211]], ['全市合计', [903, 757, -146]]] as const) {
      expect(['扣款', '奖励', '净额'].map((h) => rowOf(name).getCell(col(h)).value)).toEqual(expected);
    }
  });
});

describe('the ledger keeps the same convention', () => {
  it('city deductions and rewards are magnitudes, the fund result signed, in every ledger format', async () => {
    const json = JSON.parse((await runCli(['ledger', SAMPLE, '--format', 'json'])).stdout);
    expect(json.years[0].city[0]).toMatchObject({ deductions: '903', rewards: '757', fund: '146' });
    const table = (await runCli(['ledger', SAMPLE])).stdout;
    expect(cellsOf(table, '全市扣款')).toEqual(['全市扣款', '903', '903']);
    const html = (await runCli(['ledger', SAMPLE, '--format', 'html'])).stdout;
    expect(html).not.toContain('扣款以“-”');
  });
});

/**
 * The workbooks opened by a real spreadsheet program: LibreOffice (Debian's libreoffice-calc-nogui) converts each
 * worksheet to CSV as shown on screen, text quoted and numbers not, so the CSV shows which cells are numbers and
 * how they are displayed. A workbook LibreOffice had to repair would not convert.
 * Figures worked by hand from SPEC.md §8: the city deducts 903 and rewards 757, so 结余 = 903 − 757 = 146 and
 * 缺口 = 0; 建安区's PM2.5 improvement rate is (50 − 49) ÷ 50 × 100 = 2, shown 2.0.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-lo-'));

/** A cell as LibreOffice wrote it: text (it was quoted) or the number as displayed. */
type Shown = { text: string } | { shown: string } | null;

function parseCsv(text: string): Shown[][] {
  return text.split(/\r?\n/).filter((l) => l !== '').map((line) => {
    const cells: Shown[] = [];
    for (let i = 0; i <= line.length; ) {
      if (line[i] === '"') {
        let j = i + 1;
        let s = '';
        for (;;) {
          if (line[j] === '"' && line[j + 1] === '"') [s, j] = [s + '"', j + 2];
          else if (line[j] === '"') break;
          else [s, j] = [s + line[j], j + 1];
        }
        cells.push({ text: s });
        i = j + 2;
      } else {
        const end = line.indexOf(',', i) < 0 ? line.length : line.indexOf(',', i);
        const raw = line.slice(i, end);
        cells.push(raw === '' ? null : { shown: raw });
        i = end + 1;
      }
    }
    return cells;
  });
}

/** Every worksheet of the workbook, by name, as LibreOffice shows it. */
function openInLibreOffice(file: string): Record<string, Shown[][]> {
  const out = mkdtempSync(join(dir, 'csv-'));
  // Its own profile, so that another LibreOffice running on the machine does not take the conversion over.
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,-1', '--outdir', out, file], { timeout: 120_000, stdio: 'pipe' });
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.xlsx$/, '');
  const sheets = readdirSync(out).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.csv'));
  return Object.fromEntries(sheets.map((f) => [f.slice(base.length + 1, -4), parseCsv(readFileSync(join(out, f), 'utf8'))]));
}

const rowOf = (sheet: Shown[][], label: string) => sheet.find(([first]) => first != null && 'text' in first && first.text === label)!;
const shown = (c: Shown | undefined) => (c && 'shown' in c ? c.shown : c && 'text' in c ? `"${c.text}"` : '');

beforeAll(() => {
  if (!existsSync(SOFFICE)) throw new Error(`no LibreOffice at ${SOFFICE}: apt-get install libreoffice-calc-nogui, or set SOFFICE_PATH`);
});

describe('the settlement workbook in LibreOffice', () => {
  it('shows every amount, the city totals and the fund result as numbers, rates with one decimal', async () => {
    const file = join(dir, 'settlement.xlsx');
    expect((await runCli(['settle', SAMPLE, '--format', 'xlsx', '--output', file])).code).toBe(0);
    const book = openInLibreOffice(file);
    expect(Object.keys(book).sort()).toEqual(['2022-10', '来源', '输入'].sort());
    const ws = book['2022-10']!;
    const header = ws[4]!.map((c) => (c && 'text' in c ? c.text : ''));
    const col = (h: string) => header.indexOf(h);
    const jianan = rowOf(ws, '建安区');
    // Rates at one decimal (2 shows as 2.0); concentrations and good days whole; amounts at one decimal.
    expect(['PM2.5同比改善率实际', 'PM2.5同比改善率基数', 'PM2.5月均浓度实际', '优良天数实际'].map((h) => shown(jianan[col(h)]))).toEqual(['2.0', '7.8', '49', '17']);
    expect(shown(rowOf(ws, '长葛市')[col('PM10同比改善率实际')])).toBe('1.0');
    // 扣款 and 奖励 positive, 净额 signed (decision 73): 20 + 143 + 15 + 13 + 20 = 211.
    expect(['扣款（万元）', '奖励（万元）', '净额（万元）'].map((h) => shown(jianan[col(h)]))).toEqual(['211.0', '0.0', '-211.0']);
    expect(['扣款（万元）', '奖励（万元）', '净额（万元）'].map((h) => shown(rowOf(ws, '全市合计')[col(h)]))).toEqual(['903.0', '757.0', '-146.0']);
    expect(rowOf(ws, '结余（万元）').slice(0, 4).map(shown)).toEqual(['"结余（万元）"', '146.0', '"缺口（万元）"', '0.0']);
    // The baselines table: the central group's rate baseline 7.8, concentration 47.
    expect(rowOf(ws, '中心城区组').slice(3, 8).map(shown)).toEqual(['47', '7.8', '81', '5.8', '18']);
  }, 180_000);
});

describe('the ledger workbook in LibreOffice', () => {
  it('has the city totals of the months it holds, under a heading naming them', async () => {
    const rows = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const data = join(dir, 'q4.csv');
    writeFileSync(data, [rows[0], ...['2022-10', '2022-11', '2022-12'].flatMap((m) => rows.slice(1).map((r) => r.replace('2022-10', m)))].join('\n'));
    const file = join(dir, 'ledger.xlsx');
    expect((await runCli(['ledger', data, '--format', 'xlsx', '--output', file])).code).toBe(0);
    const ws = openInLibreOffice(file)['2022']!;
    expect(ws[1]!.map(shown)).toEqual(['"单位"', '', '"2022-10"', '"2022-11"', '"2022-12"', '"10–12月合计"']);
    // Three months of 903, 757 and 146: 2709, 2271 and 438.
    expect(rowOf(ws, '全市扣款').map(shown)).toEqual(['"全市扣款"', '', '903.0', '903.0', '903.0', '2709.0']);
    expect(rowOf(ws, '全市奖励').map(shown)).toEqual(['"全市奖励"', '', '757.0', '757.0', '757.0', '2271.0']);
    expect(rowOf(ws, '专项资金结余(+)/缺口(-)').map(shown)).toEqual(['"专项资金结余(+)/缺口(-)"', '"当月"', '146.0', '146.0', '146.0', '438.0']);
    expect(rowOf(ws, '魏都区').map(shown)).toEqual(['"魏都区"', '"当月"', '238.5', '238.5', '238.5', '715.5']);
  }, 180_000);
});

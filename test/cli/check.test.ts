/**
 * `ecocomp check` reads every number a sheet gives: per unit each factor's value, baseline and amount and
 * the unit's totals, the city totals row, the fund line and the table of group baselines; what it cannot
 * place it names. Expected figures are SPEC.md §8's, worked by hand (central baselines 47/7.8/81/5.8/18,
 * county 50/7.4/93/3.1/15; deductions 903, rewards 757, surplus 146).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { readSheet } from '../../src/input/sheet.js';
import type { ProblemsError } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-check-'));

type ExcelModule = typeof import('exceljs');
async function excel(): Promise<ExcelModule> {
  return ((await import('exceljs')) as unknown as { default: ExcelModule }).default;
}

/** A sheet written by `ecocomp settle` from the §8 data. */
async function ownSheet(format: 'csv' | 'xlsx'): Promise<string> {
  const out = join(dir, `own.${format}`);
  const r = await runCli(['settle', SAMPLE, '--format', format, '--output', out]);
  expect(r.code).toBe(0);
  return out;
}

/** ecocomp's own workbook with cells of a worksheet (2022-10 unless named) replaced: [row, column, value]. */
async function alteredWorkbook(name: string, cells: [number, number, unknown][], worksheet = '2022-10'): Promise<string> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await ownSheet('xlsx'));
  const ws = wb.getWorksheet(worksheet)!;
  for (const [row, col, value] of cells) {
    const cell = ws.getRow(row).getCell(col);
    cell.value = value as import('exceljs').CellValue;
    // A workbook holds a date as a number with a date format; in the amount columns' number format it reads as a number.
    if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
  }
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** §8 per unit: deductions, rewards, net (deductions as magnitudes), summed by hand from the factor amounts. */
const UNIT_TOTALS: [string, string, string, string][] = [
  ['魏都区', '0', '238.5', '238.5'],
  ['建安区', '211', '0', '-211'],
  ['城乡一体化示范区', '0', '233', '233'],
  ['经济技术开发区', '287', '0', '-287'],
  ['东城区', '0', '77', '77'],
  ['禹州市', '20', '90.5', '70.5'],
  ['长葛市', '174', '0', '-174'],
  ['鄢陵县', '22.5', '118', '95.5'],
  ['襄城县', '188.5', '0', '-188.5'],
];
const handMade = (totals: string, extra = '') =>
  ['月份,单位,扣款,奖励,净额', ...UNIT_TOTALS.map((u) => `2022-10,${u.join(',')}`), `2022-10,全市合计,${totals}`, extra].join('\n');

describe('check compares the totals row and the fund line', () => {
  it('finds the city totals of a hand-made sheet changed from 903/757/−146 to 900/800/−100', async () => {
    const right = await runCli(['check', write('totals-right.csv', handMade('903,757,-146')), '--data', SAMPLE]);
    // 9 units × (扣款, 奖励, 净额) + the three totals.
    expect([right.code, right.stdout]).toEqual([0, expect.stringContaining('30 numbers compared')]);
    const file = write('totals-wrong.csv', handMade('900,800,-100'));
    const r = await runCli(['check', file, '--data', SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('3 differences');
    expect(r.stdout).toContain(`2022-10 全市 扣款 deductions: sheet 900, recomputed 903  (${file}:11:3)`);
    expect(r.stdout).toContain(`2022-10 全市 奖励 rewards: sheet 800, recomputed 757  (${file}:11:4)`);
    expect(r.stdout).toContain(`2022-10 全市 净额 net: sheet -100, recomputed -146  (${file}:11:5)`);
    // The derivation of a city figure is the sum over the units.
    expect(r.stdout).toContain('全市扣款 = 建安区 211 + 经济技术开发区 287 + 禹州市 20 + 长葛市 174 + 鄢陵县 22.5 + 襄城县 188.5 = 903');
  });

  it('reads a fund row labelled 结余 below the totals, and a totals row per group (小计)', async () => {
    const file = write('fund-row.csv', handMade('903,757,-146', ',专项资金结余,,,140\n2022-10,县（市）组小计,405,208.5,-196'));
    const r = await runCli(['check', file, '--data', SAMPLE, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    // County group: deductions 20 + 174 + 22.5 + 188.5 = 405, rewards 90.5 + 118 = 208.5, net −196.5.
    expect([r.code, doc.compared]).toEqual([1, 30 + 1 + 3]);
    expect(doc.differences.map((d: Record<string, unknown>) => [d.scope, d.group, d.field, d.sheet, d.recomputed])).toEqual([
      ['city', null, 'surplus', '140', '146'],
      ['group', 'county', 'net', '-196', '-196.5'],
    ]);
  });

  it('reads a fund sentence: the number after each of 扣款, 奖励, 结余, 缺口, and 无结余 as 0', async () => {
    const sentence = ',全市扣款 903 万元，奖励 757 万元；扣收与奖励相抵，无结余、无缺口（第八条）,,';
    const r = await runCli(['check', write('fund-sentence.csv', handMade('903,757,-146', sentence)), '--data', SAMPLE, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    // deductions 903 and rewards 757 agree, and so does "no shortfall"; "no surplus" does not: 903 − 757 = 146.
    expect([r.code, doc.compared, r.stderr]).toEqual([1, 30 + 4, '']);
    expect(doc.differences.map((d: Record<string, unknown>) => [d.field, d.sheet, d.recomputed])).toEqual([['surplus', '0', '146']]);
  });

  it('refuses a totals row without a month below the rows of two months', async () => {
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const data = write('two-months.csv', [...lines, ...lines.slice(1).map((l) => l.replace('2022-10', '2022-11'))].join('\n'));
    const units = UNIT_TOTALS.map((u) => `,${u[0]},${u[3]}`);
    const sheet = write('two-months-sheet.csv', ['月份,单位,净额', ...units.map((u) => `2022-10${u}`), ...units.map((u) => `2022-11${u}`), ',合计,-292'].join('\n'));
    const r = await runCli(['check', sheet, '--data', data]);
    expect([r.code, r.stderr.includes(`${sheet}:20: cannot tell which month this row of totals is for: the unit rows above it are of several months (2022-10, 2022-11)`)]).toEqual([2, true]);
  });

  it('finds the totals row, the fund sentence and a group baseline altered in ecocomp’s own workbook', async () => {
    const own = await runCli(['check', await ownSheet('xlsx'), '--data', SAMPLE]);
    // 9 × (5 factors × value, baseline, amount + 3 totals) = 162; totals row 3; fund row (结余, 缺口) 2; fund sentence 3; 2 groups × 5
    // baselines; the sheet of inputs 9 × (PM2.5, PM10 and both a year earlier, good days; no targets) = 45.
    expect([own.code, own.stdout, own.stderr]).toEqual([0, expect.stringContaining('225 numbers compared'), '']);
    const file = await alteredWorkbook('totals.xlsx', [
      [15, 19, 900],
      [15, 20, 800],
      [15, 21, -100],
      [16, 2, 100],
      [17, 1, '全市扣款 900 万元，奖励 800 万元；结余 100 万元纳入全市环境污染防治专项资金（第八条）'],
      [20, 4, 46],
    ]);
    const r = await runCli(['check', file, '--data', SAMPLE, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    const at = (d: { at: { line: number; column: number } }) => `${d.at.line}:${d.at.column}`;
    expect(doc.differences.map((d: Record<string, unknown> & { at: { line: number; column: number } }) => [d.scope, d.group, d.field, d.sheet, d.recomputed, at(d)])).toEqual([
      ['city', null, 'deductions', '900', '903', '15:19'],
      ['city', null, 'rewards', '800', '757', '15:20'],
      ['city', null, 'net', '-100', '-146', '15:21'],
      ['city', null, 'surplus', '100', '146', '16:2'],
      ['city', null, 'deductions', '900', '903', '17:1'],
      ['city', null, 'rewards', '800', '757', '17:1'],
      ['city', null, 'surplus', '100', '146', '17:1'],
      ['group', 'central', 'pm25.baseline', '46', '47', '20:4'],
    ]);
    // A group baseline's derivation: the central group's PM2.5 mean (45 + 49 + 43 + 51 + 46) ÷ 5 = 46.8 → 47.
    const text = await runCli(['check', file, '--data', SAMPLE]);
    expect(text.stdout).toContain('2022-10 中心城区组 pm25 基数 baseline: sheet 46, recomputed 47');
    expect(text.stdout).toContain('(45 + 49 + 43 + 51 + 46) ÷ 5 = 46.8 → 47');
  });
});

describe('check compares signs exactly (decision 73)', () => {
  it('takes -211 under 扣款 as a difference from the recomputed 211, and says why', async () => {
    // 建安区: deducted 20 + 143 + 15 + 13 + 20 = 211, written as a positive amount under 扣款; its net is -211.
    const sheet = handMade('903,757,-146').replace('2022-10,建安区,211,0,-211', '2022-10,建安区,-211,0,-211');
    const file = write('negative-deductions.csv', sheet);
    const r = await runCli(['check', file, '--data', SAMPLE, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).differences.map((d: Record<string, unknown>) => [d.county, d.field, d.sheet, d.recomputed])).toEqual([['建安区', 'deductions', '-211', '211']]);
    const text = await runCli(['check', file, '--data', SAMPLE]);
    expect(text.stdout).toContain(`2022-10 建安区 扣款 deductions: sheet -211, recomputed 211: a 扣款 column holds a positive amount, so -211 is not taken for 211  (${file}:3:3)`);
  });

  it('takes a negative total of rewards as a difference too, and a negative net as the deduction it is', async () => {
    const file = write('negative-rewards.csv', handMade('903,-757,-146'));
    const doc = JSON.parse((await runCli(['check', file, '--data', SAMPLE, '--format', 'json'])).stdout);
    expect(doc.differences.map((d: Record<string, unknown>) => [d.scope, d.field, d.sheet, d.recomputed])).toEqual([['city', 'rewards', '-757', '757']]);
  });
});

describe('check compares each factor’s value and baseline', () => {
  it('finds a value and a baseline altered in ecocomp’s own CSV, each with the factor’s derivation', async () => {
    const own = await runCli(['check', await ownSheet('csv'), '--data', SAMPLE]);
    // 9 units × (5 factors × value, baseline, amount + 扣款, 奖励, 净额 + last year's PM2.5 and PM10) = 180.
    expect([own.code, own.stdout]).toEqual([0, expect.stringContaining('180 numbers compared')]);
    // 建安区 PM2.5 improvement rate: (50 − 49) ÷ 50 × 100 = 2, central baseline 7.8.
    const csv = readFileSync(await ownSheet('csv'), 'utf8').replace('2022-10,建安区,jian-an,中心城区组,49,47,-20,,2,7.8,', '2022-10,建安区,jian-an,中心城区组,49,47,-20,,2.5,7.9,');
    const file = write('value.csv', csv);
    const r = await runCli(['check', file, '--data', SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2 differences');
    expect(r.stdout).toContain(`2022-10 建安区 pm25Rate 实际 value: sheet 2.5, recomputed 2  (${file}:3:9)`);
    expect(r.stdout).toContain(`2022-10 建安区 pm25Rate 基数 baseline: sheet 7.9, recomputed 7.8  (${file}:3:10)`);
    expect(r.stdout).toContain('同比改善率 = (50 − 49) ÷ 50 × 100 = 2 → 2');
  });

  it('finds an input altered in the sheet of inputs of ecocomp’s own workbook', async () => {
    const file = await alteredWorkbook('input.xlsx', [[3, 4, 48]], '输入'); // 建安区 PM2.5: 49 in the data
    const r = await runCli(['check', file, '--data', SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`2022-10 建安区 输入 input.pm25: sheet 48, data 49  (${file}!输入!D3)`);
    expect(r.stdout).toContain(`当月 PM2.5：49  (${SAMPLE}:3:3)`);
  });

  it('finds a value altered in ecocomp’s own workbook', async () => {
    const file = await alteredWorkbook('value.xlsx', [[7, 7, 3]]); // 建安区 PM2.5同比改善率实际: 2
    const r = await runCli(['check', file, '--data', SAMPLE]);
    expect([r.code, r.stdout]).toEqual([1, expect.stringContaining(`2022-10 建安区 pm25Rate 实际 value: sheet 3, recomputed 2  (${file}!2022-10!G7)`)]);
  });

  it('takes a rate of 2.0 as equal to a recomputed 2', async () => {
    const file = write('rate.csv', '月份,单位,PM2.5同比改善率实际,PM2.5同比改善率基数,净额\n2022-10,建安区,2.0,7.80,-211\n');
    const r = await runCli(['check', file, '--data', SAMPLE, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.compared).toBe(3);
    expect(doc.differences.filter((d: { field: string }) => d.field !== 'presence')).toEqual([]);
  });
});

describe('check reads hand-made sheets', () => {
  it('compares a column of inputs such as PM2.5 against the data', async () => {
    const file = write('inputs-column.csv', '月份,单位,PM2.5,去年同期PM2.5,净额\n2022-10,魏都区,45.0,52,238.5\n2022-10,建安区,48,50,-211\n');
    const doc = JSON.parse((await runCli(['check', file, '--data', SAMPLE, '--format', 'json'])).stdout);
    expect(doc.compared).toBe(6);
    expect(doc.differences.filter((d: { field: string }) => d.field !== 'presence').map((d: Record<string, unknown>) => [d.county, d.field, d.sheet, d.recomputed])).toEqual([
      ['建安区', 'input.pm25', '48', '49'],
    ]);
  });

  it('refuses a misspelt unit in the table, and reads past notes below it', async () => {
    const typo = write('typo.csv', '月份,单位,净额\n2022-10,魏都X,238.5\n');
    const r = await runCli(['check', typo, '--data', SAMPLE]);
    expect([r.code, r.stderr.includes(`${typo}:2:2: unknown unit "魏都X"`)]).toEqual([2, true]);
    const notes = write('notes.csv', handMade('903,757,-146', '\n制表人：张三,,,,\n审核,李四,,,2022-11-05'));
    const n = await runCli(['check', notes, '--data', SAMPLE]);
    expect([n.code, n.stderr]).toEqual([0, '']);
  });
});

describe('check names what it did not compare', () => {
  it('says once that a column it does not know was not compared, on standard error and in the JSON', async () => {
    const file = write('unknown-column.csv', '月份,单位,净额,系数,备注\n2022-10,魏都区,238.5,1.2,\n2022-10,建安区,-211,0.8,核对\n');
    const r = await runCli(['check', file, '--data', SAMPLE, '--format', 'json']);
    const notes = r.stderr.split('\n').filter((l) => l.includes('系数'));
    expect(notes).toEqual([`ecocomp: note: ${file}:1:4: column "系数" was not compared: check does not know what it holds`]);
    expect(JSON.parse(r.stdout).notCompared).toEqual([{ file, line: 1, column: 4, header: '系数', message: 'column "系数" was not compared: check does not know what it holds', zh: '列“系数”未比对：check 不知道它是什么数据' }]);
  });
});

describe('check refuses what it cannot read exactly', () => {
  it('refuses a row with more cells than the header (a decimal comma), measured against the header below a title', async () => {
    const plainSheet = write('decimal-comma.csv', 'month,county,net\n2022-10,魏都区,238,5\n');
    const r = await runCli(['check', plainSheet, '--data', SAMPLE]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(`${plainSheet}:2:4: the row has 4 cells, but the header row (line 1) names 3 columns`);
    const titled = write('titled.csv', '许昌市2022年10月核算结果\n月份,单位,净额,,\n2022-10,魏都区,238.5,,\n2022-10,建安区,-211,5,\n');
    const t = await runCli(['check', titled, '--data', SAMPLE]);
    expect([t.code, t.stderr.includes(`${titled}:4:4: the row has 4 cells, but the header row (line 2) names 3 columns`), t.stderr.includes(':3:')]).toEqual([2, true, false]);
    // The fault carries its stable code for scripts.
    const fault = await readSheet(readFileSync(plainSheet), 'decimal-comma.csv', [builtinSchedule()]).catch((e: ProblemsError) => e.problems);
    expect(fault).toEqual([expect.objectContaining({ file: 'decimal-comma.csv', line: 2, column: 4, code: 'E-ROW-EXTRA' })]);
  });

  it('reports a bad cell once', async () => {
    const file = write('bad-net.csv', 'month,county,net\n2022-10,魏都区,abc\n');
    const r = await runCli(['check', file, '--data', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith(file))).toEqual([`${file}:2:3: net: expected a number such as 238.5 or -20, got "abc"`]);
  });

  it('refuses a formula cell without a stored value, an error cell, a date and a boolean, each with its place', async () => {
    const file = await alteredWorkbook('cells.xlsx', [
      [6, 6, { formula: '10+10' }],
      [7, 6, { error: '#DIV/0!' }],
      [8, 6, new Date(Date.UTC(2022, 9, 1))],
      [9, 6, true],
    ]);
    const r = await runCli(['check', file, '--data', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('[object Object]');
    const where = `${file}!2022-10`;
    expect(r.stderr).toContain(`${where}!F6: PM2.5月均浓度金额（万元）: holds the formula =10+10 without its computed value`);
    expect(r.stderr).toContain('open the workbook in Excel (or WPS) and save it');
    expect(r.stderr).toContain(`${where}!F7: PM2.5月均浓度金额（万元）: holds the error #DIV/0!`);
    expect(r.stderr).toContain(`${where}!F8: PM2.5月均浓度金额（万元）: holds a date (2022-10-01)`);
    expect(r.stderr).toContain(`${where}!F9: PM2.5月均浓度金额（万元）: holds TRUE`);
  });

  it('refuses a formula without its value in the fund row, where it was read past before', async () => {
    const file = await alteredWorkbook('fund-formula.xlsx', [[16, 2, { formula: '1+1' }]]); // 结余（万元） 146
    const r = await runCli(['check', file, '--data', SAMPLE]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(`${file}!2022-10!B16: holds the formula =1+1 without its computed value`);
  });

  it('reads a formula cell by its stored value, and refuses a shared formula without one', async () => {
    const withValue = await alteredWorkbook('formula-value.xlsx', [[6, 6, { formula: '10+10', result: 20 }]]);
    expect((await runCli(['check', withValue, '--data', SAMPLE])).code).toBe(0);
    const shared = await alteredWorkbook('shared.xlsx', [
      [6, 6, { formula: '10+10', result: 20 }],
      [7, 6, { sharedFormula: 'F6' }],
    ]);
    const r = await runCli(['check', shared, '--data', SAMPLE]);
    expect([r.code, r.stderr.includes(`${shared}!2022-10!F7: PM2.5月均浓度金额（万元）: holds a formula (shared from F6) without its computed value`)]).toEqual([2, true]);
  });
});

describe('check reads a hand-made workbook', () => {
  it('reads a month cell Excel made a date of, and refuses a unit cell that is a formula without its value', async () => {
    const ExcelJS = await excel();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('核算');
    ws.addRow(['月份', '单位', '净额']);
    ws.addRow([new Date(Date.UTC(2022, 9, 1)), '魏都区', 238.5]).getCell(1).numFmt = 'yyyy-mm';
    const file = join(dir, 'hand-made.xlsx');
    await wb.xlsx.writeFile(file);
    const doc = JSON.parse((await runCli(['check', file, '--data', SAMPLE, '--format', 'json'])).stdout);
    // 魏都区 agrees in 2022-10; the eight other units are missing from the sheet.
    expect([doc.compared, doc.differences.filter((d: { field: string }) => d.field !== 'presence')]).toEqual([1, []]);
    ws.addRow(['2022-10', { formula: 'B2' }, -211]);
    await wb.xlsx.writeFile(file);
    const r = await runCli(['check', file, '--data', SAMPLE]);
    expect([r.code, r.stderr.includes(`${file}!核算!B3: holds the formula =B2 without its computed value`)]).toEqual([2, true]);
  });
});

describe('check --data', () => {
  it('takes the sheet before or after --data', async () => {
    const sheet = await ownSheet('csv');
    for (const argv of [['check', sheet, '--data', SAMPLE], ['check', '--data', SAMPLE, sheet]]) {
      const r = await runCli(argv);
      expect([r.code, r.stdout]).toEqual([0, expect.stringContaining('agrees')]);
    }
  });

  it('takes several data files as repeated --data, and says so when given two sheets', async () => {
    const sheet = await ownSheet('csv');
    // The §8 data split in two files: the central group in one, the county group in the other.
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const central = write('central.csv', lines.slice(0, 6).join('\n'));
    const county = write('county.csv', [lines[0], ...lines.slice(6)].join('\n'));
    const ok = await runCli(['check', sheet, '--data', central, '--data', county]);
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining('agrees')]);
    const r = await runCli(['check', sheet, '--data', central, county]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('check compares one sheet, got 2');
    expect(r.stderr).toContain('--data FILE --data FILE');
  });
});

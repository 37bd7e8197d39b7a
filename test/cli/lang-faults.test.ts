/**
 * Every reader's faults in Chinese by default (issue 12 item 5): a representative bad input of each, run as an analyst
 * runs ecocomp (no --lang, no ECOCOMP_LANG), leaves no English fault text after a fault's place.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/cli.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const SUPPLIED = 'fixtures/schedules/supplied-baselines.json';
const chinese = { ECOCOMP_LANG: '' };
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-lang-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = readFileSync(SAMPLE, 'utf8');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** The fault lines of a refusal: each after the summary line. */
async function faults(argv: string[], stdin?: string): Promise<string[]> {
  const r = await runCli(argv, { env: chinese, ...(stdin !== undefined ? { stdin } : {}) });
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^ecocomp：发现 \d+ 处问题，未写出任何结果。$|^ecocomp: /);
  return lines[0]!.startsWith('ecocomp：') ? lines.slice(1) : lines;
}

/** The words of a fault after its place and field: Chinese, not English (quoted values and codes aside). */
function expectChinese(line: string): void {
  const text = line.replace(/^.*?: (?:[^:]*: )?(?=\S*[\u4e00-\u9fff])/u, '');
  expect(text, line).toMatch(/[\u4e00-\u9fff]/u);
  // Outside quotes, no run of three English words: "expected a month", "is not a digit".
  const unquoted = text.replace(/“[^”]*”|"[^"]*"|'[^']*'/g, '');
  expect(unquoted, line).not.toMatch(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/);
}

const readers: [string, () => Promise<string[]>][] = [
  ['a monthly cell', () => faults(['settle', '-'], sample.replace('2022-10,魏都区,45', '2022-10,魏都区,4x5'))],
  ['a month cell', () => faults(['settle', '-'], sample.replace('2022-10,魏都区,45', '2022-10-15,魏都区,45'))],
  ['an unknown header', () => faults(['settle', '-'], sample.replace('good_days', 'good_dayz'))],
  ['a short row', () => faults(['settle', '-'], sample.replace('2022-10,魏都区,45,78,52,85,20', '2022-10,魏都区,45,78'))],
  ['a targets cell', () => faults(['settle', SAMPLE, '--targets', file('t.csv', 'month,county,pm25_target\n2022-10,魏都区,abc\n')])],
  ['a province verdict', () => faults(['settle', SAMPLE, '--province', file('p.csv', 'month,province_result\n2022-10,maybe\n')])],
  ['a baselines cell', () => faults(['settle', SAMPLE, '--rules', SUPPLIED, '--baselines', file('b.csv', readFileSync('fixtures/baselines-2022-10-synthetic.csv', 'utf8').replace('2022-10,中心城区组,45', '2022-10,中心城区组,4５x'))])],
  ['unused baselines', () => faults(['settle', SAMPLE, '--baselines', 'fixtures/baselines-2022-10-synthetic.csv'])],
  ['a raw monitoring cell', () => faults(['aggregate', '-'], 'date,station,county,pm25,pm10\n2023-01-01,一号站,魏都区,-3,40\n2023-01-02,一号站,魏都区,12,4x\n')],
  ['a raw time', () => faults(['aggregate', '-'], 'time,station,county,pm25,pm10\n2023-01-01 24:00,一号站,魏都区,3,40\n')],
  ['the --month option', () => faults(['settle', SAMPLE, '--month', '2022-13'])],
  ['a missing file', () => faults(['settle', join(dir, 'no-such.csv')])],
  ['a binary file', () => faults(['settle', '-'], 'month,county\n\u0000')],
  ['an unclosed quote', () => faults(['settle', '-'], `${sample}2022-10,"魏都区,45,78,52,85,20\n`)],
];

describe('faults are Chinese by default, in every reader', () => {
  it.each(readers)('%s', async (_, run) => {
    const lines = await run();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expectChinese(line);
  });

  it('a cell in a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    const [header, ...rows] = sample.trim().split('\n').map((l) => l.split(','));
    ws.addRow(header);
    for (const row of rows) ws.addRow(row[1] === '建安区' ? [...row.slice(0, 5), 'x', true] : row);
    const path = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(path);
    const lines = await faults(['settle', path]);
    expect(lines).toEqual([
      `${path}!Sheet1!F3: pm10_last_year: 应为上年同期月均浓度（μg/m³），大于 0（改善率以它为除数）且不超过 1000，或留空，实际为“x”：“x”（U+0078）不是数字`,
      `${path}!Sheet1!G3: good_days: 应为优良天数，为 0 至当月天数之间的整数，实际为“TRUE”：“T”（U+0054）不是数字`,
    ]);
    for (const line of lines) expectChinese(line);
  });
});

describe('the exact Chinese of a few faults', () => {
  it('a cell that is not a number says which character is not a digit', async () => {
    const [line] = await faults(['settle', '-'], sample.replace('2022-10,魏都区,45', '2022-10,魏都区,4x5'));
    expect(line).toBe('<stdin>:2:3: pm25: 应为月均浓度（μg/m³，0 至 1000），直接写出数字（如 45 或 45.3），实际为“4x5”：“x”（U+0078）不是数字');
  });

  it('a day that is not the 1st is not a month', async () => {
    const [line] = await faults(['settle', '-'], sample.replace('2022-10,魏都区,45', '2022-10-15,魏都区,45'));
    expect(line).toBe('<stdin>:2:1: month: 应为月份：“2022-10-15”是 2022-10 的第 15 日，不是月份：月份写作 2022-10，或写成该月第一天（2022-10-01）');
  });

  it('a missing file, and a month option', async () => {
    const missing = join(dir, 'no-such.csv');
    expect(await faults(['settle', missing])).toEqual([`${missing}: 没有这个文件`]);
    expect(await faults(['settle', SAMPLE, '--month', '2022-13'])).toEqual(['--month: 应为 YYYY-MM 格式的月份，实际为“2022-13”']);
  });

  it('a usage error', async () => {
    const r = await runCli(['settle', SAMPLE, '--trace'], { env: chinese });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ecocomp: --trace 把计算说明加入 JSON：请与 --format json 一起使用（或使用 ecocomp explain）\n');
  });

  it('the same faults in English with --lang en, and both under --errors json', async () => {
    const missing = join(dir, 'no-such.csv');
    const en = await runCli(['settle', missing, '--lang', 'en'], { env: chinese });
    expect(en.stderr).toContain(`${missing}: no such file`);
    const json = await runCli(['settle', missing, '--errors', 'json'], { env: chinese });
    expect(JSON.parse(json.stderr.trim())).toMatchObject({ level: 'error', code: 'E-FILE', file: missing, message: 'no such file', zh: '没有这个文件' });
  });
});

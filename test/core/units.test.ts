/**
 * Units are named exactly (name, declared alias or id, after trimming and NFKC, ids in any case) — never by a text
 * that ends in, contains or resembles a name, which is refused with a suggestion — and in every place a unit is
 * named: monthly data, targets, explain --county, aggregate's county cells and stations file, check sheets.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unitResolver } from '../../src/core/units.js';
import { readMonthlyTable } from '../../src/input/monthly.js';
import { readTargetsTable } from '../../src/input/targets.js';
import { builtinSchedule } from '../../src/schedule/load.js';
import { runCli } from '../helpers/cli.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const resolve = unitResolver([builtinSchedule()]);
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-units-'));

describe('a unit is named exactly', () => {
  it.each([
    ['魏都区', 'weidu'],
    ['魏都', 'weidu'],
    ['  魏都区 ', 'weidu'],
    ['\u3000魏都区\u3000', 'weidu'], // full-width spaces around it, as Excel pads
    ['weidu', 'weidu'],
    ['WEIDU', 'weidu'],
    ['ｗｅｉｄｕ', 'weidu'], // full-width Latin, NFKC
    ['许昌市魏都区', 'weidu'], // a declared alias of the built-in schedule
    ['许昌市襄城县', 'xiangcheng'],
    ['经济开发区', 'econ-dev'],
  ])('%j is %s', (text, id) => {
    expect(resolve(text)).toEqual({ unitId: id });
  });

  it.each([
    // Ends in an alias of 经济技术开发区 (经济开发区) and starts with 长葛市: neither, and both are suggested.
    ['长葛市经济开发区', '长葛市 or 经济技术开发区'],
    ['xyz东城', '东城区'],
    ['东城区xyz', '东城区'],
    ['魏都 区', '魏都区'], // inner spaces count: not a name, but clearly meant
    ['魏都去', '魏都区'],
    ['weidoo', '魏都区'],
    ['禹州市人民政府', '禹州市'],
    ['一体化示范区', '城乡一体化示范区'],
  ])('%j is refused, suggesting %s', (text, suggestion) => {
    const r = resolve(text);
    expect(r).toMatchObject({ code: 'E-UNIT-UNKNOWN' });
    expect((r as { error: string }).error).toMatch(new RegExp(`^unknown unit "${text}"; did you mean ${suggestion}\\? a unit is named exactly: one of 魏都区、建安区`));
  });

  it('refuses a name like no other without a suggestion', () => {
    expect(resolve('朝阳区')).toEqual({
      code: 'E-UNIT-UNKNOWN',
      error: expect.stringMatching(/^unknown unit "朝阳区"; a unit is named exactly: one of 魏都区/),
      zh: expect.stringMatching(/^未知单位“朝阳区”；单位须准确命名：规则 xuchang-2022 中的 魏都区/),
    });
  });

  it('refuses an empty cell', () => {
    expect(resolve(' ')).toMatchObject({ code: 'E-UNIT-EMPTY', error: expect.stringMatching(/^expected a unit name/) });
  });

  it.each([
    ['魏都\u200b区', '魏都<U+200B>区'],
    ['魏\u200c都区', '魏<U+200C>都区'],
    ['魏\u200d都区', '魏<U+200D>都区'],
    ['\u200e魏都区', '<U+200E>魏都区'],
    ['魏都区\u200f', '魏都区<U+200F>'],
    ['\u202e魏都区', '<U+202E>魏都区'],
    ['魏都\u2066区\u2069', '魏都<U+2066>区<U+2069>'],
    ['魏都\u061c区', '魏都<U+061C>区'],
    ['魏\ufeff都区', '魏<U+FEFF>都区'],
  ])('refuses %j, showing %s', (text, shown) => {
    const r = resolve(text);
    expect(r).toMatchObject({ code: 'E-UNIT-INVISIBLE' });
    expect((r as { error: string }).error).toBe(`unit "${shown}" holds invisible characters (zero-width or bidi controls, shown as <U+…>); without them it would read "魏都区"; retype the name`);
  });
});

describe('every place a unit is named uses the same rule', () => {
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const sample = readFileSync(SAMPLE, 'utf8');

  it('faults carry their stable codes', () => {
    const data = readMonthlyTable(sample.replace('2022-10,东城区,', '2022-10,xyz东城,').replace('2022-10,魏都区,', '2022-10,魏都\u200b区,'), 'data.csv', [builtinSchedule()]);
    expect(data.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'E-UNIT-INVISIBLE'],
      [6, 'E-UNIT-UNKNOWN'],
    ]);
    const targets = readTargetsTable('month,county,pm25_target\n2022-10,xyz东城,40\n', 't.csv', [builtinSchedule()]);
    expect(targets.problems.map((p) => p.code)).toEqual(['E-UNIT-UNKNOWN']);
  });

  it('monthly data', async () => {
    const data = write('data.csv', sample.replace('2022-10,长葛市,', '2022-10,长葛市经济开发区,').replace('2022-10,东城区,', '2022-10,xyz东城,'));
    const r = await runCli(['settle', data]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('data.csv:6:2: county: unknown unit "xyz东城"; did you mean 东城区?');
    expect(r.stderr).toContain('data.csv:8:2: county: unknown unit "长葛市经济开发区"; did you mean 长葛市 or 经济技术开发区?');
  });

  it('a name with a zero-width space, shown visibly', async () => {
    const data = write('zw.csv', sample.replace('2022-10,魏都区,', '2022-10,魏都\u200b区,'));
    const r = await runCli(['settle', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('zw.csv:2:2: county: unit "魏都<U+200B>区" holds invisible characters');
    expect(r.stderr).not.toContain('\u200b');
  });

  it('targets', async () => {
    const targets = write('targets.csv', 'month,county,pm25_target\n2022-10,xyz东城,40\n');
    const r = await runCli(['settle', SAMPLE, '--targets', targets]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('targets.csv:2:2: county: unknown unit "xyz东城"; did you mean 东城区?');
  });

  it('explain --county', async () => {
    const r = await runCli(['explain', SAMPLE, '--county', '魏都 区']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('--county: unknown unit "魏都 区"; did you mean 魏都区?');
  });

  it("aggregate's county cells and its stations file", async () => {
    const daily = 'date,station,county,pm25,pm10,so2,no2,co,o3_8h\n2023-10-01,A站,xyz东城,40,60,10,30,0.8,90\n';
    const cells = await runCli(['aggregate', '-'], { stdin: daily });
    expect(cells.code).toBe(2);
    expect(cells.stderr).toContain('<stdin>:2:3: unknown unit "xyz东城"; did you mean 东城区?');
    const stations = write('stations.csv', 'station,county\nA站,长葛市经济开发区\n');
    const r = await runCli(['aggregate', '-', '--stations', stations], { stdin: 'date,station,pm25,pm10,so2,no2,co,o3_8h\n2023-10-01,A站,40,60,10,30,0.8,90\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('stations.csv:2:2: unknown unit "长葛市经济开发区"; did you mean 长葛市 or 经济技术开发区?');
  });

  it('check sheets', async () => {
    const sheet = write('sheet.csv', 'month,county,net\n2022-10,xyz东城,77\n');
    const r = await runCli(['check', sheet, '--data', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sheet.csv:2:2: unknown unit "xyz东城"; did you mean 东城区?');
  });
});

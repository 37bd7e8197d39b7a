/**
 * The headers people write (issue 12): one vocabulary, English and Chinese, for every table reader; a unit in
 * brackets is read past only when it is the column's own unit — `PM2.5(mg/m3)` is refused, never read as μg/m³.
 */
import { describe, expect, it } from 'vitest';
import { readData } from '../../src/input/load.js';
import { formatProblem } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';

const schedules = [builtinSchedule()];
const enc = (s: string) => new TextEncoder().encode(s);
const ROW = '2022-10,魏都区,45,78,52,85,20';

function read(header: string, row = ROW) {
  const r = readData({ data: [{ name: 'data.csv', bytes: enc(`${header}\n${row}\n`) }] }, schedules);
  return { rows: r.rows, problems: r.problems.map(formatProblem) };
}

describe('the headers people write', () => {
  it.each([
    '月份,单位名称,PM2.5月均浓度,PM10月均浓度,上年同期PM2.5,去年同期PM10,优良天数（天）',
    '月份,县区,PM2.5浓度,PM10浓度,PM2.5去年同期,PM10上年同期,优良天数',
    '月份,县（市、区）,PM2.5（μg/m³）,PM10（微克/立方米）,去年同期PM2.5(ug/m3),去年同期PM10 (µg/m³),优良天数(天)',
    'Month,County,PM2.5,PM10,PM2.5 last year,PM10 last year,Good days',
    '年月,区县,ＰＭ２．５,PM10月均值,上年同期PM2.5浓度,PM10 last year,空气质量优良天数',
  ])('%s', (header) => {
    const { rows, problems } = read(header);
    expect(problems).toEqual([]);
    const r = rows[0]!;
    expect([r.month, r.unitId, r.pm25?.toString(), r.pm10?.toString(), r.pm25LastYear?.toString(), r.pm10LastYear?.toString(), r.goodDays?.toString()]).toEqual(['2022-10', 'weidu', '45', '78', '52', '85', '20']);
  });

  it('refuses a concentration headed in mg/m³: the unit is not the expected one', () => {
    expect(read('month,county,PM2.5(mg/m3),pm10,pm25_last_year,pm10_last_year,good_days').problems).toEqual([
      'data.csv:1:3: column "PM2.5(mg/m3)" (pm25) names the unit "mg/m3", which is not its unit: its values must be in μg/m³ (written μg/m³, ug/m3, μg/m3, µg/m³, 微克/立方米, 微克每立方米); convert the values, or correct the header',
      // Only this fault: the column is there, in the wrong unit, not missing.
    ]);
  });

  it('refuses good days headed in another unit, and a unit on a column that has none', () => {
    const { problems } = read('月份(年),county,pm25,pm10,pm25_last_year,pm10_last_year,优良天数(%)');
    expect(problems.filter((p) => p.includes('E-COLUMN-UNIT') || p.includes('names the unit'))).toEqual([
      'data.csv:1:1: column "月份(年)" (month) names the unit "年", which is not its unit: it takes no unit; convert the values, or correct the header',
      'data.csv:1:7: column "优良天数(%)" (good_days) names the unit "%", which is not its unit: its values must be in 天 (written 天, 日, d, day, days); convert the values, or correct the header',
    ]);
  });

  it('reads past title rows above the header, in CSV as in a workbook (Excel saves a merged title as one cell)', () => {
    const { rows, problems } = read('许昌市2022年10月各县（市、区）空气质量,,,,,,\n单位：μg/m³\nmonth,county,pm25,pm10,pm25_last_year,pm10_last_year,good_days');
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.unitId, r.line])).toEqual([['weidu', 4]]);
  });

  it('a file of one-cell rows (semicolons, not commas) is still refused at its first row', () => {
    const { problems } = read('month;county;pm25;pm10;pm25_last_year;pm10_last_year;good_days', '2022-10;魏都区;45;78;52;85;20');
    expect(problems[0]).toMatch(/^data\.csv:1:1: unknown column "month;county;pm25;pm10;pm25_last_year;pm10_last_year;good_days"/);
  });
});

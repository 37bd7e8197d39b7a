/**
 * ecocomp's settlement CSV read back as monthly data (issue 12): what the settlement made of the inputs is read
 * past, and the province's verdict (省级核算结果) is read — a verdict that is not one, or two for a month, refused.
 */
import { describe, expect, it } from 'vitest';
import { readData } from '../../src/input/load.js';
import { formatProblem } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';

const schedules = [builtinSchedule()];
const enc = (s: string) => new TextEncoder().encode(s);
const HEADER = '月份,单位,单位编号,组别,PM2.5月均浓度,PM2.5月均浓度金额,PM2.5同比改善率,PM10月均浓度,优良天数,扣款,奖励,净额,省级核算结果,去年同期PM2.5,去年同期PM10';

function read(...lines: string[]) {
  const r = readData({ data: [{ name: 's.csv', bytes: enc([HEADER, ...lines].join('\n')) }] }, schedules);
  return { rows: r.rows, province: r.province, problems: r.problems.map(formatProblem) };
}

describe('a settlement read back as data', () => {
  it('reads the inputs and the verdict, and reads past the rest', () => {
    const r = read('2022-10,魏都区,weidu,中心城区组,45,0,13.5,78,20,0,0,0,支偿,52,85', '2022-10,建安区,jian-an,中心城区组,49,0,2,84,17,211,0,-211,支偿,50,88');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.unitId, x.pm25!.toString(), x.pm25LastYear!.toString(), x.goodDays!.toString()])).toEqual([['weidu', '45', '52', '20'], ['jian-an', '49', '50', '17']]);
    expect(r.province).toEqual([{ month: '2022-10', payout: true, file: 's.csv', line: 2 }]);
  });

  it('未提供 is no verdict', () => {
    expect(read('2022-10,魏都区,weidu,中心城区组,45,0,13.5,78,20,0,0,0,未提供,52,85').province).toEqual([]);
  });

  it('refuses a verdict that is not one, and two verdicts for one month', () => {
    expect(read('2022-10,魏都区,weidu,中心城区组,45,0,13.5,78,20,0,0,0,不知道,52,85').problems).toEqual(['s.csv:2:13: expected 支偿 (payout), 得补 (receive) or 未提供 (not given), got "不知道"']);
    expect(read('2022-10,魏都区,weidu,中心城区组,45,0,13.5,78,20,0,0,0,支偿,52,85', '2022-10,建安区,jian-an,中心城区组,49,0,2,84,17,211,0,-211,得补,50,88').problems).toEqual([
      "s.csv:3:13: the province's result for 2022-10 is 得补 here and 支偿 on line 2: a month has one",
    ]);
  });
});

/**
 * Months as tables write them (issue 12): the forms a bureau's sheet uses, Excel's date cells (the first day of
 * the month), and the faults — another day of the month, 2022.1 (January, or October with its 0 dropped).
 */
import { describe, expect, it } from 'vitest';
import { parseMonth, readMonth } from '../../src/core/month.js';

describe('readMonth', () => {
  it.each([
    ['2022-10', '2022-10'],
    ['2022-1', '2022-01'],
    ['2022/10', '2022-10'],
    ['2022年10月', '2022-10'],
    ['2022年1月', '2022-01'],
    ['2022.10', '2022-10'],
    ['2022.01', '2022-01'],
    ['2022.9', '2022-09'],
    ['202210', '2022-10'],
    ['202201', '2022-01'],
    ['2022-10-01', '2022-10'],
    ['2022/10/1', '2022-10'],
    ['2022/1/01', '2022-01'],
    ['2022年10月1日', '2022-10'],
    ['2022-10-01 00:00:00', '2022-10'],
    ['  2022-10  ', '2022-10'],
    ['２０２２年１０月', '2022-10'],
    ['２０２２－１０', '2022-10'],
  ])('%s is %s', (text, month) => {
    expect(readMonth(text)).toEqual({ month });
    expect(parseMonth(text)).toBe(month);
  });

  it.each([
    ['2022-10-15', '"2022-10-15" is day 15 of 2022-10, not a month: a month is written 2022-10, or as its first day (2022-10-01)'],
    ['2022/10/2', '"2022/10/2" is day 2 of 2022-10, not a month: a month is written 2022-10, or as its first day (2022-10-01)'],
    ['2022年2月28日', '"2022年2月28日" is day 28 of 2022-02, not a month: a month is written 2022-02, or as its first day (2022-02-01)'],
    ['2022.1', '"2022.1" may be 2022-01 or 2022-10 (a number cell shows 2022.10 as 2022.1): write the month as 2022-01 or 2022-10'],
  ])('%s is a fault that says why', (text, fault) => {
    expect(readMonth(text)).toMatchObject({ fault });
    expect(parseMonth(text)).toBeNull();
  });

  it('says why in Chinese too', () => {
    expect(readMonth('2022-10-15')).toMatchObject({ zh: '“2022-10-15”是 2022-10 的第 15 日，不是月份：月份写作 2022-10，或写成该月第一天（2022-10-01）' });
  });

  it.each(['2022-13', '202213', '2022-00', '2022.13', '2022-02-30', '2022-10-01 13:00', '22-10', 'Oct 2022', '', '2022', '20221001', '2022-10-32'])('%s is not a month', (text) => {
    expect(readMonth(text)).toBeNull();
  });
});

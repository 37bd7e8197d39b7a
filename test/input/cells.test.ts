/**
 * Numbers and months as people type them (issue 12): full-width digits and punctuation from a Chinese input
 * method are the same number (NFKC), exactly; a cell still refused names the character that is not a digit;
 * a month is read in the forms Excel writes, and another day of the month is refused, saying so.
 */
import { describe, expect, it } from 'vitest';
import { readData } from '../../src/input/load.js';
import { formatProblem } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';

const schedules = [builtinSchedule()];
const enc = (s: string) => new TextEncoder().encode(s);
const HEADER = 'month,county,pm25,pm10,pm25_last_year,pm10_last_year,good_days';

function read(...lines: string[]) {
  const r = readData({ data: [{ name: 'data.csv', bytes: enc([HEADER, ...lines].join('\n')) }] }, schedules);
  return { rows: r.rows, problems: r.problems.map(formatProblem) };
}

describe('full-width digits and punctuation (NFKC)', () => {
  it('reads ４５, ７８．０ and １９ as 45, 78.0 and 19, exactly', () => {
    const { rows, problems } = read('2022-10,魏都区,４５,７８．０,５２．３,85,１９');
    expect(problems).toEqual([]);
    expect([rows[0]!.pm25!.toString(), rows[0]!.pm10!.toString(), rows[0]!.pm25LastYear!.toString(), rows[0]!.goodDays!.toString()]).toEqual(['45', '78', '52.3', '19']);
  });

  it('reads the full-width minus: －３ is -3, refused as a negative mean', () => {
    expect(read('2022-10,魏都区,－３,78,52,85,19').problems).toEqual([
      'data.csv:2:3: pm25: expected a monthly mean in μg/m³ from 0 to 1000, written plainly (e.g. 45 or 45.3), got -3',
    ]);
  });

  it.each([
    ['a letter', '4a', 'got "4a": "a" (U+0061) is not a digit'],
    ['a zero-width space, shown by its code', '4\u200b5', 'got "4\u200b5": <U+200B> is not a digit'],
    ['a space inside', '4 5', 'got "4 5": <U+0020> is not a digit'],
    ['a decimal comma', '"45,3"', 'got "45,3": "," (U+002C) is not a digit (write decimals with a point and no thousands separator)'],
    ['a minus sign', '−3', 'got "−3": "−" (U+2212) is not a digit (a minus sign: write "-")'],
    ['two points', '4.5.6', 'got "4.5.6", which is not a number written plainly (digits, at most one point, a minus only in front)'],
  ])('%s: the message names the character', (_, cell, tail) => {
    const [p] = read(`2022-10,魏都区,${cell},78,52,85,19`).problems;
    expect(p).toBe(`data.csv:2:3: pm25: expected a monthly mean in μg/m³ from 0 to 1000, written plainly (e.g. 45 or 45.3), ${tail}`);
  });
});

describe('months in a table', () => {
  it.each(['2022/10/1', '2022-10-01', '2022.10', '202210', '2022年10月1日', '2022年10月', '２０２２年１０月'])('%s is 2022-10', (month) => {
    const { rows, problems } = read(`${month},魏都区,45,78,52,85,20`);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.month)).toEqual(['2022-10']);
  });

  it('another day of the month is a fault that says so', () => {
    expect(read('2022-10-15,魏都区,45,78,52,85,20').problems).toEqual([
      'data.csv:2:1: month: expected a month: "2022-10-15" is day 15 of 2022-10, not a month: a month is written 2022-10, or as its first day (2022-10-01)',
    ]);
  });
});

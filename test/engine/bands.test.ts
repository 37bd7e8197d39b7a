/**
 * Band edges of 第四条, through tierAmount with the built-in factors. Worked by hand:
 * pm25 (一): 1—5 μg at 10, beyond 5 at 20; pm10 (三): 1—5 at 5, beyond at 10;
 * pm25Rate (二): 0—3 pp at 15, beyond at 35; pm10Rate (四): 0—3 at 10, beyond at 20; goodDays (五): 20 a day.
 */
import { describe, expect, it } from 'vitest';
import { tierAmount } from '../../src/engine/bands.js';
import { Dec, plain } from '../../src/core/decimal.js';
import { builtinSchedule } from '../../src/schedule/load.js';
import type { FactorId } from '../../src/core/factors.js';

// The deduction scale (clause 1 of each item); the built-in reward scales (clause 2) have the same bands.
const factor = (id: FactorId) => builtinSchedule().factors.find((f) => f.id === id)!.deduction!;
const amount = (id: FactorId, gap: string) => plain(tierAmount(factor(id), new Dec(gap)).amount);
const split = (id: FactorId, gap: string) => tierAmount(factor(id), new Dec(gap)).pieces.map((p) => `${plain(p.quantity)}×${plain(p.rate)}=${plain(p.amount)}`);

describe('第四条（一） PM2.5 concentration bands', () => {
  it.each([
    ['0', '0'],
    ['1', '10'], // the first band starts at 1 微克
    ['5', '50'], // 5 微克（含） is still in the first band
    ['6', '70'], // 5×10 + 1×20
    ['12', '190'], // 5×10 + 7×20
  ])('gap %s μg → %s 万元', (gap, expected) => expect(amount('pm25', gap)).toBe(expected));

  it('splits a gap across the bands', () => {
    expect(split('pm25', '8')).toEqual(['5×10=50', '3×20=60']);
    expect(split('pm25', '5')).toEqual(['5×10=50']);
  });

  it('does not charge a gap below 1 μg (D6) but charges 1.4 μg from zero', () => {
    expect(tierAmount(factor('pm25'), new Dec('0.9'))).toMatchObject({ belowMinimum: true, pieces: [] });
    expect(amount('pm25', '0.9')).toBe('0');
    expect(amount('pm25', '1.4')).toBe('14');
  });
});

describe('第四条（三） PM10 concentration bands', () => {
  it.each([
    ['0', '0'],
    ['1', '5'],
    ['5', '25'],
    ['6', '35'], // 5×5 + 1×10
    ['9', '65'], // the 经济技术开发区 case of SPEC.md §8: 5×5 + 4×10
  ])('gap %s μg → %s 万元', (gap, expected) => expect(amount('pm10', gap)).toBe(expected));
});

describe('第四条（二） PM2.5 improvement-rate bands', () => {
  it.each([
    ['0', '0'],
    ['0.1', '1.5'], // the first band starts at 0 个百分点
    ['3', '45'], // 3.0 pp（含） is in the first band
    ['3.1', '48.5'], // 3×15 + 0.1×35
    ['5.7', '139.5'], // the 魏都区 case of SPEC.md §8: 3×15 + 2.7×35
  ])('gap %s pp → %s 万元', (gap, expected) => expect(amount('pm25Rate', gap)).toBe(expected));

  it('splits 5.7 pp as 3 pp × 15 + 2.7 pp × 35', () => {
    expect(split('pm25Rate', '5.7')).toEqual(['3×15=45', '2.7×35=94.5']);
  });
});

describe('第四条（四） PM10 improvement-rate bands', () => {
  it.each([
    ['0', '0'],
    ['3', '30'],
    ['3.1', '32'], // 3×10 + 0.1×20
    ['3.6', '42'], // 经济技术开发区: 30 + 0.6×20
  ])('gap %s pp → %s 万元', (gap, expected) => expect(amount('pm10Rate', gap)).toBe(expected));
});

describe('第四条（五） good days', () => {
  it.each([
    ['0', '0'],
    ['1', '20'],
    ['3', '60'],
    ['31', '620'],
  ])('gap %s days → %s 万元', (gap, expected) => expect(amount('goodDays', gap)).toBe(expected));
});

it('refuses a negative magnitude (a sign error upstream must not become money)', () => {
  expect(() => tierAmount(factor('pm25'), new Dec(-1))).toThrow();
});

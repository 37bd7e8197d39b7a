import { Decimal } from 'decimal.js';

/**
 * Every amount, rate, baseline and concentration is a Decimal from this constructor.
 * 40 significant digits: far beyond any value here, so a division such as (51 − 47) / 51
 * is correct to 40 digits before the single rounding of GB/T 8170, and an exact tie
 * (e.g. a group mean of 50.5) stays an exact tie. A private clone leaves the global
 * decimal.js configuration alone.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = Decimal;

export type RoundingRule = 'half-even' | 'half-up';

/** GB/T 8170 修约 (half-even) or Excel ROUND (half away from zero), to `decimals` places, applied once. */
export function roundTo(x: Decimal, decimals: number, rule: RoundingRule): Decimal {
  return x.toDecimalPlaces(decimals, rule === 'half-even' ? Decimal.ROUND_HALF_EVEN : Decimal.ROUND_HALF_UP);
}

/** Plain notation, no exponent, no trailing zeros, "0" for zero (the JSON contract of SPEC.md §6). */
export function plain(x: Decimal): string {
  return x.isZero() ? '0' : x.toFixed();
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((acc, v) => acc.plus(v), new Dec(0));
}

export function mean(values: readonly Decimal[]): Decimal {
  if (values.length === 0) throw new Error('mean of no values');
  return sum(values).div(values.length);
}

export const ZERO = new Dec(0);

/**
 * Raw concentrations as exact scaled integers (thousandths), so that the means of a month of hourly
 * data are exact and their rounding is GB/T 8170 half-even without binary-float surprises. All sums
 * stay far below 2^53 (24 hours × 10,000 μg/m³ × 1000 = 2.4 × 10^8).
 */

/**
 * round(numerator / denominator) to an integer, GB/T 8170 half-even, for non-negative integers.
 * (Integers below 2^53: the quotient's floor and the remainder are exact.)
 */
export function roundHalfEvenRatio(numerator: number, denominator: number): number {
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  const twice = 2 * r;
  if (twice < denominator) return q;
  if (twice > denominator) return q + 1;
  return q % 2 === 0 ? q : q + 1;
}

/** The mean of `count` values summing to `sum` (in 10^-fromDecimals units), rounded to `decimals` places, as 10^-decimals units. */
export function meanRounded(sum: number, count: number, fromDecimals: number, decimals: number): number {
  const shift = decimals - fromDecimals;
  return shift >= 0 ? roundHalfEvenRatio(sum * pow10(shift), count) : roundHalfEvenRatio(sum, count * pow10(-shift));
}

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
const pow10 = (n: number) => POW10[n] ?? 10 ** n;

export function formatScaled(units: number, decimals: number): string {
  if (decimals === 0) return String(units);
  const s = String(units).padStart(decimals + 1, '0');
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/\.?0+$/, '');
}

// Exact decimals as scaled BigInt integers, for the fuzzer's independent recomputation (scripts/recompute.mjs).
// A value is { v, s }: v / 10^s. No division except the one rounding step of a mean or a rate, done on the exact
// quotient. Shares no code with the engine (which uses decimal.js).

const TEN = 10n;
const pow10 = (k) => TEN ** BigInt(k);

/** "045.50", "-3", "7.8" → { v, s }; null when the text is not a plain decimal. */
export function dec(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const frac = m[3] ?? '';
  const v = BigInt(m[2] + frac);
  return { v: m[1] ? -v : v, s: frac.length };
}

export const int = (n) => ({ v: BigInt(n), s: 0 });
export const ZERO = int(0);

function align(a, b) {
  if (a.s === b.s) return [a.v, b.v, a.s];
  if (a.s > b.s) return [a.v, b.v * pow10(a.s - b.s), a.s];
  return [a.v * pow10(b.s - a.s), b.v, b.s];
}

export const add = (a, b) => {
  const [x, y, s] = align(a, b);
  return { v: x + y, s };
};
export const sub = (a, b) => {
  const [x, y, s] = align(a, b);
  return { v: x - y, s };
};
export const mul = (a, b) => ({ v: a.v * b.v, s: a.s + b.s });
export const neg = (a) => ({ v: -a.v, s: a.s });
export const abs = (a) => (a.v < 0n ? neg(a) : a);
export const cmp = (a, b) => {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
};
export const sign = (a) => (a.v < 0n ? -1 : a.v > 0n ? 1 : 0);
export const isZero = (a) => a.v === 0n;
export const min = (a, b) => (cmp(a, b) <= 0 ? a : b);
export const max = (a, b) => (cmp(a, b) >= 0 ? a : b);
export const sum = (xs) => xs.reduce(add, ZERO);

/** round(num / den) to an integer: `half-even` (GB/T 8170) or `half-up` (ties away from zero); symmetric in sign. */
function roundDiv(num, den, mode) {
  if (den < 0n) [num, den] = [-num, -den];
  if (num < 0n) return -roundDiv(-num, den, mode);
  const q = num / den;
  const r2 = 2n * (num - q * den);
  if (r2 > den) return q + 1n;
  if (r2 < den) return q;
  return mode === 'half-up' || q % 2n === 1n ? q + 1n : q;
}

/** a rounded to k decimals. */
export function round(a, k, mode) {
  if (a.s <= k) return { v: a.v * pow10(k - a.s), s: k };
  return { v: roundDiv(a.v, pow10(a.s - k), mode), s: k };
}

/** The exact quotient a / b rounded to k decimals. */
export function divRound(a, b, k, mode) {
  return { v: roundDiv(a.v * pow10(b.s + k), b.v * pow10(a.s), mode), s: k };
}

/** Plain notation as the JSON contract writes it: no exponent, no trailing zeros, "0" for zero. */
export function plain(a) {
  if (a.v === 0n) return '0';
  const negative = a.v < 0n;
  let digits = (negative ? -a.v : a.v).toString();
  let s = a.s;
  while (s > 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    s--;
  }
  if (s > 0) {
    digits = digits.padStart(s + 1, '0');
    digits = `${digits.slice(0, -s)}.${digits.slice(-s)}`;
  }
  return (negative ? '-' : '') + digits;
}

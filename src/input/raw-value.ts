/**
 * A raw monitoring value (第六条: the platform's hourly or daily export) as an exact scaled integer in thousandths,
 * so that the means of a month of hourly data are exact. Missing-value markers are never zero.
 */
import { RAW_DECIMALS, RAW_SCALE } from '../schedule/aqi.js';

/** Markers monitoring platforms write for a missing or invalid value: never zero. */
const MISSING = new Set(['', '—', '–', '-', '--', '---', '----', '/', 'na', 'n/a', 'nan', 'null', 'none', '无效', '缺测', '无数据', '停测', '维护', '校准']);

export type CellValue = number | null | { error: string; zh: string };

/** "45", "0.6", "1.234" → thousandths; a missing marker → null; anything else is an error. */
export function parseRawValue(text: string): CellValue {
  // The common case, digits with up to three decimals and no spaces, read without a regex or a trim.
  const n = text.length;
  if (n > 0 && n <= 11) {
    let units = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      units = units * 10 + c;
    }
    if (i > 0 && i <= 7) {
      if (i === n) return units * RAW_SCALE;
      if (text.charCodeAt(i) === 46 && n - i - 1 >= 1 && n - i - 1 <= RAW_DECIMALS) {
        let frac = 0;
        let j = i + 1;
        for (; j < n; j++) {
          const c = text.charCodeAt(j) - 48;
          if (c < 0 || c > 9) break;
          frac = frac * 10 + c;
        }
        if (j === n) return units * RAW_SCALE + frac * 10 ** (RAW_DECIMALS - (n - i - 1));
      }
    }
  }
  return parseRawValueSlow(text);
}

function parseRawValueSlow(text: string): CellValue {
  const s = text.trim();
  if (MISSING.has(s.toLowerCase())) return null;
  const m = /^(\d{1,7})(?:\.(\d{1,3}))?$/.exec(s);
  if (!m) {
    if (/^-\d/.test(s)) return { error: `a negative concentration, ${s}`, zh: `浓度为负数：${s}` };
    if (/^\d+\.\d{4,}$/.test(s)) return { error: `${s} has more than ${RAW_DECIMALS} decimals`, zh: `${s} 的小数超过 ${RAW_DECIMALS} 位` };
    const shown = s.length > 30 ? `${s.slice(0, 30)}…` : s;
    return { error: `not a concentration: "${shown}"`, zh: `“${shown}”不是浓度值` };
  }
  return Number(m[1]) * RAW_SCALE + (m[2] ? Number(m[2].padEnd(RAW_DECIMALS, '0')) : 0);
}


/** `rawValueAt`: the cell is empty (missing). */
export const EMPTY_CELL = -1;
/** `rawValueAt`: not the common case; read the cell's text with `parseRawValue`. */
export const NOT_PLAIN = -2;

/**
 * The common case of `parseRawValue` read straight from the bytes of a cell: digits (up to 7) with up to three
 * decimals → thousandths; an empty cell → EMPTY_CELL; anything else → NOT_PLAIN, for the text path to judge.
 */
export function rawValueAt(bytes: Uint8Array, start: number, end: number): number {
  if (start === end) return EMPTY_CELL;
  let units = 0;
  let i = start;
  for (; i < end; i++) {
    const c = bytes[i]! - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
  }
  const digits = i - start;
  if (digits === 0 || digits > 7) return NOT_PLAIN;
  if (i === end) return units * RAW_SCALE;
  const decimals = end - i - 1;
  if (bytes[i] !== 46 || decimals < 1 || decimals > RAW_DECIMALS) return NOT_PLAIN;
  let frac = 0;
  for (let j = i + 1; j < end; j++) {
    const c = bytes[j]! - 48;
    if (c < 0 || c > 9) return NOT_PLAIN;
    frac = frac * 10 + c;
  }
  return units * RAW_SCALE + frac * FRACTION_SCALE[decimals]!;
}

/** Thousandths per unit of the last decimal, by the number of decimals given (integers: no float in the hot path). */
const FRACTION_SCALE = Array.from({ length: RAW_DECIMALS + 1 }, (_, d) => 10 ** (RAW_DECIMALS - d));

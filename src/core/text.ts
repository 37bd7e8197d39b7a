/**
 * Text from outside — a data file, a schedule, the command line — as every layer must treat it: what can make one
 * text look like another, or rewrite what a terminal shows, is made visible; near misses are measured.
 */

/**
 * Control and bidirectional-override characters, which could rewrite what a terminal shows, and zero-width
 * characters (U+200B–U+200D, U+FEFF), which make one text look like another.
 */
const UNSAFE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Text from input or a schedule file, made safe for a terminal: unsafe characters shown as <U+XXXX>. */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Zero-width and bidi-control characters: a name holding one is not what it looks like. */
export const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/;

/** A whole text for a terminal: as `visible`, but its line ends (LF, CRLF) and tabs stay what they are. */
export function visibleLines(text: string): string {
  return text.replace(/[^\n]+/g, (line) => (line.endsWith('\r') ? `${visible(line.slice(0, -1))}\r` : visible(line)));
}

/** Levenshtein distance by code points; anything above `cap` is reported as cap + 1. */
export function editDistance(a: string, b: string, cap: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > cap) return cap + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    if (Math.min(...row) > cap) return cap + 1;
    prev = row;
  }
  return Math.min(prev[y.length]!, cap + 1);
}

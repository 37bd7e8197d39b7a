import { eastAsianWidth } from 'get-east-asian-width';

const ZERO_WIDTH = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u0300-\u036F\uFE00-\uFE0F]/;

/**
 * Display width in terminal columns: CJK characters take two (Unicode East Asian Width, ambiguous
 * as narrow). Text here is unit names, numbers and labels; string-width's emoji handling would cost
 * ~20 ms of start-up to compile, for characters that never occur.
 */
export function width(text: string): number {
  let w = 0;
  for (const ch of text) w += ZERO_WIDTH.test(ch) ? 0 : eastAsianWidth(ch.codePointAt(0)!);
  return w;
}

export function padEnd(text: string, w: number): string {
  return text + ' '.repeat(Math.max(0, w - width(text)));
}

export function padStart(text: string, w: number): string {
  return ' '.repeat(Math.max(0, w - width(text))) + text;
}

export function center(text: string, w: number): string {
  const room = Math.max(0, w - width(text));
  return ' '.repeat(Math.floor(room / 2)) + text + ' '.repeat(room - Math.floor(room / 2));
}

/** Colours the renderers may use; all identity when colour is off. */
export interface Paint {
  deduction(s: string): string;
  reward(s: string): string;
  muted(s: string): string;
  strong(s: string): string;
}

export const NO_PAINT: Paint = { deduction: (s) => s, reward: (s) => s, muted: (s) => s, strong: (s) => s };


const ANSI = /^\x1b\[[0-9;]*m/;

/**
 * A line of text as lines at most `columns` wide (undefined: as it is), broken after a comma, a semicolon or a
 * colon where one falls within the line (never between a number and its unit), else after a space, else where the
 * line is full. Colour codes take no room.
 */
export function fold(text: string, columns: number | undefined): string[] {
  if (columns === undefined) return [text];
  const lines: string[] = [];
  let rest = text;
  for (;;) {
    let used = 0;
    let cut = -1;
    let space = -1;
    let i = 0;
    while (i < rest.length) {
      const code = ANSI.exec(rest.slice(i));
      if (code) {
        i += code[0].length;
        continue;
      }
      const ch = String.fromCodePoint(rest.codePointAt(i)!);
      used += width(ch);
      if (used > columns) break;
      i += ch.length;
      if (/[，；：、。,;]/.test(ch)) cut = i;
      else if (ch === ' ') space = i;
    }
    if (i >= rest.length) break;
    const at = cut > 0 ? cut : space > 0 ? space : Math.max(i, 1);
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}

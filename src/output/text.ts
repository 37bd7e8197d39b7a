import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Control and bidirectional-override characters, which could rewrite what a terminal shows, and zero-width
 * characters (U+200B–U+200D, U+FEFF), which make one text look like another.
 */
const UNSAFE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Text from input or a schedule file, made safe for a terminal: unsafe characters shown as <U+XXXX>. */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

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

/** A whole text for a terminal: as `visible`, but its line ends (LF, CRLF) and tabs stay what they are. */
export function visibleLines(text: string): string {
  return text.replace(/[^\n]+/g, (line) => (line.endsWith('\r') ? `${visible(line.slice(0, -1))}\r` : visible(line)));
}

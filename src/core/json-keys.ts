/**
 * Duplicate keys in JSON text. JSON.parse keeps the last of two equal keys without a word, so a schedule with
 * `"rate": "10"` and, further down the same object, `"rate": "20"` would settle at 20 while a reader sees 10.
 * A small scanner over text that JSON.parse has already accepted: it follows strings (with their escapes),
 * objects and arrays, and nothing else needs reading.
 */
import { keyPath } from './key-path.js';

export interface DuplicateKey {
  /** Key path of the repeated key, e.g. "factors[0].bands[1].rate". */
  path: string;
  line: number;
  column: number;
  /** Line and column of the first occurrence. */
  first: { line: number; column: number };
}

/** An open object (with its keys so far and the key whose value is being read) or array (with the index). */
type Frame = { kind: 'object'; keys: Map<string, { line: number; column: number }>; key: string | null } | { kind: 'array'; index: number };

/** Every key that occurs twice in one object, with both places (lines and columns count from 1). */
export function duplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let line = 1;
  let lineStart = 0;
  // The path of a key: the key or index each enclosing frame is at. Built only for a duplicate.
  const pathTo = (key: string) => keyPath([...stack.slice(0, -1).map((f) => (f.kind === 'array' ? f.index : f.key!)), key]);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.key === null && isKey(text, i + 1)) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        const at = { line, column: start - lineStart + 1 };
        const first = top.keys.get(key);
        if (first) found.push({ path: pathTo(key), ...at, first });
        else top.keys.set(key, at);
        top.key = key;
      }
    } else if (c === '{') {
      stack.push({ kind: 'object', keys: new Map(), key: null });
    } else if (c === '[') {
      stack.push({ kind: 'array', index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.key = null;
      else if (top?.kind === 'array') top.index++;
    }
  }
  return found;
}

/** A string is a key when the next character that is not white space is a colon. */
function isKey(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  return text[i] === ':';
}

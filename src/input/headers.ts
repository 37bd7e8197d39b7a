import type { Problem } from '../problems.js';
import type { CsvRow } from './csv.js';

export interface ColumnSpec<K extends string> {
  key: K;
  /** Accepted headers, English first; compared after `normaliseHeader`. */
  names: readonly string[];
  required: boolean;
}

/** Columns analysts add for their own notes; they are read past, not refused. */
const NOTE_COLUMNS = ['note', 'notes', 'remark', 'remarks', 'comment', 'comments', '备注', '说明'];

/**
 * Headers are compared case-insensitively and ignoring spaces, "_" and "-", after Unicode NFKC
 * (so full-width "（" and subscript "₂" match), and without a trailing unit in brackets:
 * "PM2.5（μg/m³）" is the PM2.5 column.
 */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\s+|\s+$/g, '')
    .replace(/\s*\([^()]*\)$/, '')
    .replace(/[\s_\-]+/g, '');
}

export type ColumnMap<K extends string> = Map<K, number>;

export function mapHeader<K extends string>(
  header: CsvRow,
  specs: readonly ColumnSpec<K>[],
  file: string,
  rows: readonly CsvRow[],
): { columns: ColumnMap<K>; problems: Problem[] } {
  const lookup = new Map<string, ColumnSpec<K>>();
  for (const spec of specs) for (const n of spec.names) lookup.set(normaliseHeader(n), spec);
  const notes = new Set(NOTE_COLUMNS.map(normaliseHeader));
  const columns: ColumnMap<K> = new Map();
  const problems: Problem[] = [];

  header.cells.forEach((raw, i) => {
    const at = { file, line: header.line, column: i + 1 };
    const name = normaliseHeader(raw);
    if (name === '') {
      // Excel writes trailing empty columns; an unnamed column is refused only if it holds data.
      const used = rows.find((r) => (r.cells[i] ?? '').trim() !== '');
      if (used) problems.push({ ...at, message: `column ${i + 1} has no header but holds data (line ${used.line}); name it or delete it` });
      return;
    }
    if (notes.has(name)) return;
    const spec = lookup.get(name);
    if (!spec) {
      const guess = closest(name, [...lookup.keys()]);
      const accepted = specs.map((s) => s.names.slice(0, 2).join('/')).join(', ');
      problems.push({
        ...at,
        message: `unknown column "${raw.trim()}"${guess ? ` (did you mean "${specs.find((s) => s.names.some((n) => normaliseHeader(n) === guess))!.names[0]}"?)` : ''}; expected one of: ${accepted}; a notes column may be called ${NOTE_COLUMNS.slice(0, 1).concat('备注').join(' or ')}`,
      });
      return;
    }
    const before = columns.get(spec.key);
    if (before !== undefined) {
      problems.push({ ...at, message: `column "${raw.trim()}" repeats column ${before + 1} ("${header.cells[before]!.trim()}"); each column may appear once` });
      return;
    }
    columns.set(spec.key, i);
  });

  for (const spec of specs) {
    if (spec.required && !columns.has(spec.key)) {
      problems.push({ file, line: header.line, message: `missing required column ${spec.names[0]} (${spec.names[1] ?? spec.names[0]})` });
    }
  }
  return { columns, problems };
}

/** The accepted header nearest to a misspelt one, if it is near enough to be a typo. */
function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

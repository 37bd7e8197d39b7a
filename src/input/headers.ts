import { ProblemLog, type Problem } from '../core/problems.js';
import type { CsvRow } from './csv.js';
import { editDistance } from '../core/text.js';
import { ECHO_COLUMNS, HEADER_UNITS, NOTE_COLUMNS, isColumnUnit, normaliseHeader, normaliseWholeHeader, splitHeader, type ColumnSpec } from '../core/vocabulary.js';

export type ColumnMap<K extends string> = Map<K, number>;

export interface MappedHeader<K extends string> {
  columns: ColumnMap<K>;
  /** The header's faults, at most LIST_PER_KIND of a kind (and a tally of the rest). */
  problems: Problem[];
  /** How the header judges the width of each row. */
  fit: RowFit;
}

/** `readPast`: further columns the reader reads past, as notes are (what ecocomp writes beside a table's inputs). */
export function mapHeader<K extends string>(header: CsvRow, specs: readonly ColumnSpec<K>[], file: string, readPast: readonly string[] = []): MappedHeader<K> {
  const lookup = new Map<string, ColumnSpec<K>>();
  for (const spec of specs) for (const n of spec.names) lookup.set(normaliseWholeHeader(n), spec);
  const notes = new Set([...NOTE_COLUMNS, ...ECHO_COLUMNS, ...readPast].map(normaliseHeader));
  const columns: ColumnMap<K> = new Map();
  const log = new ProblemLog();
  const accepted = specs.map((s) => s.names.slice(0, 2).join('/')).join(', ');
  // A column refused for its unit is there: its fault says what is wrong, and "missing" would be a second, false one.
  const refusedForUnit = new Set<K>();

  header.cells.forEach((raw, i) => {
    const at = { file, line: header.line, column: i + 1 };
    const name = normaliseHeader(raw);
    // Excel writes trailing empty columns; an unnamed column is refused only if it holds data (see RowFit).
    if (name === '') return;
    const { spec, wrongUnit } = specOf(raw, lookup);
    // A column the reader reads is read, even where a note or an output column shares its name (优良天数).
    if (!spec && notes.has(name)) return;
    if (wrongUnit !== undefined && spec) {
      log.add({ ...at, code: 'E-COLUMN-UNIT', message: unitFault(raw, spec, wrongUnit), zh: unitFaultZh(raw, spec, wrongUnit) });
      refusedForUnit.add(spec.key);
      return;
    }
    if (!spec) {
      log.addCoded('E-COLUMN-UNKNOWN', () => {
        const guess = closest(name, [...lookup.keys()]);
        const meant = guess ? specs.find((s) => s.names.some((n) => normaliseWholeHeader(n) === guess))!.names[0] : undefined;
        return {
          ...at,
          code: 'E-COLUMN-UNKNOWN',
          message: `unknown column "${raw.trim()}"${meant ? ` (did you mean "${meant}"?)` : ''}; expected one of: ${accepted}; a notes column may be called ${NOTE_COLUMNS.slice(0, 1).concat('备注').join(' or ')}`,
          zh: `无法识别的列“${raw.trim()}”${meant ? `（是否应为“${meant}”？）` : ''}；可用的列：${accepted}；备注列可命名为 ${NOTE_COLUMNS.slice(0, 1).concat('备注').join(' 或 ')}`,
        };
      });
      return;
    }
    const before = columns.get(spec.key);
    if (before !== undefined) {
      log.add({ ...at, code: 'E-COLUMN-TWICE', message: `column "${raw.trim()}" repeats column ${before + 1} ("${header.cells[before]!.trim()}"); each column may appear once`, zh: `列“${raw.trim()}”与第 ${before + 1} 列（“${header.cells[before]!.trim()}”）重复；每一列只能出现一次` });
      return;
    }
    columns.set(spec.key, i);
  });

  for (const spec of specs) {
    if (spec.required && !columns.has(spec.key) && !refusedForUnit.has(spec.key)) {
      log.add({ file, line: header.line, code: 'E-COLUMN-MISSING', message: `missing required column ${spec.names[0]} (${spec.names[1] ?? spec.names[0]})`, zh: `缺少必需的列 ${spec.names[0]}（${spec.names[1] ?? spec.names[0]}）` });
    }
  }
  return { columns, problems: log.problems(), fit: new RowFit(header, file) };
}

/**
 * A row holds a cell for each column the header names, and nothing where the header names no column. A row
 * with more cells lost some (a decimal comma, "85,5", or a comma in an unquoted name splits a cell in two);
 * a row with fewer would have its missing cells read as empty, which for an optional column silently means
 * "not given". Cells past the last named column that are empty (Excel's trailing commas) are no fault.
 */
export class RowFit {
  /** Cells a row must have: up to the last named column. */
  readonly named: number;
  /** Columns without a header between named ones, and the first line that put data in each. */
  private readonly unnamed = new Map<number, number | undefined>();

  constructor(
    private readonly header: CsvRow,
    private readonly file: string,
  ) {
    // Named as mapHeader names columns: a header of only a unit in brackets, "(μg/m³)", names nothing.
    const isNamed = header.cells.map((c) => normaliseHeader(c) !== '');
    this.named = isNamed.lastIndexOf(true) + 1;
    for (let i = 0; i < this.named; i++) if (!isNamed[i]) this.unnamed.set(i, undefined);
  }

  /** Whether a row fits the header; if not, its fault is logged and the row must not be read. */
  check(cells: readonly string[], line: number, log: ProblemLog): boolean {
    if (cells.length < this.named) {
      log.addCoded('E-ROW-SHORT', () => this.short(cells, line));
      return false;
    }
    for (let i = this.named; i < cells.length; i++) {
      const c = cells[i]!;
      if (c === '' || c.trim() === '') continue;
      log.addCoded('E-ROW-EXTRA', () => this.extra(cells, i, line));
      return false;
    }
    if (this.unnamed.size > 0) for (const [i, first] of this.unnamed) if (first === undefined && cells[i]!.trim() !== '') this.unnamed.set(i, line);
    return true;
  }

  private width(cells: readonly string[]): string {
    return `this row has ${cells.length} cell${cells.length === 1 ? '' : 's'} but the header names ${this.named} column${this.named === 1 ? '' : 's'}`;
  }

  private widthZh(cells: readonly string[]): string {
    return `本行有 ${cells.length} 个单元格，而表头有 ${this.named} 列`;
  }

  private short(cells: readonly string[], line: number): Problem {
    const missing = this.header.cells
      .slice(cells.length, this.named)
      .map((c, k) => ({ name: c.trim(), column: cells.length + k + 1 }))
      .filter((_, k) => !this.unnamed.has(cells.length + k));
    const names = missing.slice(0, 3).map((m) => `${m.name} (column ${m.column})`).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
    const namesZh = missing.slice(0, 3).map((m) => `${m.name}（第 ${m.column} 列）`).join('、') + (missing.length > 3 ? ` 等另外 ${missing.length - 3} 列` : '');
    return {
      file: this.file,
      line,
      column: cells.length + 1,
      code: 'E-ROW-SHORT',
      message: `${this.width(cells)}: there is no cell for ${names}, and a missing cell is not taken as empty; if it is meant to be empty, end the row with a comma for each missing cell`,
      zh: `${this.widthZh(cells)}：${namesZh} 没有单元格，缺少的单元格不会当作空值；如果本应为空，请在行末为每个缺少的单元格补一个逗号`,
    };
  }

  private extra(cells: readonly string[], i: number, line: number): Problem {
    const c = cells[i]!;
    return {
      file: this.file,
      line,
      column: i + 1,
      code: 'E-ROW-EXTRA',
      message: `${this.width(cells)}: cell ${i + 1} ("${c.length > 40 ? `${c.slice(0, 40)}…` : c}") is beyond the header and would be dropped; a decimal comma ("85,5" for 85.5) or an unquoted comma inside a cell splits one cell in two: write decimals with a point and put a cell that holds a comma in quotes`,
      zh: `${this.widthZh(cells)}：第 ${i + 1} 个单元格（“${c.length > 40 ? `${c.slice(0, 40)}…` : c}”）超出表头，会被丢弃；小数逗号（把 85.5 写成“85,5”）或单元格内未加引号的逗号会把一个单元格拆成两个：小数请用小数点，含逗号的单元格请加引号`,
    };
  }

  /** Columns without a header that hold data: one fault for each, naming the first line that uses it. */
  unnamedInUse(): Problem[] {
    return [...this.unnamed]
      .filter(([, used]) => used !== undefined)
      .map(([i, used]) => ({ file: this.file, line: this.header.line, column: i + 1, code: 'E-COLUMN-UNNAMED', message: `column ${i + 1} has no header but holds data (line ${used}); name it or delete it`, zh: `第 ${i + 1} 列没有表头却有数据（第 ${used} 行）；请为它命名或删除它` }));
  }
}

/**
 * The column a header names: by its whole text ("县（市、区）"), else by its name with the unit in its trailing
 * bracket set apart — which must then be the column's own unit (`wrongUnit` when it is not).
 */
function specOf<K extends string>(raw: string, lookup: Map<string, ColumnSpec<K>>): { spec?: ColumnSpec<K>; wrongUnit?: string } {
  const whole = lookup.get(normaliseWholeHeader(raw));
  if (whole) return { spec: whole };
  const { name, unit } = splitHeader(raw);
  const spec = lookup.get(name);
  if (!spec) return {};
  return unit === null || isColumnUnit(spec.key, unit) ? { spec } : { spec, wrongUnit: unit };
}

function unitFault(raw: string, spec: ColumnSpec, unit: string): string {
  const units = (HEADER_UNITS as Record<string, readonly string[] | undefined>)[spec.key];
  const expected = units ? `its values must be in ${units[0]} (written ${units.join(', ')})` : 'it takes no unit';
  return `column "${raw.trim()}" (${spec.key}) names the unit "${unit}", which is not its unit: ${expected}; convert the values, or correct the header`;
}

function unitFaultZh(raw: string, spec: ColumnSpec, unit: string): string {
  const units = (HEADER_UNITS as Record<string, readonly string[] | undefined>)[spec.key];
  const expected = units ? `该列数值的单位应为 ${units[0]}（可写作 ${units.join('、')}）` : '该列没有单位';
  return `列 "${raw.trim()}"（${spec.key}）标注的单位 "${unit}" 不是该列的单位：${expected}；请换算数值或更正表头`;
}

/** The accepted header nearest to a misspelt one, if it is near enough to be a typo. */
function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c, name.length);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  // "x" is one edit from "县" (县（市、区） without its bracket): a guess must keep something of the name.
  return bestDistance <= Math.max(1, Math.floor(name.length / 4)) && bestDistance < name.length ? best : undefined;
}

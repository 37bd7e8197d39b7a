/**
 * A table file read row by row: the header mapped to columns, each row checked against the header's width,
 * and every fault collected in bounded memory. Rows are handed on as they are parsed, never all held at once.
 */
import { ProblemsError, type ProblemLog } from '../core/problems.js';
import { eachCsvRecord, emptyFileProblem, isBlank, type CsvRow } from './csv.js';
import { mapHeader, type ColumnMap } from './headers.js';
import { type ColumnSpec } from '../core/vocabulary.js';
import type { SheetTable } from './workbook.js';

/** A table's content: CSV text, or a worksheet already read into rows of cell text (input/workbook.ts). */
export type TableSource = string | SheetTable;

export interface Table<K extends string> {
  header: CsvRow;
  columns: ColumnMap<K>;
  /** The rows that fit the header, as they are parsed; each that does not has its fault logged instead. */
  rows: Iterable<CsvRow>;
  /**
   * After `rows` has run out: false if the text stopped being CSV part way (the fault is logged), so that
   * the rows before it must not be used.
   */
  readonly complete: boolean;
}

/** A row of one filled cell: a title above the table (许昌市2022年10月…), or a merged title; never a header. */
const isTitle = (row: CsvRow) => row.cells.filter((c) => c.trim() !== '').length === 1;

/**
 * Opens `source` as a table of `specs` columns, or logs why it cannot be read (not CSV, empty, a fault in
 * the header) and returns undefined. The header is the first row of more than one filled cell: title rows
 * above it are read past (a table with no such row is read from its first row, whose faults are then told).
 * `refused` sees each row refused for its width, for a reader that still wants what it can tell of it (its
 * month and unit).
 */
export function openTable<K extends string>(
  source: TableSource,
  file: string,
  specs: readonly ColumnSpec<K>[],
  log: ProblemLog,
  refused?: (row: CsvRow) => void,
  readPast: readonly string[] = [],
): Table<K> | undefined {
  const records = (typeof source === 'string' ? eachCsvRecord(source, file) : source.rows)[Symbol.iterator]();
  let header: CsvRow | undefined;
  const titles: CsvRow[] = [];
  try {
    for (let r = records.next(); !r.done; r = records.next()) {
      if (isBlank(r.value.cells)) continue;
      if (isTitle(r.value)) {
        titles.push(r.value);
        continue;
      }
      header = r.value;
      break;
    }
  } catch (e) {
    if (!(e instanceof ProblemsError)) throw e;
    log.addAll(e.problems);
    return undefined;
  }
  // No row of more than one filled cell: the first row is the header after all, the other titles its rows.
  const early = header ? [] : titles.slice(1);
  header ??= titles[0];
  if (!header) {
    log.add(emptyFileProblem(file));
    return undefined;
  }
  const { columns, problems, fit } = mapHeader(header, specs, file, readPast);
  if (problems.length > 0) {
    log.addAll(problems);
    return undefined;
  }
  let complete = false;
  function* rows(): Generator<CsvRow> {
    try {
      for (const row of early) if (fit.check(row.cells, row.line, log)) yield row;
      for (let r = records.next(); !r.done; r = records.next()) {
        const row = r.value;
        if (isBlank(row.cells)) continue;
        if (fit.check(row.cells, row.line, log)) yield row;
        else refused?.(row);
      }
    } catch (e) {
      if (!(e instanceof ProblemsError)) throw e;
      log.addAll(e.problems);
      return;
    }
    log.addAll(fit.unnamedInUse());
    complete = true;
  }
  return {
    header,
    columns,
    rows: rows(),
    get complete() {
      return complete;
    },
  };
}

/**
 * A table file read row by row: the header mapped to columns, each row checked against the header's width,
 * and every fault collected in bounded memory. Rows are handed on as they are parsed, never all held at once.
 */
import { ProblemsError, type ProblemLog } from '../core/problems.js';
import { eachCsvRecord, emptyFileProblem, isBlank, type CsvRow } from './csv.js';
import { mapHeader, type ColumnMap } from './headers.js';
import { type ColumnSpec } from '../core/vocabulary.js';

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

/**
 * Opens `text` as a table of `specs` columns, or logs why it cannot be read (not CSV, empty, a fault in
 * the header) and returns undefined. `refused` sees each row refused for its width, for a reader that still
 * wants what it can tell of it (its month and unit).
 */
export function openTable<K extends string>(
  text: string,
  file: string,
  specs: readonly ColumnSpec<K>[],
  log: ProblemLog,
  refused?: (row: CsvRow) => void,
): Table<K> | undefined {
  const records = eachCsvRecord(text, file)[Symbol.iterator]();
  let header: CsvRow | undefined;
  try {
    for (let r = records.next(); !r.done; r = records.next()) {
      if (isBlank(r.value.cells)) continue;
      header = r.value;
      break;
    }
  } catch (e) {
    if (!(e instanceof ProblemsError)) throw e;
    log.addAll(e.problems);
    return undefined;
  }
  if (!header) {
    log.add(emptyFileProblem(file));
    return undefined;
  }
  const { columns, problems, fit } = mapHeader(header, specs, file);
  if (problems.length > 0) {
    log.addAll(problems);
    return undefined;
  }
  let complete = false;
  function* rows(): Generator<CsvRow> {
    try {
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

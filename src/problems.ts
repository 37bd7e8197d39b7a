/**
 * A fault in something the user gave us (a data file, a schedule, an option). Faults are collected,
 * never thrown one at a time, so a user fixes a file in one pass; any fault means nothing is settled.
 */
export interface Problem {
  /** The file as the user named it ("-" is shown as "<stdin>"), or an option such as "--month". */
  file: string;
  line?: number;
  column?: number;
  /** The column header or schedule key path the fault is in, e.g. "pm25" or "factors[2].bands[1].rate". */
  field?: string;
  /**
   * A stable code for scripts ("E-ROW-EXTRA" for a fault, "W-…" for a warning), the same in every language.
   * Faults found before codes existed have none yet.
   */
  code?: string;
  message: string;
}

export class ProblemsError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ProblemsError';
    this.problems = problems;
  }
}

/** `file:line:column: field: message`, the form editors and terminals turn into links. */
export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.line !== undefined && p.column !== undefined) where += `:${p.column}`;
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** Files in the order they were given, within a file by line and column, faults of the whole file last. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const fileOrder = new Map<string, number>();
  for (const p of problems) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  return [...problems].sort(
    (a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
  );
}

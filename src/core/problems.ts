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
  /** What was wrong and what was expected, in English (`--lang en`). */
  message: string;
  /** The same in Chinese, the default language of the command line; where absent, the English text is shown. */
  zh?: string;
  /**
   * Set only on a tally, which is not itself listed: it stands for this many faults of its kind (its code, or
   * the pattern of its message) that were counted but not kept, beyond the ones listed. See ProblemLog.
   */
  tally?: number;
}

/** How many faults of one kind are listed; the rest of the kind are counted. */
export const LIST_PER_KIND = 100;

/**
 * What makes faults "of a kind": the code, or where there is none the message with its quoted text and
 * numbers left out ("unknown unit "西城区"" and "unknown unit "东区"" are one kind).
 */
export function kindOf(p: Problem): string {
  return p.code ?? p.message.replace(/"[^"]*"/g, '"…"').replace(/\d+(?:[.,]\d+)*/g, '#');
}

interface Kind {
  listed: number;
  unlisted: number;
  /** The first fault of the kind, which names it in the line that counts the rest. */
  first: Problem;
}

/**
 * Collects faults in bounded memory: the first `limit` of each kind are kept to be listed, the others only
 * counted (a broken file can have millions of faults of one kind, and they would fill the memory and the
 * screen). A tally (from another log's `problems()`) adds its count to its kind.
 */
export class ProblemLog {
  readonly listed: Problem[] = [];
  /** Every fault, listed or not. */
  count = 0;
  private readonly kinds = new Map<string, Kind>();
  constructor(readonly limit = LIST_PER_KIND) {}

  add(p: Problem): void {
    const n = p.tally ?? 1;
    this.count += n;
    const key = kindOf(p);
    let kind = this.kinds.get(key);
    if (!kind) this.kinds.set(key, (kind = { listed: 0, unlisted: 0, first: p }));
    if (p.tally === undefined && kind.listed < this.limit) {
      kind.listed++;
      this.listed.push(p);
    } else kind.unlisted += n;
  }

  addAll(problems: Iterable<Problem>): void {
    for (const p of problems) this.add(p);
  }

  /**
   * Adds a fault with a code, describing it (`make`) only if it is to be listed: past the first `limit`
   * (a file of millions of short rows, a header of 300,000 unknown columns) it is only counted.
   */
  addCoded(code: string, make: () => Problem): void {
    const kind = this.kinds.get(code);
    if (kind && kind.listed >= this.limit) {
      this.count++;
      kind.unlisted++;
    } else this.add(make());
  }

  /** The listed faults, then one tally per kind with more, to hand on to another log (or a ProblemsError). */
  problems(): Problem[] {
    const tallies: Problem[] = [];
    for (const { unlisted, first } of this.kinds.values()) {
      if (unlisted > 0) tallies.push({ file: first.file, ...(first.code ? { code: first.code } : {}), message: first.message, ...(first.zh ? { zh: first.zh } : {}), tally: unlisted });
    }
    return [...this.listed, ...tallies];
  }

  /** One line per kind with faults not listed, saying how many. */
  unlistedLines(lang: MessageLang = 'en'): string[] {
    const lines: string[] = [];
    for (const { unlisted, first } of this.kinds.values()) {
      if (unlisted === 0) continue;
      const text = messageIn(first, lang);
      const like = text.length > 100 ? `${text.slice(0, 100)}…` : text;
      const n = unlisted.toLocaleString('en-US');
      lines.push(
        lang === 'zh'
          ? `……另有 ${n} 处${first.code ? ` ${first.code} ` : '同类'}问题（每类只列出前 ${this.limit} 处），例如：${like}`
          : `… and ${n} more ${first.code ? `${first.code} problems` : 'problems'} (only the first ${this.limit} of a kind are listed), like: ${like}`,
      );
    }
    return lines;
  }
}

export class ProblemsError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    // The message is for a debugger: the CLI prints `problems`, however many, through a ProblemLog.
    const shown = problems.filter((p) => p.tally === undefined).slice(0, LIST_PER_KIND);
    const more = problems.reduce((n, p) => n + (p.tally ?? 1), 0) - shown.length;
    super([...shown.map(formatProblem), ...(more > 0 ? [`… and ${more} more`] : [])].join('\n'));
    this.name = 'ProblemsError';
    this.problems = problems;
  }
}

/** The languages of messages: Chinese by default on the command line, English with --lang en or ECOCOMP_LANG=en. */
export type MessageLang = 'zh' | 'en';

/** A fault's text in a language; the English one where no Chinese text was written. */
export function messageIn(p: Problem, lang: MessageLang): string {
  return lang === 'zh' && p.zh !== undefined ? p.zh : p.message;
}

/** `file:line:column: field: message`, the form editors and terminals turn into links (`file.xlsx!Sheet1!F7` in a workbook); in English. */
export function formatProblem(p: Problem): string {
  return formatProblemIn(p, 'en');
}

/** As formatProblem, in a language. */
export function formatProblemIn(p: Problem, lang: MessageLang): string {
  return `${placeOf(p)}: ${p.field ? `${p.field}: ` : ''}${messageIn(p, lang)}`;
}

/** How a worksheet of a workbook is named where its rows are read: `data.xlsx!Sheet1`. */
export function sheetLabel(file: string, sheet: string): string {
  return `${file}!${sheet}`;
}

/** A file name made by sheetLabel for a workbook named as workbooks are (`.xlsx`, `.xlsm`) or read from standard input. */
function isSheetLabel(file: string): boolean {
  return /\.xls[xm]!|^<stdin>!/i.test(file);
}

/** Excel's letters of a 1-based column: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Where something is: `file:line:column` in a text file; in a worksheet as Excel names a cell, `data.xlsx!Sheet1!F7`
 * (a whole row `data.xlsx!Sheet1!7:7`).
 */
export function placeOf(ref: { file: string; line?: number | undefined; column?: number | undefined }): string {
  if (ref.line === undefined) return ref.file;
  if (isSheetLabel(ref.file)) return `${ref.file}!${ref.column !== undefined ? `${columnLetters(ref.column)}${ref.line}` : `${ref.line}:${ref.line}`}`;
  return `${ref.file}:${ref.line}${ref.column !== undefined ? `:${ref.column}` : ''}`;
}

/** Files in the order they were given, within a file by line and column, faults of the whole file last. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const fileOrder = new Map<string, number>();
  for (const p of problems) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  return [...problems].sort(
    (a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/** Where a value was read — a cell of a file — so that a figure can be traced back to it and a fault placed. */
export interface SourceRef {
  file: string;
  line: number;
  column?: number;
}

/**
 * Running worked cases (`ecocomp test`): each case file is read and checked first — a file that is not a case file
 * stops the run before any case is settled, with its key path — then each case is settled through `settle`, as
 * `ecocomp settle` would settle its input, and every expected value is compared exactly.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ProblemsError, formatProblem, type Problem } from '../core/problems.js';
import { SETTLED, compareMonth, refusalText, type CaseMismatch } from '../engine/cases.js';
import type { MonthSettlement } from '../engine/types.js';
import { csvOf, parseCaseText, type CaseEntry, type CsvText } from '../input/case-file.js';
import { decodeText } from '../input/decode.js';
import type { CaseOutcome, CasesRun } from '../output/cases.js';
import { MAX_TABLE_BYTES, TooLarge, fsFault, nodeReader, type FileInput, type NamedBytes, type Reader, readFiles } from './files.js';
import { settle } from './settle.js';

export type { CaseOutcome, CasesRun, CaseMismatch };

export interface RunCasesOptions {
  /** The folder paths are relative to; default the working directory. */
  cwd?: string;
}

const isCaseFile = (name: string) => /\.json$/i.test(name);

/** Folders that hold no cases of the user's: a package's dependencies, and hidden ones (.git). */
const isSkippedFolder = (name: string) => name === 'node_modules' || name.startsWith('.');

/** Every *.json file under a folder, in the order of their paths (not under node_modules or a hidden folder). */
function caseFilesUnder(dir: string, shown: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(shown, entry.name);
      if (entry.isDirectory()) return isSkippedFolder(entry.name) ? [] : caseFilesUnder(join(dir, entry.name), path);
      return isCaseFile(entry.name) && (entry.isFile() || statSync(join(dir, entry.name), { throwIfNoEntry: false })?.isFile()) ? [path] : [];
    });
}

/** A case file to read: named on the command line, or found in a folder (`found`). */
interface CaseSource {
  input: FileInput;
  found: boolean;
}

/** The case files a list of paths names: a file as given, a folder by every *.json file under it. */
function caseFiles(targets: readonly FileInput[], cwd: string, problems: Problem[]): CaseSource[] {
  return targets.flatMap((t): CaseSource[] => {
    if (typeof t !== 'string') return [{ input: t, found: false }];
    try {
      if (!statSync(resolve(cwd, t)).isDirectory()) return [{ input: t, found: false }];
      const found = caseFilesUnder(resolve(cwd, t), t);
      if (found.length === 0) problems.push({ file: t, code: 'E-CASE-NONE', message: 'a folder with no case file (*.json) in it or below it', zh: '文件夹及其子文件夹中没有案例文件（*.json）' });
      return found.map((f) => ({ input: f, found: true }));
    } catch (e) {
      problems.push({ file: t, code: 'E-FILE', ...fsFault(e) });
      return [];
    }
  });
}

/** What a case file gave: its cases, or the faults that keep it from being read. */
interface ReadCaseFile {
  source: CaseSource;
  entries: CaseEntry[];
  problems: Problem[];
}

function readCaseFile(source: CaseSource, cwd: string): ReadCaseFile {
  const { input } = source;
  const name = typeof input === 'string' ? input : input.name;
  const problems: Problem[] = [];
  try {
    const bytes = typeof input === 'string' ? nodeReader.readFile(resolve(cwd, input), MAX_TABLE_BYTES) : input.bytes;
    return { source, entries: parseCaseText(decodeText(bytes, name).text, name), problems };
  } catch (e) {
    if (e instanceof ProblemsError) problems.push(...e.problems);
    else if (e instanceof TooLarge) problems.push({ file: name, code: 'E-FILE', message: `is ${e.size} bytes: a case file is a few kilobytes`, zh: `有 ${e.size} 字节：案例文件只有几 KB` });
    else if ((e as { code?: string }).code) problems.push({ file: name, code: 'E-FILE', ...fsFault(e) });
    else throw e;
    return { source, entries: [], problems };
  }
}

/** Every schedule file the cases name (by path, relative to each case file), as absolute paths. */
function schedulesNamed(read: readonly ReadCaseFile[], cwd: string): Set<string> {
  return new Set(read.flatMap((r) => r.entries.flatMap((e) => (e.spec.options?.rules ?? []).map((rule) => resolve(dirname(resolve(cwd, e.file)), rule)))));
}

/**
 * The cases of every file. A file found in a folder that a case names as its schedule is a schedule, not a case:
 * a bureau keeps its schedule beside its cases. Any other file that is not a case file is a fault.
 */
function readCaseFiles(sources: readonly CaseSource[], cwd: string, problems: Problem[]): CaseEntry[] {
  const read = sources.map((s) => readCaseFile(s, cwd));
  const schedules = schedulesNamed(read, cwd);
  const cases = read.filter((r) => !(r.source.found && typeof r.source.input === 'string' && schedules.has(resolve(cwd, r.source.input))));
  for (const r of cases) problems.push(...r.problems);
  return cases.flatMap((r) => r.entries);
}

/** A schedule file a case names is found relative to the case file, as a table beside it would be. */
function readerBeside(caseFile: string, cwd: string): Reader {
  const dir = dirname(resolve(cwd, caseFile));
  return { readFile: (path, maxBytes) => nodeReader.readFile(resolve(dir, path), maxBytes), exists: (path) => nodeReader.exists(resolve(dir, path)) };
}

/**
 * A table of a case: a CSV file it names (relative to the case file; named in messages by its path from the working
 * folder), or its inline text as a file of its own, named after where it is in the case file (`cases.json#[1].input.data`).
 */
function caseTable(entry: CaseEntry, key: string, text: CsvText | undefined, cwd: string, problems: Problem[]): NamedBytes[] {
  if (text === undefined) return [];
  if (!Array.isArray(text) && typeof text === 'object') {
    const shown = join(dirname(entry.file), text.file);
    const reader: Reader = { readFile: (_, maxBytes) => nodeReader.readFile(resolve(cwd, shown), maxBytes), exists: () => true };
    return readFiles([shown], reader, problems);
  }
  const at = entry.index === null ? `input.${key}` : `[${entry.index}].input.${key}`;
  return [{ name: `${entry.file}#${at}`, bytes: new TextEncoder().encode(csvOf(text)) }];
}

type Settled = { months: MonthSettlement[] } | { refused: readonly Problem[] };

async function settleCase(entry: CaseEntry, cwd: string): Promise<Settled> {
  const { input, options = {} } = entry.spec;
  const problems: Problem[] = [];
  const table = (key: keyof typeof input) => caseTable(entry, key, input[key], cwd, problems);
  const [data, targets, province, baselines] = [table('data'), table('targets'), table('province'), table('baselines')];
  if (problems.length > 0) return { refused: problems };
  try {
    const settled = await settle(
      {
        data,
        targets,
        province,
        baselines,
        provincePayout: options.provincePayout ?? [],
        ...(options.rules ? { rules: options.rules } : {}),
        ...(options.months ? { months: options.months } : {}),
        inMemory: true,
      },
      readerBeside(entry.file, cwd),
    );
    return { months: settled.all().months };
  } catch (e) {
    if (e instanceof ProblemsError) return { refused: e.problems };
    throw e;
  }
}

const codesOf = (problems: readonly Problem[]) => [...new Set(problems.map((p) => p.code ?? '(no code)'))].sort();

/** What a refusal said, in a diff: its codes and its first faults. */
function refusedText(problems: readonly Problem[]): string {
  const shown = problems.slice(0, 3).map(formatProblem);
  return `${refusalText(codesOf(problems))} (${shown.join('; ')}${problems.length > 3 ? `; … ${problems.length - 3} more` : ''})`;
}

/** A case's expectations against what its settlement gave. */
function compareCase(entry: CaseEntry, settled: Settled): { checked: number; mismatches: CaseMismatch[] } {
  const { expect } = entry.spec;
  const whole = (field: string, expected: string, got: string): CaseMismatch => ({ month: null, unit: null, field, expected, got, clause: null });
  if (expect.refusal) {
    const wanted = [...new Set(expect.refusal.codes)].sort();
    if (!('refused' in settled)) return { checked: 1, mismatches: [whole('refusal', refusalText(wanted), SETTLED)] };
    const got = codesOf(settled.refused);
    return { checked: 1, mismatches: got.join() === wanted.join() ? [] : [whole('codes', wanted.join(', '), refusedText(settled.refused))] };
  }
  if ('refused' in settled) return { checked: 1, mismatches: [whole('refusal', SETTLED, refusedText(settled.refused))] };
  const results = Object.entries(expect.months ?? {}).map(([month, e]) => compareMonth(month, e, settled.months.find((m) => m.month === month)));
  return { checked: results.reduce((n, r) => n + r.checked, 0), mismatches: results.flatMap((r) => r.mismatches) };
}

/**
 * Runs the cases in the files and folders named (a folder: every *.json file under it). Every case file is read
 * and checked before any case is run: a fault in one is thrown (ProblemsError: file, key path, what was expected).
 */
export async function runCases(targets: readonly FileInput[], opts: RunCasesOptions = {}): Promise<CasesRun> {
  const cwd = resolve(opts.cwd ?? '');
  const problems: Problem[] = [];
  const entries = readCaseFiles(caseFiles(targets, cwd, problems), cwd, problems);
  if (problems.length > 0) throw new ProblemsError(problems);
  const cases: CaseOutcome[] = [];
  for (const entry of entries) {
    const { checked, mismatches } = compareCase(entry, await settleCase(entry, cwd));
    cases.push({ file: entry.file, index: entry.index, name: entry.spec.name, clauses: entry.spec.clauses, passed: mismatches.length === 0, checked, mismatches });
  }
  const passed = cases.filter((c) => c.passed).length;
  return { cases, passed, failed: cases.length - passed };
}

/**
 * Settling a set of files: the data, the side files of 第五条 and D1, the schedules, the months asked for — read,
 * prepared (every fault found before anything is settled) and settled month by month, each month under the
 * schedule in force for it. What `ecocomp settle`, `explain`, `ledger` and `check` share, and the library's `settle`.
 */
import { VERSION } from '../core/version.js';
import type { RenderMeta } from '../core/meta.js';
import { addMonths, monthsOfOption, type Month } from '../core/month.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import { settleEach } from '../engine/settle.js';
import type { MonthSettlement, Settlement } from '../engine/types.js';
import type { Schedule } from '../schedule/format.js';
import { digest, nodeReader, readFiles, type FileInput, type NamedBytes, type Reader } from './files.js';
import { loadInputs } from './load.js';
import { openWorkbooks } from '../input/load.js';
import { EditBook, parseEdits, type CellEdit } from '../input/edits.js';
import { loadSchedules, scheduleDigest } from './schedules.js';

export interface SettleOptions {
  /** The monthly data files (SPEC.md §3): paths, or names and bytes. */
  data: readonly FileInput[];
  /** Monthly targets of 第五条: month,county,pm25_target,pm10_target,good_days_target. */
  targets?: readonly FileInput[];
  /** The province's verdicts (第五条): month,province_result. */
  province?: readonly FileInput[];
  /** Months the province settled the city as 支偿, as `--province-payout` takes them (`2022-10,2022-11`). */
  provincePayout?: readonly string[];
  /** Group baselines, for a schedule that takes them as supplied (D1). */
  baselines?: readonly FileInput[];
  /** The worksheet to read of each xlsx workbook given (`--sheet`); default the first. */
  sheet?: string;
  /** Schedules: built-in ids (`xuchang-2022`) or schedule files (a path: `./x`, `dir/x`, `x.json`); default the built-in. */
  rules?: readonly string[];
  /**
   * What-if edits of the data (`MONTH:UNIT:FIELD=VALUE`): each cell changed before it is read, so the settlement is
   * that of the edited file. An edit that names no row of the data is refused.
   */
  set?: readonly string[];
  /** Settle only these months (`YYYY-MM`; each value may hold several, comma-separated). */
  months?: readonly string[];
  /** Without `months`: only the months of the data from … to (`YYYY-MM`). */
  from?: string;
  to?: string;
  /**
   * The caller holds every month at once (a table, a notice, a workbook): a settlement larger than
   * IN_MEMORY_UNIT_MONTHS is refused as soon as its rows are read. Without it, months are settled as they are asked for.
   */
  inMemory?: boolean;
  /** Called once with the notes of the preparation, before any month is settled (the CLI prints them first). */
  onNotes?: (notes: readonly string[]) => void;
  /** Called once for each month as it is settled, before the month is handed on (the CLI prints its warnings). */
  onMonth?: (month: MonthSettlement) => void;
}

export interface Settled {
  /** Every month settled, held in memory (only with `inMemory`). */
  all(): Settlement;
  /** The months settled one at a time, in order, for output written as it is made (JSON, CSV). */
  eachMonth(): Iterable<MonthSettlement>;
  /** The schedule of each settled month, in month order. */
  monthSchedules: Schedule[];
  /** Every schedule in use. */
  schedules: Schedule[];
  /** Things the user should know that are not faults (a month read only as last year's values). */
  notices: string[];
  /** The digests of every input and schedule used, and the generator, for footers and archived JSON. */
  meta: RenderMeta;
}

/**
 * The most unit-months a settlement may hold when a format needs all its months at once (the table, the notice,
 * the workbook, the ledger, check): far more than any page or sheet a person reads, and far less than would
 * exhaust memory. JSON and CSV are written month by month and have no such limit.
 */
export const IN_MEMORY_UNIT_MONTHS = 50_000;

/** Problems of the options themselves (months that are not months). */
function monthOptions(opts: SettleOptions, problems: Problem[]): { months: Month[] | null; range?: { from?: Month; to?: Month } } {
  const range: { from?: Month; to?: Month } = {};
  for (const [option, m, key] of [['--from', opts.from, 'from'], ['--to', opts.to, 'to']] as const) {
    if (m === undefined) continue;
    const parsed = monthsOfOption([m], option);
    problems.push(...parsed.problems);
    if (parsed.months[0] !== undefined) range[key] = parsed.months[0];
  }
  const asked = opts.months ? monthsOfOption(opts.months, '--month') : null;
  problems.push(...(asked?.problems ?? []));
  return { months: asked ? asked.months : null, ...(opts.from !== undefined || opts.to !== undefined ? { range } : {}) };
}

/** The files read and checked, nothing settled yet: what `settle` settles and `target` tries values on. */
export interface PreparedFiles {
  prepared: ReturnType<typeof loadInputs>;
  schedules: Schedule[];
  scheduleNotes: string[];
  read: { data: NamedBytes[]; targets: NamedBytes[]; province: NamedBytes[]; baselines: NamedBytes[] };
}

/** Reads and checks every file; every fault is thrown together (ProblemsError). */
export async function prepareFiles(opts: SettleOptions, reader: Reader = nodeReader): Promise<PreparedFiles> {
  const problems: Problem[] = [];
  const { months, range } = monthOptions(opts, problems);
  const { schedules, notices: scheduleNotes } = loadSchedules(opts.rules, reader, problems);
  const data = await openWorkbooks(readFiles(opts.data, reader, problems), opts.sheet, problems);
  const targets = await openWorkbooks(readFiles(opts.targets ?? [], reader, problems), opts.sheet, problems);
  const province = await openWorkbooks(readFiles(opts.province ?? [], reader, problems), opts.sheet, problems);
  const baselines = await openWorkbooks(readFiles(opts.baselines ?? [], reader, problems), opts.sheet, problems);
  const edits = opts.set ? parseEdits(opts.set, schedules) : null;
  problems.push(...(edits?.problems ?? []));
  if (problems.length > 0) throw new ProblemsError(problems);
  const prepared = loadInputs(
    { data, targets, province, baselines, provincePayout: opts.provincePayout ?? [], ...(edits ? { edits: new EditBook(edits.edits) } : {}), months, ...(range ? { range } : {}), ...(opts.inMemory ? { maxUnitMonths: IN_MEMORY_UNIT_MONTHS } : {}) },
    schedules,
  );
  if (edits) {
    const unused = editsOutsideSettlement(edits.edits, prepared.checked.months.map((m) => m.month));
    if (unused.length > 0) throw new ProblemsError(unused);
  }
  return { prepared, schedules, scheduleNotes, read: { data, targets, province, baselines } };
}

/**
 * An edit counts only in a month that is settled, or in the month a year before one (its last-year values): an
 * edit of a month left out by --month would change nothing, and is refused rather than shown as applied.
 */
function editsOutsideSettlement(edits: readonly CellEdit[], settled: readonly Month[]): Problem[] {
  const counts = new Set([...settled, ...settled.map((m) => addMonths(m, -12))]);
  return edits
    .filter((e) => !counts.has(e.month))
    .map((e) => ({
      file: '--set',
      code: 'E-SET-NOT-SETTLED',
      message: `${e.option}: ${e.month} is not settled in this run (nor the last-year values of a month that is), so the edit would change nothing; check the month or --month`,
      zh: `${e.option}：本次不核算 ${e.month}（它也不是所核算月份的去年同期），修改不会改变任何结果；请核对月份或 --month`,
    }));
}

/** Reads, checks and settles; every fault is thrown together (ProblemsError) before any month is settled. */
export async function settle(opts: SettleOptions, reader: Reader = nodeReader): Promise<Settled> {
  const { prepared, schedules, scheduleNotes, read } = await prepareFiles(opts, reader);
  const { data, targets, province, baselines } = read;
  const monthSchedules = prepared.checked.months.map((m) => m.schedule);
  const used = new Set(monthSchedules);
  const meta: RenderMeta = {
    sources: [
      ...digest(data, 'data'),
      ...digest(targets, 'targets'),
      ...digest(province, 'province'),
      ...digest(baselines, 'baselines'),
      ...schedules.filter((s) => used.has(s)).map(scheduleDigest),
    ],
    generator: `ecocomp ${VERSION}`,
  };
  const told = new Set<Month>();
  const eachMonth = function* (): Generator<MonthSettlement> {
    for (const m of settleEach(prepared.checked)) {
      if (!told.has(m.month)) {
        told.add(m.month);
        opts.onMonth?.(m);
      }
      yield m;
    }
  };
  const notices = [...scheduleNotes, ...prepared.notices];
  opts.onNotes?.(notices);
  let all: Settlement | undefined;
  return {
    all() {
      if (!opts.inMemory) throw new Error('internal: all() of a settlement not made to be held in memory');
      all ??= { months: [...eachMonth()] };
      return all;
    },
    eachMonth,
    monthSchedules,
    schedules,
    notices,
    meta,
  };
}

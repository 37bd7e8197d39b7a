/** Reads the data, targets and province files (as bytes) into the engine's input, or every fault found. */
import { append } from '../core/arrays.js';
import { ProblemsError, sortProblems, type Problem } from '../core/problems.js';
import { citation, type Schedule } from '../schedule/format.js';
import { assemble, type Assembled } from './assemble.js';
import { readBaselinesTable } from './baselines.js';
import type { SuppliedBaseline } from '../engine/types.js';
import { decodeText } from './decode.js';
import { readMonthlyTable, type MonthlyRow, type RowKey } from './monthly.js';
import { parsePayoutOption, readProvinceTable, type ProvinceEntry } from './province.js';
import { readTargetsTable, type TargetRow } from './targets.js';

export interface NamedBytes {
  /** As the user named it; "<stdin>" for standard input. */
  name: string;
  bytes: Uint8Array;
}

export interface LoadRequest {
  data: readonly NamedBytes[];
  targets?: readonly NamedBytes[];
  province?: readonly NamedBytes[];
  baselines?: readonly NamedBytes[];
  provincePayout?: readonly string[];
  months?: readonly string[] | null;
  range?: { from?: string; to?: string };
}

/** Runs a reader, turning a thrown file-level fault (undecodable, not CSV) into collected problems. */
function collect<T>(problems: Problem[], read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof ProblemsError) {
      append(problems, e.problems);
      return undefined;
    }
    throw e;
  }
}

/**
 * Supplied baselines (D1's alternative) are read only by a schedule whose baselineStatistic is "supplied": under
 * schedules that compute them, a baselines file would be listed as a source of a settlement it took no part in.
 */
function unusedBaselineFiles(files: readonly NamedBytes[], schedules: readonly Schedule[]): Problem[] {
  if (schedules.some((s) => s.computation.baselineStatistic.value === 'supplied')) return [];
  const computing = schedules.map((s) => `${s.id} computes them as the mean of each group's members (${citation(s.computation.baselineStatistic.ref)})`).join('; ');
  return files.map((f) => ({
    file: f.name,
    code: 'E-BASELINES-UNUSED',
    message: `--baselines gives group baselines, but no schedule in use takes supplied baselines: ${computing}. Leave out --baselines, or give --rules a schedule whose baselineStatistic is "supplied"`,
  }));
}

export function loadInputs(req: LoadRequest, scheduleOrSet: Schedule | readonly Schedule[]): Assembled {
  const schedules = Array.isArray(scheduleOrSet) ? (scheduleOrSet as readonly Schedule[]) : [scheduleOrSet as Schedule];
  const problems: Problem[] = [];
  const rows: MonthlyRow[] = [];
  const keys: RowKey[] = [];
  let unidentified = 0;
  for (const f of req.data) {
    const table = collect(problems, () => readMonthlyTable(decodeText(f.bytes, f.name).text, f.name, schedules));
    if (!table) {
      unidentified++;
      continue;
    }
    append(rows, table.rows);
    append(keys, table.keys);
    unidentified += table.unidentified;
    append(problems, table.problems);
  }
  /** The items of every file of one kind, their faults added to the others. */
  const readEach = <T>(files: readonly NamedBytes[] | undefined, read: (text: string, name: string) => { items: T[]; problems: Problem[] }): T[] => {
    const items: T[] = [];
    for (const f of files ?? []) {
      const r = collect(problems, () => read(decodeText(f.bytes, f.name).text, f.name));
      if (r) {
        append(items, r.items);
        append(problems, r.problems);
      }
    }
    return items;
  };
  const targets: TargetRow[] = readEach(req.targets, (text, name) => {
    const r = readTargetsTable(text, name, schedules);
    return { items: r.rows, problems: r.problems };
  });
  const option = parsePayoutOption(req.provincePayout ?? []);
  append(problems, option.problems);
  const province: ProvinceEntry[] = [
    ...option.entries,
    ...readEach(req.province, (text, name) => {
      const r = readProvinceTable(text, name);
      return { items: r.entries, problems: r.problems };
    }),
  ];
  const unused = unusedBaselineFiles(req.baselines ?? [], schedules);
  append(problems, unused);
  const baselines: SuppliedBaseline[] = unused.length > 0 ? [] : readEach(req.baselines, (text, name) => {
    const r = readBaselinesTable(text, name, schedules);
    return { items: r.baselines, problems: r.problems };
  });
  if (problems.length > 0 && rows.length === 0 && keys.length === 0) throw new ProblemsError(problems);
  const assembled = assemble({ rows, keys, unidentified, targets, province, baselines, months: req.months ?? null, ...(req.range ? { range: req.range } : {}) }, schedules);
  const all = [...problems, ...assembled.problems];
  if (all.length > 0) throw new ProblemsError(sortProblems(all));
  return assembled;
}

/** Reads the data, targets, province and baselines files (as bytes) into typed rows, with every fault found. */
import { append } from '../core/arrays.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import type { MonthlyRow, ProvinceEntry, ReadData, RowKey, SuppliedBaseline, TargetRow } from '../core/rows.js';
import type { Schedule } from '../schedule/format.js';
import { cite } from '../schedule/reference.js';
import { readBaselinesTable } from './baselines.js';
import { decodeText } from './decode.js';
import { readMonthlyTable } from './monthly.js';
import { parsePayoutOption, readProvinceTable } from './province.js';
import { readTargetsTable } from './targets.js';
import type { EditBook } from './edits.js';
import { unitNameIn } from '../schedule/set.js';

export interface NamedBytes {
  /** As the user named it; "<stdin>" for standard input. */
  name: string;
  bytes: Uint8Array;
}

export interface ReadRequest {
  data: readonly NamedBytes[];
  targets?: readonly NamedBytes[];
  province?: readonly NamedBytes[];
  baselines?: readonly NamedBytes[];
  provincePayout?: readonly string[];
  /** whatif's --set: cells of the data changed before they are read. */
  edits?: EditBook;
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
  const computing = schedules.map((s) => `${s.id} computes them as the mean of each group's members (${cite(s.computation.baselineStatistic.ref)})`).join('; ');
  return files.map((f) => ({
    file: f.name,
    code: 'E-BASELINES-UNUSED',
    message: `--baselines gives group baselines, but no schedule in use takes supplied baselines: ${computing}. Leave out --baselines, or give --rules a schedule whose baselineStatistic is "supplied"`,
  }));
}

/** Every file of a settlement read into rows; the faults of all of them in `problems`. */
export function readData(req: ReadRequest, schedules: readonly Schedule[]): ReadData {
  const problems: Problem[] = [];
  const rows: MonthlyRow[] = [];
  const keys: RowKey[] = [];
  let unidentified = 0;
  for (const f of req.data) {
    const table = collect(problems, () => readMonthlyTable(decodeText(f.bytes, f.name).text, f.name, schedules, req.edits));
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
  if (req.edits) append(problems, req.edits.unused((id, month) => unitNameIn(schedules, id, month)));
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
  const baselines: SuppliedBaseline[] =
    unused.length > 0
      ? []
      : readEach(req.baselines, (text, name) => {
          const r = readBaselinesTable(text, name, schedules);
          return { items: r.baselines, problems: r.problems };
        });
  return { rows, keys, unidentified, targets, province, baselines, problems };
}

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
import type { TableSource } from './table.js';
import { readTargetsTable } from './targets.js';
import { isWorkbook, readWorksheet, type SheetTable } from './workbook.js';
import type { EditBook } from './edits.js';
import { unitNameIn } from '../schedule/set.js';

export interface NamedBytes {
  /** As the user named it; "<stdin>" for standard input. */
  name: string;
  bytes: Uint8Array;
  /** A workbook's worksheet, already read into rows (openWorkbooks): the table is read from it, not from `bytes`. */
  sheet?: SheetTable;
}

/** The text (CSV) or rows (a worksheet) of a file, and the name its faults are placed in (`data.xlsx!Sheet1`). */
function sourceOf(f: NamedBytes): { source: TableSource; file: string } {
  return f.sheet ? { source: f.sheet, file: f.sheet.label } : { source: decodeText(f.bytes, f.name).text, file: f.name };
}

/**
 * Each workbook among `files` with its worksheet read (`sheet` by name, else the first), so that the tables can
 * then be read as CSV is; the others as they were. exceljs is loaded only when there is a workbook. A workbook
 * that cannot be read is a problem and is left out.
 */
export async function openWorkbooks(files: readonly NamedBytes[], sheet: string | undefined, problems: Problem[]): Promise<NamedBytes[]> {
  const out: NamedBytes[] = [];
  for (const f of files) {
    if (!isWorkbook(f.bytes) || f.sheet) {
      out.push(f);
      continue;
    }
    try {
      out.push({ ...f, sheet: await readWorksheet(f.bytes, f.name, sheet) });
    } catch (e) {
      if (!(e instanceof ProblemsError)) throw e;
      append(problems, e.problems);
    }
  }
  return out;
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
  const computingZh = schedules.map((s) => `${s.id} 按各组成员的平均值计算（${cite(s.computation.baselineStatistic.ref)}）`).join('；');
  return files.map((f) => ({
    file: f.name,
    code: 'E-BASELINES-UNUSED',
    message: `--baselines gives group baselines, but no schedule in use takes supplied baselines: ${computing}. Leave out --baselines, or give --rules a schedule whose baselineStatistic is "supplied"`,
    zh: `--baselines 给出了各组考核基数，但所用规则都不采用给定的基数：${computingZh}。请去掉 --baselines，或用 --rules 指定 baselineStatistic 为 "supplied" 的规则`,
  }));
}

/** Faults that mean a worksheet holds no table of the kind read: the first worksheet may be the wrong one. */
const NO_TABLE = new Set(['E-COLUMN-MISSING', 'E-COLUMN-UNKNOWN', 'E-EMPTY']);

/** The faults of a file, and for a first worksheet without the table a word on the workbook's other worksheets. */
function withSheetHint(f: NamedBytes, problems: readonly Problem[]): readonly Problem[] {
  const others = f.sheet?.otherSheets ?? [];
  if (others.length === 0 || !problems.some((p) => p.code !== undefined && NO_TABLE.has(p.code))) return problems;
  const names = others.map((n) => `"${n}"`).join(', ');
  return [
    ...problems,
    {
      file: f.sheet!.label,
      code: 'E-SHEET-NO-TABLE',
      message: `the first worksheet was read; the workbook also has ${names}: name the one that holds the table with --sheet NAME`,
      zh: `读取的是第一个工作表；工作簿中还有 ${names}：请用 --sheet 名称 指定存放数据表的工作表`,
    },
  ];
}

/** Every file of a settlement read into rows; the faults of all of them in `problems`. */
export function readData(req: ReadRequest, schedules: readonly Schedule[]): ReadData {
  const problems: Problem[] = [];
  const rows: MonthlyRow[] = [];
  const keys: RowKey[] = [];
  let unidentified = 0;
  const verdicts: ProvinceEntry[] = [];
  for (const f of req.data) {
    const table = collect(problems, () => {
      const { source, file } = sourceOf(f);
      return readMonthlyTable(source, file, schedules, req.edits);
    });
    if (!table) {
      unidentified++;
      continue;
    }
    append(rows, table.rows);
    append(keys, table.keys);
    append(verdicts, table.province);
    unidentified += table.unidentified;
    append(problems, withSheetHint(f, table.problems));
  }
  /** The items of every file of one kind, their faults added to the others. */
  const readEach = <T>(files: readonly NamedBytes[] | undefined, read: (text: TableSource, name: string) => { items: T[]; problems: Problem[] }): T[] => {
    const items: T[] = [];
    for (const f of files ?? []) {
      const r = collect(problems, () => {
        const { source, file } = sourceOf(f);
        return read(source, file);
      });
      if (r) {
        append(items, r.items);
        append(problems, withSheetHint(f, r.problems));
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
    ...verdicts,
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

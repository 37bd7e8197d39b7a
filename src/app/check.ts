/**
 * Finance's settlement sheet against the settlement recomputed from the data: every number the sheet gives,
 * compared exactly (engine/compare.ts), and what it gives that could not be placed.
 */
import { refuseProvisional } from './options.js';
import type { RenderMeta } from '../core/meta.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import { compareSheet, type Comparison } from '../engine/compare.js';
import type { Settlement } from '../engine/types.js';
import { readSheet, type Sheet } from '../input/sheet.js';
import { nodeReader, readFiles, type FileInput, type Reader } from './files.js';
import { settle, type SettleOptions } from './settle.js';

export interface Checked {
  comparison: Comparison;
  /** The sheet as read, with the numbers it gives that were not compared. */
  sheet: Sheet;
  settlement: Settlement;
  notices: string[];
  meta: RenderMeta;
}

export async function check(sheetFile: FileInput, opts: Omit<SettleOptions, 'inMemory'> & { allowProvisional?: boolean }, reader: Reader = nodeReader): Promise<Checked> {
  const settled = await settle({ ...opts, inMemory: true }, reader);
  const settlement = settled.all();
  refuseProvisional(settlement.months, opts.allowProvisional, 'check');
  const problems: Problem[] = [];
  const [read] = readFiles([sheetFile], reader, problems);
  if (!read) throw new ProblemsError(problems);
  const sheet = await readSheet(read.bytes, read.name, settled.schedules);
  return { comparison: compareSheet(settlement, sheet), sheet, settlement, notices: settled.notices, meta: settled.meta };
}

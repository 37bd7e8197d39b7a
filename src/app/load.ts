/** A settlement's files read and prepared: rows from the readers, decided on by the engine's prepare step. */
import type { Month } from '../core/month.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import type { Schedule } from '../schedule/format.js';
import { prepare, type Prepared } from '../engine/prepare.js';
import { readData, type ReadRequest } from '../input/load.js';

export type { NamedBytes } from '../input/load.js';

export interface LoadRequest extends ReadRequest {
  /** Settle only these months (--month); null or absent: every month the data allows. */
  months?: readonly Month[] | null;
  /** Without `months`: settle only the months of the data within this range (--from/--to). */
  range?: { from?: Month; to?: Month };
  /**
   * The most unit-months the caller can hold at once (a format that needs every month in memory): more rows are
   * refused as soon as they are read, before anything is prepared.
   */
  maxUnitMonths?: number;
}

/** Reads and prepares; every fault of the files and of their content is thrown together (ProblemsError). */
export function loadInputs(req: LoadRequest, scheduleOrSet: Schedule | readonly Schedule[]): Prepared {
  const schedules = Array.isArray(scheduleOrSet) ? (scheduleOrSet as readonly Schedule[]) : [scheduleOrSet as Schedule];
  const read = readData(req, schedules);
  if (req.maxUnitMonths !== undefined && read.keys.length > req.maxUnitMonths) throw new ProblemsError([tooLargeToHold(read.keys.length, req.maxUnitMonths)]);
  return prepare(read, schedules, { months: req.months ?? null, ...(req.range ? { range: req.range } : {}) });
}

function tooLargeToHold(rows: number, max: number): Problem {
  return {
    file: '--format',
    code: 'E-TOO-LARGE-FOR-FORMAT',
    message: `the data hold ${rows.toLocaleString('en-US')} unit-months, more than the ${max.toLocaleString('en-US')} this output holds at once; write --format json or csv (settle), which stream, or choose months with --month (--from/--to)`,
    zh: `数据共有 ${rows.toLocaleString('en-US')} 个单位月，超过此输出格式一次能容纳的 ${max.toLocaleString('en-US')} 个；请改用流式输出的 --format json 或 csv（settle），或用 --month（--from/--to）选择月份`,
  };
}

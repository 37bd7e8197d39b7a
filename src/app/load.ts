/** A settlement's files read and prepared: rows from the readers, decided on by the engine's prepare step. */
import type { Month } from '../core/month.js';
import type { Schedule } from '../schedule/format.js';
import { prepare, type Prepared } from '../engine/prepare.js';
import { readData, type ReadRequest } from '../input/load.js';

export type { NamedBytes } from '../input/load.js';

export interface LoadRequest extends ReadRequest {
  /** Settle only these months (--month); null or absent: every month the data allows. */
  months?: readonly Month[] | null;
  /** Without `months`: settle only the months of the data within this range (--from/--to). */
  range?: { from?: Month; to?: Month };
}

/** Reads and prepares; every fault of the files and of their content is thrown together (ProblemsError). */
export function loadInputs(req: LoadRequest, scheduleOrSet: Schedule | readonly Schedule[]): Prepared {
  const schedules = Array.isArray(scheduleOrSet) ? (scheduleOrSet as readonly Schedule[]) : [scheduleOrSet as Schedule];
  const read = readData(req, schedules);
  return prepare(read, schedules, { months: req.months ?? null, ...(req.range ? { range: req.range } : {}) });
}

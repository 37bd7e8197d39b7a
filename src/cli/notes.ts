/** What a command tells the user on standard error besides its faults: notes, and each month's warnings. */
import { reportNote } from './report.js';
import { noteZh } from '../core/notes.js';
import type { MonthSettlement } from '../engine/types.js';
import { warningLines } from '../output/warnings.js';
import type { CliIo } from './io.js';

export function printNotes(io: CliIo, notes: readonly string[]): void {
  for (const n of notes) reportNote(io, 'note', { en: n, zh: noteZh(n) });
}

/** A month's warnings (implausible values that settle as given), once, as the month is settled. */
export function printWarnings(io: CliIo): (m: MonthSettlement) => void {
  return (m) => {
    for (const w of warningLines(m)) reportNote(io, 'warning', w);
  };
}

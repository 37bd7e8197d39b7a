/** The ledger: every month of the data side by side, with each year's running totals (第八条's fund included). */
import type { RenderMeta } from '../core/meta.js';
import { ledger as ledgerOf, type LedgerYear } from '../engine/ledger.js';
import { nodeReader, type Reader } from './files.js';
import { settle, type SettleOptions } from './settle.js';
import { refuseProvisional } from './options.js';

export interface Ledger {
  years: LedgerYear[];
  /** The city of the schedule, for titles. */
  city: string;
  notices: string[];
  meta: RenderMeta;
}

export async function ledger(opts: Omit<SettleOptions, 'inMemory'> & { allowProvisional?: boolean }, reader: Reader = nodeReader): Promise<Ledger> {
  const settled = await settle({ ...opts, inMemory: true }, reader);
  const { months } = settled.all();
  refuseProvisional(months, opts.allowProvisional, 'the ledger');
  return { years: ledgerOf({ months }), city: months[0]?.schedule.city ?? '', notices: settled.notices, meta: settled.meta };
}

/** What the published notices (HTML, Markdown) show of a month, independent of the medium. */
import { plain } from '../core/decimal.js';
import type { CountySettlement, MonthSettlement } from '../engine/types.js';
import { MEASURES } from '../schedule/measures.js';
import type { Schedule } from '../schedule/format.js';
import type { Dec } from '../core/decimal.js';
import type { FactorId } from '../core/factors.js';

/** Units by net, best first; equal nets share a rank (1, 2, 2, 4). */
export function rankedCounties(m: MonthSettlement): { rank: number; county: CountySettlement }[] {
  const sorted = [...m.counties].sort((a, b) => b.net.comparedTo(a.net));
  return sorted.map((county) => ({ rank: sorted.findIndex((c) => c.net.eq(county.net)) + 1, county }));
}

/** A value or baseline at the precision the schedule computes it (a rate of 2.0 shows as 2.0). */
export function valueText(schedule: Schedule, id: FactorId, x: Dec, baseline = false): string {
  const c = schedule.computation;
  const kind = MEASURES[id].kind;
  const decimals = kind === 'rate' ? c.rateDecimals.value : kind === 'concentration' ? c.concentrationDecimals.value : baseline ? c.goodDaysBaselineDecimals.value : 0;
  return x.toFixed(decimals);
}

export const CANCEL_WORDS = { target: '未完成当月目标，奖励取消', province: '省级核算为支偿，奖励取消' } as const;

export function amountTitle(f: CountySettlement['factors'][number]): string {
  return f.cancelled ? `${CANCEL_WORDS[f.cancelled]}（原 ${plain(f.bandAmount)}）` : '';
}

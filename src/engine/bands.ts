import { Dec, ZERO, sum } from '../core/decimal.js';
import type { Dec as Decimal } from '../core/decimal.js';
import type { Scale } from '../schedule/format.js';
import type { BandPiece } from './types.js';

/**
 * The tiered amount of a gap's magnitude: marginal bands, so "超过…的部分" (the part beyond a limit)
 * is charged at the higher rate and the part below it at the lower (第四条（一）至（五）).
 * The scale is the factor's deduction or reward scale, whichever side the gap is on (第四条, clause 1 or 2 of each item).
 * A magnitude below the scale's minimum is not charged at all (D6).
 */
export function tierAmount(scale: Scale, magnitude: Decimal): { pieces: BandPiece[]; amount: Decimal; belowMinimum: boolean } {
  if (magnitude.isNeg()) throw new Error('tierAmount takes the magnitude of a gap');
  if (magnitude.isZero()) return { pieces: [], amount: ZERO, belowMinimum: false };
  if (magnitude.lt(scale.minimumGap.value)) return { pieces: [], amount: ZERO, belowMinimum: true };
  const pieces: BandPiece[] = [];
  let from: Decimal = new Dec(0);
  for (const band of scale.bands) {
    const to = band.upTo === null ? magnitude : Dec.min(magnitude, band.upTo);
    const quantity = to.minus(from);
    if (quantity.gt(0)) {
      pieces.push({ from, to: band.upTo, quantity, rate: band.rate, amount: quantity.times(band.rate), ref: band.ref });
    }
    if (band.upTo === null || magnitude.lte(band.upTo)) break;
    from = band.upTo;
  }
  return { pieces, amount: sum(pieces.map((p) => p.amount)), belowMinimum: false };
}

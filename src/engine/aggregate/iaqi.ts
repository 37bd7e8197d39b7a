/**
 * IAQI = (IAQI_hi − IAQI_lo) / (BP_hi − BP_lo) × (C − BP_lo) + IAQI_lo, rounded up to an integer
 * (HJ 633, as practitioners implement it). Computed in integers: C is given as an integer count of
 * 10^-decimals units, so the ceiling is exact (no float near a breakpoint can tip a day from good to not).
 */
import { AQI_POLLUTANTS, GOOD_DAY_MAX_AQI, type AqiPollutant, type AqiStandard, type IaqiTable } from '../../schedule/aqi.js';

/** A concentration as an exact scaled integer: value = units / 10^decimals. */
export interface Scaled {
  units: number;
  decimals: number;
}

export function iaqi(table: IaqiTable, c: Scaled): number {
  const scale = 10 ** c.decimals;
  const bps = table.breakpoints;
  const top = bps.length - 1;
  if (c.units >= bps[top]! * scale) return table.iaqi[top]!; // beyond the table: the highest index
  let i = 0;
  while (i < top - 1 && c.units > bps[i + 1]! * scale) i++;
  const [bpLo, bpHi, iLo, iHi] = [bps[i]! * scale, bps[i + 1]! * scale, table.iaqi[i]!, table.iaqi[i + 1]!];
  const numerator = (iHi - iLo) * (c.units - bpLo) + iLo * (bpHi - bpLo);
  const denominator = bpHi - bpLo;
  // Integers far below 2^26: the correctly rounded quotient of an exact multiple is that integer, and a
  // non-multiple lies at least 1/denominator from the next integer, so the ceiling is exact.
  return Math.ceil(numerator / denominator);
}

export type DayConcentrations = Partial<Record<AqiPollutant, Scaled>>;

export interface DayAqi {
  aqi: number;
  /** The pollutants with the highest IAQI when the AQI is above 50 (首要污染物). */
  primary: AqiPollutant[];
  good: boolean;
}

/**
 * The AQI of a day, or null when it cannot be rated: every pollutant the standard rates must have a valid
 * daily value (O3 by its 8-h value; under HJ 633-2012 the 1-h value counts too where given, and replaces an
 * 8-h value above 800).
 */
export function dayAqi(standard: AqiStandard, c: DayConcentrations): DayAqi | null {
  // Each pollutant's IAQI (NaN: not scored), then the highest; no list is built for a day that is rated once.
  const scores = SCORES;
  let aqi = -Infinity;
  for (let k = 0; k < AQI_POLLUTANTS.length; k++) {
    scores[k] = NaN;
    const p = AQI_POLLUTANTS[k]!;
    const table = standard.tables[p];
    const value = c[p];
    if (table === null) continue;
    if (p === 'o3_1h') {
      if (value) scores[k] = iaqi(table, value);
    } else if (!value) {
      if (p === 'o3_8h' && c.o3_1h && standard.tables.o3_1h) continue; // rated by the 1-h value
      return null;
    } else if (p === 'o3_8h' && standard.o3_8hLimit !== null && value.units > standard.o3_8hLimit * 10 ** value.decimals) {
      if (!c.o3_1h || !standard.tables.o3_1h) return null;
    } else scores[k] = iaqi(table, value);
    if (scores[k]! > aqi) aqi = scores[k]!;
  }
  const primary: AqiPollutant[] = [];
  if (aqi > 50) for (let k = 0; k < AQI_POLLUTANTS.length; k++) if (scores[k] === aqi) primary.push(AQI_POLLUTANTS[k]!);
  return { aqi, primary, good: aqi <= GOOD_DAY_MAX_AQI };
}

/** Scratch for dayAqi's scores (the function is synchronous and does not re-enter). */
const SCORES = new Float64Array(AQI_POLLUTANTS.length);

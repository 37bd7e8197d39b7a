import type { Schedule } from './format.js';
import { targetIndicator } from './gates.js';
import type { FactorId, Indicator } from '../core/factors.js';
import { Dec } from '../core/decimal.js';

/**
 * The highest monthly concentration (μg/m³) a table may hold: far above any measured in a Chinese city, low enough to
 * catch a value in the wrong unit. The readers refuse more; target tries no more.
 */
export const PLAUSIBLE_MAX = new Dec(1000);

/**
 * What each factor id measures. This is the meaning of the factor names of Art. 3, not a rule
 * the schedule can change: a concentration is worse when above its baseline (第四条（一）（三）
 * "高于考核基数…扣款"), an improvement rate and good days are worse when below it
 * (第四条（二）（四） "低于考核基数…扣款", 第四条（五） "减少…扣款").
 */
export type Measure =
  | { kind: 'concentration'; pollutant: 'pm25' | 'pm10'; worseWhen: 'above' }
  | { kind: 'rate'; pollutant: 'pm25' | 'pm10'; worseWhen: 'below' }
  | { kind: 'goodDays'; worseWhen: 'below' };

export const MEASURES: Readonly<Record<FactorId, Measure>> = {
  pm25: { kind: 'concentration', pollutant: 'pm25', worseWhen: 'above' },
  pm25Rate: { kind: 'rate', pollutant: 'pm25', worseWhen: 'below' },
  pm10: { kind: 'concentration', pollutant: 'pm10', worseWhen: 'above' },
  pm10Rate: { kind: 'rate', pollutant: 'pm10', worseWhen: 'below' },
  goodDays: { kind: 'goodDays', worseWhen: 'below' },
};

/** Art. 5: a concentration target is met at or below it, a good-days target at or above it. */
export const TARGET_MET_WHEN: Readonly<Record<Indicator, 'at-most' | 'at-least'>> = {
  pm25: 'at-most',
  pm10: 'at-most',
  goodDays: 'at-least',
};

export type Pollutant = 'pm25' | 'pm10';

/** The monthly inputs a schedule needs: a concentration, good days, or last year's value only if a factor or gate uses it. */
export interface NeededInputs {
  pm25: boolean;
  pm10: boolean;
  goodDays: boolean;
  lastYear: Record<Pollutant, boolean>;
}

export function neededInputs(schedule: Schedule): NeededInputs {
  const needs: NeededInputs = { pm25: false, pm10: false, goodDays: false, lastYear: { pm25: false, pm10: false } };
  for (const f of schedule.factors) {
    const m = MEASURES[f.id];
    if (m.kind === 'goodDays') needs.goodDays = true;
    else needs[m.pollutant] = true;
    if (m.kind === 'rate') needs.lastYear[m.pollutant] = true;
    const indicator = targetIndicator(schedule, f.id);
    if (indicator !== null) needs[indicator] = true;
  }
  return needs;
}

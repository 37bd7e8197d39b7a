/**
 * The five factors of 第三条 — PM2.5 and PM10 monthly means, their year-on-year improvement rates, good days — and
 * the three indicators a monthly target of 第五条 can be given for. Fixed by the regulation's wording, shared by
 * every layer; what each factor measures is in schedule/measures.ts, how each is settled in a schedule.
 */
export const FACTOR_IDS = ['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays'] as const;
export type FactorId = (typeof FACTOR_IDS)[number];

/** Indicators a unit can be given a monthly target for (Art. 5). */
export const INDICATORS = ['pm25', 'pm10', 'goodDays'] as const;
export type Indicator = (typeof INDICATORS)[number];

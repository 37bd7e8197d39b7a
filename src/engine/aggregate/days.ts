/**
 * From station data to unit-months (pure; fed row by row so that a large export streams):
 * hours → station-days (24-h means, O3 8-h windows), station-days → unit-days (mean over the unit's
 * stations with a valid value), unit-days → AQI and good days (HJ 633-2012/2026, chosen per day),
 * unit-days → unit-months (monthly means with the data-validity minimum of GB 3095-2012, applied by
 * HJ 663-2013). Every value is an exact scaled integer.
 */
import { daysInMonth, monthOf } from '../../core/month.js';
import { dayAqi, type Scaled } from './iaqi.js';
import { AQI_POLLUTANTS, DAILY_DECIMALS, RAW_DECIMALS, VALIDITY, standardForDay, type AqiPollutant, type HourlyPollutant } from '../../schedule/aqi.js';
import { meanRounded } from './scaled.js';

const MEAN_24H = ['pm25', 'pm10', 'so2', 'no2', 'co'] as const;

/** A station's day as daily values at the published precision (missing where not valid). */
export type DailyValues = Partial<Record<AqiPollutant, Scaled>>;

/** A station-day from hourly data: its daily values, and whether a daily maximum 8-h O3 was dropped as not valid. */
export interface StationDay {
  values: DailyValues;
  o3_8hDropped: boolean;
}

/** The pollutants of a 24-h mean, in this order in the sums and counts of a station-day. */
export const MEAN_POLLUTANTS = MEAN_24H;

/**
 * Daily values of a station-day from what its hours leave behind: for each 24-h pollutant the sum and count of its
 * valid hours (raw thousandths; MEAN_24H order, from `at5`), and the O3 of each hour (NaN: missing; from `at24`).
 * 24-h means with ≥ 20 hours; O3 1-h the highest hour; O3 8-h the highest window with ≥ 6 hours, when 14 windows
 * are valid or it is above 160 μg/m³ (HJ 663-2013). Sums of integers are exact, so the order of the hours is no matter.
 */
export function summarizeHours(sums: ArrayLike<number>, counts: ArrayLike<number>, at5: number, o3: ArrayLike<number>, at24: number): StationDay {
  const values: DailyValues = {};
  for (let k = 0; k < MEAN_24H.length; k++) {
    const p = MEAN_24H[k]!;
    const n = counts[at5 + k]!;
    if (n >= VALIDITY.hoursPerDay) values[p] = { units: meanRounded(sums[at5 + k]!, n, RAW_DECIMALS, DAILY_DECIMALS[p]), decimals: DAILY_DECIMALS[p] };
  }
  let max = -1;
  for (let h = 0; h < 24; h++) if (o3[at24 + h]! > max) max = o3[at24 + h]!;
  if (max >= 0) values.o3_1h = { units: meanRounded(max, 1, RAW_DECIMALS, 0), decimals: 0 };
  const o3_8h = o3Max8h(o3, at24);
  if (o3_8h.value !== undefined) values.o3_8h = o3_8h.value;
  return { values, o3_8hDropped: o3_8h.dropped };
}

/**
 * The daily maximum 8-h O3: the highest window with ≥ 6 hours, windows within the natural day (00–07 …
 * 16–23, HJ 663-2013), means compared as exact fractions. With fewer than 14 valid windows it stands only
 * above 160 μg/m³ (see VALIDITY.o3_8hDay); otherwise it is dropped.
 */
function o3Max8h(o3: ArrayLike<number>, at: number): { value?: Scaled; dropped: boolean } {
  const rule = VALIDITY.o3_8hDay;
  let best: [number, number] | undefined;
  let valid = 0;
  for (let start = 0; start < rule.windows; start++) {
    let sum = 0;
    let n = 0;
    for (let h = start; h < start + 8; h++) {
      const v = o3[at + h]!;
      if (v !== v) continue; // NaN: missing
      sum += v;
      n++;
    }
    if (n < VALIDITY.hoursPerWindow) continue;
    valid++;
    if (best === undefined || sum * best[1] > best[0] * n) best = [sum, n];
  }
  if (!best) return { dropped: false };
  const value: Scaled = { units: meanRounded(best[0], best[1], RAW_DECIMALS, DAILY_DECIMALS.o3_8h), decimals: DAILY_DECIMALS.o3_8h };
  if (valid >= rule.validWindows || value.units > rule.keptAbove * 10 ** value.decimals) return { value, dropped: false };
  return { dropped: true };
}

/** The 24 hours of one station-day, in raw thousandths, given one at a time. */
export class HourlyDay {
  private readonly sums = new Float64Array(MEAN_24H.length);
  private readonly counts = new Uint8Array(MEAN_24H.length);
  private readonly o3 = new Float64Array(24).fill(NaN);
  private seen = 0;

  constructor(readonly day: string) {}

  /** false when the hour was already given. */
  add(hour: number, values: Partial<Record<HourlyPollutant, number | null>>): boolean {
    if (this.seen & (1 << hour)) return false;
    this.seen |= 1 << hour;
    MEAN_24H.forEach((p, k) => {
      const v = values[p];
      if (v === null || v === undefined) return;
      this.sums[k] = this.sums[k]! + v;
      this.counts[k] = this.counts[k]! + 1;
    });
    if (values.o3 !== null && values.o3 !== undefined) this.o3[hour] = values.o3;
    return true;
  }

  /** Daily values (see summarizeHours). */
  daily(): DailyValues {
    return this.summary().values;
  }

  /** The daily values, and whether the O3 8-h value was dropped by the 14-window rule. */
  summary(): StationDay {
    return summarizeHours(this.sums, this.counts, 0, this.o3, 0);
  }
}

/** Daily values given in a daily export (raw thousandths), rounded to the published precision. */
export function dailyFromExport(values: Partial<Record<AqiPollutant, number | null>>): DailyValues {
  const out: DailyValues = {};
  for (const [p, v] of Object.entries(values) as [AqiPollutant, number | null | undefined][]) {
    if (v !== null && v !== undefined) out[p] = { units: meanRounded(v, 1, RAW_DECIMALS, DAILY_DECIMALS[p]), decimals: DAILY_DECIMALS[p] };
  }
  return out;
}

interface UnitDay {
  /** Sum and count of the station values of each pollutant, AQI_POLLUTANTS order. */
  sums: number[];
  counts: number[];
  stations: number;
  o3_8hDropped: number;
}

export interface UnitMonth {
  unitId: string;
  month: string;
  /** Monthly means (whole μg/m³), null when there are too few valid days. */
  pm25: number | null;
  pm10: number | null;
  goodDays: number;
  /** Days with a valid value: PM2.5, PM10, and days that could be rated (AQI). */
  validDays: { pm25: number; pm10: number; aqi: number };
  daysInData: number;
  daysNeeded: number;
  valid: boolean;
  /** The AQI standards the days were rated under. */
  standards: string[];
  /** Station-days whose daily maximum 8-h O3 was dropped for too few valid windows (VALIDITY.o3_8hDay). */
  o3_8hDropped: number;
  /** The current, incomplete month (aggregate --provisional): the days counted end on `through`. */
  provisional?: { through: string };
}

/** Accumulates station-days into unit-days, and unit-days into unit-months. */
export class UnitAggregator {
  /** unit → day → its unit-day. */
  private readonly unitDays = new Map<string, Map<string, UnitDay>>();

  addStationDay(unitId: string, day: string, values: DailyValues, o3_8hDropped = false): void {
    let days = this.unitDays.get(unitId);
    if (!days) this.unitDays.set(unitId, (days = new Map()));
    let ud = days.get(day);
    if (!ud) days.set(day, (ud = { sums: AQI_POLLUTANTS.map(() => 0), counts: AQI_POLLUTANTS.map(() => 0), stations: 0, o3_8hDropped: 0 }));
    ud.stations++;
    if (o3_8hDropped) ud.o3_8hDropped++;
    for (let k = 0; k < AQI_POLLUTANTS.length; k++) {
      const v = values[AQI_POLLUTANTS[k]!];
      if (v === undefined) continue;
      ud.sums[k] = ud.sums[k]! + v.units;
      ud.counts[k] = ud.counts[k]! + 1;
    }
  }

  /** The unit-day means (mean over stations with a valid value, rounded to the published precision). */
  static unitDayValues(ud: UnitDay): DailyValues {
    const out: DailyValues = {};
    for (let k = 0; k < AQI_POLLUTANTS.length; k++) {
      const p = AQI_POLLUTANTS[k]!;
      const n = ud.counts[k]!;
      if (n > 0) out[p] = { units: meanRounded(ud.sums[k]!, n, DAILY_DECIMALS[p], DAILY_DECIMALS[p]), decimals: DAILY_DECIMALS[p] };
    }
    return out;
  }

  /**
   * Every unit-month. With `provisional`, that month is the current, incomplete one: it counts the days up to
   * `through`, and the validity rule is applied to the days elapsed (provisionalDaysNeeded).
   */
  months(provisional?: ProvisionalMonth): UnitMonth[] {
    const out: UnitMonth[] = [];
    for (const [unitId, days] of this.unitDays) {
      const byMonth = new Map<string, [string, UnitDay][]>();
      for (const entry of days) {
        const month = monthOf(entry[0]);
        const list = byMonth.get(month);
        if (list) list.push(entry);
        else byMonth.set(month, [entry]);
      }
      for (const [month, entries] of byMonth) {
        const isProvisional = provisional?.month === month;
        const needed = isProvisional ? provisionalDaysNeeded(month, dayOfMonth(provisional.through)) : VALIDITY.daysPerMonth(month);
        const m = summarise(unitId, month, entries, needed);
        out.push(isProvisional ? { ...m, provisional: { through: provisional.through } } : m);
      }
    }
    return out.sort((a, b) => a.month.localeCompare(b.month) || a.unitId.localeCompare(b.unitId));
  }

  /** The units with data. */
  unitIds(): string[] {
    return [...this.unitDays.keys()];
  }

  /**
   * The latest day with a valid PM2.5 or PM10 value for some unit, or null when there is none: a last day whose hours
   * stop before a valid 24-h mean is not a day the month-to-date figures reach.
   */
  lastDay(unitId?: string): string | null {
    const pm = [AQI_POLLUTANTS.indexOf('pm25'), AQI_POLLUTANTS.indexOf('pm10')];
    let last: string | null = null;
    for (const [id, days] of this.unitDays) {
      if (unitId !== undefined && id !== unitId) continue;
      for (const [day, ud] of days) if ((last === null || day > last) && pm.some((k) => ud.counts[k]! > 0)) last = day;
    }
    return last;
  }

  /**
   * A unit's month over its first `lastDay` days only, under the rule for those days: last year's figure for a
   * month-to-date rate, taken over the same days of last year (decisions: provisional). Null without any such day.
   */
  monthToDay(unitId: string, month: string, lastDay: number): UnitMonth | null {
    const entries = [...(this.unitDays.get(unitId) ?? [])].filter(([day]) => monthOf(day) === month && dayOfMonth(day) <= lastDay);
    if (entries.length === 0) return null;
    return summarise(unitId, month, entries, provisionalDaysNeeded(month, lastDay));
  }
}

/** The current, incomplete month of `aggregate --provisional`, with the last day the data reach. */
export interface ProvisionalMonth {
  month: string;
  through: string;
}

const dayOfMonth = (day: string) => Number(day.slice(8, 10));

/**
 * The validity rule applied to the days elapsed: a full month may miss (days of the month − days needed) days
 * (31 − 27 = 4 in October), and so may the days so far — 15 days elapsed need 11 valid ones. At least one.
 */
export function provisionalDaysNeeded(month: string, daysElapsed: number): number {
  const allowed = daysInMonth(month) - VALIDITY.daysPerMonth(month);
  return Math.max(1, daysElapsed - allowed);
}

function summarise(unitId: string, month: string, entries: readonly (readonly [string, UnitDay])[], needed: number): UnitMonth {
  const m = { pm25: [0, 0] as [number, number], pm10: [0, 0] as [number, number], aqi: 0, good: 0, days: 0, standards: new Set<string>(), o3_8hDropped: 0 };
  for (const [day, ud] of entries) {
    m.days++;
    m.o3_8hDropped += ud.o3_8hDropped;
    const v = UnitAggregator.unitDayValues(ud);
    if (v.pm25) m.pm25 = [m.pm25[0] + v.pm25.units, m.pm25[1] + 1];
    if (v.pm10) m.pm10 = [m.pm10[0] + v.pm10.units, m.pm10[1] + 1];
    const standard = standardForDay(day);
    const rating = dayAqi(standard, v);
    if (rating) {
      m.aqi++;
      m.standards.add(standard.id);
      if (rating.good) m.good++;
    }
  }
  const mean = ([sum, n]: [number, number]) => (n >= needed ? meanRounded(sum, n, 0, 0) : null);
  const pm25 = mean(m.pm25);
  const pm10 = mean(m.pm10);
  return {
    unitId,
    month,
    pm25,
    pm10,
    goodDays: m.good,
    validDays: { pm25: m.pm25[1], pm10: m.pm10[1], aqi: m.aqi },
    daysInData: m.days,
    daysNeeded: needed,
    valid: pm25 !== null && pm10 !== null,
    standards: [...m.standards].sort(),
    o3_8hDropped: m.o3_8hDropped,
  };
}

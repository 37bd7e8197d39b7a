/**
 * The air-quality index tables of HJ 633, as data. Each table cites its standard. Concentrations are in
 * μg/m³ except CO (mg/m³). A day's AQI is the maximum of its pollutants' IAQI; a day is good (优良) when
 * its AQI is at most 100. Days before 2026-03-01 are rated under HJ 633-2012, days from then under
 * HJ 633-2026 (in force with GB 3095-2026), which changed only the particulate rows.
 */
export const AQI_POLLUTANTS = ['so2', 'no2', 'pm10', 'co', 'o3_1h', 'o3_8h', 'pm25'] as const;
export type AqiPollutant = (typeof AQI_POLLUTANTS)[number];

export interface IaqiTable {
  /** Concentration breakpoints BP_lo…BP_hi, paired with IAQI below. */
  breakpoints: readonly number[];
  iaqi: readonly number[];
  ref: string;
}

export interface AqiStandard {
  id: string;
  /** First day rated under this standard (inclusive), or null. */
  from: string | null;
  /** Last day rated under it (inclusive), or null. */
  until: string | null;
  tables: Readonly<Record<AqiPollutant, IaqiTable | null>>;
  /** O3 8-h values above this are not given an IAQI (the 1-h value is used instead). */
  o3_8hLimit: number | null;
  ref: string;
}

const IAQI = [0, 50, 100, 150, 200, 300, 400, 500] as const;

const HJ_633_2012: AqiStandard = {
  id: 'HJ 633-2012',
  from: null,
  until: '2026-02-28',
  tables: {
    so2: { breakpoints: [0, 50, 150, 475, 800, 1600, 2100, 2620], iaqi: IAQI, ref: 'HJ 633-2012 表1: SO2 24小时平均' },
    no2: { breakpoints: [0, 40, 80, 180, 280, 565, 750, 940], iaqi: IAQI, ref: 'HJ 633-2012 表1: NO2 24小时平均' },
    pm10: { breakpoints: [0, 50, 150, 250, 350, 420, 500, 600], iaqi: IAQI, ref: 'HJ 633-2012 表1: PM10 24小时平均' },
    co: { breakpoints: [0, 2, 4, 14, 24, 36, 48, 60], iaqi: IAQI, ref: 'HJ 633-2012 表1: CO 24小时平均 (mg/m³)' },
    o3_1h: { breakpoints: [0, 160, 200, 300, 400, 800, 1000, 1200], iaqi: IAQI, ref: 'HJ 633-2012 表1: O3 1小时平均' },
    o3_8h: { breakpoints: [0, 100, 160, 215, 265, 800], iaqi: [0, 50, 100, 150, 200, 300], ref: 'HJ 633-2012 表1: O3 8小时滑动平均' },
    pm25: { breakpoints: [0, 35, 75, 115, 150, 250, 350, 500], iaqi: IAQI, ref: 'HJ 633-2012 表1: PM2.5 24小时平均' },
  },
  o3_8hLimit: 800,
  ref: 'HJ 633-2012 环境空气质量指数（AQI）技术规定（试行）; the daily AQI takes both O3 rows where both are available',
};

const HJ_633_2026: AqiStandard = {
  ...HJ_633_2012,
  id: 'HJ 633-2026',
  from: '2026-03-01',
  until: null,
  tables: {
    ...HJ_633_2012.tables,
    // The 2026 revision rates the day's O3 by the 8-h value only (practitioners' reading).
    o3_1h: null,
    pm10: { breakpoints: [0, 50, 120, 250, 350, 420, 500, 600], iaqi: IAQI, ref: 'HJ 633-2026: PM10 24小时平均 (良 up to 120)' },
    pm25: { breakpoints: [0, 35, 60, 115, 150, 250, 350, 500], iaqi: IAQI, ref: 'HJ 633-2026: PM2.5 24小时平均 (良 up to 60)' },
  },
  ref: 'HJ 633-2026, in force with GB 3095-2026 from 2026-03-01; only the particulate rows changed',
};

export const AQI_STANDARDS: readonly AqiStandard[] = [HJ_633_2012, HJ_633_2026];

/** The standard a day is rated under (`YYYY-MM-DD`). */
export function standardForDay(day: string): AqiStandard {
  const s = AQI_STANDARDS.find((x) => (x.from === null || day >= x.from) && (x.until === null || day <= x.until));
  if (!s) throw new Error(`no AQI standard covers ${day}`);
  return s;
}

/** A good day (优良天) has an AQI of at most 100 (HJ 633: 优 0–50, 良 51–100). */
export const GOOD_DAY_MAX_AQI = 100;

/** Raw concentrations are read with at most this many decimals, as exact scaled integers (thousandths). */
export const RAW_DECIMALS = 3;
export const RAW_SCALE = 10 ** RAW_DECIMALS;


/** Published precision of daily values: whole μg/m³, CO (mg/m³) to one decimal. */
export const DAILY_DECIMALS: Readonly<Record<AqiPollutant, number>> = { so2: 0, no2: 0, pm10: 0, co: 1, o3_1h: 0, o3_8h: 0, pm25: 0 };

export const VALIDITY = {
  /** A 24-h mean needs at least 20 hourly values (GB 3095-2012 表4). */
  hoursPerDay: 20,
  /** An 8-h mean needs at least 6 hourly values. */
  hoursPerWindow: 6,
  /** The daily maximum 8-h O3 of an hourly station-day. */
  o3_8hDay: {
    /** The day's 8-h windows, within the natural day: those starting 00:00 … 16:00 (ending 08:00 … 24:00). */
    windows: 17,
    /** The daily maximum needs at least this many valid windows… */
    validWindows: 14,
    /**
     * …unless, with fewer, it exceeds this limit (μg/m³, grade II 8-h limit of GB 3095-2012): more data could
     * only raise a maximum, so a value already above the limit stands. Compared at the published precision.
     */
    keptAbove: 160,
    ref: 'HJ 663-2013 数据统计要求: O3 日最大8小时平均 needs 14 valid 8-h means of the day, or a value above the GB 3095-2012 表1 二级 limit (160 μg/m³)',
  },
  /** A monthly mean needs at least 27 daily values, 25 in February. */
  daysPerMonth: (month: string) => (month.endsWith('-02') ? 25 : 27),
  ref: 'GB 3095-2012 表4 数据统计的有效性规定, applied by HJ 663-2013',
} as const;

export type HourlyPollutant = 'pm25' | 'pm10' | 'so2' | 'no2' | 'co' | 'o3';
export const HOURLY_POLLUTANTS: readonly HourlyPollutant[] = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3'];

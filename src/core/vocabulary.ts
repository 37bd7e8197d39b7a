/**
 * The header vocabulary: every column name ecocomp accepts, English first and then Chinese, for every table it
 * reads — monthly data (SPEC.md §3), targets, provincial results, supplied baselines, stations, raw monitoring
 * exports and finance's settlement sheets. One table, used by every reader, so that a column is called the same
 * wherever it appears (the county column once had four lists that had drifted apart).
 */

export const HEADER_NAMES = {
  month: ['month', '月份'],
  county: ['county', 'unit', '区县', '县（市、区）', '县市区', '单位', '单位名称'],
  pm25: ['pm25', 'PM2.5'],
  pm10: ['pm10', 'PM10'],
  pm25_last_year: ['pm25_last_year', '去年同期PM2.5', '去年同期PM25', 'PM2.5去年同期'],
  pm10_last_year: ['pm10_last_year', '去年同期PM10', 'PM10去年同期'],
  good_days: ['good_days', '优良天数'],
  pm25_target: ['pm25_target', 'PM2.5目标', 'PM25目标'],
  pm10_target: ['pm10_target', 'PM10目标'],
  good_days_target: ['good_days_target', '优良天数目标'],
  // Supplied baselines (D1): a row per month and group.
  group: ['group', '组别', '分组'],
  pm25_rate: ['pm25_rate', 'PM2.5同比改善率', 'PM2.5改善率'],
  pm10_rate: ['pm10_rate', 'PM10同比改善率', 'PM10改善率'],
  // The province's verdict (第五条).
  province_result: ['province_result', '省级核算结果', '省级结果', 'result', '结果'],
  // Raw monitoring exports (第六条) and the stations file of `aggregate`.
  station: ['station', '站点', '站点名称', '监测点位', '点位名称', '测点名称'],
  date: ['date', '日期'],
  time: ['time', '时间', '监测时间', '日期时间'],
  so2: ['so2', 'SO2', 'SO₂'],
  no2: ['no2', 'NO2', 'NO₂'],
  co: ['co', 'CO'],
  o3: ['o3', 'O3', '臭氧'],
  o3_8h: ['o3_8h', 'O3-8h', 'O3_8h', 'O3 8小时', '臭氧8小时', 'O3-8H'],
  o3_1h: ['o3_1h', 'O3-1h', 'O3_1h', 'O3 1小时', '臭氧1小时', 'O3-1H'],
  // A settlement sheet's totals (check).
  net: ['net', '净额', '合计', '净额合计'],
  deductions: ['deductions', '扣款', '扣款合计'],
  rewards: ['rewards', '奖励', '补偿', '奖励合计'],
} as const satisfies Record<string, readonly string[]>;

export type HeaderKey = keyof typeof HEADER_NAMES;

/** Columns analysts add for their own notes; they are read past, not refused. */
export const NOTE_COLUMNS = ['note', 'notes', 'remark', 'remarks', 'comment', 'comments', '备注', '说明'] as const;

/**
 * Headers are compared case-insensitively and ignoring spaces, "_" and "-", after Unicode NFKC
 * (so full-width "（" and subscript "₂" match), and without a trailing unit in brackets:
 * "PM2.5（μg/m³）" is the PM2.5 column.
 */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\s+|\s+$/g, '')
    .replace(/\s*\([^()]*\)$/, '')
    .replace(/[\s_\-]+/g, '');
}

/** A reader's column: which header key, whether the table must have it. */
export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Accepted headers, English first; compared after `normaliseHeader`. */
  names: readonly string[];
  required: boolean;
}

/** A reader's columns from the vocabulary: `{ month: true, pm25: false }` → the specs, in that order. */
export function columnsOf<K extends HeaderKey>(required: Readonly<Record<K, boolean>>): ColumnSpec<K>[] {
  return (Object.keys(required) as K[]).map((key) => ({ key, names: HEADER_NAMES[key], required: required[key] }));
}

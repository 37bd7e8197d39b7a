/**
 * The header vocabulary: every column name ecocomp accepts, English first and then Chinese, for every table it
 * reads — monthly data (SPEC.md §3), targets, provincial results, supplied baselines, stations, raw monitoring
 * exports and finance's settlement sheets. One table, used by every reader, so that a column is called the same
 * wherever it appears (the county column once had four lists that had drifted apart).
 */

/** How people head a pollutant's monthly mean: `PM2.5`, `PM2.5浓度`, `PM2.5月均浓度`, `PM2.5月均值`, `PM2.5平均浓度`. */
const meanNames = (...pollutant: string[]) => pollutant.flatMap((p) => [p, `${p}浓度`, `${p}月均浓度`, `${p}月均值`, `${p}平均浓度`]);
/** Last year's mean: `去年同期PM2.5`, `上年同期PM2.5`, `PM2.5去年同期`, `PM2.5 last year`, each also with 浓度/月均浓度. */
const lastYearNames = (...pollutant: string[]) =>
  pollutant.flatMap((p) => [
    ...['去年同期', '上年同期'].flatMap((when) => [`${when}${p}`, `${when}${p}浓度`, `${when}${p}月均浓度`, `${p}${when}`, `${p}${when}浓度`, `${p}${when}月均浓度`]),
    `${p} last year`,
  ]);
const targetNames = (...indicator: string[]) => indicator.flatMap((p) => [`${p}目标`, `${p}目标值`, `${p}考核目标`, `${p} target`]);

export const HEADER_NAMES = {
  month: ['month', '月份', '年月', '考核月份', '统计月份'],
  county: ['county', 'unit', '区县', '县区', '县（市、区）', '县（市、区）名称', '县市区', '县（市）', '县', '单位', '单位名称', '考核单位'],
  pm25: ['pm25', ...meanNames('PM2.5', 'PM25')],
  pm10: ['pm10', ...meanNames('PM10')],
  pm25_last_year: ['pm25_last_year', ...lastYearNames('PM2.5', 'PM25')],
  pm10_last_year: ['pm10_last_year', ...lastYearNames('PM10')],
  good_days: ['good_days', '优良天数', 'good days', '空气质量优良天数'],
  pm25_target: ['pm25_target', ...targetNames('PM2.5', 'PM25')],
  pm10_target: ['pm10_target', ...targetNames('PM10')],
  good_days_target: ['good_days_target', ...targetNames('优良天数'), 'good days target'],
  // A month-to-date row (aggregate --provisional): the last day its figures reach, and last year's.
  provisional_through: ['provisional_through', '预估截至', '数据截至'],
  last_year_through: ['last_year_through', '去年同期截至'],
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

const MICROGRAMS = ['μg/m³', 'ug/m3', 'μg/m3', 'µg/m³', '微克/立方米', '微克每立方米'];
const DAYS = ['天', '日', 'd', 'day', 'days'];
const TEN_THOUSAND_YUAN = ['万元'];
const PERCENT = ['%', '百分比'];

/**
 * The unit a column's values are in, as a header may name it in brackets (`PM2.5（μg/m³）`, `优良天数（天）`): a
 * bracket naming another unit (`PM2.5(mg/m3)`) is refused, never read as if it were this one. Columns not listed
 * take no unit.
 */
export const HEADER_UNITS: Partial<Record<HeaderKey, readonly string[]>> = {
  pm25: MICROGRAMS,
  pm10: MICROGRAMS,
  pm25_last_year: MICROGRAMS,
  pm10_last_year: MICROGRAMS,
  pm25_target: MICROGRAMS,
  pm10_target: MICROGRAMS,
  so2: MICROGRAMS,
  no2: MICROGRAMS,
  o3: MICROGRAMS,
  o3_8h: MICROGRAMS,
  o3_1h: MICROGRAMS,
  co: ['mg/m³', 'mg/m3', '毫克/立方米', '毫克每立方米'],
  good_days: DAYS,
  good_days_target: DAYS,
  pm25_rate: PERCENT,
  pm10_rate: PERCENT,
  net: TEN_THOUSAND_YUAN,
  deductions: TEN_THOUSAND_YUAN,
  rewards: TEN_THOUSAND_YUAN,
};

export type HeaderKey = keyof typeof HEADER_NAMES;

/** Columns analysts add for their own notes; they are read past, not refused. */
export const NOTE_COLUMNS = ['note', 'notes', 'remark', 'remarks', 'comment', 'comments', '备注', '说明'] as const;

/**
 * Columns ecocomp writes beside a table's inputs (the workbook's 输入 sheet): the unit's id, which repeats its
 * name, and the file and line a row was read from. Read past, so that what ecocomp writes can be read back.
 */
export const ECHO_COLUMNS = ['unit_id', '单位编号', 'source', '来源'] as const;

/**
 * Headers are compared case-insensitively and ignoring spaces, "_" and "-", after Unicode NFKC (so full-width
 * "（" and subscript "₂" match), and without a trailing bracket: "PM2.5（μg/m³）" is the PM2.5 column. Readers
 * that take a column's unit from its bracket use `splitHeader`.
 */
export function normaliseHeader(h: string): string {
  return splitHeader(h).name;
}

/** A header as compared (see normaliseHeader), whole: "县（市、区）" is "县(市、区)". */
export function normaliseWholeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\s+|\s+$/g, '')
    .replace(/[\s_\-]+/g, '');
}

/** A header's name and the unit in a trailing bracket, both as compared: "PM2.5 (μg/m³)" → pm2.5, μg/m3. */
export function splitHeader(h: string): { name: string; unit: string | null } {
  const whole = h.normalize('NFKC').replace(/^\s+|\s+$/g, '');
  const m = /^(.*?)\s*\(([^()]*)\)$/.exec(whole);
  return { name: normaliseWholeHeader(m ? m[1]! : whole), unit: m ? normaliseUnit(m[2]!) : null };
}

/** A unit as compared: NFKC (µ and ³ become μ and 3), lower case, without spaces; "^3" and "³" alike. */
export function normaliseUnit(unit: string): string {
  return unit.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(/\^3$/, '3');
}

/** Whether a bracket's unit is the unit of the column: the column's own unit, never another. */
export function isColumnUnit(key: string, unit: string): boolean {
  const units = (HEADER_UNITS as Record<string, readonly string[] | undefined>)[key];
  return units !== undefined && units.some((u) => normaliseUnit(u) === unit);
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

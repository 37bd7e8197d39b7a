/** What the published notices (HTML, Markdown) show of a month, independent of the medium. */
import { plain } from '../core/decimal.js';
import type { CountySettlement, MonthSettlement } from '../engine/types.js';
import { MEASURES } from '../schedule/measures.js';
import type { Schedule } from '../schedule/format.js';
import type { Dec } from '../core/decimal.js';
import type { FactorId } from '../core/factors.js';
import type { SourceDigest } from '../core/meta.js';

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

/**
 * What the bureau gives a notice to publish it (第七条): who issues it, the day, the document number, the title,
 * and whether the SHA-256 of the inputs is appended. Each detail not given is shown as a 草稿 placeholder, never
 * made up; the title defaults to the one made from the city and month.
 */
export interface NoticeDetails {
  issuer?: string;
  /** YYYY-MM-DD, a real calendar day (checked where it is read). */
  date?: string;
  docNo?: string;
  title?: string;
  appendix?: boolean;
}

/** The details that make a notice publishable, with the words of their placeholders and their options. */
export const REQUIRED_DETAILS = [
  { key: 'issuer', words: '发布机关', option: '--issuer' },
  { key: 'docNo', words: '文号', option: '--doc-no' },
  { key: 'date', words: '成文日期', option: '--date' },
] as const;

export type RequiredDetail = (typeof REQUIRED_DETAILS)[number]['key'];

/** A visible placeholder for a detail not given: the page says what is missing rather than inventing it. */
export function placeholder(key: RequiredDetail): string {
  return `〔草稿：${REQUIRED_DETAILS.find((d) => d.key === key)!.words}待填写〕`;
}

/** The details not given; a notice missing any of them is a draft. */
export function missingDetails(d: NoticeDetails): (typeof REQUIRED_DETAILS)[number][] {
  return REQUIRED_DETAILS.filter((x) => d[x.key] === undefined);
}

/** The banner of a draft: what is missing and how to give it. */
export function draftWords(d: NoticeDetails): string | null {
  const missing = missingDetails(d);
  if (missing.length === 0) return null;
  return `草稿：未填写${missing.map((x) => x.words).join('、')}（${missing.map((x) => x.option).join('、')}），本页不可作为正式通报发布。`;
}

/** 2022-11-05 → 2022年11月5日, as a Chinese official document dates itself. */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export const detailText = (d: NoticeDetails, key: RequiredDetail): string => (key === 'date' ? (d.date ? chineseDate(d.date) : placeholder('date')) : (d[key] ?? placeholder(key)));

/** A file as the published page names it: without the folders of the machine that made it. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

export const ROLE_WORDS = { data: '数据', targets: '目标', province: '省级结果', baselines: '考核基数', schedule: '规则', sheet: '核对表' } as const;

/**
 * A source as the appendix shows it: its role in Chinese and its file name; a built-in schedule, which has no file,
 * by its title and document (its internal id is no name for a reader).
 */
export function publishedSource(source: SourceDigest, schedules: readonly Schedule[]): { role: string; file: string } {
  const builtin = source.role === 'schedule' ? schedules.find((s) => source.file === `built-in ${s.id}`) : undefined;
  return { role: ROLE_WORDS[source.role], file: builtin ? `《${builtin.title}》（${builtin.document}）内置规则` : baseName(source.file) };
}

/** The schedules of a settlement's months, each once. */
export function schedulesOf(months: readonly { schedule: Schedule }[]): Schedule[] {
  return [...new Set(months.map((m) => m.schedule))];
}

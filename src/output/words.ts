/**
 * The sentences of a settlement notice, in Chinese, shared by the terminal table, the HTML and the Markdown
 * notice. They return raw text; each renderer escapes it for its medium.
 */
import { plain, sum } from '../core/decimal.js';
import type { Dec } from '../core/decimal.js';
import type { MonthSettlement } from '../engine/types.js';
import { firstTargetGate, provinceGateOf } from '../schedule/gates.js';
import { cite, type Reference } from '../schedule/reference.js';

export function chineseMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** "+20", "-139.5", "0": the sign says reward or deduction without colour. */
export function signed(x: Dec): string {
  return x.gt(0) ? `+${plain(x)}` : plain(x);
}

export function noticeTitle(m: MonthSettlement): string {
  return `${m.schedule.city}${chineseMonth(m.month)}城市环境空气质量生态补偿核算结果${m.provisional ? '（预估）' : ''}`;
}

/** "2023年10月15日" */
export function chineseDay(day: string): string {
  return `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** The sentence every format carries for a month-to-date standing, so that it can never be taken for a settlement. */
export function provisionalSentence(m: MonthSettlement): string {
  const p = m.provisional;
  if (!p) return '';
  const lastYear = p.lastYearThrough ? `，去年同期按截至${chineseDay(p.lastYearThrough)}的数据` : '';
  return `预估：数据截至${chineseDay(p.through)}${lastYear}，不是正式核算结果`;
}

export function basisLine(m: MonthSettlement): string {
  const s = m.schedule;
  return `依据《${s.title}》（${s.document}），规则 ${s.id}；金额单位：${s.amountUnit.value}`;
}

export function provinceLine(m: MonthSettlement): string {
  const provisional = m.provisional ? `；${provisionalSentence(m)}` : '';
  return `${verdictLine(m)}${provisional}`;
}

function verdictLine(m: MonthSettlement): string {
  const s = m.schedule;
  if (m.provinceSource === null) return '省级核算结果：未提供，按非支偿处理';
  if (!m.provincePayout) return `省级核算结果：得补（${m.provinceSource}）`;
  const gate = provinceGateOf(s);
  const every = gate !== undefined && s.factors.every((f) => gate.factors.includes(f.id));
  const cancels = gate === undefined ? '' : `——本月各单位${every ? '' : `${s.factors.filter((f) => gate.factors.includes(f.id)).map((f) => f.name).join('、')}的`}奖励资金均取消（${cite(gate.ref)}）`;
  return `省级核算结果：支偿（${m.provinceSource}）${cancels}`;
}

/** Art. 8: where the balance goes. */
export function fundClause(m: MonthSettlement): string {
  const t = m.totals;
  const unit = m.schedule.amountUnit.value;
  const clause = cite(m.schedule.fund.ref);
  if (t.surplus.gt(0)) return `结余 ${plain(t.surplus)} ${unit}纳入全市环境污染防治专项资金（${clause}）`;
  if (t.shortfall.gt(0)) return `缺口 ${plain(t.shortfall)} ${unit}由市财政统筹安排（${clause}）`;
  return `扣收与奖励相抵，无结余、无缺口（${clause}）`;
}

export function fundSentence(m: MonthSettlement): string {
  const unit = m.schedule.amountUnit.value;
  return `全市扣款 ${plain(m.totals.deductions)} ${unit}，奖励 ${plain(m.totals.rewards)} ${unit}；${fundClause(m)}`;
}

const INDICATOR_NAME = { pm25: 'PM2.5', pm10: 'PM10', goodDays: '优良天数' } as const;

/** Art. 5: every cancelled reward in words (a heading and a line per case), or null. */
export function cancellations(m: MonthSettlement): { heading: string; lines: string[] } | null {
  const s = m.schedule;
  const cancelled = m.counties.flatMap((c) => c.factors.filter((f) => f.cancelled).map((f) => ({ c, f })));
  if (cancelled.length === 0) return null;
  const first = cancelled[0]!.f;
  const lines: string[] = [];
  if (m.provincePayout) {
    const withheld = sum(cancelled.map((x) => x.f.bandAmount));
    lines.push(`省级核算为支偿，本月 ${cancelled.length} 项奖励共 ${plain(withheld)} ${s.amountUnit.value}不予核算`);
  }
  for (const { c, f } of cancelled.filter((x) => x.f.cancelled === 'target')) {
    const t = f.targetCheck!;
    const cmp = t.indicator === 'goodDays' ? `${plain(t.actual)} 天，目标 ${plain(t.target!)} 天` : `${plain(t.actual)}，目标 ${plain(t.target!)}`;
    lines.push(`${c.unit.name} ${f.factor.name} 奖励 ${signed(f.bandAmount)} 取消：未完成当月${INDICATOR_NAME[t.indicator]}目标（实际 ${cmp}）`);
  }
  return { heading: `取消的奖励（${cite(first.cancelledBy!.ref)}）`, lines };
}

/** A target gate can only be applied where a target was given: say where it was not. */
export function targetNote(m: MonthSettlement): string | null {
  const s = m.schedule;
  const gate = firstTargetGate(s);
  if (!gate) return null;
  const clause = cite(gate.ref);
  const missing = m.counties
    .map((c) => ({ c, indicators: [...new Set(c.factors.filter((f) => f.targetCheck?.target === null).map((f) => INDICATOR_NAME[f.targetCheck!.indicator]))] }))
    .filter((x) => x.indicators.length > 0);
  const everyIndicator = new Set(s.factors.flatMap((f) => { const i = gate.targets[f.id]; return i ? [i] : []; })).size;
  if (missing.length === m.counties.length && missing.every((x) => x.indicators.length === everyIndicator)) return `月度目标：未提供，${clause}目标考核未适用`;
  if (missing.length > 0) return `未提供月度目标、未经${clause}目标考核的指标：${missing.map((x) => `${x.c.unit.name} ${x.indicators.join('、')}`).join('；')}`;
  return null;
}

/** The basis of a published notice: the regulation by its title and document (no internal schedule id). */
export function publishedBasisLine(m: MonthSettlement): string {
  const s = m.schedule;
  return `依据《${s.title}》（${s.document}）；金额单位：${s.amountUnit.value}`;
}

/**
 * The provincial result as a published notice gives it: the verdict and what it cancels, as provinceLine words
 * it, without the file and line or the option it came from.
 */
export function publishedProvinceLine(m: MonthSettlement): string {
  const line = provinceLine(m);
  return m.provinceSource === null ? line : line.replace(`（${m.provinceSource}）`, '');
}

/** A schedule reference as a published page cites it (第四条（一）2): the one place the notices and letters format one. */
export function clauseText(ref: Reference): string {
  return cite(ref);
}

/** Why one factor's reward was cancelled (第五条), with the clause, or null when it was not. */
export function cancelReason(f: MonthSettlement['counties'][number]['factors'][number]): string | null {
  if (f.cancelled === 'province') return `省级核算为支偿，奖励 ${signed(f.bandAmount)} 不予核算（${clauseText(f.cancelledBy!.ref)}）`;
  if (f.cancelled !== 'target') return null;
  const t = f.targetCheck!;
  const cmp = t.indicator === 'goodDays' ? `${plain(t.actual)} 天，目标 ${plain(t.target!)} 天` : `${plain(t.actual)}，目标 ${plain(t.target!)}`;
  return `未完成当月${INDICATOR_NAME[t.indicator]}目标（实际 ${cmp}），奖励 ${signed(f.bandAmount)} 取消（${clauseText(t.ref)}）`;
}

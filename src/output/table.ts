/**
 * The terminal table, in Chinese, for the analysts who run the settlement. Per month: the group
 * baselines as a row above each group's units, per unit every factor's value and amount, the unit's
 * deductions, rewards and net, the city totals and the fund line of 第八条. Deductions carry "-"
 * and rewards "+", so the table reads the same with colour off.
 */
import { plain, sum } from '../engine/decimal.js';
import type { Dec } from '../engine/decimal.js';
import { MEASURES } from '../engine/measures.js';
import type { FactorSettlement, MonthSettlement, Settlement } from '../engine/types.js';
import { citation, type FactorId, type Schedule } from '../schedule/format.js';
import { center, padEnd, padStart, visible, width, type Paint } from './text.js';

type Tone = 'deduction' | 'reward' | 'muted' | 'strong' | undefined;
interface Cell {
  text: string;
  align: 'left' | 'right';
  tone?: Tone;
}

const GAP = '  ';

export function chineseMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** "+20", "-139.5", "0": the sign says reward or deduction without colour. */
export function signed(x: Dec): string {
  return x.gt(0) ? `+${plain(x)}` : plain(x);
}

function amountCell(x: Dec, marker = ''): Cell {
  return { text: signed(x) + marker, align: 'right', tone: x.gt(0) ? 'reward' : x.lt(0) ? 'deduction' : 'muted' };
}

const left = (text: string, tone?: Tone): Cell => ({ text, align: 'left', tone });
const right = (text: string, tone?: Tone): Cell => ({ text, align: 'right', tone });

const CANCEL_MARK = '*';

/** Values and baselines at the precision the schedule computes them: a rate of 2.0 shows as 2.0, not 2. */
function valueText(schedule: Schedule, id: FactorId, x: Dec, baseline = false): string {
  const c = schedule.computation;
  const kind = MEASURES[id].kind;
  const decimals = kind === 'rate' ? c.rateDecimals.value : kind === 'concentration' ? c.concentrationDecimals.value : baseline ? c.goodDaysBaselineDecimals.value : 0;
  return x.toFixed(decimals);
}

function factorCells(schedule: Schedule, f: FactorSettlement): Cell[] {
  return [right(valueText(schedule, f.factor.id, f.value)), f.cancelled ? { ...amountCell(f.amount, CANCEL_MARK), tone: 'muted' } : amountCell(f.amount)];
}

export function renderTable(s: Settlement, paint: Paint): string {
  return s.months.map((m) => renderMonth(m, paint)).join('\n');
}

function renderMonth(m: MonthSettlement, paint: Paint): string {
  const schedule = m.schedule;
  const factors = schedule.factors;
  const unit = schedule.amountUnit.value;
  const out: string[] = [];
  const provinceClause = citation(schedule.provinceGate.ref);
  const fundClause = citation(schedule.fund.ref);
  out.push(paint.strong(`${visible(schedule.city)}${chineseMonth(m.month)}城市环境空气质量生态补偿核算结果`));
  out.push(`依据《${visible(schedule.title)}》（${visible(schedule.document)}），规则 ${visible(schedule.id)}；金额单位：${unit}`);
  out.push(
    m.provinceSource === null
      ? `省级核算结果：未提供，按非支偿处理`
      : m.provincePayout
        ? `省级核算结果：支偿（${visible(m.provinceSource)}）${schedule.provinceGate.value === 'cancel-rewards' ? `——本月各单位奖励资金均取消（${visible(provinceClause)}）` : ''}`
        : `省级核算结果：得补（${visible(m.provinceSource)}）`,
  );
  out.push('');

  const head1: Cell[] = [left('')];
  const head2: Cell[] = [left('单位')];
  for (const f of factors) {
    head1.push(left(visible(f.name)), left(''));
    head2.push(right('实际'), right('金额'));
  }
  head1.push(left(''), left(''), left(''));
  head2.push(right('扣款'), right('奖励'), right('净额'));

  const body: Cell[][] = [];
  for (const g of m.groups) {
    const row: Cell[] = [left(`${visible(g.group.name)} 考核基数`, 'strong')];
    for (const f of factors) row.push(right(valueText(schedule, f.id, g.baseline[f.id]!, true), 'strong'), left(''));
    row.push(left(''), left(''), left(''));
    body.push(row);
    for (const c of m.counties.filter((x) => x.group.id === g.group.id)) {
      body.push([
        left(`  ${visible(c.unit.name)}`),
        ...c.factors.flatMap((f) => factorCells(schedule, f)),
        amountCell(c.deductions.neg()),
        amountCell(c.rewards),
        amountCell(c.net),
      ]);
    }
  }
  const totals: Cell[] = [left('全市合计', 'strong'), ...factors.flatMap(() => [left(''), left('')])];
  totals.push(amountCell(m.totals.deductions.neg()), amountCell(m.totals.rewards), amountCell(m.totals.rewards.minus(m.totals.deductions)));

  const rows = [head2, ...body, totals];
  const widths = head2.map((_, i) => Math.max(...rows.map((r) => width(r[i]!.text))));
  // A factor's name spans its two columns; widen the amount column if the name is wider.
  factors.forEach((f, k) => {
    const [a, b] = [1 + 2 * k, 2 + 2 * k];
    const need = width(visible(f.name)) - (widths[a]! + GAP.length + widths[b]!);
    if (need > 0) widths[b]! += need;
  });

  const line = (cells: Cell[]) =>
    cells
      .map((c, i) => {
        const w = widths[i]!;
        const text = c.align === 'right' ? padStart(c.text, w) : padEnd(c.text, w);
        return c.tone ? paint[c.tone](text) : text;
      })
      .join(GAP)
      .trimEnd();
  const spanLine = [padEnd('', widths[0]!)];
  factors.forEach((f, k) => spanLine.push(center(visible(f.name), widths[1 + 2 * k]! + GAP.length + widths[2 + 2 * k]!)));
  out.push(paint.strong(spanLine.join(GAP).trimEnd()));
  out.push(paint.strong(line(head2)));
  const rule = '─'.repeat(widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1));
  out.push(paint.muted(rule));
  for (const r of body) out.push(line(r));
  out.push(paint.muted(rule));
  out.push(line(totals));
  out.push('');

  const t = m.totals;
  const fund = t.surplus.gt(0)
    ? `结余 ${plain(t.surplus)} ${unit}纳入全市环境污染防治专项资金（${visible(fundClause)}）`
    : t.shortfall.gt(0)
      ? `缺口 ${plain(t.shortfall)} ${unit}由市财政统筹安排（${visible(fundClause)}）`
      : `扣收与奖励相抵，无结余、无缺口（${visible(fundClause)}）`;
  out.push(`全市扣款 ${paint.deduction(plain(t.deductions))} ${unit}，奖励 ${paint.reward(plain(t.rewards))} ${unit}；${fund}`);
  out.push(...notes(m));
  return `${out.join('\n')}\n`;
}

const INDICATOR_NAME = { pm25: 'PM2.5', pm10: 'PM10', goodDays: '优良天数' } as const;

function notes(m: MonthSettlement): string[] {
  const schedule = m.schedule;
  const lines: string[] = [];
  const cancelled = m.counties.flatMap((c) => c.factors.filter((f) => f.cancelled).map((f) => ({ c, f })));
  if (cancelled.length > 0) {
    lines.push('');
    lines.push(`${CANCEL_MARK} 取消的奖励（${visible(citation(cancelled[0]!.f.cancelled === 'province' ? schedule.provinceGate.ref : cancelled[0]!.f.targetCheck!.ref))}）：`);
    if (m.provincePayout) {
      const withheld = sum(cancelled.map((x) => x.f.bandAmount));
      lines.push(`  省级核算为支偿，本月 ${cancelled.length} 项奖励共 ${plain(withheld)} ${schedule.amountUnit.value}不予核算`);
    }
    for (const { c, f } of cancelled.filter((x) => x.f.cancelled === 'target')) {
      const t = f.targetCheck!;
      const cmp = t.indicator === 'goodDays' ? `${plain(t.actual)} 天，目标 ${plain(t.target!)} 天` : `${plain(t.actual)}，目标 ${plain(t.target!)}`;
      lines.push(`  ${visible(c.unit.name)} ${visible(f.factor.name)} 奖励 ${signed(f.bandAmount)} 取消：未完成当月${INDICATOR_NAME[t.indicator]}目标（实际 ${cmp}）`);
    }
  }
  // A target gate can only be applied where a target was given; say where it was not.
  const gateClause = visible(citation(schedule.factors.find((f) => f.targetGate.indicator !== null)?.targetGate.ref ?? ''));
  const missing = m.counties
    .map((c) => ({ c, indicators: [...new Set(c.factors.filter((f) => f.targetCheck?.target === null).map((f) => INDICATOR_NAME[f.targetCheck!.indicator]))] }))
    .filter((x) => x.indicators.length > 0);
  const everyIndicator = new Set(schedule.factors.flatMap((f) => (f.targetGate.indicator ? [f.targetGate.indicator] : []))).size;
  if (missing.length === m.counties.length && missing.every((x) => x.indicators.length === everyIndicator)) {
    lines.push('', `月度目标：未提供，${gateClause}目标考核未适用`);
  } else if (missing.length > 0) {
    lines.push('', `未提供月度目标、未经${gateClause}目标考核的指标：${missing.map((x) => `${visible(x.c.unit.name)} ${x.indicators.join('、')}`).join('；')}`);
  }
  return lines;
}

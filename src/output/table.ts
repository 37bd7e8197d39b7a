/**
 * The terminal table, in Chinese, for the analysts who run the settlement. Per month: the group
 * baselines as a row above each group's units, per unit every factor's value and amount, the unit's
 * deductions, rewards and net, the city totals and the fund line of 第八条. Factor amounts and the net
 * carry "-" for a deduction and "+" for a reward, so the table reads the same with colour off; 扣款 and 奖励
 * are positive magnitudes, their headings saying which is which (decision 73).
 */
import { plain } from '../core/decimal.js';
import { basisLine, cancellations, fundClause, noticeTitle, provinceLine, signed, targetNote } from './words.js';
export { chineseMonth, signed } from './words.js';
import type { Dec } from '../core/decimal.js';
import { valueText } from './notice.js';
import { maxOf } from '../core/arrays.js';
import type { FactorSettlement, MonthSettlement, Settlement } from '../engine/types.js';
import type { Schedule } from '../schedule/format.js';
import { center, padEnd, padStart, width, type Paint } from './text.js';
import { visible } from '../core/text.js';

type Tone = 'deduction' | 'reward' | 'muted' | 'strong' | undefined;
interface Cell {
  text: string;
  align: 'left' | 'right';
  tone?: Tone;
}

const GAP = '  ';


function amountCell(x: Dec, marker = ''): Cell {
  return { text: signed(x) + marker, align: 'right', tone: x.gt(0) ? 'reward' : x.lt(0) ? 'deduction' : 'muted' };
}

/** A 扣款 or 奖励 cell: a positive magnitude, coloured by what it is. */
function magnitudeCell(x: Dec, tone: 'deduction' | 'reward'): Cell {
  return { text: plain(x), align: 'right', tone: x.isZero() ? 'muted' : tone };
}

const left = (text: string, tone?: Tone): Cell => ({ text, align: 'left', tone });
const right = (text: string, tone?: Tone): Cell => ({ text, align: 'right', tone });

const CANCEL_MARK = '*';

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
  out.push(paint.strong(visible(noticeTitle(m))));
  out.push(visible(basisLine(m)));
  out.push(visible(provinceLine(m)));
  out.push('');

  const head2: Cell[] = [left('单位'), ...factors.flatMap(() => [right('实际'), right('金额')])];
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
        magnitudeCell(c.deductions, 'deduction'),
        magnitudeCell(c.rewards, 'reward'),
        amountCell(c.net),
      ]);
    }
  }
  const totals: Cell[] = [left('全市合计', 'strong'), ...factors.flatMap(() => [left(''), left('')])];
  totals.push(magnitudeCell(m.totals.deductions, 'deduction'), magnitudeCell(m.totals.rewards, 'reward'), amountCell(m.totals.rewards.minus(m.totals.deductions)));

  const rows = [head2, ...body, totals];
  const widths = head2.map((_, i) => maxOf(rows.map((r) => width(r[i]!.text))));
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
  out.push(`全市扣款 ${paint.deduction(plain(t.deductions))} ${unit}，奖励 ${paint.reward(plain(t.rewards))} ${unit}；${visible(fundClause(m))}`);
  out.push(...notes(m));
  return `${out.join('\n')}\n`;
}

function notes(m: MonthSettlement): string[] {
  const lines: string[] = [];
  const c = cancellations(m);
  if (c) lines.push('', `${CANCEL_MARK} ${visible(c.heading)}：`, ...c.lines.map((l) => `  ${visible(l)}`));
  const target = targetNote(m);
  if (target) lines.push('', visible(target));
  return lines;
}

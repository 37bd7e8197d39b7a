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
import type { FactorId } from '../core/factors.js';
import { center, fold, padEnd, padStart, width, type Paint } from './text.js';
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

/**
 * The table for a terminal `columns` wide (undefined: a file or a pipe, no limit). Below the full layout's width
 * a month is shown in the compact layout — the unit, the five amounts, 扣款, 奖励, 净额 — rather than wrapped
 * mid-number by the terminal (decision 75).
 */
export function renderTable(s: Settlement, paint: Paint, columns?: number): string {
  return s.months.map((m) => renderMonth(m, paint, columns)).join('\n');
}

/** A layout's rows; `spans` are the full layout's factor names, each over its value and amount columns. */
interface Grid {
  spans: { text: string; first: number }[];
  heads: Cell[][];
  body: Cell[][];
  totals: Cell[];
}

function fullGrid(m: MonthSettlement): Grid {
  const schedule = m.schedule;
  const factors = schedule.factors;
  const head: Cell[] = [left('单位'), ...factors.flatMap(() => [right('实际'), right('金额')]), right('扣款'), right('奖励'), right('净额')];
  const body: Cell[][] = [];
  for (const g of m.groups) {
    const row: Cell[] = [left(`${visible(g.group.name)} 考核基数`, 'strong')];
    for (const f of factors) row.push(right(valueText(schedule, f.id, g.baseline[f.id]!, true), 'strong'), left(''));
    row.push(left(''), left(''), left(''));
    body.push(row);
    for (const c of m.counties.filter((x) => x.group.id === g.group.id)) {
      body.push([left(`  ${visible(c.unit.name)}`), ...c.factors.flatMap((f) => factorCells(schedule, f)), ...totalCells(c)]);
    }
  }
  const totals: Cell[] = [left('全市合计', 'strong'), ...factors.flatMap(() => [left(''), left('')]), ...cityCells(m)];
  return { spans: factors.map((f, k) => ({ text: visible(f.name), first: 1 + 2 * k })), heads: [head], body, totals };
}

/** The compact layout's two heading lines per factor: what is measured, and how. */
const COMPACT_HEADS: Record<FactorId, [string, string]> = {
  pm25: ['PM2.5', '浓度'],
  pm25Rate: ['PM2.5', '改善率'],
  pm10: ['PM10', '浓度'],
  pm10Rate: ['PM10', '改善率'],
  goodDays: ['优良', '天数'],
};

function compactGrid(m: MonthSettlement): Grid {
  const factors = m.schedule.factors;
  const heads: Cell[][] = [
    [left(''), ...factors.map((f) => right(COMPACT_HEADS[f.id][0])), left(''), left(''), left('')],
    [left('单位'), ...factors.map((f) => right(COMPACT_HEADS[f.id][1])), right('扣款'), right('奖励'), right('净额')],
  ];
  const body: Cell[][] = [];
  for (const g of m.groups) {
    body.push([left(visible(g.group.name), 'strong')]);
    for (const c of m.counties.filter((x) => x.group.id === g.group.id)) {
      body.push([left(`  ${visible(c.unit.name)}`), ...c.factors.map((f) => factorCells(m.schedule, f)[1]!), ...totalCells(c)]);
    }
  }
  return { spans: [], heads, body, totals: [left('全市合计', 'strong'), ...factors.map(() => left('')), ...cityCells(m)] };
}

function totalCells(c: MonthSettlement['counties'][number]): Cell[] {
  return [magnitudeCell(c.deductions, 'deduction'), magnitudeCell(c.rewards, 'reward'), amountCell(c.net)];
}

function cityCells(m: MonthSettlement): Cell[] {
  const t = m.totals;
  return [magnitudeCell(t.deductions, 'deduction'), magnitudeCell(t.rewards, 'reward'), amountCell(t.rewards.minus(t.deductions))];
}

/** Each column's width: its widest cell, a spanned pair widened where the name over it is wider. */
function columnWidths(grid: Grid): number[] {
  const rows = [...grid.heads, ...grid.body, grid.totals];
  const widths = grid.heads.at(-1)!.map((_, i) => maxOf(rows.map((r) => width(r[i]?.text ?? ''))));
  for (const { text, first } of grid.spans) {
    const need = width(text) - (widths[first]! + GAP.length + widths[first + 1]!);
    if (need > 0) widths[first + 1]! += need;
  }
  return widths;
}

const totalWidth = (widths: readonly number[]) => widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);

function renderMonth(m: MonthSettlement, paint: Paint, columns: number | undefined): string {
  const unit = m.schedule.amountUnit.value;
  let grid = fullGrid(m);
  let widths = columnWidths(grid);
  if (columns !== undefined && totalWidth(widths) > columns) {
    grid = compactGrid(m);
    widths = columnWidths(grid);
  }
  const folded = (text: string) => fold(text, columns);
  const out: string[] = [...folded(paint.strong(visible(noticeTitle(m)))), ...folded(visible(basisLine(m))), ...folded(visible(provinceLine(m))), ''];
  const line = (cells: Cell[]) =>
    cells
      .map((c, i) => {
        const w = widths[i]!;
        const text = c.align === 'right' ? padStart(c.text, w) : padEnd(c.text, w);
        return c.tone ? paint[c.tone](text) : text;
      })
      .join(GAP)
      .trimEnd();
  if (grid.spans.length > 0) {
    const spanLine = [padEnd('', widths[0]!), ...grid.spans.map(({ text, first }) => center(text, widths[first]! + GAP.length + widths[first + 1]!))];
    out.push(paint.strong(spanLine.join(GAP).trimEnd()));
  }
  for (const h of grid.heads) out.push(paint.strong(line(h)));
  const rule = '─'.repeat(totalWidth(widths));
  out.push(paint.muted(rule));
  for (const r of grid.body) out.push(line(r));
  out.push(paint.muted(rule));
  out.push(line(grid.totals));
  out.push('');

  const t = m.totals;
  out.push(...folded(`全市扣款 ${paint.deduction(plain(t.deductions))} ${unit}，奖励 ${paint.reward(plain(t.rewards))} ${unit}；${visible(fundClause(m))}`));
  out.push(...notes(m).flatMap(folded));
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

/**
 * Two settlements side by side (compare, whatif): the terminal table in Chinese (English with --lang en), JSON
 * and CSV. Every unit is shown, changed or not — in a what-if a unit's own value moves its group's baseline, and
 * a reader must see that its neighbours' amounts moved too.
 */
import { plain, type Dec } from '../core/decimal.js';
import { visible } from '../core/text.js';
import type { Difference, MonthChange, SideLabels, UnitChange } from '../engine/difference.js';
import type { MonthTotals } from '../engine/types.js';
import { csvRecord, CSV_BOM, formatted } from './csv.js';
import { padEnd, padStart, width, type Paint } from './text.js';
import { chineseMonth, signed } from './words.js';

export type CompareLang = 'zh' | 'en';

export interface ComparisonView {
  difference: Difference;
  labels: SideLabels;
  /** The amount unit of the schedules (万元). */
  amountUnit: string;
  paint: Paint;
  lang: CompareLang;
}

const WORDS = {
  zh: {
    title: (l: SideLabels) => (l.kind === 'compare' ? '规则对比' : '假设测算'),
    sides: (l: SideLabels): [string, string] => (l.kind === 'compare' ? ['现行规则', '修订规则'] : ['原数据', '修改后']),
    basis: (l: SideLabels) =>
      l.kind === 'compare' ? [`现行规则：${l.base}`, `修订规则：${l.reform}`] : [`规则：${l.schedules}`, `修改：${l.edits.join('；')}`],
    month: (m: string) => chineseMonth(m),
    unit: '单位',
    net: '净额',
    change: '变化',
    factors: '变化的因子',
    period: (n: number) => `${n} 个月合计`,
    city: (side: string) => `全市（${side}）：`,
    deductions: '扣款',
    rewards: '奖励',
    surplus: '结余',
    shortfall: '缺口',
    none: '无',
    notSettled: '未核算',
    amountNote: (u: string) => `金额单位：${u}；净额为正是奖励、为负是扣款；变化 = 后者 − 前者`,
  },
  en: {
    title: (l: SideLabels) => (l.kind === 'compare' ? 'Rules compared' : 'What-if'),
    sides: (l: SideLabels): [string, string] => (l.kind === 'compare' ? ['base', 'reform'] : ['as given', 'edited']),
    basis: (l: SideLabels) =>
      l.kind === 'compare' ? [`base: ${l.base}`, `reform: ${l.reform}`] : [`rules: ${l.schedules}`, `edits: ${l.edits.join('; ')}`],
    month: (m: string) => m,
    unit: 'unit',
    net: 'net',
    change: 'change',
    factors: 'factors changed',
    period: (n: number) => `${n} months together`,
    city: (side: string) => `city (${side}): `,
    deductions: 'deductions',
    rewards: 'rewards',
    surplus: 'surplus',
    shortfall: 'shortfall',
    none: 'none',
    notSettled: 'not settled',
    amountNote: (u: string) => `amounts in ${u === '万元' ? '10k yuan (万元)' : u}; a positive net is a reward, a negative one a deduction; change = second − first`,
  },
} as const;

type Words = (typeof WORDS)[CompareLang];

const amount = (x: Dec | null | undefined, w: Words): string => (x === null || x === undefined ? w.notSettled : signed(x));

function factorText(u: UnitChange, w: Words): string {
  if (u.factorChanges.length === 0) return w.none;
  return u.factorChanges.map((f) => `${f.name} ${amount(f.before, w)}→${amount(f.after, w)}`).join(w === WORDS.zh ? '；' : '; ');
}

function grid(rows: readonly (readonly string[])[], rightAligned: readonly boolean[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((r) => r.map((c, i) => (rightAligned[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('  ').trimEnd());
}

function paintChange(x: Dec, paint: Paint, text: string): string {
  return x.gt(0) ? paint.reward(text) : x.lt(0) ? paint.deduction(text) : paint.muted(text);
}

function totalsLine(t: MonthTotals, w: Words): string {
  const fund = t.surplus.gt(0) ? `${w.surplus} ${plain(t.surplus)}` : t.shortfall.gt(0) ? `${w.shortfall} ${plain(t.shortfall)}` : `${w.surplus} 0`;
  return `${w.deductions} ${plain(t.deductions)}，${w.rewards} ${plain(t.rewards)}，${fund}`.replace(/，/g, w === WORDS.zh ? '，' : ', ');
}

function monthBlock(m: MonthChange, v: ComparisonView, w: Words): string[] {
  const [before, after] = w.sides(v.labels);
  const head = [w.unit, `${before}${w.net}`, `${after}${w.net}`, w.change, w.factors];
  const rows = m.units.map((u) => [visible(u.name), amount(u.before?.net, w), amount(u.after?.net, w), signed(u.change), visible(factorText(u, w))]);
  const lines = grid([head, ...rows], [false, true, true, true, false]);
  // The change column is painted after alignment, so that colour codes do not count as width.
  const painted = lines.map((line, i) => (i === 0 ? v.paint.strong(line) : paintChange(m.units[i - 1]!.change, v.paint, line)));
  return [
    v.paint.strong(w.month(m.month)),
    ...painted,
    `${w.city(before)}${totalsLine(m.before, w)}`,
    `${w.city(after)}${totalsLine(m.after, w)}`,
    '',
  ];
}

function periodBlock(d: Difference, v: ComparisonView, w: Words): string[] {
  const [before, after] = w.sides(v.labels);
  const head = [w.unit, `${before}${w.net}`, `${after}${w.net}`, w.change];
  const rows = d.period.map((p) => [visible(p.name), signed(p.before), signed(p.after), signed(p.change)]);
  return [
    v.paint.strong(w.period(d.months.length)),
    ...grid([head, ...rows], [false, true, true, true]),
    `${w.city(before)}${totalsLine(d.totals.before, w)}`,
    `${w.city(after)}${totalsLine(d.totals.after, w)}`,
    '',
  ];
}

export function renderComparisonTable(v: ComparisonView): string {
  const w = WORDS[v.lang];
  const d = v.difference;
  const out = [v.paint.strong(w.title(v.labels)), ...w.basis(v.labels).map(visible), w.amountNote(v.amountUnit), ''];
  for (const m of d.months) out.push(...monthBlock(m, v, w));
  if (d.months.length > 1) out.push(...periodBlock(d, v, w));
  return `${out.join('\n').trimEnd()}\n`;
}

const totalsJson = (t: MonthTotals) => ({ deductions: plain(t.deductions), rewards: plain(t.rewards), surplus: plain(t.surplus), shortfall: plain(t.shortfall) });
const dec = (x: Dec | null) => (x === null ? null : plain(x));

/** JSON: amounts as exact decimal strings, as settle's JSON gives them. */
export function renderComparisonJson(v: ComparisonView): string {
  const d = v.difference;
  const side = (s: UnitChange['before']) =>
    s && { group: s.group, deductions: plain(s.deductions), rewards: plain(s.rewards), net: plain(s.net), factors: Object.fromEntries(Object.entries(s.factors).map(([k, x]) => [k, plain(x)])) };
  const json = {
    schemaVersion: 1,
    kind: v.labels.kind,
    labels: v.labels,
    amountUnit: v.amountUnit,
    months: d.months.map((m) => ({
      month: m.month,
      units: m.units.map((u) => ({
        unitId: u.unitId,
        name: u.name,
        before: side(u.before),
        after: side(u.after),
        change: plain(u.change),
        factorChanges: u.factorChanges.map((f) => ({ factor: f.factorId, name: f.name, before: dec(f.before), after: dec(f.after), change: plain(f.change) })),
      })),
      totals: { before: totalsJson(m.before), after: totalsJson(m.after) },
    })),
    period: d.period.map((p) => ({ unitId: p.unitId, name: p.name, before: plain(p.before), after: plain(p.after), change: plain(p.change) })),
    totals: { before: totalsJson(d.totals.before), after: totalsJson(d.totals.after) },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** CSV: one row per month and unit, for Excel (UTF-8 with BOM, CRLF, as every CSV of ecocomp). */
export function renderComparisonCsv(v: ComparisonView): string {
  const w = WORDS[v.lang];
  const [before, after] = w.sides(v.labels);
  const lines = [CSV_BOM + csvRecord([v.lang === 'zh' ? '月份' : 'month', w.unit, `${before}${w.net}`, `${after}${w.net}`, w.change, w.factors])];
  const num = (x: Dec | null | undefined) => (x === null || x === undefined ? '' : formatted(plain(x)));
  for (const m of v.difference.months) {
    for (const u of m.units) lines.push(csvRecord([formatted(m.month), u.name, num(u.before?.net), num(u.after?.net), formatted(plain(u.change)), factorText(u, w)]));
  }
  return lines.join('');
}

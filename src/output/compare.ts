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
import { warningMessage } from './warnings.js';

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
    provisional: (through: string) => `（预估：数据截至 ${through}，不是正式核算结果）`,
  },
  en: {
    title: (l: SideLabels) => (l.kind === 'compare' ? 'Rules compared' : 'What-if'),
    sides: (l: SideLabels): [string, string] => (l.kind === 'compare' ? ['base', 'reform'] : ['as given', 'edited']),
    basis: (l: SideLabels) =>
      l.kind === 'compare' ? [`base: ${l.base}`, `reform: ${l.reform}`] : [`rules: ${l.schedules}`, `edits: ${l.edits.join('; ')}`],
    month: (m: string) => m,
    unit: 'unit',
    net: ' net',
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
    provisional: (through: string) => ` (provisional: month to date through ${through}, not a settlement)`,
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
    v.paint.strong(`${w.month(m.month)}${m.provisional ? w.provisional(m.provisional.through) : ''}`),
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
      provisional: m.provisional !== null,
      ...(m.provisional ? { provisionalThrough: m.provisional.through } : {}),
      units: m.units.map((u) => ({
        unitId: u.unitId,
        name: u.name,
        before: side(u.before),
        after: side(u.after),
        change: plain(u.change),
        factorChanges: u.factorChanges.map((f) => ({ factor: f.factorId, name: f.name, before: dec(f.before), after: dec(f.after), change: plain(f.change) })),
      })),
      totals: { before: totalsJson(m.before), after: totalsJson(m.after) },
      warnings: { before: m.warnings.before.map((w) => ({ code: w.code, id: w.unitId, message: warningMessage(w) })), after: m.warnings.after.map((w) => ({ code: w.code, id: w.unitId, message: warningMessage(w) })) },
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
    for (const u of m.units) lines.push(csvRecord([formatted(m.provisional ? `${m.month}（预估截至${m.provisional.through}）` : m.month), u.name, num(u.before?.net), num(u.after?.net), formatted(plain(u.change)), factorText(u, w)]));
  }
  return lines.join('');
}

/** Horizontal bars of each unit's change over the whole comparison: more received to the right, more paid to the left. */
function changeChart(d: Difference, unitText: string): string {
  const rows = d.period;
  const width = 760;
  const label = 170;
  const room = 70;
  const half = (width - label - 2 * room) / 2;
  const zero = label + room + half;
  // Bar lengths are drawing coordinates, not amounts: a float is fine here; the label carries the exact amount.
  const max = Math.max(1, ...rows.map((p) => Math.abs(Number(p.change.toFixed(1)))));
  const bars = rows.map((p, i) => {
    const y = 10 + i * 22;
    const length = (Math.abs(Number(p.change.toFixed(1))) / max) * half;
    const x = p.change.isNeg() ? zero - length : zero;
    const cls = p.change.gt(0) ? 'reward' : p.change.lt(0) ? 'deduction' : '';
    const tx = p.change.isNeg() ? x - 4 : x + length + 4;
    return `<text x="4" y="${y + 14}">${escapeHtml(p.name)}</text><rect class="${cls}" x="${x.toFixed(1)}" y="${y + 3}" width="${length.toFixed(1)}" height="14"/><text x="${tx.toFixed(1)}" y="${y + 14}" text-anchor="${p.change.isNeg() ? 'end' : 'start'}">${escapeHtml(signed(p.change))}</text>`;
  });
  const height = 20 + rows.length * 22;
  return `<figure><svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(unitText)}"><style>rect.reward{fill:#1a9850}rect.deduction{fill:#d73027}text{font-size:12px}</style><line x1="${zero}" y1="4" x2="${zero}" y2="${height - 4}" stroke="#444"/>${bars.join('')}</svg><figcaption>${escapeHtml(unitText)}</figcaption></figure>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A self-contained page (inline CSS and SVG, no script, no network), as the notice is. */
export function renderComparisonHtml(v: ComparisonView): string {
  const w = WORDS[v.lang];
  const d = v.difference;
  const [before, after] = w.sides(v.labels);
  const cell = (x: Dec | null | undefined) => `<td class="num${x && x.gt(0) ? ' reward' : x && x.lt(0) ? ' deduction' : ''}">${escapeHtml(amount(x, w))}</td>`;
  const out = [
    `<!doctype html><html lang="${v.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(w.title(v.labels))}</title>`,
    `<style>body{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;font-size:10pt;max-width:277mm;margin:0 auto;padding:8mm 0}table{border-collapse:collapse;width:100%;margin:4pt 0}th,td{border:1px solid #888;padding:1.5pt 3pt}th{background:#eef1f5}td.num{text-align:right;white-space:nowrap}.reward{color:#00632e}.deduction{color:#a50f15}@page{size:A4 landscape;margin:12mm}</style></head><body>`,
    `<h1>${escapeHtml(w.title(v.labels))}</h1>`,
    ...w.basis(v.labels).map((b) => `<p>${escapeHtml(b)}</p>`),
    `<p>${escapeHtml(w.amountNote(v.amountUnit))}</p>`,
    `<h2>${escapeHtml(w.change)}</h2>`,
    changeChart(d, d.months.length > 1 ? w.period(d.months.length) : w.month(d.months[0]?.month ?? '')),
  ];
  for (const m of d.months) {
    out.push(`<h2>${escapeHtml(`${w.month(m.month)}${m.provisional ? w.provisional(m.provisional.through) : ''}`)}</h2><table><thead><tr><th>${escapeHtml(w.unit)}</th><th>${escapeHtml(before + w.net)}</th><th>${escapeHtml(after + w.net)}</th><th>${escapeHtml(w.change)}</th><th>${escapeHtml(w.factors)}</th></tr></thead><tbody>`);
    for (const u of m.units) out.push(`<tr><td>${escapeHtml(u.name)}</td>${cell(u.before?.net)}${cell(u.after?.net)}${cell(u.change)}<td>${escapeHtml(factorText(u, w))}</td></tr>`);
    out.push(`</tbody></table><p>${escapeHtml(w.city(before) + totalsLine(m.before, w))}</p><p>${escapeHtml(w.city(after) + totalsLine(m.after, w))}</p>`);
  }
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}

/** A workbook: one sheet per month and one for the period, amounts as numbers (one decimal shown). */
export async function renderComparisonXlsx(v: ComparisonView): Promise<Uint8Array> {
  const { loadExcel } = await import('../core/excel.js');
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  const w = WORDS[v.lang];
  const [before, after] = w.sides(v.labels);
  // Excel cells hold binary floats; these amounts are short decimals, which show the same digits.
  const n = (x: Dec | null | undefined) => (x === null || x === undefined ? null : Number(x.toFixed()));
  const sheet = (name: string, rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([w.title(v.labels)]).font = { bold: true };
    for (const b of w.basis(v.labels)) ws.addRow([b]);
    ws.addRow([w.amountNote(v.amountUnit)]);
    ws.addRow([]);
    for (const r of rows) ws.addRow(r);
    for (const c of [2, 3, 4]) ws.getColumn(c).numFmt = '0.0;-0.0;0.0';
    ws.getColumn(1).width = 18;
    ws.getColumn(5).width = 60;
  };
  const head = [w.unit, before + w.net, after + w.net, w.change, w.factors];
  for (const m of v.difference.months) sheet(m.month, [...(m.provisional ? [[w.provisional(m.provisional.through)]] : []), head, ...m.units.map((u) => [u.name, n(u.before?.net), n(u.after?.net), n(u.change), factorText(u, w)])]);
  if (v.difference.months.length > 1) sheet(v.lang === 'zh' ? '合计' : 'period', [head.slice(0, 4), ...v.difference.period.map((p) => [p.name, n(p.before), n(p.after), n(p.change)])]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * The monthly notice as one self-contained HTML file (第七条: the bureau notifies the units and publishes the
 * results): inline CSS and SVG, no scripts, no network; prints on A4. Amounts are text, so screen readers and
 * copy-paste get them; the chart repeats them as labels.
 */
import { plain, type Dec } from '../core/decimal.js';
import { maxOf } from '../core/arrays.js';
import type { MonthSettlement, Settlement } from '../engine/types.js';
import type { RenderMeta } from '../core/meta.js';
import { amountTitle, rankedCounties, schedulesOf, valueText, type NoticeDetails } from './notice.js';
import { appendix, draftBanner, masthead, PUBLISH_CSS, signoff } from './publish-html.js';
import { cancellations, fundSentence, noticeTitle, publishedBasisLine, publishedProvinceLine, signed, targetNote } from './words.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const NOTICE_CSS = `
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
  font-size: 10pt; color: #111; margin: 0 auto; max-width: 277mm; padding: 8mm 0; line-height: 1.45; }
h1 { font-size: 16pt; margin: 0 0 4pt; text-align: center; }
h2 { font-size: 11.5pt; margin: 12pt 0 4pt; border-bottom: 1px solid #444; break-after: avoid; page-break-after: avoid; }
.keep { break-inside: avoid; page-break-inside: avoid; }
p { margin: 2pt 0; }
.basis { text-align: center; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 1px solid #888; padding: 1.5pt 3pt; }
th { background: #eef1f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { white-space: nowrap; }
.deduction { color: #a50f15; }
.reward { color: #00632e; }
.cancelled { color: #555; text-decoration: line-through dotted; }
tr.total td { font-weight: 600; border-top: 2px solid #444; }
figure { margin: 6pt 0; page-break-inside: avoid; }
figcaption { font-size: 9pt; color: #333; }
section.month { page-break-after: always; }
section.month:last-of-type { page-break-after: auto; }
footer { font-size: 8.5pt; color: #333; margin-top: 10pt; }
footer td { font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
@media print { body { padding: 0; } thead { display: table-header-group; } tr { page-break-inside: avoid; } }
`;

export function amountCell(x: Dec): string {
  const cls = x.gt(0) ? 'num reward' : x.lt(0) ? 'num deduction' : 'num';
  return `<td class="${cls}">${escapeHtml(signed(x))}</td>`;
}

/** A 扣款 or 奖励 cell: the amount as a positive magnitude (decision 73), coloured by what it is. */
export function magnitudeCell(x: Dec, kind: 'deduction' | 'reward'): string {
  return `<td class="${x.isZero() ? 'num' : `num ${kind}`}">${escapeHtml(plain(x))}</td>`;
}

/** A month's heading: the given title when the notice is of one month, else the month's own. */
function monthSection(m: MonthSettlement, title: string): string {
  const s = m.schedule;
  const f = s.factors;
  const out: string[] = [];
  out.push(`<section class="month" id="month-${m.month}">`);
  out.push(`<h1>${escapeHtml(title)}</h1>`);
  out.push(`<p class="basis">${escapeHtml(publishedBasisLine(m))}</p>`);
  out.push(`<p class="basis">${escapeHtml(publishedProvinceLine(m))}</p>`);

  out.push('<h2>考核基数</h2>');
  out.push(`<table class="baselines"><thead><tr><th>组别</th>${f.map((x) => `<th class="num">${escapeHtml(x.name)}</th>`).join('')}</tr></thead><tbody>`);
  for (const g of m.groups) {
    out.push(`<tr><td class="name">${escapeHtml(g.group.name)}</td>${f.map((x) => `<td class="num">${escapeHtml(valueText(s, x.id, g.baseline[x.id]!, true))}</td>`).join('')}</tr>`);
  }
  out.push('</tbody></table>');

  out.push(`<h2>各单位核算结果（按净额排序，单位：${escapeHtml(s.amountUnit.value)}）</h2>`);
  out.push('<table class="units"><thead>');
  out.push(`<tr><th rowspan="2">排名</th><th rowspan="2">单位</th><th rowspan="2">组别</th>${f.map((x) => `<th colspan="3">${escapeHtml(x.name)}</th>`).join('')}<th rowspan="2" class="num">扣款</th><th rowspan="2" class="num">奖励</th><th rowspan="2" class="num">净额</th></tr>`);
  out.push(`<tr>${f.map(() => '<th class="num">实际</th><th class="num">基数</th><th class="num">金额</th>').join('')}</tr>`);
  out.push('</thead><tbody>');
  for (const { rank, county: c } of rankedCounties(m)) {
    const cells = c.factors.map((x) => {
      const amount = x.cancelled
        ? `<td class="num cancelled" title="${escapeHtml(amountTitle(x))}">${escapeHtml(signed(x.amount))}*</td>`
        : amountCell(x.amount);
      return `<td class="num">${escapeHtml(valueText(s, x.factor.id, x.value))}</td><td class="num">${escapeHtml(valueText(s, x.factor.id, x.baseline, true))}</td>${amount}`;
    });
    out.push(
      `<tr data-unit="${escapeHtml(c.unit.id)}"><td class="num">${rank}</td><td class="name">${escapeHtml(c.unit.name)}</td><td class="name">${escapeHtml(c.group.name)}</td>${cells.join('')}${magnitudeCell(c.deductions, 'deduction')}${magnitudeCell(c.rewards, 'reward')}${amountCell(c.net)}</tr>`,
    );
  }
  const t = m.totals;
  out.push(`<tr class="total"><td></td><td class="name">全市合计</td><td></td>${f.map(() => '<td></td><td></td><td></td>').join('')}${magnitudeCell(t.deductions, 'deduction')}${magnitudeCell(t.rewards, 'reward')}${amountCell(t.rewards.minus(t.deductions))}</tr>`);
  out.push('</tbody></table>');
  out.push(`<p>扣款、奖励两栏为金额（正数）；各指标金额与净额以“-”表示扣款、“+”表示奖励；带 * 的奖励已按规定取消，计为 0。</p>`);

  out.push(`<div class="keep"><h2>各单位净额</h2>${netChart(m)}</div>`);

  out.push(`<div class="keep"><h2>全市合计</h2><p class="fund">${escapeHtml(fundSentence(m))}</p></div>`);
  const c = cancellations(m);
  if (c) {
    out.push(`<h2>${escapeHtml(c.heading)}</h2><ul class="cancellations">${c.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);
  }
  const target = targetNote(m);
  if (target) out.push(`<p class="targets">${escapeHtml(target)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

/** Horizontal bars of each unit's net, grouped by group: rewards to the right, deductions to the left, labelled in 万元. */
export function netChart(m: MonthSettlement): string {
  const unit = m.schedule.amountUnit.value;
  const width = 900;
  const labelWidth = 170;
  const valueRoom = 80;
  const half = (width - labelWidth - 2 * valueRoom) / 2;
  const zero = labelWidth + valueRoom + half;
  const rowHeight = 20;
  const max = maxOf(m.counties.map((c) => Math.abs(Number(c.net.toFixed(1)))), 1);
  const rows: string[] = [];
  let y = 24;
  for (const g of m.groups) {
    rows.push(`<text x="4" y="${y + 14}" font-weight="600">${escapeHtml(g.group.name)}</text>`);
    y += rowHeight;
    const members = m.counties.filter((c) => c.group.id === g.group.id).sort((a, b) => b.net.comparedTo(a.net));
    for (const c of members) {
      // Bar lengths are drawing coordinates, not amounts: a float is fine here; the label carries the exact amount.
      const length = (Math.abs(Number(c.net.toFixed(1))) / max) * half;
      const x = c.net.isNeg() ? zero - length : zero;
      const cls = c.net.gt(0) ? 'reward' : c.net.lt(0) ? 'deduction' : '';
      const label = `${signed(c.net)} ${unit}`;
      const labelX = c.net.isNeg() ? x - 4 : zero + length + 4;
      rows.push(
        `<g class="bar" data-unit="${escapeHtml(c.unit.id)}"><title>${escapeHtml(`${c.unit.name}：净额 ${label}`)}</title>` +
          `<text x="16" y="${y + 14}">${escapeHtml(c.unit.name)}</text>` +
          `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${Math.max(length, 0.5).toFixed(1)}" height="${rowHeight - 6}" class="${cls}" fill="${c.net.isNeg() ? '#c0392b' : '#1e8449'}"/>` +
          `<text x="${labelX.toFixed(1)}" y="${y + 14}" text-anchor="${c.net.isNeg() ? 'end' : 'start'}" class="${cls}">${escapeHtml(label)}</text></g>`,
      );
      y += rowHeight;
    }
  }
  const height = y + 24;
  const axis = `<line x1="${zero}" y1="16" x2="${zero}" y2="${y}" stroke="#333" stroke-width="1"/>`;
  const legend =
    `<text x="${zero - 8}" y="12" text-anchor="end" fill="#a50f15">← 扣款</text>` +
    `<text x="${zero + 8}" y="12" fill="#00632e">奖励 →</text>` +
    `<text x="${width - 4}" y="${height - 6}" text-anchor="end" fill="#333">单位：${escapeHtml(unit)}</text>`;
  const title = `${m.month} 各单位净额（${unit}）`;
  return (
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="100%" font-size="12" font-family="inherit">` +
    `<title>${escapeHtml(title)}</title>${legend}${axis}${rows.join('')}</svg>` +
    `<figcaption>${escapeHtml(`奖励向右、扣款向左，按组排列；数值为净额（${unit}）。`)}</figcaption></figure>`
  );
}

/** The ledger's footer: the SHA-256 of every input (the notice has them in its optional appendix). */
export function footer(meta: RenderMeta | undefined): string {
  if (!meta) return '';
  const roles = { data: '数据', targets: '目标', province: '省级结果', baselines: '考核基数', schedule: '规则', sheet: '核对表' } as const;
  const rows = meta.sources.map((x) => `<tr><td>${escapeHtml(roles[x.role])}</td><td>${escapeHtml(x.file)}</td><td>${x.sha256}</td></tr>`).join('');
  return `<footer><p>输入文件与规则的 SHA-256（用于核对打印件与其数据）：</p><table><thead><tr><th>类型</th><th>文件</th><th>SHA-256</th></tr></thead><tbody>${rows}</tbody></table><p>由 ${escapeHtml(meta.generator)} 生成。</p></footer>`;
}

/** The title of a notice: the one given, else the one made from the city and month(s). */
export function documentTitle(s: Settlement, details: NoticeDetails): string {
  const provisional = s.months.some((m) => m.provisional) ? '（预估）' : '';
  if (details.title !== undefined) return `${details.title}${provisional}`;
  return (s.months.length === 1 ? noticeTitle(s.months[0]!) : `${noticeTitle(s.months[0]!)}等 ${s.months.length} 个月`);
}

/**
 * The notice: a draft banner while a publication detail is missing, the masthead, a section per month, the
 * sign-off, and with `appendix` the digests of the inputs. A given title heads a one-month notice; over several
 * months it heads the document and each month keeps its own heading.
 */
export function renderHtml(s: Settlement, meta?: RenderMeta, details: NoticeDetails = {}): string {
  const title = documentTitle(s, details);
  const single = s.months.length === 1;
  const docTitle = details.title !== undefined && !single ? `<h1 class="doc-title">${escapeHtml(details.title)}</h1>` : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(meta?.generator ?? 'ecocomp')}">
<title>${escapeHtml(title)}</title>
<style>${NOTICE_CSS}${PUBLISH_CSS}</style>
</head>
<body>
${draftBanner(details)}
${masthead(details)}${docTitle}
${s.months.map((m) => monthSection(m, single ? title : noticeTitle(m))).join('\n')}
${signoff(details)}
${appendix(details, meta, schedulesOf(s.months))}
</body>
</html>
`;
}


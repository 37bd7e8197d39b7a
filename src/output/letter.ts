/**
 * The letters of 第七条 (the bureau notifies each county government of its result): one self-contained HTML page
 * per unit and month, A4 portrait, in the publishable style of the notice — the unit's five factors against its
 * group's baseline, each amount with its clause, the reason of any cancelled reward (第五条), its totals and net.
 */
import { plain, type Dec } from '../core/decimal.js';
import type { RenderMeta } from '../core/meta.js';
import type { CountySettlement, MonthSettlement, Settlement } from '../engine/types.js';
import type { Schedule } from '../schedule/format.js';
import { amountCell, escapeHtml, NOTICE_CSS } from './html.js';
import { schedulesOf, valueText, type NoticeDetails } from './notice.js';
import { appendix, draftBanner, masthead, PUBLISH_CSS, signoff } from './publish-html.js';
import { cancelReason, chineseMonth, clauseText, noticeTitle, publishedProvinceLine, signed } from './words.js';

/** After the notice's CSS: a letter is a portrait page with a narrow table. */
const LETTER_CSS = `
@page { size: A4 portrait; margin: 18mm 16mm; }
body { max-width: 178mm; font-size: 11pt; }
p.addressee { margin: 10pt 0 4pt; font-weight: 600; }
p.body { text-indent: 2em; }
table.letter td.clause { white-space: nowrap; }
table.letter td.reason { font-size: 9.5pt; width: 36%; }
table.letter td.void { color: #555; }
p.net { margin-top: 6pt; font-weight: 600; }
`;

export interface Letter {
  month: string;
  unitName: string;
  /** The file name: the month and the unit's name (its id where the name cannot be a file name on every system). */
  file: string;
  html: string;
}

/** Characters no file name may hold on Windows or elsewhere, and control characters. */
const UNSAFE_IN_NAME = /[<>:"/\\|?*\u0000-\u001f\u007f]|^[\s.]|[\s.]$/;

export function letterFileName(month: string, c: CountySettlement): string {
  return `${month}-${UNSAFE_IN_NAME.test(c.unit.name) ? c.unit.id : c.unit.name}.html`;
}

/** 扣款合计 and 奖励合计 as the amounts deducted and rewarded (positive), coloured by what they are (issue 12, item 6). */
function totalCell(x: Dec, kind: 'deduction' | 'reward'): string {
  return `<td class="${x.isZero() ? 'num' : `num ${kind}`}">${escapeHtml(plain(x))}</td>`;
}

function factorRow(m: MonthSettlement, f: CountySettlement['factors'][number]): string {
  const s = m.schedule;
  const reason = cancelReason(f);
  // Not struck through as in the notice's wide table: here the reason stands beside it, and a struck 0 misleads.
  const amount = f.cancelled ? `<td class="num void">${escapeHtml(signed(f.amount))}*</td>` : amountCell(f.amount);
  return (
    `<tr data-factor="${escapeHtml(f.factor.id)}"><td class="name">${escapeHtml(f.factor.name)}</td>` +
    `<td class="num">${escapeHtml(valueText(s, f.factor.id, f.value))}</td><td class="num">${escapeHtml(valueText(s, f.factor.id, f.baseline, true))}</td>` +
    `${amount}<td class="clause">${escapeHtml(clauseText(f.clause))}</td><td class="reason">${escapeHtml(reason ?? '')}</td></tr>`
  );
}

function letterBody(m: MonthSettlement, c: CountySettlement, title: string): string {
  const s = m.schedule;
  const unit = s.amountUnit.value;
  const out: string[] = [];
  out.push(`<h1>${escapeHtml(title)}</h1>`);
  out.push(`<p class="addressee">${escapeHtml(c.unit.name)}：</p>`);
  out.push(`<p class="body">${escapeHtml(`依据《${s.title}》（${s.document}），现将你单位${chineseMonth(m.month)}城市环境空气质量生态补偿核算结果通报如下（金额单位：${unit}）。`)}</p>`);
  out.push(`<p class="body">${escapeHtml(`你单位所在组别为${c.group.name}，考核基数为该组的基数。${publishedProvinceLine(m)}。`)}</p>`);
  out.push('<table class="letter"><thead><tr><th>考核指标</th><th class="num">你单位实际</th>');
  out.push('<th class="num">考核基数</th><th class="num">金额</th><th>依据</th><th>说明</th></tr></thead><tbody>');
  for (const f of c.factors) out.push(factorRow(m, f));
  out.push(`<tr class="total"><td colspan="3">扣款合计</td>${totalCell(c.deductions, 'deduction')}<td colspan="2"></td></tr>`);
  out.push(`<tr class="total"><td colspan="3">奖励合计</td>${totalCell(c.rewards, 'reward')}<td colspan="2"></td></tr>`);
  out.push(`<tr class="total net"><td colspan="3">净额</td>${amountCell(c.net)}<td colspan="2"></td></tr>`);
  out.push('</tbody></table>');
  out.push('<p>各指标金额与净额以“-”表示扣款、“+”表示奖励；扣款合计、奖励合计为金额（正数）；带 * 的奖励已按规定取消，计为 0，原因见“说明”。</p>');
  if (c.capped) out.push(`<p>${escapeHtml(`本月扣款或奖励已按上限核定（${clauseText(c.capped.ref)}）。`)}</p>`);
  out.push(`<p class="net">${escapeHtml(`你单位本月扣款 ${plain(c.deductions)} ${unit}，奖励 ${plain(c.rewards)} ${unit}，净额 ${signed(c.net)} ${unit}。`)}</p>`);
  return out.join('\n');
}

function letterPage(m: MonthSettlement, c: CountySettlement, meta: RenderMeta | undefined, details: NoticeDetails, schedules: readonly Schedule[]): string {
  const title = details.title ?? noticeTitle(m);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title}（${c.unit.name}）`)}</title>
<style>${NOTICE_CSS}${PUBLISH_CSS}${LETTER_CSS}</style>
</head>
<body>
${draftBanner(details)}
${masthead(details)}
${letterBody(m, c, title)}
${signoff(details)}
${appendix(details, meta, schedules)}
</body>
</html>
`;
}

/** A letter for every unit of every month, in month order and the schedule's order of units. */
export function renderLetters(s: Settlement, meta: RenderMeta | undefined, details: NoticeDetails = {}): Letter[] {
  return s.months.flatMap((m) =>
    m.counties.map((c) => ({ month: m.month, unitName: c.unit.name, file: letterFileName(m.month, c), html: letterPage(m, c, meta, details, schedulesOf(s.months)) })),
  );
}

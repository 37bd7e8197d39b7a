/** The monthly notice as Markdown (for a bulletin, a wiki or an e-mail): the same content as the HTML notice. */
import { plain } from '../core/decimal.js';
import type { MonthSettlement, Settlement } from '../engine/types.js';
import type { RenderMeta } from '../core/meta.js';
import { rankedCounties, valueText } from './notice.js';
import { basisLine, cancellations, fundSentence, noticeTitle, provinceLine, signed, targetNote } from './words.js';

/**
 * Text safe inside a Markdown table cell or paragraph: every line end (CRLF, LF, or a lone CR, which CommonMark
 * also ends a line at) becomes a space, and the characters that start emphasis, code, links, HTML, headings,
 * entities (&lt; would show as <) and strike-through (~~) are escaped.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`[\]<>#&~])/g, '\\$1').replace(/\r\n?|\n/g, ' ');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function monthSection(m: MonthSettlement): string {
  const s = m.schedule;
  const f = s.factors;
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(noticeTitle(m))}`, '', escapeMarkdown(basisLine(m)), '', escapeMarkdown(provinceLine(m)), '');
  out.push('## 考核基数', '');
  out.push(row(['组别', ...f.map((x) => escapeMarkdown(x.name))]), row(['---', ...f.map(() => '---:')]));
  for (const g of m.groups) out.push(row([escapeMarkdown(g.group.name), ...f.map((x) => valueText(s, x.id, g.baseline[x.id]!, true))]));
  out.push('', `## 各单位核算结果（按净额排序，单位：${escapeMarkdown(s.amountUnit.value)}）`, '');
  const header = ['排名', '单位', '组别', ...f.flatMap((x) => [`${escapeMarkdown(x.name)} 实际`, `${escapeMarkdown(x.name)} 基数`, `${escapeMarkdown(x.name)} 金额`]), '扣款', '奖励', '净额'];
  out.push(row(header), row(header.map((_, i) => (i === 1 || i === 2 ? '---' : '---:'))));
  for (const { rank, county: c } of rankedCounties(m)) {
    const cells = c.factors.flatMap((x) => [valueText(s, x.factor.id, x.value), valueText(s, x.factor.id, x.baseline, true), x.cancelled ? `${signed(x.amount)}\\*` : signed(x.amount)]);
    out.push(row([String(rank), escapeMarkdown(c.unit.name), escapeMarkdown(c.group.name), ...cells, plain(c.deductions), plain(c.rewards), signed(c.net)]));
  }
  const t = m.totals;
  out.push(row(['', '全市合计', '', ...f.flatMap(() => ['', '', '']), plain(t.deductions), plain(t.rewards), signed(t.rewards.minus(t.deductions))]));
  out.push('', '扣款、奖励两栏为金额（正数）；各指标金额与净额以“-”表示扣款、“+”表示奖励；带 \\* 的奖励已按规定取消，计为 0。', '');
  out.push('## 全市合计', '', escapeMarkdown(fundSentence(m)), '');
  const c = cancellations(m);
  if (c) out.push(`## ${escapeMarkdown(c.heading)}`, '', ...c.lines.map((l) => `- ${escapeMarkdown(l)}`), '');
  const target = targetNote(m);
  if (target) out.push(escapeMarkdown(target), '');
  return out.join('\n');
}

function footer(meta: RenderMeta | undefined): string {
  if (!meta) return '';
  const lines = ['---', '', '输入文件与规则的 SHA-256：', '', row(['类型', '文件', 'SHA-256']), row(['---', '---', '---'])];
  for (const x of meta.sources) lines.push(row([x.role, escapeMarkdown(x.file), `\`${x.sha256}\``]));
  lines.push('', `由 ${escapeMarkdown(meta.generator)} 生成。`, '');
  return lines.join('\n');
}

export function renderMarkdown(s: Settlement, meta?: RenderMeta): string {
  return `${s.months.map(monthSection).join('\n')}\n${footer(meta)}`;
}

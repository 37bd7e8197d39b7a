/** The monthly notice as Markdown (for a bulletin, a wiki or an e-mail): the same content as the HTML notice. */
import { plain } from '../core/decimal.js';
import type { MonthSettlement, Settlement } from '../engine/types.js';
import type { RenderMeta } from '../core/meta.js';
import { detailText, draftWords, publishedSource, rankedCounties, schedulesOf, valueText, type NoticeDetails } from './notice.js';
import { cancellations, fundSentence, noticeTitle, publishedBasisLine, publishedProvinceLine, signed, targetNote } from './words.js';

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

function monthSection(m: MonthSettlement, title: string): string {
  const s = m.schedule;
  const f = s.factors;
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(title)}`, '', escapeMarkdown(publishedBasisLine(m)), '', escapeMarkdown(publishedProvinceLine(m)), '');
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

/** The masthead of the HTML notice in text: a draft warning while a detail is missing, the issuer and document number. */
function masthead(d: NoticeDetails): string {
  const draft = draftWords(d);
  return [...(draft ? [`> **${escapeMarkdown(draft)}**`, ''] : []), `**${escapeMarkdown(detailText(d, 'issuer'))}**`, '', escapeMarkdown(detailText(d, 'docNo')), '', '---', ''].join('\n');
}

function signoff(d: NoticeDetails): string {
  return ['', `${escapeMarkdown(detailText(d, 'issuer'))}  `, escapeMarkdown(detailText(d, 'date')), ''].join('\n');
}

/** With `appendix`: the SHA-256 of every input, by file name without folders, and the generator. */
function appendix(d: NoticeDetails, meta: RenderMeta | undefined, s: Settlement): string {
  if (!d.appendix || !meta) return '';
  const lines = ['', '---', '', '## 附件：输入文件与规则的 SHA-256', '', row(['类型', '文件', 'SHA-256']), row(['---', '---', '---'])];
  for (const x of meta.sources) {
    const shown = publishedSource(x, schedulesOf(s.months));
    lines.push(row([shown.role, escapeMarkdown(shown.file), `\`${x.sha256}\``]));
  }
  lines.push('', `由 ${escapeMarkdown(meta.generator)} 生成。`, '');
  return lines.join('\n');
}

/** The notice in Markdown, with the details and appendix of the HTML notice (a given title as in renderHtml). */
export function renderMarkdown(s: Settlement, meta?: RenderMeta, details: NoticeDetails = {}): string {
  const single = s.months.length === 1;
  const docTitle = details.title !== undefined && !single ? `# ${escapeMarkdown(details.title)}\n\n` : '';
  const sections = s.months.map((m) => monthSection(m, single ? (details.title ?? noticeTitle(m)) : noticeTitle(m)));
  return `${masthead(details)}\n${docTitle}${sections.join('\n')}${signoff(details)}${appendix(details, meta, s)}`;
}

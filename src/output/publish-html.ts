/**
 * The parts that make an HTML page publishable (第七条), shared by the notice and the letters to each unit: the
 * draft banner, the masthead (issuer and document number), the sign-off (issuer and date) and the optional
 * appendix of SHA-256 digests. A detail not given shows as a 草稿 placeholder, never as invented text.
 */
import type { RenderMeta } from '../core/meta.js';
import type { Schedule } from '../schedule/format.js';
import { escapeHtml } from './html.js';
import { detailText, draftWords, publishedSource, type NoticeDetails, type RequiredDetail } from './notice.js';

export const PUBLISH_CSS = `
.draft { border: 2px solid #b35c00; background: #fff4e0; color: #7a3e00; padding: 4pt 8pt; margin: 0 0 8pt; font-weight: 600; text-align: center; }
.placeholder { background: #fff4e0; color: #7a3e00; outline: 1px dashed #b35c00; }
.draft, .placeholder { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
header.masthead { text-align: center; margin: 0 0 8pt; }
header.masthead .issuer { font-size: 20pt; font-weight: 700; color: #c00000; letter-spacing: 0.15em; margin: 0; }
header.masthead .doc-no { margin: 4pt 0 0; }
header.masthead hr { border: 0; border-top: 2px solid #c00000; margin: 4pt 0 0; }
h1.doc-title { font-size: 18pt; margin: 6pt 0 14pt; }
.signoff { text-align: right; margin: 14pt 2em 0 auto; width: max-content; break-inside: avoid; page-break-inside: avoid; }
.signoff p { margin: 2pt 0; text-align: center; }
aside.appendix { font-size: 8.5pt; color: #333; margin-top: 12pt; break-before: page; page-break-before: always; }
aside.appendix td.digest { font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
`;

/** A detail, or its placeholder marked as such. */
function detail(d: NoticeDetails, key: RequiredDetail): string {
  const text = escapeHtml(detailText(d, key));
  return d[key] === undefined ? `<span class="placeholder" data-placeholder="${key}">${text}</span>` : `<span data-detail="${key}">${text}</span>`;
}

export function draftBanner(d: NoticeDetails): string {
  const words = draftWords(d);
  return words ? `<p class="draft" role="note">${escapeHtml(words)}</p>` : '';
}

/** The issuing authority in red over the document number and a red rule, as a 红头 document opens. */
export function masthead(d: NoticeDetails): string {
  return `<header class="masthead"><p class="issuer">${detail(d, 'issuer')}</p><p class="doc-no">${detail(d, 'docNo')}</p><hr></header>`;
}

/** The issuer and date at the foot, as a document is signed off. */
export function signoff(d: NoticeDetails): string {
  return `<div class="signoff"><p>${detail(d, 'issuer')}</p><p>${detail(d, 'date')}</p></div>`;
}

/** With --appendix: the SHA-256 of every input and of the rules, and the generator; file names without folders. */
export function appendix(d: NoticeDetails, meta: RenderMeta | undefined, schedules: readonly Schedule[]): string {
  if (!d.appendix || !meta) return '';
  const rows = meta.sources
    .map((x) => {
      const shown = publishedSource(x, schedules);
      return `<tr><td>${escapeHtml(shown.role)}</td><td>${escapeHtml(shown.file)}</td><td class="digest">${x.sha256}</td></tr>`;
    })
    .join('');
  return (
    `<aside class="appendix"><h2>附件：输入文件与规则的 SHA-256</h2><p>用于核对打印件与其数据。</p>` +
    `<table><thead><tr><th>类型</th><th>文件</th><th>SHA-256</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<p class="generator">由 ${escapeHtml(meta.generator)} 生成。</p></aside>`
  );
}

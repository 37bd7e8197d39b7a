/** Explanations as an indented tree (`ecocomp explain`), or as versioned JSON to archive with a settlement. */
import type { TraceNode, UnitTrace } from './explain.js';
import { chineseMonth } from './words.js';
import { type Paint } from './text.js';
import { visible } from '../core/text.js';
import { placeOf } from '../core/problems.js';

function where(n: TraceNode): string {
  if (!n.source) return '';
  return `  (${placeOf(n.source)})`;
}

function lines(n: TraceNode, prefix: string, last: boolean, root: boolean, paint: Paint): string[] {
  const branch = root ? '' : last ? '└─ ' : '├─ ';
  const ref = n.citation ? paint.muted(`  [${n.citation}]`) : '';
  const head = `${prefix}${branch}${visible(n.text)}${ref}${paint.muted(visible(where(n)))}`;
  const childPrefix = root ? prefix : prefix + (last ? '   ' : '│  ');
  return [head, ...n.children.flatMap((c, i) => lines(c, childPrefix, i === n.children.length - 1, false, paint))];
}

/** One step of a derivation with the steps under it, as the lines of its tree. */
export function renderTraceNodeText(n: TraceNode, paint: Paint): string[] {
  return lines(n, '', true, true, paint);
}

export function renderTraceText(traces: readonly UnitTrace[], paint: Paint): string {
  return traces
    .map((t) => {
      const month = t.lang === 'zh' ? chineseMonth(t.month) : t.month;
      const provisional = t.provisionalThrough === undefined ? '' : t.lang === 'zh' ? `（预估：数据截至 ${t.provisionalThrough}，不是正式核算结果）` : ` (provisional: month to date through ${t.provisionalThrough}, not a settlement)`;
      const head = paint.strong(`${visible(t.county)} (${t.id}) ${month}${provisional} · ${visible(t.schedule)} (${visible(t.document)})`);
      const body = t.factors.flatMap((f) => ['', ...lines(f, '', true, true, paint)]);
      return [head, ...body, '', ...lines(t.total, '', true, true, paint)].join('\n') + '\n';
    })
    .join('\n');
}

export function renderTraceJson(traces: readonly UnitTrace[]): string {
  return `${JSON.stringify({ traceVersion: 1, traces }, null, 2)}\n`;
}

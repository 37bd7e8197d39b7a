/**
 * ecocomp's own settlement CSV read back as monthly data (`settle --format csv` → `settle`): besides the inputs it
 * holds what the settlement made of them — groups, baselines, amounts, rates, totals — which are read past, since
 * settling the inputs makes them again, and the province's verdict (省级核算结果), which is read, never dropped:
 * a settlement made under 支偿 read back without it would settle to other amounts in silence.
 */
import type { ProblemLog } from '../core/problems.js';
import { parseMonth } from '../core/month.js';
import type { ProvinceEntry } from '../core/rows.js';
import { HEADER_NAMES, normaliseHeader } from '../core/vocabulary.js';
import type { Schedule } from '../schedule/format.js';
import type { CsvRow } from './csv.js';
import { verdictOf } from './province.js';

/** The columns of a settlement that a table of inputs reads past: each factor's value, baseline, amount and reason, the totals. */
export function settlementColumns(schedules: readonly Schedule[]): string[] {
  const names = ['组别', '扣款', '奖励', '净额'];
  for (const f of schedules.flatMap((s) => s.factors)) names.push(f.name, `${f.name}考核基数`, `${f.name}金额`, `${f.name}取消原因`);
  return [...names, ...HEADER_NAMES.province_result];
}

/** The province's verdicts a settlement table gives, a month at a time; a month given two verdicts is a fault. */
export class VerdictColumn {
  readonly entries: ProvinceEntry[] = [];
  private readonly column: number;

  constructor(
    header: CsvRow,
    private readonly file: string,
    private readonly log: ProblemLog,
  ) {
    const names = new Set(HEADER_NAMES.province_result.map(normaliseHeader));
    this.column = header.cells.findIndex((c) => names.has(normaliseHeader(c)));
  }

  /** Reads a row's verdict (the row's month as read by the reader). */
  read(row: CsvRow, monthText: string): void {
    if (this.column < 0) return;
    const text = row.cells[this.column] ?? '';
    const payout = verdictOf(text);
    const month = parseMonth(monthText);
    const at = { file: this.file, line: row.line, column: this.column + 1 };
    if (payout === undefined) {
      return this.log.add({ ...at, code: 'E-PROVINCE-VALUE', message: `expected 支偿 (payout), 得补 (receive) or 未提供 (not given), got "${text.trim()}"`, zh: `应为 支偿、得补 或 未提供，实为 "${text.trim()}"` });
    }
    if (payout === null || month === null) return;
    const before = this.entries.find((e) => e.month === month);
    if (!before) this.entries.push({ month, payout, file: this.file, line: row.line });
    else if (before.payout !== payout) {
      const [here, there] = [payout ? '支偿' : '得补', before.payout ? '支偿' : '得补'];
      this.log.add({ ...at, code: 'E-PROVINCE-VALUE', message: `the province's result for ${month} is ${here} here and ${there} on line ${before.line}: a month has one`, zh: `${month} 的省级核算结果此处为${here}，第 ${before.line} 行为${there}：一个月只有一个结果` });
    }
  }
}

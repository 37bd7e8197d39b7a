/**
 * One row per unit and month, for finance staff who open it in Excel: UTF-8 with a BOM (without it
 * Excel on a Chinese Windows reads UTF-8 as GBK and garbles the names), Chinese headers, amounts as
 * plain numbers (factor amounts and net signed: reward +, deduction -; 扣款 and 奖励 as magnitudes, as in the JSON), text from input or a schedule neutralised against
 * formula injection.
 */
import { plain } from '../engine/decimal.js';
import type { MonthSettlement, Settlement } from '../engine/types.js';
import { FACTOR_IDS, citation, type FactorRule, type Schedule } from '../schedule/format.js';

const BOM = '\ufeff';
const CANCEL_REASON = { target: '未完成当月目标', province: '省级核算为支偿' } as const;

/** Text that Excel would run as a formula is prefixed with "'"; numbers the tool formats never pass here. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r\n]/.test(text) ? `'${text}` : text;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function renderCsv(s: Settlement): string {
  return [...csvChunks(s.months, s.months.map((m) => m.schedule))].join('');
}

/** The CSV a month at a time; `schedules` are those of the months, for the columns. */
export function* csvChunks(months: Iterable<MonthSettlement>, schedules: readonly Schedule[]): Generator<string> {
  // Columns for every factor of any schedule in use, in the canonical order; a month without one leaves it empty.
  const factors = FACTOR_IDS.flatMap((id) => {
    const rule = schedules.map((s) => s.factors.find((f) => f.id === id)).find((f): f is FactorRule => f !== undefined);
    return rule ? [rule] : [];
  });
  const header = ['月份', '单位', '单位编号', '组别'];
  for (const f of factors) header.push(f.name, `${f.name}考核基数`, `${f.name}金额`, `${f.name}取消原因`);
  header.push('扣款', '奖励', '净额', '省级核算结果');
  yield `${BOM}${header.map((h) => quote(neutralise(h))).join(',')}\r\n`;
  for (const m of months) {
    const lines: string[] = [];
    for (const c of m.counties) {
      const text = [m.month, c.unit.name, c.unit.id, c.group.name].map((t) => quote(neutralise(t)));
      const numbers: string[] = [];
      for (const rule of factors) {
        const f = c.factors.find((x) => x.factor.id === rule.id);
        const reason = f?.cancelled ? `${CANCEL_REASON[f.cancelled]}（${citation(f.cancelled === 'province' ? m.schedule.provinceGate.ref : f.targetCheck!.ref)}）` : '';
        if (f) numbers.push(plain(f.value), plain(f.baseline), plain(f.amount), quote(neutralise(reason)));
        else numbers.push('', '', '', '');
      }
      numbers.push(plain(c.deductions), plain(c.rewards), plain(c.net), m.provinceSource === null ? '未提供' : m.provincePayout ? '支偿' : '得补');
      lines.push([...text, ...numbers].join(','));
    }
    yield `${lines.join('\r\n')}\r\n`;
  }
}

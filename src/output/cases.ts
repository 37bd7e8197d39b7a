/**
 * The result of `ecocomp test` in words (Chinese or English) and for scripts (JSON, casesVersion 1): each case
 * passed or failed, and for each failing value the case, month, unit, field, the expected and the settled value,
 * and the clause behind it.
 */
import { visible } from '../core/text.js';
import { SETTLED, type CaseMismatch } from '../engine/cases.js';
import type { Lang } from './explain.js';

export type { CaseMismatch };

/** One case run: where it is, what it exercises, and every expected value it did not get. */
export interface CaseOutcome {
  file: string;
  /** Its index in the file's list of cases; null for a file of one case. */
  index: number | null;
  name: string;
  clauses: string[];
  passed: boolean;
  /** How many expected values were compared. */
  checked: number;
  mismatches: CaseMismatch[];
}

export interface CasesRun {
  cases: CaseOutcome[];
  passed: number;
  failed: number;
}

/** Where a case is: its file, and its index when the file holds a list. */
export const caseLabel = (c: { file: string; index: number | null }) => (c.index === null ? c.file : `${c.file}[${c.index}]`);

const WORDS = {
  zh: {
    pass: '通过',
    fail: '未通过',
    values: (n: number) => `${n} 项`,
    expected: '期望',
    got: '实际',
    clauses: '条款',
    city: '全市',
    summary: (n: number, p: number, f: number) => `${n} 个案例：${p} 个通过，${f} 个未通过`,
    sep: '：',
    comma: '，',
    fields: {
      amount: '金额',
      value: '实际值',
      baseline: '考核基数',
      gap: '差值',
      cancelled: '取消奖励',
      deductions: '扣款',
      rewards: '奖励',
      net: '净额',
      surplus: '结余（入专项资金）',
      shortfall: '缺口（市财政安排）',
      provincePayout: '省级支偿月',
      refusal: '拒绝',
      codes: '错误代码',
      month: '月份',
      unit: '单位',
    } as Record<string, string>,
  },
  en: {
    pass: 'PASS',
    fail: 'FAIL',
    values: (n: number) => `${n} value${n === 1 ? '' : 's'}`,
    expected: 'expected',
    got: 'got',
    clauses: 'clauses',
    city: 'city',
    summary: (n: number, p: number, f: number) => `${n} case${n === 1 ? '' : 's'}: ${p} passed, ${f} failed`,
    sep: ': ',
    comma: ', ',
    fields: {
      amount: 'amount',
      value: 'value',
      baseline: 'baseline',
      gap: 'gap',
      cancelled: 'cancelled',
      deductions: 'deductions',
      rewards: 'rewards',
      net: 'net',
      surplus: 'surplus (to the special fund)',
      shortfall: 'shortfall (paid by city finance)',
      provincePayout: 'provincial payout month',
      refusal: 'refusal',
      codes: 'fault codes',
      month: 'month',
      unit: 'unit',
    } as Record<string, string>,
  },
};

/** `pm25 金额`, `pm25.gap 差值`, `net 净额`: the key as the case file writes it, and what it is. */
function fieldText(field: string, lang: Lang): string {
  const w = WORDS[lang].fields;
  const [head, part] = field.split('.') as [string, string | undefined];
  const meaning = part !== undefined ? w[part] : (w[head] ?? w.amount);
  return meaning ? `${field} ${meaning}` : field;
}

/** A value of a diff in words: a settlement or a refusal named in the language of the text. */
function valueText(value: string, lang: Lang): string {
  if (lang === 'en') return value;
  if (value === SETTLED) return '正常结算（退出码 0）';
  return value.replace(/^exit 2: /, '拒绝（退出码 2）：');
}

/** One failing value on one line: month · unit · field: expected …, got … [clause]. */
function mismatchLine(m: CaseMismatch, lang: Lang): string {
  const w = WORDS[lang];
  const where = [m.month, m.unit ?? (m.month !== null && m.field !== 'month' ? w.city : null), fieldText(m.field, lang)].filter((x) => x !== null).join(' · ');
  const clause = m.clause ? `  [${m.clause}]` : '';
  return `    ${visible(where)}${w.sep}${w.expected} ${visible(valueText(m.expected, lang))}${w.comma}${w.got} ${visible(valueText(m.got, lang))}${clause}`;
}

/** Each case on a line (✓ or ✗), under a failing one each value it did not get, and a count at the end. */
export function renderCasesText(run: CasesRun, lang: Lang = 'zh'): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  for (const c of run.cases) {
    const mark = c.passed ? `✓ ${w.pass}` : `✗ ${w.fail}`;
    lines.push(`${mark}  ${visible(caseLabel(c))}  ${visible(c.name)}  (${w.values(c.checked)})`);
    if (c.passed) continue;
    lines.push(`    ${w.clauses}${w.sep}${c.clauses.map(visible).join('、')}`);
    for (const m of c.mismatches) lines.push(mismatchLine(m, lang));
  }
  lines.push('', w.summary(run.cases.length, run.passed, run.failed));
  return `${lines.join('\n')}\n`;
}

/** For scripts: every case with its outcome and each failing value as data. */
export function renderCasesJson(run: CasesRun): string {
  return `${JSON.stringify({ casesVersion: 1, passed: run.passed, failed: run.failed, cases: run.cases }, null, 2)}\n`;
}

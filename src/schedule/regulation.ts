/**
 * The articles and clauses of 许政办〔2022〕39号, as data, for the coverage table of `ecocomp rules --by-article`:
 * for each, in a few words of our own, what it lays down, and either what in the code applies it (beside the schedule
 * values that cite it, found by their references) or why nothing is computed for it (a purpose, a scope, an
 * administrative duty). An article with neither shows as not covered: the table makes a gap visible at once.
 */
import type { Schedule } from './format.js';
import { articleCitation, type Reference } from './reference.js';

export interface ProvisionRule {
  article: number;
  item?: number;
  clause?: number;
  /** What the provision lays down, in our words. */
  summary: string;
  /** The modules of the code that apply it (beside the schedule values that cite it). */
  code?: readonly string[];
  /** Why nothing is computed for it; absent when something is. */
  notComputed?: string;
}

/** The regulation the provisions below are of: a schedule of another city is still shown against it. */
export const REGULATION_DOCUMENT = '许政办〔2022〕39号';

/** The regulation's provisions in its order: each article, then its items and their numbered clauses. */
export const REGULATION_2022: readonly ProvisionRule[] = [
  { article: 1, summary: '目的与依据：改善空气质量，压实属地责任，“谁污染、谁赔偿，谁治理、谁受益”', notComputed: '立法目的与依据，不产生金额' },
  { article: 2, summary: '适用范围：许昌市行政区域内各县（市、区）', notComputed: '适用范围；被核算的单位由规则的 units 列出' },
  { article: 3, summary: '五项因子：PM10、PM2.5 月均浓度及其同比改善率、优良天数', code: ['schedule/measures.ts: 各因子所量之物及哪边为差', 'engine/settle.ts: 同比改善率'] },
  { article: 4, summary: '按月兑现；九个单位分中心城区组与县（市）组；各组均值为考核基数，按阶梯核算', code: ['engine/prepare.ts: 按月、按组取数与检查', 'engine/settle.ts: 组考核基数与差距', 'engine/bands.ts: 阶梯（超过部分按高档）'] },
  { article: 4, item: 1, summary: 'PM2.5 月均浓度的补偿标准', code: ['engine/bands.ts'] },
  { article: 4, item: 1, clause: 1, summary: 'PM2.5 高于基数：扣款阶梯' },
  { article: 4, item: 1, clause: 2, summary: 'PM2.5 低于基数：补偿阶梯' },
  { article: 4, item: 2, summary: 'PM2.5 同比改善率的补偿标准', code: ['engine/bands.ts'] },
  { article: 4, item: 2, clause: 1, summary: 'PM2.5 改善率低于基数：扣款阶梯' },
  { article: 4, item: 2, clause: 2, summary: 'PM2.5 改善率高于基数：补偿阶梯' },
  { article: 4, item: 3, summary: 'PM10 月均浓度的补偿标准', code: ['engine/bands.ts'] },
  { article: 4, item: 3, clause: 1, summary: 'PM10 高于基数：扣款阶梯' },
  { article: 4, item: 3, clause: 2, summary: 'PM10 低于基数：补偿阶梯' },
  { article: 4, item: 4, summary: 'PM10 同比改善率的补偿标准', code: ['engine/bands.ts'] },
  { article: 4, item: 4, clause: 1, summary: 'PM10 改善率低于基数：扣款阶梯' },
  { article: 4, item: 4, clause: 2, summary: 'PM10 改善率高于基数：补偿阶梯' },
  { article: 4, item: 5, summary: '优良天数：每少一天扣款、每多一天补偿', code: ['engine/bands.ts'] },
  { article: 5, summary: '未完成当月目标则取消该项奖励；省级核算为支偿时不核算奖励', code: ['engine/gates.ts: 依规则所列顺序适用各关卡'] },
  { article: 6, summary: '监测数据来源：省监控平台、许昌监测中心审核的数据', notComputed: '数据来源的规定；ecocomp 读取用户给出的数据，不核验其来源' },
  { article: 7, summary: '市生态环境局每月核算、通报、公布；市财政局据此结算', code: ['output/notice.ts: 通报用的核算结果'], notComputed: '职责分工；ecocomp 只出具核算结果' },
  { article: 8, summary: '扣收结余纳入专项资金；缺口由市财政统筹；奖励资金用于污染治理', code: ['engine/settle.ts: 全市结余与缺口'] },
  { article: 9, summary: '施行日期；许政办〔2020〕6号同时废止', code: ['schedule/window.ts: 规则适用的月份', 'schedule/set.ts: 按月选择规则'] },
];

export interface Coverage {
  provision: ProvisionRule;
  /** 第四条（一）1 */
  citation: string;
  /** The schedule values citing it: key path and their reference. */
  values: { path: string; ref: Reference }[];
  code: readonly string[];
  notComputed: string | null;
  /** Nothing in the schedule or the code is behind it, and no reason is given why. */
  uncovered: boolean;
}

/** Every `ref` of a schedule with its key path ("factors[0].deduction.bands[1]"). */
export function referencesOf(schedule: Schedule): { path: string; ref: Reference }[] {
  const out: { path: string; ref: Reference }[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object' && !isDecimal(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'ref') out.push({ path: path || '(schedule)', ref: v as Reference });
        else walk(v, path ? `${path}.${k}` : k);
      }
    }
  };
  walk(schedule, '');
  return out;
}

function isDecimal(v: object): boolean {
  return typeof (v as { toFixed?: unknown }).toFixed === 'function';
}

/** A reference cites exactly this provision (an article-level provision is not cited by a reference to one of its items). */
function citesExactly(r: Reference, p: ProvisionRule): boolean {
  return r.article === p.article && r.item === p.item && r.clause === p.clause;
}

/** For each provision of the regulation, what implements it in this schedule and in the code. */
export function coverage(schedule: Schedule, provisions: readonly ProvisionRule[] = REGULATION_2022): Coverage[] {
  const refs = referencesOf(schedule);
  return provisions.map((p) => {
    const values = refs.filter((r) => citesExactly(r.ref, p));
    const code = p.code ?? [];
    return { provision: p, citation: articleCitation(p), values, code, notComputed: p.notComputed ?? null, uncovered: values.length === 0 && code.length === 0 && p.notComputed === undefined };
  });
}

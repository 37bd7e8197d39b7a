/**
 * The result of `check` in words (text) and for scripts (JSON, checkVersion 1): each difference with both values,
 * where it is in the sheet, and the recomputed derivation behind it.
 */
import { plain } from '../core/decimal.js';
import type { FigureField, InputField, NotCompared } from '../core/claims.js';
import type { FactorId, Indicator } from '../core/factors.js';
import { formatProblem, formatProblemIn, placeOf } from '../core/problems.js';
import { visible } from '../core/text.js';
import { aggregateFigure, figureParts, unitFigure, type Comparison, type Difference } from '../engine/compare.js';
import type { CountySettlement, MonthSettlement, Settlement } from '../engine/types.js';
import { cite } from '../schedule/reference.js';
import { explainCounty, type Lang, type TraceNode, type UnitTrace } from './explain.js';
import { NO_PAINT } from './text.js';
import { renderTraceNodeText, renderTraceText } from './trace.js';

const FIELD_NAMES: Record<string, string> = {
  net: '净额 net',
  deductions: '扣款 deductions',
  rewards: '奖励 rewards',
  surplus: '结余 surplus',
  shortfall: '缺口 shortfall',
  balance: '结余(+)/缺口(−) balance',
  presence: '',
};

function fieldName(field: FigureField | 'presence'): string {
  if (FIELD_NAMES[field] !== undefined) return FIELD_NAMES[field];
  if (field.startsWith('input.')) return `输入 ${field}`;
  const [id, part] = field.split('.');
  return part === 'value' ? `${id} 实际 value` : part === 'baseline' ? `${id} 基数 baseline` : field;
}

/** The unit's, the group's or the city's name. */
function scopeName(s: Settlement, d: Difference): string {
  const m = s.months.find((x) => x.month === d.month) ?? s.months[0];
  if (d.unitId !== null) {
    // As the month's own schedule names the unit; a unit the month lacks by the name other months give it.
    const inMonth = m?.counties.find((c) => c.unit.id === d.unitId);
    return (inMonth ?? s.months.flatMap((x) => x.counties).find((c) => c.unit.id === d.unitId))?.unit.name ?? d.unitId;
  }
  if (d.groupId !== null) return m?.groups.find((g) => g.group.id === d.groupId)?.group.name ?? d.groupId;
  return d.field === 'presence' ? '' : '全市';
}

const monthOf = (s: Settlement, d: Difference) => s.months.find((x) => x.month === d.month);

/** A unit's derivation, for a difference in one of its figures. */
function unitTrace(s: Settlement, d: Difference, lang: Lang): UnitTrace | null {
  const m = monthOf(s, d);
  if (!m || d.unitId === null || d.field === 'presence' || !m.counties.some((c) => c.unit.id === d.unitId)) return null;
  return explainCounty(m, d.unitId, lang);
}

/** A group baseline's derivation: the baseline step of a member's factor, from the members' values. */
function baselineTrace(m: MonthSettlement, groupId: string, factor: FactorId, lang: Lang): TraceNode | null {
  const member = m.counties.find((c) => c.group.id === groupId && c.factors.some((f) => f.factor.id === factor));
  if (!member) return null;
  return explainCounty(m, member.unit.id, lang, [factor]).factors[0]?.children.find((n) => n.kind === 'baseline') ?? null;
}

/** "a + b − c = x": a sum of signed parts. */
function sumText(parts: { name: string; value: string }[], total: string): string {
  if (parts.length === 0) return total;
  const terms = parts.map((p, i) => (i === 0 ? `${p.name} ${p.value}` : p.value.startsWith('-') ? `− ${p.name} ${p.value.slice(1)}` : `+ ${p.name} ${p.value}`));
  return `${terms.join(' ')} = ${total}`;
}

/** How a group's or the city's figure follows from the units' (or, for the fund, from the totals). */
function aggregateDerivation(m: MonthSettlement, d: Difference, lang: Lang): string[] {
  const field = d.field as FigureField;
  if (field.endsWith('.baseline') && d.groupId !== null) {
    const node = baselineTrace(m, d.groupId, field.slice(0, -'.baseline'.length) as FactorId, lang);
    return node ? renderTraceNodeText(node, NO_PAINT) : [];
  }
  const zh = lang === 'zh';
  const scope = d.groupId === null ? (zh ? '全市' : 'city ') : `${m.groups.find((g) => g.group.id === d.groupId)?.group.name ?? d.groupId}${zh ? '' : ' '}`;
  const t = m.totals;
  const [ded, rew] = zh ? ['扣款', '奖励'] : ['deductions', 'rewards'];
  const fund = `  [${cite(m.schedule.fund.ref)}]`;
  if (field === 'surplus') return [`${zh ? '结余' : 'surplus'} = max(${ded} ${plain(t.deductions)} − ${rew} ${plain(t.rewards)}, 0) = ${plain(t.surplus)}${fund}`];
  if (field === 'shortfall') return [`${zh ? '缺口' : 'shortfall'} = max(${rew} ${plain(t.rewards)} − ${ded} ${plain(t.deductions)}, 0) = ${plain(t.shortfall)}${fund}`];
  if (field === 'balance') return [`${zh ? '结余(+)/缺口(−)' : 'surplus (+) / shortfall (−)'} = ${ded} ${plain(t.deductions)} − ${rew} ${plain(t.rewards)} = ${plain(t.deductions.minus(t.rewards))}${fund}`];
  const total = aggregateFigure(m, d.groupId, field);
  if (field === 'net') {
    const [r, dd] = [aggregateFigure(m, d.groupId, 'rewards'), aggregateFigure(m, d.groupId, 'deductions')];
    return r && dd && total ? [`${scope}${zh ? '净额' : 'net'} = ${rew} ${plain(r)} − ${ded} ${plain(dd)} = ${plain(total)}`] : [];
  }
  const parts = figureParts(m, d.groupId, field);
  if (!parts || !total) return [];
  const label = field === 'deductions' ? ded : field === 'rewards' ? rew : `${m.schedule.factors.find((f) => f.id === field)?.name ?? field}${zh ? '金额' : ' amount'}`;
  const names = (id: string) => m.counties.find((c) => c.unit.id === id)!.unit.name;
  const shown = parts.filter((p) => !p.value.isZero()).map((p) => ({ name: names(p.unitId), value: plain(p.value) }));
  return [`${scope}${label} = ${sumText(shown, plain(total))}`];
}

const INPUT_LABELS: Record<Lang, Record<InputField, string>> = {
  zh: {
    'input.pm25': '当月 PM2.5',
    'input.pm10': '当月 PM10',
    'input.pm25LastYear': '去年同期 PM2.5',
    'input.pm10LastYear': '去年同期 PM10',
    'input.goodDays': '当月优良天数',
    'input.pm25Target': 'PM2.5 目标',
    'input.pm10Target': 'PM10 目标',
    'input.goodDaysTarget': '优良天数目标',
  },
  en: {
    'input.pm25': 'PM2.5 this month',
    'input.pm10': 'PM10 this month',
    'input.pm25LastYear': 'PM2.5 a year earlier',
    'input.pm10LastYear': 'PM10 a year earlier',
    'input.goodDays': 'good days this month',
    'input.pm25Target': 'PM2.5 target',
    'input.pm10Target': 'PM10 target',
    'input.goodDaysTarget': 'good-days target',
  },
};

/** An input as the data gave it, and the cell it was read from. */
function inputDerivation(c: CountySettlement, field: InputField, lang: Lang): string[] {
  const value = unitFigure(c, field);
  const target = /^input\.(\w+)Target$/.exec(field)?.[1] as Indicator | undefined;
  const sources = c.record.sources;
  const source = target ? sources?.targets?.[target] : sources?.[field.slice('input.'.length) as 'pm25' | 'pm10' | 'pm25LastYear' | 'pm10LastYear' | 'goodDays'];
  const where = source ? `  (${placeOf(source)})` : '';
  const shown = value ? plain(value) : lang === 'zh' ? '未提供' : 'not given';
  return [`${INPUT_LABELS[lang][field]}${lang === 'zh' ? '：' : ': '}${shown}${where}`];
}

/** The recomputed derivation behind a differing figure. */
function derivation(s: Settlement, d: Difference, lang: Lang): string[] {
  const m = monthOf(s, d);
  if (!m || d.field === 'presence') return [];
  if (d.unitId === null) return aggregateDerivation(m, d, lang);
  const trace = unitTrace(s, d, lang);
  if (!trace) return [];
  if (d.field.startsWith('input.')) return inputDerivation(m.counties.find((c) => c.unit.id === d.unitId)!, d.field as InputField, lang);
  if (d.field === 'net' || d.field === 'deductions' || d.field === 'rewards') {
    const shallow = (n: TraceNode): TraceNode => ({ ...n, children: [] });
    return renderTraceText([{ ...trace, factors: trace.factors.map(shallow) }], NO_PAINT).trimEnd().split('\n').slice(1);
  }
  const factor = d.field.split('.')[0] as FactorId;
  return renderTraceText([explainCounty(m, d.unitId, lang, [factor])], NO_PAINT).trimEnd().split('\n').slice(1);
}

/** The JSON of a difference: the unit's trace, a group baseline's member trace, or the parts of a sum. */
function differenceJson(s: Settlement, d: Difference, lang: Lang): Record<string, unknown> {
  const m = monthOf(s, d);
  const out: Record<string, unknown> = {
    month: d.month,
    scope: d.scope,
    county: d.unitId === null ? null : scopeName(s, d),
    id: d.unitId,
    group: d.groupId,
    field: d.field,
    sheet: d.sheet,
    recomputed: d.recomputed,
    at: d.at,
    message: d.message,
  };
  const trace = unitTrace(s, d, lang);
  if (trace) out.trace = trace;
  if (m && d.unitId === null && d.field !== 'presence') {
    const field = d.field;
    const parts = field.endsWith('.baseline') ? undefined : figureParts(m, d.groupId, field);
    if (parts) out.parts = parts.map((p) => ({ county: m.counties.find((c) => c.unit.id === p.unitId)!.unit.name, id: p.unitId, value: plain(p.value) }));
    if (field.endsWith('.baseline') && d.groupId !== null) {
      const node = baselineTrace(m, d.groupId, field.slice(0, -'.baseline'.length) as FactorId, lang);
      if (node) out.baselineTrace = node;
    }
  }
  return out;
}


/** What `check` found, for scripts: every difference with its derivation, and what was not compared. */
export function renderCheckJson(s: Settlement, c: Comparison, notCompared: readonly NotCompared[], sources: unknown, lang: Lang): string {
  const out = {
    checkVersion: 1,
    agrees: c.differences.length === 0,
    compared: c.compared,
    months: c.months,
    sources,
    differences: c.differences.map((d) => differenceJson(s, d, lang)),
    notCompared,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** What `check` found, in words: agreement, or each difference with both values, its place and its derivation. */
export function renderCheckText(s: Settlement, c: Comparison, notCompared: number, sheetName: string, lang: Lang, words: Lang = lang): string {
  const { differences, compared, months } = c;
  const lines: string[] = [];
  const zh = words === 'zh';
  const uncompared = notCompared === 0 ? '' : zh ? `；${notCompared} 个数字未比对：见标准错误输出中的提示` : `; ${notCompared} not compared: see the note${notCompared === 1 ? '' : 's'} on standard error`;
  if (differences.length === 0) {
    lines.push(
      zh
        ? `ecocomp check：${visible(sheetName)} 与根据数据重算的核算结果一致：比对了 ${compared} 个数字（${months.join('、')}）${uncompared}。`
        : `ecocomp check: ${visible(sheetName)} agrees with the settlement recomputed from the data: ${compared} numbers compared (${months.join(', ')})${uncompared}.`,
    );
  } else {
    lines.push(
      zh
        ? `ecocomp check：${visible(sheetName)} 与根据数据重算的核算结果有 ${differences.length} 处不同（比对了 ${compared} 个数字${uncompared}）：`
        : `ecocomp check: ${differences.length} difference${differences.length === 1 ? '' : 's'} between ${visible(sheetName)} and the settlement recomputed from the data (${compared} numbers compared${uncompared}):`,
    );
    for (const d of differences) {
      const where = d.at ? `  (${placeOf(d.at)})` : '';
      const what = [d.month, scopeName(s, d), fieldName(d.field)].filter(Boolean).join(' ');
      lines.push('', `${visible(what)}: ${visible(zh ? d.zh : d.message)}${visible(where)}`);
      lines.push(...derivation(s, d, lang).filter((l) => l.trim() !== '').map((l) => `    ${visible(l)}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A number of the sheet that was not compared, as a note line. */
export function notComparedLine(n: NotCompared): string {
  return visible(formatProblem(n));
}

/** A number of the sheet that was not compared, as a note in both languages. */
export function notComparedNote(n: NotCompared): { en: string; zh: string } {
  return { en: formatProblemIn(n, 'en'), zh: formatProblemIn(n, 'zh') };
}

/** The schedule in force, for people (`ecocomp rules`): units and groups, factors and scales, gates, decisions, each with its reference. */
import { Dec, plain } from '../core/decimal.js';
import type { Band, FactorRule, GateRule, Reference, Scale, Schedule } from '../schedule/format.js';
import { cite, citeInFull } from '../schedule/reference.js';
import { REGULATION_DOCUMENT, coverage, type Coverage } from '../schedule/regulation.js';
import { describeWindow } from '../schedule/window.js';
import { padEnd, width, type Paint } from './text.js';
import { visible } from '../core/text.js';

const ROUNDING = { 'half-even': 'GB/T 8170 四舍六入五成双', 'half-up': '四舍五入（Excel ROUND）' } as const;
const INDICATOR = { pm25: 'PM2.5', pm10: 'PM10', goodDays: '优良天数' } as const;
const GROUP_RATE = { 'rate-of-means': '由组均值计算', 'mean-of-rates': '成员改善率的均值' } as const;
const STATISTIC = { mean: '组内成员算术平均', supplied: '由外部给定（--baselines）' } as const;
const SIDE = { deduction: '扣款', reward: '补偿' } as const;

export interface RulesLayout {
  /** The terminal's width; below the table's full width the compact layout is used. Undefined: always the full one. */
  columns?: number | undefined;
  /** The full layout whatever the width (`--wide`). */
  wide?: boolean | undefined;
}

/** How references are written: with their notes (full layout) or as the citation alone (compact layout). */
type Cite = (r: Reference) => string;

function bandText(bands: readonly Band[], i: number, unit: string): string {
  const band = bands[i]!;
  const from: Dec | null = i === 0 ? null : bands[i - 1]!.upTo;
  if (band.upTo === null) return from === null ? `每 ${unit}` : `超过 ${plain(from)} ${unit} 的部分`;
  return from === null ? `${plain(band.upTo)} ${unit} 以内（含）` : `超过 ${plain(from)} 至 ${plain(band.upTo)} ${unit}（含）的部分`;
}

function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : padEnd(c, widths[i]!))).join('  ').trimEnd());
}

function scaleLines(f: FactorRule, side: 'deduction' | 'reward', ref: Cite): string[] {
  const scale: Scale | null = f[side];
  const other = side === 'deduction' ? 'reward' : 'deduction';
  if (scale === null) return [`    ${SIDE[side]}：无（本因子只${SIDE[other]}）`];
  const unit = visible(f.gapUnit);
  const rows = scale.bands.map((b, i) => [bandText(scale.bands, i, unit), `${plain(b.rate)} 万元/${unit}`, visible(ref(b.ref))]);
  return [`    ${SIDE[side]}  ${visible(ref(scale.ref))}`, `      起算差距：${plain(scale.minimumGap.value)} ${unit}  ${visible(ref(scale.minimumGap.ref))}`, ...table(rows, '      ')];
}

function factorLines(f: FactorRule, ref: Cite): string[] {
  return [`  ${visible(f.name)} (${f.id})  ${visible(ref(f.ref))}`, ...scaleLines(f, 'deduction', ref), ...scaleLines(f, 'reward', ref)];
}

function gateLine(s: Schedule, g: GateRule, i: number, ref: Cite): string {
  const name = (id: string) => visible(s.factors.find((f) => f.id === id)?.name ?? id);
  if (g.condition === 'province-payout') {
    const all = s.factors.every((f) => g.factors.includes(f.id));
    return `  ${i + 1}. ${g.id}：省级核算为支偿时取消${all ? '全部' : g.factors.map(name).join('、')}奖励  ${visible(ref(g.ref))}`;
  }
  const covered = Object.entries(g.targets).map(([factor, indicator]) => `${name(factor)}（${INDICATOR[indicator]}目标）`);
  return `  ${i + 1}. ${g.id}：未完成当月目标则取消奖励：${covered.join('、')}  ${visible(ref(g.ref))}`;
}

function renderOne(s: Schedule, paint: Paint, ref: Cite): string[] {
  const c = s.computation;
  const unitName = (id: string) => s.units.find((u) => u.id === id)!;
  const out: string[] = [];
  out.push(paint.strong(`规则 ${visible(s.id)}：${visible(s.title)}（${visible(s.document)}）`));
  out.push(`${describeWindow(s)}`);
  out.push(`  ${visible(ref(s.ref))}`);
  out.push(`金额单位：${s.amountUnit.value}  ${visible(ref(s.amountUnit.ref))}`);
  out.push('', paint.strong('单位与分组'));
  for (const g of s.groups) {
    out.push(`  ${visible(g.name)} (${g.id})  ${visible(ref(g.ref))}`);
    for (const id of g.members) {
      const u = unitName(id);
      out.push(`    ${visible(u.name)} (${u.id})${u.aliases.length ? `  别名：${u.aliases.map(visible).join('、')}` : ''}`);
    }
  }
  out.push('', paint.strong('因子与阶梯（扣款、补偿分列）'));
  for (const f of s.factors) out.push(...factorLines(f, ref));
  out.push('', paint.strong('取消奖励的关卡（依次适用，先适用者为准）'));
  if (s.gates.length === 0) out.push('  无');
  s.gates.forEach((g, i) => out.push(gateLine(s, g, i, ref)));
  out.push('', paint.strong('计算规则'));
  out.push(
    ...table([
      ['修约', ROUNDING[c.rounding.value], visible(ref(c.rounding.ref))],
      ['浓度小数位', String(c.concentrationDecimals.value), visible(ref(c.concentrationDecimals.ref))],
      ['改善率小数位', String(c.rateDecimals.value), visible(ref(c.rateDecimals.ref))],
      ['优良天数基数小数位', String(c.goodDaysBaselineDecimals.value), visible(ref(c.goodDaysBaselineDecimals.ref))],
      ['考核基数', STATISTIC[c.baselineStatistic.value], visible(ref(c.baselineStatistic.ref))],
      ['组改善率', GROUP_RATE[c.groupRate.value], visible(ref(c.groupRate.ref))],
      ['成员缺失', '不予核算', visible(ref(c.missingMember.ref))],
      ['单位月度上限', s.caps.deductions === null && s.caps.rewards === null ? '无' : `扣款 ${s.caps.deductions ? plain(s.caps.deductions) : '无'}，奖励 ${s.caps.rewards ? plain(s.caps.rewards) : '无'}`, visible(ref(s.caps.ref))],
      ['资金', '扣收结余纳入专项资金，缺口由市财政安排', visible(ref(s.fund.ref))],
    ]),
  );
  return out;
}

/**
 * A line cut into pieces of at most `columns` display columns, the pieces after the first indented: at a space, after
 * a list mark (、，；) or before an opening bracket where one lies in the second half of the piece, else where the
 * width runs out.
 */
function wrap(line: string, columns: number): string[] {
  if (width(line) <= columns) return [line];
  const indent = ' '.repeat(Math.min((/^ */.exec(line)?.[0].length ?? 0) + 4, Math.floor(columns / 2)));
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (width(current + ch) > columns) {
      const chars = [...current];
      let cut = chars.length;
      for (let i = chars.length - 1; i > chars.length / 2; i--) {
        if (/[ 、，；（]/.test(chars[i]!)) {
          // After a space or a list mark; before an opening bracket, which belongs to what follows it.
          cut = chars[i] === '（' ? i : i + 1;
          break;
        }
      }
      out.push(chars.slice(0, cut).join('').trimEnd());
      current = indent + chars.slice(cut).join('').trimStart();
    }
    current += ch;
  }
  if (current.trim() !== '') out.push(current.trimEnd());
  return out;
}

/**
 * The schedules as a table. The full layout writes every reference with its note; when that is wider than the
 * terminal (layout.columns) and not `wide`, the compact layout writes the citations alone and wraps what is still
 * too long, so that no line is wider than the terminal.
 */
export function renderRulesTable(schedules: readonly Schedule[], paint: Paint, layout: RulesLayout = {}): string {
  const full = schedules.map((s) => renderOne(s, paint, citeInFull));
  const widest = Math.max(...full.flat().map((l) => width(l)));
  if (layout.wide || layout.columns === undefined || widest <= layout.columns) return full.map((lines) => `${lines.join('\n')}\n`).join('\n');
  const columns = layout.columns;
  return schedules.map((s) => `${renderOne(s, paint, cite).flatMap((l) => wrap(l, columns)).join('\n')}\n`).join('\n');
}

export function renderRulesJson(schedules: readonly Schedule[]): string {
  return `${JSON.stringify({ schedules }, plainDecimals, 2)}\n`;
}

// Decimals are written as plain decimal strings, as in a schedule file: decimal.js's own toJSON would write
// 1e-7 for 0.0000001 and 1e+21 for 10^21, which no schedule file may hold.
// A replacer sees a value after its toJSON: the original is its holder's property.
function plainDecimals(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  return Dec.isDecimal(original) ? (original as Dec).toFixed() : value;
}

// ——— by article ——————————————————————————————————————————————————————————————————————————————————

function implementedBy(c: Coverage): string {
  // Several items of one list are named once: units[0] … units[8] as "units"; a single item keeps its index.
  const listOf = (path: string) => path.replace(/\[\d+\]$/, '');
  const count = (list: string) => c.values.filter((v) => listOf(v.path) === list).length;
  const paths = [...new Set(c.values.map((v) => (count(listOf(v.path)) > 1 ? listOf(v.path) : v.path)))];
  const parts = [...paths, ...c.code];
  if (parts.length > 0) return parts.join('；') + (c.notComputed ? `（${c.notComputed}）` : '');
  return c.notComputed ? `不计算：${c.notComputed}` : '无（未覆盖）';
}

/**
 * `rules --by-article`: for each article and clause of the regulation, what implements it — the schedule values
 * citing it (by key path) and the code applying it — or why nothing is computed for it. An uncovered provision is
 * marked so that it shows at once.
 */
export function renderCoverageTable(schedules: readonly Schedule[], paint: Paint, layout: RulesLayout = {}): string {
  return schedules
    .map((s) => {
      const rows = coverage(s).map((c) => {
        const indent = c.provision.clause !== undefined ? '    ' : c.provision.item !== undefined ? '  ' : '';
        const mark = c.uncovered ? paint.strong('✗ ') : '';
        return [`${indent}${c.citation}`, `${mark}${c.provision.summary}`, implementedBy(c)];
      });
      const head = [paint.strong(`规则 ${visible(s.id)}（${visible(s.document)}）逐条对照${REGULATION_DOCUMENT}`), ''];
      const lines = [...head, ...table([['条款', '内容', '实现'], ...rows], '')];
      const columns = layout.wide ? undefined : layout.columns;
      return `${(columns === undefined ? lines : lines.flatMap((l) => wrap(l, columns))).join('\n')}\n`;
    })
    .join('\n');
}

export function renderCoverageJson(schedules: readonly Schedule[]): string {
  const json = schedules.map((s) => ({
    schedule: s.id,
    document: s.document,
    regulation: REGULATION_DOCUMENT,
    provisions: coverage(s).map((c) => ({
      citation: c.citation,
      article: c.provision.article,
      ...(c.provision.item !== undefined ? { item: c.provision.item } : {}),
      ...(c.provision.clause !== undefined ? { clause: c.provision.clause } : {}),
      summary: c.provision.summary,
      values: c.values.map((v) => ({ path: v.path, ref: citeInFull(v.ref) })),
      code: c.code,
      notComputed: c.notComputed,
      covered: !c.uncovered,
    })),
  }));
  return `${JSON.stringify({ coverageVersion: 1, schedules: json }, null, 2)}\n`;
}

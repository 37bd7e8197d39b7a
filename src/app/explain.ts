/** One unit's explanation: the derivation of every amount, month by month, as the months are settled. */
import { HEADER_NAMES, normaliseHeader } from '../core/vocabulary.js';
import { note } from '../core/notes.js';
import { FACTOR_IDS, type FactorId } from '../core/factors.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import { normaliseName, unitResolver } from '../core/units.js';
import type { MonthSettlement } from '../engine/types.js';
import { explainCounty, type Lang, type UnitTrace } from '../output/explain.js';
import type { Schedule } from '../schedule/format.js';
import { nodeReader, type Reader } from './files.js';
import { settle, type SettleOptions } from './settle.js';

export interface ExplainOptions extends Omit<SettleOptions, 'inMemory'> {
  /** The unit: its name, a declared alias or its id. */
  county: string;
  /** Only these factors: ids (`pm25Rate`) or the schedule's names (`PM2.5同比改善率`). */
  factors?: readonly string[];
  lang?: Lang;
}

export interface Explained {
  traces: UnitTrace[];
  /** Notes for the user: months read only as last year's values, months whose schedule has no such unit. */
  notices: string[];
  /** The months whose schedule has no such unit (also among the notices). */
  unexplained: string[];
}

/**
 * The columns whose names also name a factor: "PM2.5" or "PM10" (the concentration, as a table heads it), "PM2.5改善率",
 * "优良天数" — an analyst writes a factor as the column they know.
 */
const FACTOR_COLUMN_NAMES: Readonly<Record<FactorId, readonly string[]>> = {
  pm25: HEADER_NAMES.pm25,
  pm25Rate: HEADER_NAMES.pm25_rate,
  pm10: HEADER_NAMES.pm10,
  pm10Rate: HEADER_NAMES.pm10_rate,
  goodDays: HEADER_NAMES.good_days,
};

/** The factor a name stands for: its id, its name in a schedule, or a column name of the factor's value. */
function factorNamed(f: string, schedules: readonly Schedule[]): FactorId | undefined {
  const header = normaliseHeader(f);
  return (
    FACTOR_IDS.find((x) => x.toLowerCase() === f.trim().toLowerCase()) ??
    schedules.flatMap((s) => s.factors).find((x) => normaliseName(x.name) === normaliseName(f))?.id ??
    FACTOR_IDS.find((id) => FACTOR_COLUMN_NAMES[id].some((n) => normaliseHeader(n) === header))
  );
}

/** The factor ids the names stand for; an unknown name is a problem of --factor. */
function factorIds(names: readonly string[], schedules: readonly Schedule[], problems: Problem[]): FactorId[] {
  const ids: FactorId[] = [];
  for (const f of names) {
    const id = factorNamed(f, schedules);
    if (id) ids.push(id);
    else problems.push({ file: '--factor', code: 'E-FACTOR-UNKNOWN', message: `unknown factor "${f}"; expected one of ${FACTOR_IDS.join(', ')} or a factor's name (${schedules[0]?.factors.map((x) => x.name).join('、') ?? ''})`, zh: `未知因子“${f}”；应为 ${FACTOR_IDS.join('、')} 之一或因子名称（${schedules[0]?.factors.map((x) => x.name).join('、') ?? ''}）` });
  }
  return ids;
}

/**
 * The traces of one unit, month by month as the months are settled (a scheme of many years is never held whole):
 * a month whose schedule has no such unit is noted, or refused when the user asked for it with --month.
 */
function unitTraces(months: Iterable<MonthSettlement>, unitId: string, given: string, asked: boolean, trace: (m: MonthSettlement) => UnitTrace): { traces: UnitTrace[]; notes: string[] } {
  const traces: UnitTrace[] = [];
  const others: { month: string; schedule: string }[] = [];
  for (const m of months) {
    if (m.counties.some((c) => c.unit.id === unitId)) traces.push(trace(m));
    else others.push({ month: m.month, schedule: m.schedule.id });
  }
  const why = (o: { month: string; schedule: string }) => `schedule ${o.schedule}, in force for ${o.month}, has no unit "${given}" (${unitId})`;
  const whyZh = (o: { month: string; schedule: string }) => `${o.month} 适用的规则 ${o.schedule} 中没有单位“${given}”（${unitId}）`;
  if (traces.length === 0) {
    throw new ProblemsError([{ file: '--county', code: 'E-UNIT-NOT-SETTLED', message: `"${given}" is settled in none of the months settled: ${others.map(why).join('; ')}`, zh: `“${given}”在核算的各月中都未核算：${others.map(whyZh).join('；')}` }]);
  }
  if (asked && others.length > 0) {
    throw new ProblemsError(others.map((o) => ({ file: '--month', code: 'E-UNIT-NOT-SETTLED', message: `${o.month} does not settle "${given}": ${why(o)}; leave the month out or explain another unit`, zh: `${o.month} 不核算“${given}”：${whyZh(o)}；请去掉该月，或说明其他单位` })));
  }
  return { traces, notes: others.map((o) => note(`${o.month} is not explained: ${why(o)}`, `${o.month} 未作说明：${whyZh(o)}`)) };
}

/**
 * The settlement is prepared first (its faults come first), the unit and factors are then looked up in its
 * schedules, and only then are the months settled — so that a wrong --county settles nothing.
 */
export async function explain(opts: ExplainOptions, reader: Reader = nodeReader): Promise<Explained> {
  const settled = await settle(opts, reader);
  const problems: Problem[] = [];
  const unit = unitResolver(settled.schedules)(opts.county);
  if ('error' in unit) problems.push({ file: '--county', code: unit.code, message: unit.error, zh: unit.zh });
  const factors = factorIds(opts.factors ?? [], settled.schedules, problems);
  if (problems.length > 0 || 'error' in unit) throw new ProblemsError(problems);
  const lang = opts.lang ?? 'zh';
  const { traces, notes } = unitTraces(settled.eachMonth(), unit.unitId, opts.county.trim(), opts.months !== undefined, (m) =>
    explainCounty(m, unit.unitId, lang, factors.length > 0 ? factors : undefined),
  );
  return { traces, notices: [...settled.notices, ...notes], unexplained: notes };
}

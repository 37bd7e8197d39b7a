/**
 * Break-even values for one unit and month (issue 13, `ecocomp target`): the library's `target`. With last month's
 * data it is the planning sheet for the next month: how low PM2.5 must be for a unit to stop paying.
 */
import { parseMonth } from '../core/month.js';
import { ProblemsError } from '../core/problems.js';
import { unitResolver } from '../core/units.js';
import { planUnit, type UnitPlan } from '../engine/target.js';
import { settleEach } from '../engine/settle.js';
import { monthAlone } from '../engine/checked.js';
import type { MonthSettlement } from '../engine/types.js';
import { nodeReader, type Reader } from './files.js';
import { prepareFiles, type SettleOptions } from './settle.js';
import { optionalList, requireText, throwIfAny } from './options.js';

export interface TargetOptions extends Omit<SettleOptions, 'months' | 'from' | 'to' | 'inMemory' | 'onMonth' | 'set'> {
  /** The month (`YYYY-MM`). */
  month: string;
  /** The unit: its name, an alias or its id. */
  county: string;
}

export interface Targeted {
  plan: UnitPlan;
  /** The month as settled, with its warnings (implausible values settled as given). */
  month: MonthSettlement;
  notices: string[];
}

export async function target(opts: TargetOptions, reader: Reader = nodeReader): Promise<Targeted> {
  throwIfAny([...requireText(opts.month, 'month'), ...requireText(opts.county, 'county'), ...optionalList(opts.rules, 'rules')]);
  const month = parseMonth(opts.month);
  if (month === null || month !== opts.month.trim()) {
    throw new ProblemsError([{ file: '--month', code: 'E-MONTH', message: `"${opts.month}" is not a month; expected YYYY-MM, e.g. 2022-10`, zh: `“${opts.month}”不是月份；应为 YYYY-MM，如 2022-10` }]);
  }
  const { prepared, schedules, scheduleNotes } = await prepareFiles({ ...opts, months: [month] }, reader);
  opts.onNotes?.([...scheduleNotes, ...prepared.notices]);
  const checked = prepared.checked.months.find((m) => m.month === month);
  const unit = unitResolver(schedules)(opts.county);
  if ('error' in unit) throw new ProblemsError([{ file: '--county', code: unit.code, message: unit.error, zh: unit.zh }]);
  const plan = checked && planUnit(checked, unit.unitId);
  if (!plan) throw new ProblemsError([{ file: '--county', code: 'E-UNIT-UNKNOWN', message: `${opts.county} is not settled in ${month} under schedule ${checked?.schedule.id ?? ''}`, zh: `${month} 未按规则 ${checked?.schedule.id ?? ''} 核算 ${opts.county}` }]);
  const [settled] = [...settleEach(monthAlone(checked))];
  if (!settled) throw new Error(`internal: ${month} not settled`);
  return { plan, month: settled, notices: [...scheduleNotes, ...prepared.notices] };
}

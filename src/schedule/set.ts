/**
 * Several schedules, each in force for its own months (a revised regulation replaces an earlier one).
 * The month decides which one settles it; two schedules claiming the same month are refused.
 */
import type { Problem } from '../core/problems.js';
import type { Schedule } from './format.js';
import { coversMonth, describeWindow, describeWindowZh, firstMonth, lastMonth } from './window.js';
import { normaliseName } from '../core/units.js';

export interface NamedSchedule {
  schedule: Schedule;
  /** Where it came from: a file or "built-in xuchang-2022". */
  source: string;
}

/** Faults in a set: overlapping periods, or one name standing for different units in different schedules. */
export function checkScheduleSet(set: readonly NamedSchedule[]): Problem[] {
  const problems: Problem[] = [];
  const sorted = [...set].sort((a, b) => a.schedule.effectiveFrom.localeCompare(b.schedule.effectiveFrom));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const next = sorted[i]!;
    const prevLast = lastMonth(prev.schedule);
    if (prevLast === null || prevLast >= firstMonth(next.schedule)) {
      problems.push({
        file: next.source,
        code: 'E-SCHEDULE-SET',
        message: `overlaps ${prev.source}: ${describeWindow(prev.schedule)}, and ${describeWindow(next.schedule)}; each month must have exactly one schedule (set effectiveUntil on the earlier one)`,
        zh: `与 ${prev.source} 的适用期重叠：${describeWindow(prev.schedule)}；${describeWindow(next.schedule)}；每个月只能有一个规则（请为较早的规则设置 effectiveUntil）`,
      });
    }
  }
  // Units are looked up in all the schedules at once: an id, name or alias must mean one unit in all of them.
  const ids = new Map<string, string>();
  for (const { schedule } of set) for (const u of schedule.units) ids.set(u.id, u.id);
  for (const { schedule, source } of set) {
    schedule.units.forEach((u, i) => {
      [u.name, ...u.aliases].forEach((n, j) => {
        const key = normaliseName(n);
        const before = ids.get(key);
        if (before !== undefined && before !== u.id) {
          problems.push({
            file: source,
            field: j === 0 ? `units[${i}].name` : `units[${i}].aliases[${j - 1}]`,
            code: 'E-SCHEDULE-SET',
            message: `"${n}" names unit "${u.id}" here but ${before === key ? 'is the id of' : 'names'} unit "${before}" in another schedule given; a name must mean one unit`,
            zh: `“${n}”在此处指单位“${u.id}”，而在另一个给出的规则中${before === key ? '是' : '指'}单位“${before}”${before === key ? '的编号' : ''}；一个名称只能指一个单位`,
          });
        } else ids.set(key, u.id);
      });
    });
  }
  return problems;
}

export function scheduleForMonth(set: readonly Schedule[], month: string): Schedule | undefined {
  return set.find((s) => coversMonth(s, month));
}

/**
 * A unit's name in a month: as the schedule in force for the month names it (a later schedule may rename it), or,
 * for a month no schedule of the set covers, as the first schedule that knows the unit does; its id if none does.
 */
export function unitNameIn(set: readonly Schedule[], unitId: string, month: string): string {
  const own = scheduleForMonth(set, month)?.units.find((u) => u.id === unitId);
  return (own ?? set.flatMap((s) => s.units).find((u) => u.id === unitId))?.name ?? unitId;
}

export function describeSet(set: readonly Schedule[]): string {
  return set.map(describeWindow).join('; ');
}

export function describeSetZh(set: readonly Schedule[]): string {
  return set.map(describeWindowZh).join('；');
}

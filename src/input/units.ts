import type { Schedule } from '../schedule/format.js';
import { normaliseName } from '../schedule/format.js';

export type UnitResolver = (text: string) => { unitId: string } | { error: string };

/**
 * A unit is named by its name, an alias or its id (compared after NFKC, without spaces, ignoring case).
 * Each schedule guarantees that these identify one unit, and a set of schedules that a name means the same
 * unit in all of them (checkScheduleSet).
 */
export function unitResolver(schedules: readonly Schedule[]): UnitResolver {
  const byName = new Map<string, string>();
  const units = schedules.flatMap((s) => s.units);
  for (const u of units) for (const n of [u.id, u.name, ...u.aliases]) byName.set(normaliseName(n), u.id);
  const names = [...new Set(units.map((u) => u.name))].join('、');
  return (text) => {
    const key = normaliseName(text);
    if (key === '') return { error: `expected a unit name (${names}), got an empty cell` };
    const unitId = byName.get(key);
    if (unitId !== undefined) return { unitId };
    // A longer official name ("许昌市魏都区") is accepted only when exactly one unit's name ends it.
    const endings = new Set(units.filter((u) => [u.name, ...u.aliases].some((n) => key.endsWith(normaliseName(n)))).map((u) => u.id));
    if (endings.size === 1) return { unitId: [...endings][0]! };
    const example = units.find((u) => u.aliases.length > 0)?.aliases[0] ?? units[0]?.id;
    return { error: `unknown unit "${text.trim()}"; expected one of ${names} (or an alias of one, e.g. ${example}) in schedule ${schedules.map((s) => s.id).join(', ')}` };
  };
}

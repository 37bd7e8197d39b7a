import type { Schedule } from '../schedule/format.js';
import { normaliseName } from '../schedule/format.js';

export type UnitResolver = (text: string) => { unitId: string } | { error: string };

/**
 * A unit is named by its name, an alias or its id (compared after NFKC, without spaces, ignoring case).
 * The schedule guarantees that each of them identifies one unit.
 */
export function unitResolver(schedule: Schedule): UnitResolver {
  const byName = new Map<string, string>();
  for (const u of schedule.units) for (const n of [u.id, u.name, ...u.aliases]) byName.set(normaliseName(n), u.id);
  const names = schedule.units.map((u) => u.name).join('、');
  return (text) => {
    const key = normaliseName(text);
    if (key === '') return { error: `expected a unit name (${names}), got an empty cell` };
    const unitId = byName.get(key);
    if (unitId !== undefined) return { unitId };
    // A longer official name ("许昌市魏都区") is accepted only when exactly one unit's name ends it.
    const endings = schedule.units.filter((u) => [u.name, ...u.aliases].some((n) => key.endsWith(normaliseName(n))));
    if (endings.length === 1) return { unitId: endings[0]!.id };
    return { error: `unknown unit "${text.trim()}"; expected one of ${names} (or an alias of one, e.g. ${schedule.units[0]?.aliases[0] ?? schedule.units[0]?.id}) in schedule ${schedule.id}` };
  };
}

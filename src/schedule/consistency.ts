/**
 * The rules of a schedule that span several fields: ids and names that identify one unit, groups that partition
 * the units, bands that ascend to an open last one, a period that does not end before it starts. Checked on a
 * schedule whose structure is valid (every field of the right type), so that each check sees what it compares.
 */
import type { Schedule } from './format.js';
import { normaliseName } from '../core/units.js';

export interface ScheduleIssue {
  path: (string | number)[];
  message: string;
}

export function scheduleConsistency(s: Schedule): ScheduleIssue[] {
  return [...unitIssues(s), ...groupIssues(s), ...factorIssues(s), ...periodIssues(s)];
}

function unitIssues(s: Schedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const unitIds = new Map<string, number>();
  s.units.forEach((u, i) => {
    if (unitIds.has(u.id)) issues.push({ path: ['units', i, 'id'], message: `unit id "${u.id}" is already used by units[${unitIds.get(u.id)}]` });
    else unitIds.set(u.id, i);
  });
  // Every id, name and alias must identify one unit, or a unit named in the data could be either. Ids claim their
  // text first, so that an alias equal to another unit's id is the one reported.
  const claims = new Map<string, { unit: number; where: string }>();
  s.units.forEach((u, i) => {
    if (!claims.has(u.id)) claims.set(u.id, { unit: i, where: `units[${i}].id` });
  });
  s.units.forEach((u, i) => {
    [u.name, ...u.aliases].forEach((n, j) => {
      const key = normaliseName(n);
      const path = j === 0 ? ['units', i, 'name'] : ['units', i, 'aliases', j - 1];
      const seen = claims.get(key);
      if (seen === undefined) claims.set(key, { unit: i, where: j === 0 ? `units[${i}].name` : `units[${i}].aliases[${j - 1}]` });
      else if (seen.unit !== i) {
        const what = seen.where.endsWith('.id') ? 'the id of the unit' : 'the name or an alias';
        issues.push({ path, message: `"${n}" is also ${what} at ${seen.where}; every id, name and alias must identify one unit (names are compared ignoring spaces, width and case)` });
      }
    });
  });
  return issues;
}

function groupIssues(s: Schedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const unitIds = new Set(s.units.map((u) => u.id));
  const groupOf = new Map<string, number>();
  const groupIds = new Set<string>();
  s.groups.forEach((g, gi) => {
    if (groupIds.has(g.id)) issues.push({ path: ['groups', gi, 'id'], message: `group id "${g.id}" is used twice` });
    groupIds.add(g.id);
    g.members.forEach((m, mi) => {
      if (!unitIds.has(m)) issues.push({ path: ['groups', gi, 'members', mi], message: `"${m}" is not the id of any unit (units: ${[...unitIds].join(', ')})` });
      else if (groupOf.has(m)) issues.push({ path: ['groups', gi, 'members', mi], message: `unit "${m}" is already in groups[${groupOf.get(m)}]; a unit belongs to exactly one group` });
      else groupOf.set(m, gi);
    });
  });
  s.units.forEach((u, i) => {
    if (!groupOf.has(u.id)) issues.push({ path: ['units', i, 'id'], message: `unit "${u.id}" is in no group; every unit belongs to exactly one group` });
  });
  return issues;
}

function factorIssues(s: Schedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const factorIds = new Set<string>();
  s.factors.forEach((f, fi) => {
    if (factorIds.has(f.id)) issues.push({ path: ['factors', fi, 'id'], message: `factor "${f.id}" appears twice` });
    factorIds.add(f.id);
    f.bands.forEach((b, bi) => {
      const at = ['factors', fi, 'bands', bi, 'upTo'];
      const last = bi === f.bands.length - 1;
      if (b.upTo === null && !last) issues.push({ path: at, message: 'only the last band may be open (upTo null)' });
      if (b.upTo !== null && last) issues.push({ path: at, message: 'the last band must be open (upTo null) so that every gap has a rate' });
      const prev = bi > 0 ? f.bands[bi - 1]!.upTo : null;
      if (b.upTo !== null && prev !== null && !b.upTo.gt(prev)) {
        issues.push({ path: at, message: `band limits must ascend: ${b.upTo.toFixed()} is not above the previous limit ${prev.toFixed()}` });
      }
      if (bi === 0 && b.upTo !== null && !b.upTo.gt(0)) issues.push({ path: at, message: 'the first band limit must be above 0' });
    });
    const first = f.bands[0]?.upTo;
    if (first && f.minimumGap.value.gt(first)) {
      issues.push({ path: ['factors', fi, 'minimumGap', 'value'], message: `the minimum gap ${f.minimumGap.value.toFixed()} lies above the first band limit ${first.toFixed()}` });
    }
  });
  return issues;
}

function periodIssues(s: Schedule): ScheduleIssue[] {
  if (s.effectiveUntil !== null && s.effectiveUntil < s.effectiveFrom) {
    return [{ path: ['effectiveUntil'], message: `must not be before effectiveFrom (${s.effectiveFrom})` }];
  }
  return [];
}

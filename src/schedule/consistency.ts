/**
 * The rules of a schedule that span several fields: ids and names that identify one unit, groups that partition
 * the units, bands that ascend to an open last one, gates over factors the schedule has, a period that does not end before it starts. Checked on a
 * schedule whose structure is valid (every field of the right type), so that each check sees what it compares.
 */
import type { FactorId } from '../core/factors.js';
import type { Scale, Schedule } from './format.js';
import { normaliseName } from '../core/units.js';

export interface ScheduleIssue {
  path: (string | number)[];
  message: string;
  /** The message in Chinese, where one is written. */
  zh?: string;
}

export function scheduleConsistency(s: Schedule): ScheduleIssue[] {
  return [...unitIssues(s), ...groupIssues(s), ...factorIssues(s), ...gateIssues(s), ...periodIssues(s)];
}

function unitIssues(s: Schedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const unitIds = new Map<string, number>();
  s.units.forEach((u, i) => {
    if (unitIds.has(u.id)) issues.push({ path: ['units', i, 'id'], message: `unit id "${u.id}" is already used by units[${unitIds.get(u.id)}]`, zh: `单位编号“${u.id}”已被 units[${unitIds.get(u.id)}] 使用` });
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
        issues.push({ path, message: `"${n}" is also ${what} at ${seen.where}; every id, name and alias must identify one unit (names are compared ignoring spaces, width and case)`, zh: `“${n}”也是 ${seen.where} 处的${what.startsWith('the id') ? '单位编号' : '名称或别名'}；每个编号、名称和别名只能对应一个单位（比较时忽略空格、全半角和大小写）` });
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
    if (groupIds.has(g.id)) issues.push({ path: ['groups', gi, 'id'], message: `group id "${g.id}" is used twice`, zh: `组别编号“${g.id}”用了两次` });
    groupIds.add(g.id);
    g.members.forEach((m, mi) => {
      if (!unitIds.has(m)) issues.push({ path: ['groups', gi, 'members', mi], message: `"${m}" is not the id of any unit (units: ${[...unitIds].join(', ')})`, zh: `“${m}”不是任何单位的编号（单位：${[...unitIds].join('、')}）` });
      else if (groupOf.has(m)) issues.push({ path: ['groups', gi, 'members', mi], message: `unit "${m}" is already in groups[${groupOf.get(m)}]; a unit belongs to exactly one group`, zh: `单位“${m}”已在 groups[${groupOf.get(m)}] 中；一个单位只能属于一个组` });
      else groupOf.set(m, gi);
    });
  });
  s.units.forEach((u, i) => {
    if (!groupOf.has(u.id)) issues.push({ path: ['units', i, 'id'], message: `unit "${u.id}" is in no group; every unit belongs to exactly one group`, zh: `单位“${u.id}”不在任何组中；每个单位必须属于且只属于一个组` });
  });
  return issues;
}

function factorIssues(s: Schedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const factorIds = new Set<string>();
  s.factors.forEach((f, fi) => {
    if (factorIds.has(f.id)) issues.push({ path: ['factors', fi, 'id'], message: `factor "${f.id}" appears twice`, zh: `因子“${f.id}”出现了两次` });
    factorIds.add(f.id);
    if (f.deduction === null && f.reward === null) issues.push({ path: ['factors', fi], message: 'a factor with neither a deduction nor a reward scale settles nothing: give one, or leave the factor out', zh: '既无扣款标准也无奖励标准的因子不核算任何金额：请给出其中一个，或去掉该因子' });
    for (const side of ['deduction', 'reward'] as const) {
      const scale = f[side];
      if (scale) issues.push(...scaleIssues(scale, ['factors', fi, side]));
    }
  });
  return issues;
}

function scaleIssues(scale: Scale, path: (string | number)[]): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  scale.bands.forEach((b, bi) => {
    const at = [...path, 'bands', bi, 'upTo'];
    const last = bi === scale.bands.length - 1;
    if (b.upTo === null && !last) issues.push({ path: at, message: 'only the last band may be open (upTo null)', zh: '只有最后一档可以不设上限（upTo 为 null）' });
    if (b.upTo !== null && last) issues.push({ path: at, message: 'the last band must be open (upTo null) so that every gap has a rate', zh: '最后一档必须不设上限（upTo 为 null），使任何差值都有标准' });
    const prev = bi > 0 ? scale.bands[bi - 1]!.upTo : null;
    if (b.upTo !== null && prev !== null && !b.upTo.gt(prev)) {
      issues.push({ path: at, message: `band limits must ascend: ${b.upTo.toFixed()} is not above the previous limit ${prev.toFixed()}`, zh: `分档上限必须递增：${b.upTo.toFixed()} 不大于上一档上限 ${prev.toFixed()}` });
    }
    if (bi === 0 && b.upTo !== null && !b.upTo.gt(0)) issues.push({ path: at, message: 'the first band limit must be above 0', zh: '第一档上限必须大于 0' });
  });
  const first = scale.bands[0]?.upTo;
  if (first && scale.minimumGap.value.gt(first)) {
    issues.push({ path: [...path, 'minimumGap', 'value'], message: `the minimum gap ${scale.minimumGap.value.toFixed()} lies above the first band limit ${first.toFixed()}`, zh: `起扣差值 ${scale.minimumGap.value.toFixed()} 大于第一档上限 ${first.toFixed()}` });
  }
  return issues;
}

/** 第五条 gates: ids once, factors the schedule settles, and at most one gate of each condition per factor. */
function gateIssues(s: Schedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const factorIds = s.factors.map((f) => f.id);
  const gateIds = new Set<string>();
  const covered = new Map<string, number>();
  s.gates.forEach((g, gi) => {
    if (gateIds.has(g.id)) issues.push({ path: ['gates', gi, 'id'], message: `gate id "${g.id}" is used twice`, zh: `条件编号“${g.id}”用了两次` });
    gateIds.add(g.id);
    const named: [string, (string | number)[]][] = g.condition === 'province-payout' ? g.factors.map((f, i) => [f, ['gates', gi, 'factors', i]]) : Object.keys(g.targets).map((f) => [f, ['gates', gi, 'targets', f]]);
    for (const [factor, path] of named) {
      if (!factorIds.includes(factor as FactorId)) issues.push({ path, message: `"${factor}" is not a factor of this schedule (factors: ${factorIds.join(', ')})`, zh: `“${factor}”不是本规则的因子（因子：${factorIds.join('、')}）` });
      const key = `${g.condition} ${factor}`;
      if (covered.has(key)) issues.push({ path, message: `factor "${factor}" is already covered by gates[${covered.get(key)}], a gate of the same condition`, zh: `因子“${factor}”已由同一条件的 gates[${covered.get(key)}] 覆盖` });
      else covered.set(key, gi);
    }
  });
  return issues;
}

function periodIssues(s: Schedule): ScheduleIssue[] {
  if (s.effectiveUntil !== null && s.effectiveUntil < s.effectiveFrom) {
    return [{ path: ['effectiveUntil'], message: `must not be before effectiveFrom (${s.effectiveFrom})`, zh: `不能早于 effectiveFrom（${s.effectiveFrom}）` }];
  }
  return [];
}

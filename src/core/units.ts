import { INVISIBLE, editDistance, visible } from './text.js';

/** A unit as the lookup needs it (a schedule's units are such): its id, official name and declared aliases. */
export interface NamedUnit {
  id: string;
  name: string;
  aliases: readonly string[];
}

/** The units a schedule declares, and its id for messages. */
export interface UnitSource {
  id: string;
  units: readonly NamedUnit[];
}

/**
 * Names that must not be told apart only by spaces, width or case: Unicode NFKC (full-width → half-width), no
 * spaces, lower case. Schedules keep names and aliases distinct under it, and near misses are found with it.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** How a unit is looked up: its text trimmed, in Unicode NFKC, ignoring case (ids are lower case); inner spaces count. */
export function unitKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}


export type UnitFaultCode = 'E-UNIT-EMPTY' | 'E-UNIT-UNKNOWN' | 'E-UNIT-INVISIBLE';
/** A unit found, or why not: `error` in English, `zh` in Chinese. */
export type UnitResolver = (text: string) => { unitId: string } | { error: string; zh: string; code: UnitFaultCode };

/** Units listed in full in a message up to this many; beyond, the first ones and a count. */
const LISTED = 20;

/**
 * A unit is named by exactly its name, a declared alias or its id — compared after trimming and Unicode NFKC
 * (full-width forms), ignoring case — and by nothing else: a text that merely ends in, contains or resembles a
 * name is refused, with the unit it probably means as a suggestion. A longer official form (许昌市魏都区) is
 * accepted only as an alias declared in the schedule. Interior spaces are not ignored: "魏都 区" is no name, and a
 * form with spaces that real exports write belongs in the schedule as an alias, like any other form.
 * Each schedule guarantees that a name identifies one unit, and a set of schedules that it means the same unit in
 * all of them (checkScheduleSet); which names a month shows is its own schedule's business.
 */
export function unitResolver(schedules: readonly UnitSource[]): UnitResolver {
  const units = schedules.flatMap((s) => s.units);
  const byKey = new Map<string, string>();
  for (const u of units) for (const n of namesOf(u)) byKey.set(unitKey(n), u.id);
  const expected = expectedNames(schedules);
  const expectedZh = expectedNamesZh(schedules);
  const suggest = suggester(units);
  const resolveText = (text: string): ReturnType<UnitResolver> => {
    const trimmed = text.trim();
    if (trimmed === '') return { code: 'E-UNIT-EMPTY', error: `expected a unit name (${expected}), got an empty cell`, zh: `应为单位名称（${expectedZh}），实际为空` };
    if (INVISIBLE.test(trimmed)) {
      const clean = trimmed.replace(INVISIBLE_ALL, '');
      const meant = byKey.get(unitKey(clean));
      const hint = meant === undefined ? '' : `; without them it would read "${clean}"`;
      const hintZh = meant === undefined ? '' : `；去掉后为“${clean}”`;
      return {
        code: 'E-UNIT-INVISIBLE',
        error: `unit "${visible(trimmed)}" holds invisible characters (zero-width or bidi controls, shown as <U+…>)${hint}; retype the name`,
        zh: `单位“${visible(trimmed)}”含有不可见字符（零宽或双向控制字符，显示为 <U+…>）${hintZh}；请重新输入名称`,
      };
    }
    const unitId = byKey.get(unitKey(trimmed));
    if (unitId !== undefined) return { unitId };
    const guesses = suggest(trimmed);
    const didYouMean = guesses.length > 0 ? `did you mean ${guesses.join(' or ')}? ` : '';
    const didYouMeanZh = guesses.length > 0 ? `是否指 ${guesses.join(' 或 ')}？` : '';
    return {
      code: 'E-UNIT-UNKNOWN',
      error: `unknown unit "${trimmed}"; ${didYouMean}a unit is named exactly: ${expected}`,
      zh: `未知单位“${trimmed}”；${didYouMeanZh}单位须准确命名：${expectedZh}`,
    };
  };
  // A file names the same few units on row after row: each text is resolved once (suggestions cost a search).
  const seen = new Map<string, ReturnType<UnitResolver>>();
  return (text) => {
    let r = seen.get(text);
    if (r === undefined) {
      r = resolveText(text);
      if (seen.size < 10_000) seen.set(text, r);
    }
    return r;
  };
}

function namesOf(u: NamedUnit): string[] {
  return [u.id, u.name, ...u.aliases];
}

function expectedNames(schedules: readonly UnitSource[]): string {
  const names = [...new Set(schedules.flatMap((s) => s.units.map((u) => u.name)))];
  const listed = names.length > LISTED ? `${names.slice(0, LISTED).join('、')} and ${names.length - LISTED} more` : names.join('、');
  const example = schedules.flatMap((s) => s.units).find((u) => u.aliases.length > 0)?.aliases[0];
  return `one of ${listed}${example ? ` (or an alias of one, e.g. ${example}, or its id)` : ' (or its id)'} in schedule ${schedules.map((s) => s.id).join(', ')}`;
}

function expectedNamesZh(schedules: readonly UnitSource[]): string {
  const names = [...new Set(schedules.flatMap((s) => s.units.map((u) => u.name)))];
  const listed = names.length > LISTED ? `${names.slice(0, LISTED).join('、')} 等 ${names.length} 个` : names.join('、');
  const example = schedules.flatMap((s) => s.units).find((u) => u.aliases.length > 0)?.aliases[0];
  return `规则 ${schedules.map((s) => s.id).join('、')} 中的 ${listed}${example ? `（或其别名，如 ${example}，或其编号）` : '（或其编号）'}之一`;
}

const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/**
 * The units a text probably means, by official name: the same name but for spaces or case, a name or alias the
 * text contains (许昌市魏都区, xyz东城) or is part of (一体化示范区), or the names nearest in edit distance
 * (魏都去). Only ever a suggestion.
 */
function suggester(units: readonly NamedUnit[]): (text: string) => string[] {
  const candidates = units.flatMap((u) => namesOf(u).map((n) => ({ key: normaliseName(n), name: u.name })));
  const nameOf = (keys: typeof candidates) => [...new Set(keys.map((c) => c.name))].slice(0, 3);
  return (text) => {
    const key = normaliseName(text);
    const same = candidates.filter((c) => c.key === key);
    if (same.length > 0) return nameOf(same);
    const contained = candidates.filter((c) => [...c.key].length >= 2 && [...key].length >= 2 && (key.includes(c.key) || c.key.includes(key)));
    // In the order they occur in the text: 长葛市经济开发区 → 长葛市, then 经济技术开发区.
    if (contained.length > 0) return nameOf(contained.sort((a, b) => key.indexOf(a.key) - key.indexOf(b.key)));
    const limit = [...key].length <= 3 ? 1 : 2;
    let best = limit + 1;
    let nearest: typeof candidates = [];
    for (const c of candidates) {
      const d = editDistance(key, c.key, best);
      if (d < best) [best, nearest] = [d, [c]];
      else if (d === best && d <= limit) nearest.push(c);
    }
    return best <= limit ? nameOf(nearest) : [];
  };
}


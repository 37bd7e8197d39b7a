/**
 * `extends` plus overrides (docs/decisions.md 43): objects merge by key, a `ref` is replaced whole, lists of items
 * with ids merge by id, other lists replace, { "$replace": X } is X; an unknown id, a cycle and a missing id are
 * refused with their key paths.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ProblemsError, formatProblem } from '../../src/core/problems.js';
import { builtinSchedule, parseSchedule, parseScheduleText, type ScheduleFileReader } from '../../src/schedule/load.js';
import { cite, citeInFull } from '../../src/schedule/reference.js';
import { fixtureSchedule } from '../helpers/schedules.js';
import { runCli } from '../helpers/cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const over = (fields: Record<string, unknown>) => ({ format: 2, extends: 'xuchang-2022', id: 'variant', ...fields });

function faults(json: unknown, readFile?: ScheduleFileReader): string[] {
  try {
    parseSchedule(json, 'v.json', readFile ? { readFile } : {});
  } catch (e) {
    if (e instanceof ProblemsError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

/** Files held in memory, read relative to the file that names them. */
function memoryFiles(files: Record<string, unknown>): ScheduleFileReader {
  return (path, from) => {
    const file = join(from, '..', path);
    if (!(file in files)) throw new Error(`no ${file}`);
    return { text: JSON.stringify(files[file]), file };
  };
}

describe('merging an override onto its base', () => {
  const builtin = builtinSchedule();

  it('a file with only what differs is the base with those values', () => {
    const s = parseSchedule(over({ title: '变体', computation: { rounding: { value: 'half-up', ref: { decision: 2, note: 'alternative' } } } }), 'v.json');
    expect([s.id, s.title, s.computation.rounding.value, s.document]).toEqual(['variant', '变体', 'half-up', builtin.document]);
    // Objects merge by key: the other computation settings are the base's.
    expect(s.computation.rateDecimals).toEqual(builtin.computation.rateDecimals);
    expect(s.units).toEqual(builtin.units);
  });

  it('a ref is replaced whole, never mixed with the base\'s', () => {
    const s = parseSchedule(over({ fund: { ref: { decision: 2 } } }), 'v.json');
    expect(s.fund.ref).toEqual({ decision: 2 });
  });

  it('a list of items with ids merges by id, in the base\'s order; other lists (bands) replace', () => {
    const s = parseSchedule(over({ factors: [{ id: 'goodDays', reward: { bands: [{ upTo: null, rate: '5', ref: { article: 4, item: 5 } }] } }, { id: 'pm25', name: 'PM2.5' }] }), 'v.json');
    expect(s.factors.map((f) => f.id)).toEqual(['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays']);
    expect(s.factors[0]!.name).toBe('PM2.5');
    const gd = s.factors[4]!;
    expect([gd.reward!.bands.map((b) => b.rate.toFixed()), gd.reward!.minimumGap.value.toFixed(), cite(gd.reward!.ref)]).toEqual([['5'], '0', '第四条（五）']);
    expect(gd.deduction).toEqual(builtin.factors[4]!.deduction);
  });

  it('null is a value: "reward": null leaves the factor without rewards', () => {
    expect(parseSchedule(over({ factors: [{ id: 'pm10', reward: null }] }), 'v.json').factors[2]!.reward).toBeNull();
  });

  it('{ "$replace": [...] } replaces a list of items with ids: units removed and added', () => {
    const units = builtin.units.filter((u) => u.id !== 'xiangcheng');
    const s = parseSchedule(over({ units: { $replace: JSON.parse(JSON.stringify(units)) }, groups: [{ id: 'county', members: ['yuzhou', 'changge', 'yanling'] }] }), 'v.json');
    expect([s.units.length, s.groups[1]!.members]).toEqual([8, ['yuzhou', 'changge', 'yanling']]);
  });

  it('gates merge by id too: a target added to the target gate', () => {
    const s = parseSchedule(over({ gates: [{ id: 'target', targets: { pm25Rate: 'pm25' } }] }), 'v.json');
    expect(s.gates.map((g) => g.id)).toEqual(['province', 'target']);
    expect(s.gates[1]).toMatchObject({ targets: { pm25: 'pm25', pm10: 'pm10', goodDays: 'goodDays', pm25Rate: 'pm25' } });
  });
});

describe('what extends refuses, with the key path', () => {
  it.each([
    ['an id the base does not have', over({ factors: [{ id: 'pm25', name: 'x' }, { id: 'o3', name: 'ozone' }] }), 'v.json: factors[1].id: "o3" is not the id of any item of the base\'s factors (pm25, pm25Rate, pm10, pm10Rate, goodDays); a list given by id patches the base\'s items: to add or remove items give the whole list as { "$replace": [...] }'],
    ['a unit id the base does not have', over({ units: [{ id: 'nowhere', name: '无' }] }), 'v.json: units[0].id: "nowhere" is not the id of any item of the base\'s units'],
    ['no id of its own', { format: 2, extends: 'xuchang-2022', title: 'x' }, 'v.json: id: a schedule that extends another gives its own id (the base is "xuchang-2022")'],
    ['an unknown built-in schedule', over({ extends: 'xuchang-2030' }), 'v.json: extends: "xuchang-2030" is not a built-in schedule (built-in: xuchang-2022)'],
    ['a path without a file system', over({ extends: './base.json' }), 'v.json: extends: "./base.json" is a file; a schedule that extends a file is read from the file system'],
    ['a merged schedule that breaks a rule', over({ factors: [{ id: 'pm25', deduction: { bands: [{ upTo: '5', rate: '10', ref: { article: 4 } }] } }] }), 'v.json: factors[0].deduction.bands[0].upTo: the last band must be open'],
    ['a key the format does not have', over({ computation: { roundig: { value: 'half-up', ref: { decision: 2 } } } }), 'v.json: computation: unknown key "roundig"'],
  ])('%s', (_, json, expected) => {
    expect(faults(json)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});

describe('extends by a path', () => {
  it('a chain of files, each relative to the one that names it, down to a built-in schedule', () => {
    const files = memoryFiles({
      'rules/base.json': over({ id: 'base', computation: { rounding: { value: 'half-up', ref: { decision: 2 } } } }),
      'rules/more/leaf.json': over({ id: 'leaf', extends: '../base.json', title: '叶' }),
    });
    const s = parseSchedule(over({ id: 'top', extends: './more/leaf.json', document: '顶' }), 'rules/top.json', { readFile: files });
    expect([s.id, s.title, s.document, s.computation.rounding.value]).toEqual(['top', '叶', '顶', 'half-up']);
  });

  it('a cycle is refused, naming the chain', () => {
    const files = memoryFiles({ 'r/a.json': over({ id: 'a', extends: './b.json' }), 'r/b.json': over({ id: 'b', extends: './a.json' }) });
    const f = faults(over({ id: 'a', extends: './b.json' }), (p, from) => files(p, from === 'v.json' ? 'r/a.json' : from));
    expect(f).toEqual([
      'r/a.json: extends: extends r/b.json, which extends this file in turn (v.json → r/b.json → r/a.json → r/b.json); a chain of extends must end in a schedule that extends none',
    ]);
  });

  it('ecocomp settles under a file that extends another file, and refuses a cycle with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-extends-'));
    writeFileSync(join(dir, 'base.json'), JSON.stringify(over({ id: 'base', factors: [{ id: 'goodDays', reward: { bands: [{ upTo: null, rate: '30', ref: { article: 4, item: 5 } }] } }] })));
    writeFileSync(join(dir, 'leaf.json'), JSON.stringify(over({ id: 'leaf', extends: './base.json' })));
    const r = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', join(dir, 'leaf.json'), '--format', 'json']);
    expect(r.code).toBe(0);
    // 魏都区: 20 good days against the central baseline of 18 (SPEC.md §8) at 30 a day: +60.
    expect(JSON.parse(r.stdout).months[0].counties[0].factors[4].amount).toBe('60');

    writeFileSync(join(dir, 'base.json'), JSON.stringify(over({ id: 'base', extends: './leaf.json' })));
    const cycle = await runCli(['rules', 'check', join(dir, 'leaf.json')]);
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toContain('which extends this file in turn');
  });
});

describe('the fixtures are the few values that differ from xuchang-2022', () => {
  it.each([
    ['capped', 6],
    ['deductions-only', 6],
    ['mean-of-rates', 6],
    ['xuchang-2022-half-up', 6],
  ])('%s holds at most %d top-level keys beside format, extends and $schema', (name, most) => {
    const json = JSON.parse(readFileSync(`fixtures/schedules/${name}.json`, 'utf8')) as Record<string, unknown>;
    expect(json.extends).toBe('xuchang-2022');
    expect(Object.keys(json).filter((k) => !['format', 'extends', '$schema'].includes(k)).length).toBeLessThanOrEqual(most);
  });

  it('and read back whole, with their own refs', () => {
    const s = fixtureSchedule('xuchang-2022-half-up');
    expect([s.id, s.computation.rounding.value, citeInFull(s.computation.rounding.ref), s.units.length, s.factors.length]).toEqual([
      'xuchang-2022-half-up',
      'half-up',
      'D2: alternative: Excel ROUND, half away from zero',
      9,
      5,
    ]);
  });

  it('parseScheduleText reads an extends file as parseSchedule does', () => {
    const text = readFileSync('fixtures/schedules/capped.json', 'utf8');
    expect(parseScheduleText(text, 'capped.json')).toEqual(fixtureSchedule('capped'));
  });
});

describe('the faults of extends in Chinese', () => {
  it('an unknown id and a missing id say so in Chinese beside the English', () => {
    let zh: (string | undefined)[] = [];
    try {
      parseSchedule({ format: 2, extends: 'xuchang-2022', factors: [{ id: 'o3' }] }, 'v.json');
    } catch (e) {
      zh = (e as ProblemsError).problems.map((p) => p.zh);
    }
    expect(zh).toEqual(['继承其他规则的规则须给出自己的编号（被继承的是 "xuchang-2022"）']);
    try {
      parseSchedule(over({ factors: [{ id: 'o3' }] }), 'v.json');
    } catch (e) {
      zh = (e as ProblemsError).problems.map((p) => p.zh);
    }
    expect(zh).toEqual(['被继承的规则的 factors 中没有编号为 "o3" 的项（现有：pm25、pm25Rate、pm10、pm10Rate、goodDays）；按编号给出的列表只修改同编号的项，要增删项请以 { "$replace": [...] } 给出整个列表']);
  });
});

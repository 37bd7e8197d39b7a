/** The built-in schedule is data that validates, and a faulty schedule file is refused with its key path. */
import { describe, expect, it } from 'vitest';
import { fixtureSchedule } from '../helpers/schedules.js';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtinSchedule, parseSchedule, parseScheduleText } from '../../src/schedule/load.js';
import { checkScheduleSet } from '../../src/schedule/set.js';
import { targetIndicator } from '../../src/schedule/gates.js';
import { cite, type Reference } from '../../src/schedule/reference.js';
import { ProblemsError, formatProblem } from '../../src/core/problems.js';
import { runCli } from '../helpers/cli.js';

const RAW = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8')) as Record<string, unknown>;
const clone = () => structuredClone(RAW) as any;

function faults(json: unknown): string[] {
  try {
    parseSchedule(json, 's.json');
  } catch (e) {
    if (e instanceof ProblemsError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

describe('the built-in xuchang-2022 schedule (许政办〔2022〕39号)', () => {
  const s = builtinSchedule();

  it('has the nine units of 第四条 in two groups', () => {
    expect(s.groups.map((g) => [g.name, g.members.map((id) => s.units.find((u) => u.id === id)!.name)])).toEqual([
      ['中心城区组', ['魏都区', '建安区', '城乡一体化示范区', '经济技术开发区', '东城区']],
      ['县（市）组', ['禹州市', '长葛市', '鄢陵县', '襄城县']],
    ]);
  });

  it('has the bands and rates of 第四条（一）至（五）, the same for deductions (clause 1) and rewards (clause 2)', () => {
    const expected = { pm25: ['5@10', '∞@20'], pm25Rate: ['3@15', '∞@35'], pm10: ['5@5', '∞@10'], pm10Rate: ['3@10', '∞@20'], goodDays: ['∞@20'] };
    for (const side of ['deduction', 'reward'] as const) {
      const bands = Object.fromEntries(s.factors.map((f) => [f.id, f[side]!.bands.map((b) => `${b.upTo?.toFixed() ?? '∞'}@${b.rate.toFixed()}`)]));
      expect(bands).toEqual(expected);
      expect(s.factors.map((f) => f[side]!.minimumGap.value.toFixed())).toEqual(['1', '0', '1', '0', '0']);
    }
    expect(s.factors.map((f) => cite(f.deduction!.ref))).toEqual(['第四条（一）1', '第四条（二）1', '第四条（三）1', '第四条（四）1', '第四条（五）']);
    expect(s.factors.map((f) => cite(f.reward!.ref))).toEqual(['第四条（一）2', '第四条（二）2', '第四条（三）2', '第四条（四）2', '第四条（五）']);
  });

  it('has the gates of 第五条 in order: the province first, then the targets of the concentrations and good days', () => {
    expect(s.gates.map((g) => [g.id, g.condition, cite(g.ref)])).toEqual([
      ['province', 'province-payout', '第五条'],
      ['target', 'target-missed', '第五条'],
    ]);
    expect(s.factors.map((f) => targetIndicator(s, f.id))).toEqual(['pm25', null, 'pm10', null, 'goodDays']);
  });

  it('cites an article or decision for every value', () => {
    const refs: unknown[] = [];
    const walk = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) k === 'ref' ? refs.push(v) : walk(v);
    };
    walk(RAW);
    expect(refs.length).toBeGreaterThan(40);
    expect(refs.every((r) => /^(第[一二三四五六七八九]条|D\d+)/.test(cite(r as Reference)))).toBe(true);
  });
});

describe('schedule faults name the key path', () => {
  it.each([
    ['a rate as a JSON number', (s: any) => (s.factors[2].deduction.bands[1].rate = 10), 's.json: factors[2].deduction.bands[1].rate:'],
    ['a negative rate', (s: any) => (s.factors[0].deduction.bands[0].rate = '-10'), 's.json: factors[0].deduction.bands[0].rate: a non-negative decimal'],
    ['bands not ascending', (s: any) => s.factors[0].deduction.bands.splice(1, 0, { upTo: '4', rate: '1', ref: { note: 'x' } }), 's.json: factors[0].deduction.bands[1].upTo: band limits must ascend: 4 is not above the previous limit 5'],
    ['a closed last band', (s: any) => (s.factors[4].deduction.bands[0].upTo = '10'), 's.json: factors[4].deduction.bands[0].upTo: the last band must be open'],
    ['a unit in two groups', (s: any) => s.groups[1].members.push('weidu'), 's.json: groups[1].members[4]: unit "weidu" is already in groups[0]'],
    ['a unit in no group', (s: any) => s.groups[1].members.pop(), 's.json: units[8].id: unit "xiangcheng" is in no group'],
    ['an alias of two units', (s: any) => s.units[1].aliases.push('魏都'), 's.json: units[1].aliases[2]: "魏都" is also the name or an alias at units[0].aliases[0]'],
    ['a member that is not a unit', (s: any) => (s.groups[0].members[0] = 'nowhere'), 's.json: groups[0].members[0]: "nowhere" is not the id of any unit'],
    ['a misspelt key', (s: any) => ((s.computation.roundig = s.computation.rounding), delete s.computation.rounding), 's.json: computation: unknown key "roundig"'],
    ['a value without its reference', (s: any) => delete s.fund.ref, 's.json: fund.ref:'],
    ['a reference as free text (the first format)', (s: any) => (s.fund.ref = '第八条'), 's.json: fund.ref:'],
    ['a reference that cites nothing', (s: any) => (s.fund.ref = {}), 's.json: fund.ref: a reference names an article, a decision, or at least a note'],
    ['a clause without its article', (s: any) => (s.fund.ref = { item: 1, clause: 2 }), 's.json: fund.ref: an item or clause belongs to an article'],
    ['a format version that is not 2', (s: any) => (s.format = 3), 's.json: format:'],
  ])('%s', (_, mutate, expected) => {
    const s = clone();
    mutate(s);
    expect(faults(s).some((f) => f.startsWith(expected))).toBe(true);
  });

  it('a JSON syntax error names its line and column', () => {
    expect(() => parseScheduleText('{\n  "id": "x",\n  oops\n}', 'bad.json')).toThrowError(/^bad\.json:3:3: not valid JSON/);
  });

  it('settle --rules with a faulty schedule exits 2 and names the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-rules-'));
    const s = clone();
    s.factors[1].deduction.bands[0].rate = 'fifteen';
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(s));
    const r = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', join(dir, 'rules.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('rules.json: factors[1].deduction.bands[0].rate: a non-negative decimal written as a string');
  });

  it('refuses to settle under a file that takes the built-in id, which every heading would cite as the regulation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-rules-'));
    // One rate changed under the built-in id; a verbatim copy (the same file) may keep it.
    writeFileSync(join(dir, 'same-id.json'), JSON.stringify({ extends: 'xuchang-2022', id: 'xuchang-2022', factors: [{ id: 'goodDays', reward: { bands: [{ upTo: null, rate: '30', ref: { article: 4, item: 5 } }] } }] }));
    writeFileSync(join(dir, 'copy.json'), readFileSync('src/schedule/xuchang-2022.json'));
    expect((await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', join(dir, 'copy.json')])).code).toBe(0);
    const r = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', join(dir, 'same-id.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"xuchang-2022" is the id of a built-in schedule');
  });

  it('settle --rules with a changed rate settles by it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-rules-'));
    const s = clone();
    s.id = 'variant'; // a file settles under an id of its own (E-SCHEDULE-ID-RESERVED)
    s.factors[4].reward.bands[0].rate = '30'; // good days at 30 万元 a day: 魏都区 20 vs 18 → +60 instead of +40
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(s));
    const r = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', join(dir, 'rules.json'), '--format', 'json']);
    expect(r.code).toBe(0);
    const weidu = JSON.parse(r.stdout).months[0].counties[0];
    expect(weidu.factors[4].amount).toBe('60');
    expect(weidu.net).toBe('258.5');
  });
});

describe('a decimal that is no decimal does not crash the cross-field checks', () => {
  // zod runs an object's refinements even after a field's transform failed; the checks that compare band limits
  // and the minimum gap then met a string where a Decimal belongs (exit 3: "f.minimumGap.value.gt is not a function").
  it.each([['-1'], [''], ['five']])('%j as a band limit and as a minimum gap', (text) => {
    const s = clone();
    s.factors[0].deduction.bands[0].upTo = text;
    s.factors[1].deduction.minimumGap.value = text;
    const f = faults(s);
    expect(f).toEqual(expect.arrayContaining([expect.stringMatching(/^s\.json: factors\[0\].deduction\.bands\[0\]\.upTo: a non-negative decimal/), expect.stringMatching(/^s\.json: factors\[1\].deduction\.minimumGap\.value: a non-negative decimal/)]));
  });

  it('ecocomp rules check exits 2, not 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-rules-'));
    const s = clone();
    s.factors[0].deduction.minimumGap.value = '-1';
    s.factors[2].deduction.bands[0].upTo = 'five';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(s));
    const r = await runCli(['rules', 'check', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json: factors[0].deduction.minimumGap.value: a non-negative decimal');
    expect(r.stderr).toContain('bad.json: factors[2].deduction.bands[0].upTo: a non-negative decimal');
  });
});

describe('schedule validation (issue 10 item 16)', () => {
  it.each([
    ["an alias equal to another unit's id", (s: any) => s.units[1].aliases.push('weidu'), 's.json: units[1].aliases[2]: "weidu" is also the id of the unit at units[0].id'],
    ["an alias equal to another unit's id in capitals", (s: any) => s.units[1].aliases.push('WEIDU'), 's.json: units[1].aliases[2]: "WEIDU" is also the id of the unit at units[0].id'],
    ["a name equal to another unit's id", (s: any) => (s.units[2].name = 'jian-an'), 's.json: units[2].name: "jian-an" is also the id of the unit at units[1].id'],
    ["an alias equal to another unit's name", (s: any) => s.units[1].aliases.push('魏都区'), 's.json: units[1].aliases[2]: "魏都区" is also the name or an alias at units[0].name'],
    ['an alias holding a zero-width space', (s: any) => s.units[0].aliases.push('魏都\u200b区'), 's.json: units[0].aliases[2]: holds zero-width or bidi-control characters'],
    ['a day that does not exist', (s: any) => (s.effectiveFrom = '2022-02-31'), 's.json: effectiveFrom: 2022-02-31 is not a day of the calendar'],
    ['29 February of a common year', (s: any) => (s.effectiveUntil = '2023-02-29'), 's.json: effectiveUntil: 2023-02-29 is not a day of the calendar'],
    ['31 April', (s: any) => (s.effectiveUntil = '2023-04-31'), 's.json: effectiveUntil: 2023-04-31 is not a day of the calendar'],
    ['a rate of 400 digits', (s: any) => (s.factors[0].deduction.bands[1].rate = `1${'0'.repeat(399)}`), 's.json: factors[0].deduction.bands[1].rate: too large or too fine'],
    ['a rate of 10^9', (s: any) => (s.factors[0].deduction.bands[1].rate = '1000000000'), 's.json: factors[0].deduction.bands[1].rate: too large or too fine'],
    ['a rate with 7 decimal places', (s: any) => (s.factors[0].deduction.bands[1].rate = '0.0000001'), 's.json: factors[0].deduction.bands[1].rate: too large or too fine'],
    ['a rate in exponent notation', (s: any) => (s.factors[0].deduction.bands[1].rate = '1e308'), 's.json: factors[0].deduction.bands[1].rate: a non-negative decimal'],
    ['a band limit of 10^12', (s: any) => (s.factors[0].deduction.bands[0].upTo = '1000000000000'), 's.json: factors[0].deduction.bands[0].upTo: too large or too fine'],
    ['a minimum gap of 11 digits', (s: any) => (s.factors[0].deduction.minimumGap.value = '12345678901'), 's.json: factors[0].deduction.minimumGap.value: too large or too fine'],
    ['a cap of 20 digits', (s: any) => (s.caps.deductions = '1'.repeat(20)), 's.json: caps.deductions: too large or too fine'],
  ])('%s is refused with its key path', (_, mutate, expected) => {
    const s = clone();
    mutate(s);
    expect(faults(s)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it.each([
    ['29 February of a leap year', (s: any) => (s.effectiveUntil = '2024-02-29')],
    ['the largest rate the bounds allow', (s: any) => (s.factors[4].deduction.bands[0].rate = '999999999.999999')],
    ['the finest rate the bounds allow', (s: any) => (s.factors[4].deduction.bands[0].rate = '0.000001')],
    ['leading zeros', (s: any) => (s.factors[4].deduction.bands[0].rate = '0020')],
  ])('%s is accepted', (_, mutate) => {
    const s = clone();
    mutate(s);
    expect(faults(s)).toEqual([]);
  });

  it('the largest rate settles exactly: 2 good days × 999999999.999999 = 1999999999.999998 万元', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-rules-'));
    const s = clone();
    s.id = 'variant';
    s.factors[4].reward.bands[0].rate = '999999999.999999';
    writeFileSync(join(dir, 'big.json'), JSON.stringify(s));
    const r = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', join(dir, 'big.json'), '--format', 'json']);
    expect(r.code).toBe(0);
    // 魏都区 has 20 good days against the central baseline of 18 (SPEC.md §8).
    expect(JSON.parse(r.stdout).months[0].counties[0].factors[4].amount).toBe('1999999999.999998');
  });
});

describe('duplicate keys in a schedule file', () => {
  const text = readFileSync('src/schedule/xuchang-2022.json', 'utf8');
  const lines = text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

  it('are refused with the line and column of each, and of the first', () => {
    const capsLine = lineOf('"caps"');
    const edited = text.replace('"caps": { "deductions": null,', '"caps": { "deductions": null, "deductions": "5",');
    const col = lines[capsLine - 1]!.indexOf('"deductions"') + 1;
    const dup = col + '"deductions": null, '.length;
    let problems: string[] = [];
    let codes: (string | undefined)[] = [];
    try {
      parseScheduleText(edited, 'dup.json');
    } catch (e) {
      problems = (e as ProblemsError).problems.map(formatProblem);
      codes = (e as ProblemsError).problems.map((p) => p.code);
    }
    expect(codes).toEqual(['E-SCHEDULE-DUPLICATE-KEY']);
    expect(problems).toEqual([`dup.json:${capsLine}:${dup}: caps.deductions: this key is given twice in one object (first at line ${capsLine}, column ${col}); JSON would keep the last one without a word, so neither is taken`]);
  });

  it('name the key path inside arrays, and see through escapes', () => {
    const bandLine = lineOf('"upTo": "3", "rate": "15"');
    const edited = text.replace('{ "upTo": "3", "rate": "15",', '{ "upTo": "3", "rate": "15", "r\\u0061te": "16",');
    expect(() => parseScheduleText(edited, 'dup.json')).toThrowError(new RegExp(`^dup\\.json:${bandLine}:\\d+: factors\\[1\\]\\.deduction\\.bands\\[0\\]\\.rate: this key is given twice`));
  });

  it('at the top level too', () => {
    expect(() => parseScheduleText(text.replace('"id": "xuchang-2022",', '"id": "xuchang-2022", "id": "other",'), 'dup.json')).toThrowError(/^dup\.json:4:\d+: id: this key is given twice/);
  });

  it('are reported with the other faults of the file', () => {
    const edited = text.replace('"id": "xuchang-2022",', '"id": "xuchang-2022", "id": "other",').replace('"rate": "35"', '"rate": 35');
    expect(() => parseScheduleText(edited, 'dup.json')).toThrowError(/^dup\.json:4:\d+: id: this key is given twice[^\n]*\ndup\.json: factors\[1\].deduction\.bands\[1\]\.rate: a non-negative decimal/);
  });

  it('equal keys in different objects are not duplicates', () => {
    expect(parseScheduleText(text, 'ok.json').id).toBe('xuchang-2022');
  });
});

describe('a set of schedules', () => {
  const earlier = fixtureSchedule('example-2020-renamed');

  it("refuses an alias equal to the id of another unit in another schedule", () => {
    const later = clone();
    later.units[1].aliases.push('xuchang-county'); // a unit only the earlier schedule has
    const problems = checkScheduleSet([{ schedule: earlier, source: 'a.json' }, { schedule: parseSchedule(later, 'b.json'), source: 'b.json' }]);
    expect(problems.map(formatProblem)).toEqual(['b.json: units[1].aliases[2]: "xuchang-county" names unit "jian-an" here but is the id of unit "xuchang-county" in another schedule given; a name must mean one unit']);
  });

  it('accepts a unit renamed between schedules (one id, two names)', () => {
    expect(checkScheduleSet([{ schedule: earlier, source: 'a.json' }, { schedule: builtinSchedule(), source: 'built-in' }])).toEqual([]);
  });
});

describe('strict JSON, one reader for every JSON file (core/strict-json.ts)', () => {
  it('places a syntax fault that JSON.parse gives no offset for (an unexpected token on Node 20) by line and column', async () => {
    const { parseScheduleText: parse } = await import('../../src/schedule/load.js');
    const { parseNoticeSettings } = await import('../../src/input/notice-settings.js');
    for (const read of [(t: string) => parse(t, 'f.json'), (t: string) => parseNoticeSettings(t, 'f.json')]) {
      try {
        read('{\n  "id": x\n}');
        expect.unreachable();
      } catch (e) {
        expect((e as ProblemsError).problems[0]).toMatchObject({ line: 2, column: 9 });
      }
    }
  });
});

/** The built-in schedule is data that validates, and a faulty schedule file is refused with its key path. */
import { describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtinSchedule, parseSchedule, parseScheduleText } from '../src/schedule/load.js';
import { ProblemsError, formatProblem } from '../src/problems.js';
import { runCli } from './helpers/cli.js';

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

  it('has the bands and rates of 第四条（一）至（五）', () => {
    const bands = Object.fromEntries(s.factors.map((f) => [f.id, f.bands.map((b) => `${b.upTo?.toFixed() ?? '∞'}@${b.rate.toFixed()}`)]));
    expect(bands).toEqual({ pm25: ['5@10', '∞@20'], pm25Rate: ['3@15', '∞@35'], pm10: ['5@5', '∞@10'], pm10Rate: ['3@10', '∞@20'], goodDays: ['∞@20'] });
    expect(s.factors.map((f) => f.minimumGap.value.toFixed())).toEqual(['1', '0', '1', '0', '0']);
    expect(s.factors.map((f) => f.targetGate.indicator)).toEqual(['pm25', null, 'pm10', null, 'goodDays']);
  });

  it('cites an article or decision for every value', () => {
    const refs: string[] = [];
    const walk = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) k === 'ref' ? refs.push(v as string) : walk(v);
    };
    walk(RAW);
    expect(refs.length).toBeGreaterThan(40);
    expect(refs.every((r) => /第[一二三四五六七八九]条|D\d+/.test(r))).toBe(true);
  });
});

describe('schedule faults name the key path', () => {
  it.each([
    ['a rate as a JSON number', (s: any) => (s.factors[2].bands[1].rate = 10), 's.json: factors[2].bands[1].rate:'],
    ['a negative rate', (s: any) => (s.factors[0].bands[0].rate = '-10'), 's.json: factors[0].bands[0].rate: a non-negative decimal'],
    ['bands not ascending', (s: any) => s.factors[0].bands.splice(1, 0, { upTo: '4', rate: '1', ref: 'x' }), 's.json: factors[0].bands[1].upTo: band limits must ascend: 4 is not above the previous limit 5'],
    ['a closed last band', (s: any) => (s.factors[4].bands[0].upTo = '10'), 's.json: factors[4].bands[0].upTo: the last band must be open'],
    ['a unit in two groups', (s: any) => s.groups[1].members.push('weidu'), 's.json: groups[1].members[4]: unit "weidu" is already in groups[0]'],
    ['a unit in no group', (s: any) => s.groups[1].members.pop(), 's.json: units[8].id: unit "xiangcheng" is in no group'],
    ['an alias of two units', (s: any) => s.units[1].aliases.push('魏都'), 's.json: units[1].aliases[1]: "魏都" is also the name or an alias at units[0].aliases[0]'],
    ['a member that is not a unit', (s: any) => (s.groups[0].members[0] = 'nowhere'), 's.json: groups[0].members[0]: "nowhere" is not the id of any unit'],
    ['a misspelt key', (s: any) => ((s.computation.roundig = s.computation.rounding), delete s.computation.rounding), 's.json: computation: unknown key "roundig"'],
    ['a value without its reference', (s: any) => delete s.provinceGate.ref, 's.json: provinceGate.ref:'],
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
    s.factors[1].bands[0].rate = 'fifteen';
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(s));
    const r = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', join(dir, 'rules.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('rules.json: factors[1].bands[0].rate: a non-negative decimal written as a string');
  });

  it('settle --rules with a changed rate settles by it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-rules-'));
    const s = clone();
    s.factors[4].bands[0].rate = '30'; // good days at 30 万元 a day: 魏都区 20 vs 18 → +60 instead of +40
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(s));
    const r = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', join(dir, 'rules.json'), '--format', 'json']);
    expect(r.code).toBe(0);
    const weidu = JSON.parse(r.stdout).months[0].counties[0];
    expect(weidu.factors[4].amount).toBe('60');
    expect(weidu.net).toBe('258.5');
  });
});

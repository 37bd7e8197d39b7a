/**
 * Files of the first schedule format (no "format" key) still load, converted (docs/decisions.md 44): they settle
 * exactly as their v2 equivalents, and their faults are named by their own key paths.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProblemsError, formatProblem } from '../../src/core/problems.js';
import { settle } from '../../src/engine/settle.js';
import { settlementJson } from '../../src/output/json.js';
import { builtinSchedule, parseSchedule } from '../../src/schedule/load.js';
import { cite } from '../../src/schedule/reference.js';
import { referenceFromText } from '../../src/schedule/v1.js';
import type { Schedule } from '../../src/schedule/format.js';
import { fixtureSchedule, scheduleFile } from '../helpers/schedules.js';
import { uniformMonth, workedExample } from '../helpers/records.js';
import { runCli } from '../helpers/cli.js';

const V1 = (name: string) => JSON.parse(readFileSync(`fixtures/schedules/v1/${name}.json`, 'utf8'));

function faults(json: unknown): string[] {
  try {
    parseSchedule(json, 's.json');
  } catch (e) {
    if (e instanceof ProblemsError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

/** Every amount of a month's settlement, without the references (which the conversion words differently). */
function amounts(schedule: Schedule, records = workedExample(), payout = false): unknown {
  const s = settle({ records, province: new Map(payout ? [['2022-10', { payout: true, source: 't' }]] : []) }, schedule);
  type Json = { months: { totals: unknown; counties: { id: string; net: string; factors: { factor: string; amount: string; cancelled: string | null; clause: string }[] }[] }[] };
  return (settlementJson(s) as Json).months.map((m) => ({ totals: m.totals, counties: m.counties.map((c) => [c.id, c.net, c.factors.map((f) => [f.factor, f.amount, f.cancelled, f.clause])]) }));
}

describe('a v1 file settles as its v2 equivalent', () => {
  const records = uniformMonth({ 魏都区: { pm25: '45', pm10: '70', goodDays: '23', targets: { pm25: '44', goodDays: '25' } }, 建安区: { pm25: '57', pm10: '88', goodDays: '17' } });

  it.each([
    ['xuchang-2022', () => builtinSchedule()],
    ['deductions-only', () => fixtureSchedule('deductions-only')],
    ['rates-gated', () => fixtureSchedule('rates-gated')],
  ])('%s: every amount, cancellation and clause the same, with and without a provincial payout', (name, v2) => {
    const v1 = scheduleFile(`fixtures/schedules/v1/${name}.json`);
    for (const recs of [workedExample(), records]) {
      for (const payout of [false, true]) expect(amounts(v1, recs, payout)).toEqual(amounts(v2(), recs, payout));
    }
  });

  it('the conversion: one band list becomes two scales with their clauses; direction drops a scale; the gates are a list', () => {
    const b = scheduleFile('fixtures/schedules/v1/xuchang-2022.json');
    expect(b.format).toBe(2);
    expect(b.factors.map((f) => [cite(f.deduction!.ref), cite(f.reward!.ref)])[0]).toEqual(['第四条（一）1', '第四条（一）2']);
    expect(b.factors[0]!.deduction!.bands.map((x) => [x.rate.toFixed(), cite(x.ref)])).toEqual([['10', '第四条（一）1'], ['20', '第四条（一）1']]);
    expect(b.factors[0]!.reward!.bands.map((x) => cite(x.ref))).toEqual(['第四条（一）2', '第四条（一）2']);
    expect(b.gates.map((g) => [g.id, g.condition])).toEqual([['province', 'province-payout'], ['target', 'target-missed']]);
    expect(scheduleFile('fixtures/schedules/v1/deductions-only.json').factors.every((f) => f.reward === null && f.deduction !== null)).toBe(true);
  });

  it('ecocomp settles a v1 file given with --rules', async () => {
    const r = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--rules', 'fixtures/schedules/v1/xuchang-2022.json', '--format', 'json']);
    const builtin = await runCli(['settle', resolve('fixtures/sample-2022-10-synthetic.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).months[0].totals).toEqual(JSON.parse(builtin.stdout).months[0].totals);
  });
});

describe('a v1 fault is named by the v1 key path', () => {
  it.each([
    ['a rate as a JSON number', (s: any) => (s.factors[2].bands[1].rate = 10), 's.json: factors[2].bands[1].rate: a non-negative decimal written as a string'],
    ['bands not ascending (found after conversion)', (s: any) => s.factors[0].bands.splice(1, 0, { upTo: '4', rate: '1', ref: 'x' }), 's.json: factors[0].bands[1].upTo: band limits must ascend: 4 is not above the previous limit 5'],
    ['a minimum gap above the first band', (s: any) => (s.factors[0].minimumGap.value = '6'), 's.json: factors[0].minimumGap.value: the minimum gap 6 lies above the first band limit 5'],
    ['a v2 key in a v1 file', (s: any) => (s.gates = []), 's.json: (top level): unknown key "gates"'],
  ])('%s', (_, mutate, expected) => {
    const s = V1('xuchang-2022');
    mutate(s);
    const f = faults(s);
    expect(f).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
    // Reported once, though the band list became two scales.
    expect(f.filter((x) => x.startsWith(expected.split(':').slice(0, 2).join(':'))).length).toBe(1);
  });
});

describe('which format a file is read as', () => {
  it('a current file that forgot "format" is told so, not read as the first format', () => {
    const s = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
    delete s.format;
    expect(faults(s)).toEqual(['s.json: format: "format": 2, the version of the schedule format this file is written in (a file of the first format has no "format" key)']);
  });

  it('an unknown format version is refused at "format"', () => {
    const s = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
    s.format = 3;
    expect(faults(s)).toEqual(['s.json: format: "format": 2, the version of the schedule format this file is written in (a file of the first format has no "format" key)']);
  });
});

describe('a v1 reference text becomes a structured reference', () => {
  it.each([
    ['第四条（一）1', { article: 4, item: 1, clause: 1 }],
    ['D2: GB/T 8170 修约', { decision: 2, note: 'GB/T 8170 修约' }],
    ['第九条, D11: in force', { article: 9, decision: 11, note: 'in force' }],
    ['第四条（一）, D6: from 1 微克', { article: 4, item: 1, decision: 6, note: 'from 1 微克' }],
    ['第四条 + D1: the mean', { article: 4, decision: 1, note: '第四条 + D1: the mean' }],
    ['第四条（二）1、2: 0—3 个百分点', { article: 4, item: 2, note: '第四条（二）1、2: 0—3 个百分点' }],
    ['example: no caps', { note: 'example: no caps' }],
    ['第十条', { article: 10 }],
  ])('%s', (text, expected) => expect(referenceFromText(text)).toEqual(expected));
});

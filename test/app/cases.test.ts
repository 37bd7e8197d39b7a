/**
 * Worked cases as data: every case in fixtures/cases, run through the same application API as `ecocomp settle`;
 * and what a case that does not hold reports — each failing value with the case, month, unit, field, both values
 * and the clause.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCases } from '../../src/app/index.js';
import { ProblemsError } from '../../src/core/problems.js';
import { renderCasesText } from '../../src/output/cases.js';
import { SPEC_EXAMPLE_AMOUNTS, SPEC_EXAMPLE_TOTALS } from '../helpers/expected.js';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));
const SPEC_DATA = readFileSync('fixtures/sample-2022-10-synthetic.csv', 'utf8').trim().split('\n');

/** A case on the SPEC.md §8 data, expecting what `expect` says. */
function specCase(expect: unknown, extra: Record<string, unknown> = {}) {
  return { name: 'SPEC.md §8', clauses: ['第四条（一）2'], input: { data: SPEC_DATA }, expect, ...extra };
}

describe('the worked cases in fixtures/cases', () => {
  it('every case gives what it expects', async () => {
    const run = await runCases(['fixtures/cases']);
    const failing = run.cases.filter((c) => !c.passed);
    expect(failing.length === 0 ? '' : renderCasesText({ ...run, cases: failing }, 'en')).toBe('');
    expect(run.cases.length).toBeGreaterThanOrEqual(18);
    expect(run.cases.every((c) => c.checked > 0)).toBe(true);
  });

  it('the §8 case file holds the amounts of test/helpers/expected.ts, worked out by hand', () => {
    const spec = JSON.parse(readFileSync('fixtures/cases/spec-example.json', 'utf8'));
    const month = spec.expect.months['2022-10'];
    const factors = ['pm25', 'pm25Rate', 'pm10', 'pm10Rate', 'goodDays'] as const;
    for (const [unit, amounts] of Object.entries(SPEC_EXAMPLE_AMOUNTS)) {
      const e = month.units[unit];
      factors.forEach((f, i) => expect(typeof e[f] === 'string' ? e[f] : e[f].amount, `${unit} ${f}`).toBe(amounts[i]));
      expect(e.net).toBe(amounts[5]);
    }
    expect(month.totals).toEqual(SPEC_EXAMPLE_TOTALS);
  });
});

describe('a case that does not hold', () => {
  it('names each failing value: month, unit, field, expected, got and the clause', async () => {
    const wrong = specCase({ months: { '2022-10': { units: { 魏都区: { pm25: '25', net: '238.5' } }, totals: { surplus: '140' } } } });
    const run = await runCases([{ name: 'wrong.json', bytes: encode(wrong) }]);
    expect(run).toMatchObject({ passed: 0, failed: 1 });
    expect(run.cases[0]!.checked).toBe(3);
    expect(run.cases[0]!.mismatches).toEqual([
      { month: '2022-10', unit: '魏都区', field: 'pm25', expected: '25', got: '20', clause: '第四条（一）2' },
      { month: '2022-10', unit: null, field: 'surplus', expected: '140', got: '146', clause: null },
    ]);
  });

  it('compares decimals by value: "20.0" is 20', async () => {
    const run = await runCases([{ name: 'c.json', bytes: encode(specCase({ months: { '2022-10': { units: { weidu: { pm25: '20.0' } } } } })) }]);
    expect(run.failed).toBe(0);
  });

  it('a unit or month the settlement does not have is a failure, not a pass', async () => {
    const run = await runCases([{ name: 'c.json', bytes: encode(specCase({ months: { '2022-10': { units: { 西城区: { net: '0' } } }, '2022-11': { totals: { surplus: '0' } } } })) }]);
    expect(run.cases[0]!.mismatches.map((m) => [m.month, m.unit, m.field])).toEqual([
      ['2022-10', '西城区', 'unit'],
      ['2022-11', null, 'month'],
    ]);
  });

  it('settles only the months the case names (options.months)', async () => {
    const twoMonths = [...SPEC_DATA, ...SPEC_DATA.slice(1).map((l) => l.replace('2022-10', '2022-11'))];
    const expected = { '2022-10': { totals: { surplus: '146' } }, '2022-11': { totals: { surplus: '146' } } };
    const run = await runCases([{ name: 'c.json', bytes: encode(specCase({ months: expected }, { input: { data: twoMonths }, options: { months: ['2022-11'] } })) }]);
    expect(run.cases[0]!.mismatches).toEqual([{ month: '2022-10', unit: null, field: 'month', expected: 'settled', got: '(absent): the month was not settled', clause: null }]);
  });

  it('a refusal expected of a settlement that settles fails, and so does a settlement expected of a refusal', async () => {
    const refusal = specCase({ refusal: { exit: 2, codes: ['E-GROUP-INCOMPLETE'] } });
    const broken = specCase({ months: { '2022-10': { totals: { surplus: '146' } } } }, { input: { data: SPEC_DATA.filter((l) => !l.includes('东城区')) } });
    const run = await runCases([
      { name: 'a.json', bytes: encode(refusal) },
      { name: 'b.json', bytes: encode(broken) },
    ]);
    expect(run.cases.map((c) => c.mismatches[0]?.field)).toEqual(['refusal', 'refusal']);
    expect(run.cases[0]!.mismatches[0]).toMatchObject({ expected: 'exit 2: E-GROUP-INCOMPLETE', got: 'settled (exit 0)' });
    expect(run.cases[1]!.mismatches[0]!.got).toMatch(/^exit 2: E-GROUP-INCOMPLETE \(b\.json#input\.data: 2022-10: 中心城区组 lacks 东城区/);
  });

  it('a refusal with other fault codes than expected fails with both lists', async () => {
    const run = await runCases([{ name: 'c.json', bytes: encode(specCase({ refusal: { exit: 2, codes: ['E-ROW-TWICE'] } }, { input: { data: SPEC_DATA.slice(0, 5) } })) }]);
    expect(run.cases[0]!.mismatches[0]).toMatchObject({ field: 'codes', expected: 'E-ROW-TWICE' });
    expect(run.cases[0]!.mismatches[0]!.got).toMatch(/^exit 2: E-GROUP-INCOMPLETE/);
  });
});

describe('a case file that cannot be read', () => {
  const problemsOf = async (name: string, text: string) => {
    try {
      await runCases([{ name, bytes: new TextEncoder().encode(text) }]);
    } catch (e) {
      if (e instanceof ProblemsError) return e.problems;
      throw e;
    }
    throw new Error('no problems');
  };

  it('an amount written as a JSON number: its key path and what was expected', async () => {
    const problems = await problemsOf('n.json', JSON.stringify([specCase({ months: { '2022-10': { units: { 魏都区: { pm25: 20 } } } } })]));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'n.json', code: 'E-CASE', field: '[0].expect.months.2022-10.units.魏都区.pm25', message: expect.stringContaining('decimal string') }),
    ]);
  });

  it('a missing key, an unknown key, and both or neither of months and refusal', async () => {
    const { name: _, ...nameless } = specCase({ months: { '2022-10': { provincePayout: false } } });
    const problems = await problemsOf('m.json', JSON.stringify([nameless, specCase({}, { expected: {} }), specCase({ months: { '2022-10': { provincePayout: false } }, refusal: { exit: 2, codes: ['E-X'] } })]));
    expect(problems.map((p) => p.field)).toEqual(['[0].name', '[1].expect', '[1]', '[2].expect']);
    expect(problems[0]!.message).toMatch(/^missing: /);
    expect(problems[1]!.message).toContain('exactly one of "months"');
    expect(problems[2]!.message).toContain('unknown key "expected"');
  });

  it('JSON that is not JSON: line and column; a key given twice: both places', async () => {
    expect(await problemsOf('s.json', '{\n  "name": "x",\n  "clauses": [\n}')).toEqual([expect.objectContaining({ file: 's.json', line: 4, column: 1, code: 'E-CASE-JSON' })]);
    const twice = await problemsOf('d.json', '{"name": "a", "name": "b", "clauses": ["第四条"], "input": {"data": "x"}, "expect": {"refusal": {"exit": 2, "codes": ["E-EMPTY"]}}}');
    expect(twice).toEqual([expect.objectContaining({ code: 'E-CASE-DUPLICATE-KEY', field: 'name', line: 1, column: 15 })]);
  });

  it('a case that expects nothing: no month, a month with no figure, a unit with no figure', async () => {
    const problems = await problemsOf('e.json', JSON.stringify([specCase({ months: {} }), specCase({ months: { '2022-10': { units: {} } } }), specCase({ months: { '2022-10': { units: { 魏都区: {} } } } })]));
    expect(problems.map((p) => [p.field, p.message.slice(0, 20)])).toEqual([
      ['[0].expect.months', 'at least one month, '],
      ['[1].expect.months.2022-10', 'at least one expecte'],
      ['[2].expect.months.2022-10.units.魏都区', 'at least one figure '],
    ]);
  });

  it('no case is run when any case file cannot be read', async () => {
    await expect(runCases(['fixtures/cases', { name: 'bad.json', bytes: new TextEncoder().encode('[]') }])).rejects.toThrow(/bad\.json: \(top level\): an empty list/);
  });
});

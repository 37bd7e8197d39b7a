/**
 * A short deterministic run of the fuzzer (scripts/fuzz-core.mjs) on the CLI in-process, a few cases through the
 * built bin as a process, and one regression case per finding of the fuzzer. `npm run fuzz` runs it long.
 *
 * Findings not yet fixed are tolerated by kind only, and only where listed: KNOWN_UNTIL_FIXED (issue 10, being
 * fixed on other branches) and FOUND_UNTIL_FIXED (found by this fuzzer, reported, awaiting a fix in src/). When a
 * fix merges, remove its kind from the list: its regression case below then requires the right result.
 * FUZZ_STRICT=1 npx vitest run test/fuzz.test.ts shows every finding still open.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { run } from '../src/cli/run.js';
import { FOUND_UNTIL_FIXED, KNOWN_UNTIL_FIXED, caseFromArgv, fuzz, runAndJudge, type FuzzCase } from '../scripts/fuzz-core.mjs';
import { oracle } from '../scripts/recompute.mjs';

const run_ = run as (argv: string[], io: unknown) => Promise<number>;
// FUZZ_STRICT=1 tolerates nothing: what is still broken shows as failures.
const TOLERATED = new Set<string>(process.env.FUZZ_STRICT ? [] : [...KNOWN_UNTIL_FIXED, ...FOUND_UNTIL_FIXED]);
const SAMPLE = readFileSync('fixtures/sample-2022-10-synthetic.csv', 'utf8');
const BUILTIN_JSON = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
/** The sample with one line replaced (line 2 is 魏都区). */
const sampleWith = (line: number, text: string) => SAMPLE.split('\n').map((l, i) => (i === line - 1 ? text : l)).join('\n');

describe('the fuzzer, a short run', () => {
  it('1,200 generated cases of every command: no failure but the tolerated kinds, and the oracle compares results', async () => {
    const report = await fuzz(run_, { cases: 1200, seed: 7, binShare: existsSync('dist/ecocomp.js') ? 0.01 : 0 });
    const unexpected = report.failures.filter((f) => !TOLERATED.has(f.kind));
    expect(unexpected.map((f) => `${f.kind} (seed 7, case ${f.case}): ${f.detail}`)).toEqual([]);
    // Every command and its outcomes occur, and the independent recomputation judged many exit-0 results.
    for (const command of ['settle', 'explain', 'ledger', 'check', 'rules', 'rules check', 'aggregate']) expect(report.commands[command]).toBeGreaterThan(10);
    expect(report.oracle.compared).toBeGreaterThan(150);
    expect(report.oracle.refuse).toBeGreaterThan(150);
    expect(report.exits['settle 0']).toBeGreaterThan(100);
    expect(report.exits['check 1']).toBeGreaterThan(5);
    expect(report.exits['aggregate 1']).toBeGreaterThan(5);
  }, 120_000);
});

/**
 * One case per finding: the fuzzer's judgement of it must be clean, or only the finding's own kind while that kind
 * is tolerated. The oracle's reading is asserted too, so that the fuzzer keeps finding it.
 */
async function expectOnly(kind: string, c: FuzzCase) {
  const { failures } = await runAndJudge(run_, c);
  const kinds = [...new Set(failures.map((f) => f.kind))];
  expect(kinds).toEqual(TOLERATED.has(kind) ? kinds.filter((k) => k === kind) : []);
  return kinds;
}

describe('findings of the fuzzer, one regression case each', () => {
  it('accepted:extra-cells — a decimal comma shifts a row one cell too many (last year\'s PM10 85,5: good days read as 5)', async () => {
    const c = caseFromArgv(['settle', 'data.csv', '--format', 'json'], { 'data.csv': sampleWith(2, '2022-10,魏都区,45,78,52,85,5,20') });
    expect(oracle(c.oracle).reasons.map((r) => r.kind)).toContain('extra-cells');
    await expectOnly('accepted:extra-cells', c);
  });

  it('accepted:unit-by-ending — xyz东城 is not 东城区', async () => {
    const c = caseFromArgv(['settle', 'data.csv', '--format', 'json'], { 'data.csv': SAMPLE.replace('\n2022-10,东城区,', '\n2022-10,xyz东城,') });
    expect(oracle(c.oracle).reasons.map((r) => r.kind)).toEqual(['unit-by-ending']);
    await expectOnly('accepted:unit-by-ending', c);
  });

  it('accepted:partial-last-year — half-blank last-year cells with the month a year later present', async () => {
    const later = SAMPLE.split('\n').slice(1).filter(Boolean).map((l) => l.replace('2022-10', '2023-10').split(',').slice(0, 4).concat(['', '', '20']).join(','));
    const data = [sampleWith(2, '2022-10,魏都区,45,78,,,20').trimEnd(), ...later].join('\n') + '\n';
    const c = caseFromArgv(['settle', 'data.csv', '--format', 'json'], { 'data.csv': data });
    expect(oracle(c.oracle).reasons.map((r) => r.kind)).toEqual(['partial-last-year']);
    await expectOnly('accepted:partial-last-year', c);
  });

  it('accepted:side-file-month-absent — a targets row for a month the data do not hold', async () => {
    const c = caseFromArgv(['settle', 'data.csv', '--targets', 't.csv', '--format', 'json'], { 'data.csv': SAMPLE, 't.csv': 'month,county,pm25_target\n2022-11,魏都区,40\n' });
    expect(oracle(c.oracle).reasons.map((r) => r.kind)).toEqual(['side-file-month-absent']);
    await expectOnly('accepted:side-file-month-absent', c);
  });

  it('rules-builtin-name-loads-cwd-file — --rules xuchang-2022 is the built-in schedule, not ./xuchang-2022', async () => {
    const decoy = structuredClone(BUILTIN_JSON);
    decoy.id = 'decoy';
    decoy.factors[4].bands[0].rate = '1';
    const c = caseFromArgv(['settle', 'data.csv', '--rules', 'xuchang-2022', '--format', 'json'], { 'data.csv': SAMPLE, 'xuchang-2022': JSON.stringify(decoy) });
    await expectOnly('rules-builtin-name-loads-cwd-file', c);
  });

  it('unit-name-from-other-schedule — a month is named by the units of its own schedule', async () => {
    const a = { ...structuredClone(BUILTIN_JSON), id: 'a', effectiveUntil: '2022-12-31' };
    const b = { ...structuredClone(BUILTIN_JSON), id: 'b', effectiveFrom: '2023-01-01' };
    b.units[0].name = '魏都新区';
    b.units[0].aliases = ['魏都', '魏都区'];
    const c = caseFromArgv(['settle', 'data.csv', '--rules', 'a.json', '--rules', 'b.json', '--format', 'json'], { 'data.csv': SAMPLE, 'a.json': JSON.stringify(a), 'b.json': JSON.stringify(b) });
    await expectOnly('unit-name-from-other-schedule', c);
  });

  it('accepted:baselines-unused — a baselines file for a schedule that computes its baselines is not silently ignored', async () => {
    const c = caseFromArgv(['settle', 'data.csv', '--baselines', 'b.csv', '--format', 'json'], { 'data.csv': SAMPLE, 'b.csv': readFileSync('fixtures/baselines-2022-10-synthetic.csv') });
    expect(oracle(c.oracle).reasons.map((r) => r.kind)).toEqual(['baselines-unused', 'baselines-unused']);
    await expectOnly('accepted:baselines-unused', c);
  });

  it('inexact-decimal — a supplied baseline of 45 significant digits: a gap just under the 1 μg threshold is not charged', async () => {
    const b = 'month,group,pm25,pm25_rate,pm10,pm10_rate,good_days\n2022-10,中心城区组,44.0000000000000000000000000000000000000000001,7.8,81,5.8,18\n2022-10,县（市）组,50,7.4,93,3.1,15\n';
    const c = caseFromArgv(['settle', 'data.csv', '--rules', 's.json', '--baselines', 'b.csv', '--format', 'json'], { 'data.csv': SAMPLE, 's.json': readFileSync('fixtures/schedules/supplied-baselines.json'), 'b.csv': b });
    // 魏都区 45 against 44.000…001: a gap of 0.999…9 μg, below the 1 μg threshold (D6): 0, not −10.
    const kinds = await runAndJudge(run_, c).then((j) => j.failures.map((f) => `${f.kind}: ${f.detail}`));
    if (!TOLERATED.has('inexact-decimal')) expect(kinds).toEqual([]);
    else expect(kinds.every((k) => k.startsWith('wrong-amount') || k.startsWith('inexact-decimal'))).toBe(true);
  });

  it('inexact-decimal — a rate of 43 significant digits keeps every digit of the amounts and the books balanced', async () => {
    const s = structuredClone(BUILTIN_JSON);
    s.id = 'long';
    s.factors[1].bands[1].rate = '35.000000000000000000000000000000000000000001';
    const c = caseFromArgv(['settle', 'data.csv', '--rules', 'long.json', '--format', 'json'], { 'data.csv': SAMPLE, 'long.json': JSON.stringify(s) });
    await expectOnly('inexact-decimal', c);
  });

  it('accepted:side-file-conflict — two targets files disagreeing on a unit-month: refused, not the last silently taken', async () => {
    // With the first file's 40, 魏都区's PM2.5 of 45 misses its target and its reward of 20 is cancelled; with 50 it stands.
    const c = caseFromArgv(['settle', 'data.csv', '--targets', 't1.csv', '--targets', 't2.csv', '--format', 'json'], {
      'data.csv': SAMPLE,
      't1.csv': 'month,county,pm25_target\n2022-10,魏都区,40\n',
      't2.csv': 'month,county,pm25_target\n2022-10,魏都区,50\n',
    });
    expect(oracle(c.oracle).reasons.map((r) => r.kind)).toEqual(['side-file-conflict']);
    await expectOnly('accepted:side-file-conflict', c);
  });

  for (const [kind, mutate] of [
    ['duplicate-key', (t: string) => t.replace('"id": "xuchang-2022"', '"id": "other", "id": "xuchang-2022"')],
    ['impossible-date', (t: string) => t.replace('"effectiveFrom": "2022-09-13"', '"effectiveFrom": "2022-09-31"')],
  ] as const) {
    it(`schedule-accepted:${kind} — rules check refuses a schedule with ${kind === 'duplicate-key' ? 'a key given twice' : 'a day that does not exist'}`, async () => {
      const text = mutate(JSON.stringify(BUILTIN_JSON, null, 1).replace(/\n/g, ' '));
      const c = { family: 'rules', command: 'rules check', argv: ['rules', 'check', 's.json'], files: { 's.json': new TextEncoder().encode(text) }, traits: ['rules-check'], expectExit: [2], broken: [kind] };
      await expectOnly(`schedule-accepted:${kind}`, c);
    });
  }
});

describe('findings of the fuzzer in printed schedules', () => {
  it('rules-round-trip — rules --format json prints 0.00000001 and 10^21 as plain decimals, so the output is a valid schedule', async () => {
    const s = structuredClone(BUILTIN_JSON);
    s.factors[0].bands[0].rate = '0.00000001';
    s.factors[0].bands[1].rate = '1000000000000000000000';
    const c = { family: 'rules', command: 'rules', argv: ['rules', '--rules', 's.json', '--format', 'json'], files: { 's.json': new TextEncoder().encode(JSON.stringify(s)) }, traits: ['print-json'], expectExit: [0], schedule: s };
    await expectOnly('rules-round-trip', c);
  });
});

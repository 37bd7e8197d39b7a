/** The engine's edges: refusals and their messages, supplied baselines by month and group, what a schedule needs, sheet comparison. */
import { describe, expect, it } from 'vitest';
import { fixtureSchedule } from '../helpers/schedules.js';
import { readFileSync } from 'node:fs';
import { tierAmount } from '../../src/engine/bands.js';
import { compareSheet } from '../../src/engine/compare.js';
import { Dec, mean, plain } from '../../src/core/decimal.js';
import { neededInputs } from '../../src/schedule/measures.js';
import { settle } from '../../src/engine/settle.js';
import { prepareRecords } from '../../src/engine/prepare.js';
import type { UnitMonthRecord } from '../../src/engine/types.js';
import { ProblemsError, formatProblem } from '../../src/core/problems.js';
import { builtinSchedule, parseSchedule } from '../../src/schedule/load.js';
import { cite } from '../../src/schedule/reference.js';
import { uniformMonth, workedExample } from '../helpers/records.js';
import { type SheetRow } from '../../src/core/claims.js';

const schedule = builtinSchedule();
const fixture = fixtureSchedule;
/** What prepare refuses of records built in code, as the CLI prints it. */
function refusals(records: UnitMonthRecord[]): string[] {
  try {
    prepareRecords({ records, province: new Map() }, [schedule]);
    return [];
  } catch (e) {
    if (e instanceof ProblemsError) return e.problems.map(formatProblem);
    throw e;
  }
}

describe('refusals name the unit, the month and the place', () => {
  const at = (r: UnitMonthRecord, line: number): UnitMonthRecord => ({ ...r, sources: { row: { file: 'd.csv', line } } });

  it('a unit the schedule does not know', () => {
    const records = [...uniformMonth(), { ...uniformMonth()[0]!, unitId: 'nowhere' }];
    expect(refusals(records)).toEqual(['(input): unit "nowhere" is not in schedule xuchang-2022, in force for 2022-10']);
  });

  it('a unit twice, with and without a place', () => {
    const [first, ...rest] = uniformMonth();
    expect(refusals([at(first!, 2), ...rest, at(first!, 11)])).toEqual(['d.csv:11: 2022-10 魏都区 appears twice (also at d.csv:2); one row per unit and month']);
    expect(refusals([first!, ...rest, first!])).toEqual(['(input): 2022-10 魏都区 appears twice (also at (input):?); one row per unit and month']);
  });

  it('two members missing from a group, listed together', () => {
    const records = uniformMonth().filter((r) => r.unitId !== 'weidu' && r.unitId !== 'dongcheng');
    expect(refusals(records)).toEqual(['(input): 2022-10: 中心城区组 lacks 魏都区、东城区; a group is settled only with all its members (D9: a group is never settled on partial data; a missing member stops the month)']);
  });

  it('a value the schedule needs, and a last-year value, missing', () => {
    const [first, ...rest] = uniformMonth();
    const { pm25: _a, ...noPm25 } = first!;
    const { pm10LastYear: _b, ...noLastYear } = first!;
    expect(refusals([at(noPm25 as UnitMonthRecord, 2), ...rest])).toContain('d.csv:2: 2022-10 魏都区: no PM2.5 value, which schedule xuchang-2022 needs');
    expect(refusals([at(noLastYear as UnitMonthRecord, 2), ...rest])).toEqual(['d.csv:2: 2022-10 魏都区: no last-year PM10: none is given and the inputs hold no 2021-10 row for 魏都区']);
  });

  it('a month no schedule covers', () => {
    expect(refusals(uniformMonth({}, '2021-01'))).toEqual(["(input): month 2021-01 cannot be settled: schedule xuchang-2022 (许政办〔2022〕39号) settles months from 2022-09 (in force from 2022-09-13); rows of other months are read only as last year's values for the month twelve months later"]);
  });

  it('settle throws them all at once', () => {
    expect(() => settle({ records: uniformMonth({}, '2021-01'), province: new Map() }, schedule)).toThrowError(ProblemsError);
  });
});

describe('months come out in order', () => {
  it('whatever the order of the records', () => {
    const s = settle({ records: [...uniformMonth({}, '2022-12'), ...uniformMonth({}, '2022-10'), ...uniformMonth({}, '2022-11')], province: new Map() }, schedule);
    expect(s.months.map((m) => m.month)).toEqual(['2022-10', '2022-11', '2022-12']);
  });
});

describe('supplied baselines are matched by month and group', () => {
  it('uses each group\'s own baseline for each month', () => {
    const supplied = fixture('supplied-baselines');
    const values = (pm25: string) => ({ pm25: new Dec(pm25), pm25Rate: new Dec(0), pm10: new Dec(80), pm10Rate: new Dec(0), goodDays: new Dec(20) });
    const baselines = [
      { month: '2022-10', groupId: 'central', values: values('48') },
      { month: '2022-10', groupId: 'county', values: values('52') },
      { month: '2022-11', groupId: 'central', values: values('49') },
      { month: '2022-11', groupId: 'county', values: values('53') },
    ];
    const s = settle({ records: [...uniformMonth({}, '2022-10'), ...uniformMonth({}, '2022-11')], province: new Map(), baselines }, supplied);
    // Every unit at 50: central 50 vs 48 → −20, county 50 vs 52 → +20; November 50 vs 49 → −10, 50 vs 53 → +30.
    expect(s.months.map((m) => m.groups.map((g) => plain(g.baseline.pm25!)))).toEqual([['48', '52'], ['49', '53']]);
    expect(s.months.map((m) => [plain(m.counties[0]!.factors[0]!.amount), plain(m.counties[8]!.factors[0]!.amount)])).toEqual([['-20', '20'], ['-10', '30']]);
    expect(s.months[0]!.groups[0]!.derivation.pm25).toMatchObject({ kind: 'supplied', ref: { decision: 1, note: expect.stringMatching(/^alternative/) } });
  });
});

describe('factor details', () => {
  const m = settle({ records: workedExample(), province: new Map() }, schedule).months[0]!;
  const yuzhou = m.counties.find((c) => c.unit.id === 'yuzhou')!;

  it('a level gap is on neither side and cites the factor\'s clause', () => {
    expect([yuzhou.factors[0]!.side, cite(yuzhou.factors[0]!.clause), yuzhou.factors[0]!.pieces]).toEqual(['none', '第四条（一）', []]);
  });

  it('the mean-of-rates baseline cites D5\'s alternative', () => {
    const s = settle({ records: workedExample(), province: new Map() }, fixture('mean-of-rates')).months[0]!;
    expect(s.groups[0]!.derivation.pm25Rate).toMatchObject({ kind: 'mean-of-rates', ref: { decision: 5, note: expect.stringMatching(/^alternative/) } });
  });

  it('a cap on rewards keeps the rewards before it', () => {
    const s = settle({ records: workedExample(), province: new Map() }, fixture('capped')).months[0]!;
    const weidu = s.counties[0]!;
    expect(weidu.capped).toEqual({ ref: { note: expect.stringMatching(/^example/) }, rewards: { before: new Dec('238.5'), cap: new Dec(200) } });
    expect(s.counties.find((c) => c.unit.id === 'dongcheng')!.capped).toBeNull();
  });
});

describe('what a schedule needs of the data', () => {
  it('the built-in schedule needs everything', () => {
    expect(neededInputs(schedule)).toEqual({ pm25: true, pm10: true, goodDays: true, lastYear: { pm25: true, pm10: true } });
  });

  it('another city with PM2.5 and good days only needs neither PM10 nor last year', () => {
    expect(neededInputs(fixture('other-city'))).toEqual({ pm25: true, pm10: false, goodDays: true, lastYear: { pm25: false, pm10: false } });
  });

  it('a scheme of PM10 alone needs neither PM2.5 nor good days', () => {
    const raw = JSON.parse(readFileSync('fixtures/schedules/other-city.json', 'utf8'));
    raw.factors[0].id = 'pm10';
    raw.factors = [raw.factors[0]];
    expect(neededInputs(parseSchedule(raw, 'x'))).toEqual({ pm25: false, pm10: true, goodDays: false, lastYear: { pm25: false, pm10: false } });
  });

  it('a gate needs its indicator even where no factor does', () => {
    const raw = JSON.parse(readFileSync('fixtures/schedules/other-city.json', 'utf8'));
    raw.factors = raw.factors.filter((f: { id: string }) => f.id === 'pm25');
    raw.gates = [{ id: 'target', condition: 'target-missed', cancels: 'rewards', targets: { pm25: 'goodDays' }, ref: { note: 'example' } }];
    expect(neededInputs(parseSchedule(raw, 'x'))).toEqual({ pm25: true, pm10: false, goodDays: true, lastYear: { pm25: false, pm10: false } });
  });
});

describe('bands and means', () => {
  it('a zero gap is not "below the minimum"', () => {
    expect(tierAmount(schedule.factors[0]!.deduction!, new Dec(0))).toEqual({ pieces: [], amount: new Dec(0), belowMinimum: false });
  });

  it('divides to 40 significant digits (a quotient is rounded once, by GB/T 8170, not by the arithmetic)', () => {
    expect(new Dec(2).div(3).toFixed()).toBe(`0.${'6'.repeat(39)}7`);
  });

  it('names the fault of a negative magnitude and of an empty mean', () => {
    expect(() => tierAmount(schedule.factors[0]!.deduction!, new Dec(-1))).toThrowError('tierAmount takes the magnitude of a gap');
    expect(() => mean([])).toThrowError('mean of no values');
  });
});

describe('comparing a sheet', () => {
  const s = settle({ records: [...workedExample('2022-10'), ...workedExample('2022-11')], province: new Map() }, schedule);
  const row = (month: string, unitId: string, net: string, extra: SheetRow['figures'] = []): SheetRow => ({
    month,
    unitId,
    figures: [{ field: 'net', value: new Dec(net), at: { file: 's.csv', line: 2 } }, ...extra],
    at: { file: 's.csv', line: 2 },
  });
  const sheet = (rows: SheetRow[]) => ({ rows, aggregates: [], inputs: [] });
  const nets: Record<string, string> = { weidu: '238.5', 'jian-an': '-211', 'demo-zone': '233', 'econ-dev': '-287', dongcheng: '77', yuzhou: '70.5', changge: '-174', yanling: '95.5', xiangcheng: '-188.5' };
  const full = (month: string) => Object.entries(nets).map(([u, n]) => row(month, u, n));

  it('agrees with the settlement it came from', () => {
    expect(compareSheet(s, sheet([...full('2022-10'), ...full('2022-11')]))).toEqual({ differences: [], compared: 18, months: ['2022-10', '2022-11'] });
  });

  it('finds a unit missing from the sheet, and lists the months of both sides in order', () => {
    const c = compareSheet(s, sheet([row('2022-09', 'weidu', '1'), ...full('2022-10').filter((r) => r.unitId !== 'yuzhou'), ...full('2022-11')]));
    expect(c.differences.map((d) => [d.month, d.unitId, d.field, d.recomputed])).toEqual([
      ['2022-09', 'weidu', 'presence', null],
      ['2022-10', 'yuzhou', 'presence', '70.5'],
    ]);
    expect(c.months).toEqual(['2022-09', '2022-10', '2022-11']);
  });

  it('finds a month only in the data, a unit twice, and a unit the month does not have', () => {
    const c = compareSheet(s, sheet([...full('2022-10'), row('2022-10', 'weidu', '238.5'), row('2022-10', 'nowhere', '1')]));
    expect(c.differences.map((d) => [d.month, d.unitId, d.field, d.message])).toEqual([
      ['2022-10', 'weidu', 'presence', 'appears twice in the sheet (also at s.csv:2)'],
      ['2022-10', 'nowhere', 'presence', 'is in the sheet, but not in the recomputed settlement of that month'],
      ['2022-11', null, 'presence', 'is in the data, but not in the sheet'],
    ]);
    expect(c.months).toEqual(['2022-10', '2022-11']);
  });

  it('compares signs exactly (decision 73), and skips a factor the schedule does not settle', () => {
    const other = settle({ records: workedExample(), province: new Map() }, fixture('rewards-only'));
    const rows = full('2022-10').map((r) =>
      r.unitId === 'jian-an' ? { ...r, figures: [{ field: 'net' as const, value: new Dec(0), at: r.at }, { field: 'deductions' as const, value: new Dec(0), at: r.at }] } : r,
    );
    // Rewards only: 建安区 nets 0 and deducts nothing.
    const c = compareSheet(other, sheet(rows.map((r) => (r.unitId === 'jian-an' ? r : { ...r, figures: [{ field: 'net' as const, value: other.months[0]!.counties.find((x) => x.unit.id === r.unitId)!.net, at: r.at }] }))));
    expect(c.differences).toEqual([]);
    const signedDeduction = compareSheet(s, sheet([...full('2022-10').map((r) => (r.unitId === 'econ-dev' ? { ...r, figures: [...r.figures, { field: 'deductions' as const, value: new Dec(-287), at: r.at }] } : r)), ...full('2022-11')]));
    // 经济技术开发区 deducts 40 + 80 + 65 + 42 + 60 = 287: a 扣款 of -287 is not that deduction.
    expect(signedDeduction.differences.map((d) => [d.unitId, d.field, d.sheet, d.recomputed, d.message])).toEqual([
      ['econ-dev', 'deductions', '-287', '287', 'sheet -287, recomputed 287: a 扣款 column holds a positive amount, so -287 is not taken for 287'],
    ]);
  });

  it('takes the amount of a factor the month\'s schedule does not settle as 0, and its value as no figure at all', () => {
    const otherCity = fixture('other-city');
    const recs = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ month: '2023-05', unitId: id, pm25: new Dec(40), goodDays: new Dec(20), targets: {} }));
    const settled = settle({ records: recs, province: new Map() }, otherCity);
    const at = { file: 's.csv', line: 2 };
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => row('2023-05', id, '0', [{ field: 'pm10', value: new Dec(0), at }]));
    expect(compareSheet(settled, sheet(rows))).toEqual({ differences: [], compared: 12, months: ['2023-05'] });
    rows[0]!.figures.push({ field: 'pm10', value: new Dec(5), at }, { field: 'pm10.value', value: new Dec(60), at });
    expect(compareSheet(settled, sheet(rows)).differences.map((d) => [d.unitId, d.field, d.sheet, d.recomputed])).toEqual([
      ['a', 'pm10', '5', '0'],
      ['a', 'pm10.value', '60', null],
    ]);
  });
});

describe('large inputs', () => {
  it('appends and measures arrays far longer than a call\'s arguments may be', async () => {
    const { append, maxOf } = await import('../../src/core/arrays.js');
    const big = Array.from({ length: 300_000 }, (_, i) => i);
    const target: number[] = [];
    append(target, big);
    expect([target.length, maxOf(big), maxOf([], 6)]).toEqual([300_000, 299_999, 6]);
  });
});

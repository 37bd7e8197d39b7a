/**
 * A row's width against its header, in every table reader (issue 10): a row with more cells than the header
 * names lost a cell somewhere (a decimal comma, an unquoted comma) and a row with fewer would have its missing
 * cells read as empty. Both are refused with the place and the count; empty cells past the header are not.
 */
import { describe, expect, it } from 'vitest';
import { fixtureSchedule } from '../helpers/schedules.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs, type LoadRequest } from '../../src/app/load.js';
import { ProblemsError, formatProblem, type Problem } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';
import type { Schedule } from '../../src/schedule/format.js';
import { runCli } from '../helpers/cli.js';

const schedule = builtinSchedule();
const enc = (s: string) => new TextEncoder().encode(s);
const HEADER = 'month,county,pm25,pm10,pm25_last_year,pm10_last_year,good_days';
const SAMPLE = readFileSync(new URL('../../fixtures/sample-2022-10-synthetic.csv', import.meta.url), 'utf8');
const sampleLines = SAMPLE.trim().split('\n');
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-rows-'));

/** The faults of a load (as Problem objects), or [] if it succeeds. */
function faults(text: string, extra: Partial<LoadRequest> = {}, schedules: Schedule = schedule): Problem[] {
  try {
    loadInputs({ data: [{ name: 'data.csv', bytes: enc(text) }], ...extra }, schedules);
    return [];
  } catch (e) {
    if (e instanceof ProblemsError) return [...e.problems];
    throw e;
  }
}
const shown = (ps: Problem[]) => ps.map(formatProblem);
const codes = (ps: Problem[]) => ps.map((p) => p.code);

/** The sample with each data line passed through `edit` (line 2 is 魏都区). */
function sampleWith(edit: (line: string, n: number) => string, header = HEADER): string {
  return [header, ...sampleLines.slice(1).map((l, i) => edit(l, i + 2))].join('\n') + '\n';
}

describe('the monthly data', () => {
  // 魏都区 with "85,5" for a last-year PM10 of 85.5: the row has 8 cells under 7 columns. Read by position,
  // "5" became good_days and "20" was dropped, so 魏都区 settled at -1.5 instead of +238.5 (5 good days is
  // below the group's; the group's good-days baseline moved with it) and the run ended with exit 0.
  const decimalComma = sampleWith((l, n) => (n === 2 ? '2022-10,魏都区,45,78,52,85,5,20' : l));

  it('refuses a row with more cells than the header (a decimal comma), at its first extra cell', () => {
    const ps = faults(decimalComma);
    expect(codes(ps)).toEqual(['E-ROW-EXTRA']);
    expect(shown(ps)[0]).toBe(
      'data.csv:2:8: this row has 8 cells but the header names 7 columns: cell 8 ("20") is beyond the header and would be dropped; ' +
        'a decimal comma ("85,5" for 85.5) or an unquoted comma inside a cell splits one cell in two: write decimals with a point and put a cell that holds a comma in quotes',
    );
  });

  it('settles nothing and exits 2 for it on the command line', async () => {
    const file = join(dir, 'decimal-comma.csv');
    writeFileSync(file, decimalComma);
    const r = await runCli(['settle', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(`${file}:2:8: this row has 8 cells but the header names 7 columns`);
  });

  it('counts a refused row as present: no "missing member" of its group on top of its own fault', () => {
    // Only the width fault: 魏都区's month and unit are still known, so the group is not reported incomplete.
    expect(faults(decimalComma)).toHaveLength(1);
    // Two refused rows for the same unit and month are still a duplicate.
    const twice = decimalComma.replace('2022-10,建安区,49,84,50,88,17', '2022-10,魏都区,45,78,52,85,5,20');
    expect(shown(faults(twice)).some((m) => /^data\.csv:3: 2022-10 魏都区 appears twice \(also at data\.csv:2\)/.test(m))).toBe(true);
  });

  it('reads empty cells past the header (Excel\'s trailing commas, also with spaces) as nothing dropped', () => {
    expect(faults(sampleWith((l) => `${l},,`))).toEqual([]);
    expect(faults(sampleWith((l, n) => (n === 3 ? `${l}, ,\t` : l)))).toEqual([]);
  });

  it('refuses any non-empty cell past the header, even after empty ones, at that cell', () => {
    const ps = faults(sampleWith((l, n) => (n === 4 ? `${l},,,x` : l)));
    expect(shown(ps)).toEqual([expect.stringMatching(/^data\.csv:4:10: this row has 10 cells but the header names 7 columns: cell 10 \("x"\)/)]);
  });

  it('judges the width by the last named column, whatever empty header cells Excel left after it', () => {
    // The header has 9 cells, 7 of them named: a row of 7 cells is whole, a cell in column 8 is past the header.
    expect(faults(sampleWith((l) => l, `${HEADER},,`))).toEqual([]);
    expect(codes(faults(sampleWith((l, n) => (n === 2 ? `${l},5` : l), `${HEADER},,`)))).toEqual(['E-ROW-EXTRA']);
  });

  it('refuses a row with fewer cells than the header names: a missing target is not "no target"', () => {
    // With a pm25_target column, a row that ends before it would have meant "no target" for 魏都区 in silence.
    const text = sampleWith((l, n) => (n === 2 ? l : `${l},60`), `${HEADER},pm25_target`);
    const ps = faults(text);
    expect(codes(ps)).toEqual(['E-ROW-SHORT']);
    expect(shown(ps)[0]).toBe(
      'data.csv:2:8: this row has 7 cells but the header names 8 columns: there is no cell for pm25_target (column 8), and a missing cell is not taken as empty; if it is meant to be empty, end the row with a comma for each missing cell',
    );
    // Written with its trailing comma, the empty target is read as no target, as the README says.
    expect(faults(text.replace('2022-10,魏都区,45,78,52,85,20\n', '2022-10,魏都区,45,78,52,85,20,\n'))).toEqual([]);
  });

  it('names up to three missing columns and counts the rest', () => {
    const ps = faults(sampleWith((l, n) => (n === 5 ? '2022-10,经济技术开发区' : l)));
    expect(shown(ps)).toEqual([
      'data.csv:5:3: this row has 2 cells but the header names 7 columns: there is no cell for pm25 (column 3), pm10 (column 4), pm25_last_year (column 5) and 2 more, and a missing cell is not taken as empty; if it is meant to be empty, end the row with a comma for each missing cell',
    ]);
  });

  it('lets a row end before trailing columns that have no name', () => {
    const header = `${HEADER},备注,,`;
    // 备注 is named: a row must reach it; the two unnamed columns after it may be left out.
    expect(faults(sampleWith((l) => `${l},抽查`, header))).toEqual([]);
    expect(codes(faults(sampleWith((l, n) => (n === 6 ? l : `${l},抽查`), header)))).toEqual(['E-ROW-SHORT']);
  });

  it('refuses data under a header that is only a unit in brackets, which names no column', () => {
    const header = 'month,county,pm25,(μg/m³),pm10,pm25_last_year,pm10_last_year,good_days';
    const text = sampleWith((l, n) => l.replace(/^([^,]*,[^,]*,[^,]*),/, `$1,${n === 4 ? '44' : ''},`), header);
    expect(shown(faults(text))).toEqual(['data.csv:1:4: column 4 has no header but holds data (line 4); name it or delete it']);
  });

  it('still refuses data under an empty header cell between named columns, once per column', () => {
    const header = 'month,county,pm25,,pm10,pm25_last_year,pm10_last_year,good_days';
    const text = sampleWith((l, n) => l.replace(/^([^,]*,[^,]*,[^,]*),/, `$1,${n === 3 || n === 5 ? 'x' : ''},`), header);
    expect(shown(faults(text))).toEqual(['data.csv:1:4: column 4 has no header but holds data (line 3); name it or delete it']);
  });
});

describe('the other table readers', () => {
  const targets = (rows: string[]) => [{ name: 'targets.csv', bytes: enc(['month,county,pm25_target,pm10_target,good_days_target', ...rows].join('\n')) }];

  it('--targets: an extra cell and a missing one', () => {
    expect(shown(faults(SAMPLE, { targets: targets(['2022-10,魏都区,44,,21,5']) }))).toEqual([expect.stringMatching(/^targets\.csv:2:6: this row has 6 cells but the header names 5 columns: cell 6 \("5"\)/)]);
    // "2022-10,魏都区,44" used to mean no PM10 and no good-days target for 魏都区.
    expect(shown(faults(SAMPLE, { targets: targets(['2022-10,魏都区,44']) }))).toEqual([expect.stringMatching(/^targets\.csv:2:4: this row has 3 cells but the header names 5 columns: there is no cell for pm10_target \(column 4\), good_days_target \(column 5\)/)]);
  });

  it('--province: an extra cell and a missing one', () => {
    const province = (text: string) => ({ province: [{ name: 'p.csv', bytes: enc(text) }] });
    expect(shown(faults(SAMPLE, province('month,province_result\n2022-10,得补,支偿\n')))).toEqual([expect.stringMatching(/^p\.csv:2:3: this row has 3 cells but the header names 2 columns: cell 3 \("支偿"\)/)]);
    expect(codes(faults(SAMPLE, province('month,province_result\n2022-10\n')))).toEqual(['E-ROW-SHORT']);
  });

  it('--baselines: an extra cell and a missing one', () => {
    const supplied = fixtureSchedule('supplied-baselines');
    const base = readFileSync('fixtures/baselines-2022-10-synthetic.csv', 'utf8');
    const baselines = (text: string) => ({ baselines: [{ name: 'b.csv', bytes: enc(text) }] });
    expect(faults(SAMPLE, baselines(base), supplied)).toEqual([]);
    // "7,8" for a PM2.5 rate of 7.8: every value after it moves one column right.
    const comma = base.replace('2022-10,中心城区组,45,7.8,81,5.8,18', '2022-10,中心城区组,45,7,8,81,5.8,18');
    expect(shown(faults(SAMPLE, baselines(comma), supplied))).toEqual([expect.stringMatching(/^b\.csv:2:8: this row has 8 cells but the header names 7 columns: cell 8 \("18"\)/)]);
    const short = base.replace('2022-10,县（市）组,50,7.4,93,3.1,15', '2022-10,县（市）组,50,7.4,93,3.1');
    expect(shown(faults(SAMPLE, baselines(short), supplied))).toEqual([expect.stringMatching(/^b\.csv:3:7: this row has 6 cells but the header names 7 columns: there is no cell for good_days \(column 7\)/)]);
  });
});

describe('aggregate: the raw exports and the stations file', () => {
  const DAILY = 'date,station,county,pm25,pm10,so2,no2,co,o3_8h';
  const HOURLY = 'time,station,county,pm25,pm10,so2,no2,co,o3';

  it('a daily row with a decimal comma, and one without its last cell (once read as a missing O3 value)', async () => {
    const extra = await runCli(['aggregate', '-'], { stdin: `${DAILY}\n2023-10-01,A,魏都区,40,60,10,30,0,8,90\n` });
    expect([extra.code, extra.stdout]).toEqual([2, '']);
    expect(extra.stderr).toContain('<stdin>:2:10: this row has 10 cells but the header names 9 columns: cell 10 ("90")');
    const short = await runCli(['aggregate', '-'], { stdin: `${DAILY}\n2023-10-01,A,魏都区,40,60,10,30,0.8\n` });
    expect([short.code, short.stdout]).toEqual([2, '']);
    expect(short.stderr).toContain('<stdin>:2:9: this row has 8 cells but the header names 9 columns: there is no cell for o3_8h (column 9)');
  });

  it('an hourly row with an extra cell, after a quoted cell over two lines', async () => {
    const text = `${HOURLY}\n2023-10-01 00:00,"A\nB",魏都区,40,60,10,30,0.8,90\n2023-10-01 01:00,A,魏都区,40,60,10,30,0.8,90,1\n`;
    const r = await runCli(['aggregate', '-'], { stdin: text });
    expect(r.stderr).toContain('<stdin>:4:10: this row has 10 cells but the header names 9 columns: cell 10 ("1")');
  });

  it('raw data under an empty header cell is refused, not dropped', async () => {
    const text = `date,station,county,pm25,pm10,so2,,no2,co,o3_8h\n2023-10-01,A,魏都区,40,60,10,7,30,0.8,90\n`;
    const r = await runCli(['aggregate', '-'], { stdin: text });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<stdin>:1:7: column 7 has no header but holds data (line 2); name it or delete it');
  });

  it('the stations file', async () => {
    const stations = join(dir, 'stations.csv');
    writeFileSync(stations, 'station,county\nA,魏都区,建安区\n');
    const r = await runCli(['aggregate', '-', '--stations', stations], { stdin: `${DAILY}\n2023-10-01,A,魏都区,40,60,10,30,0.8,90\n` });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${stations}:2:3: this row has 3 cells but the header names 2 columns: cell 3 ("建安区")`);
    writeFileSync(stations, 'station,county\nA\n');
    const short = await runCli(['aggregate', '-', '--stations', stations], { stdin: `${DAILY}\n2023-10-01,A,魏都区,40,60,10,30,0.8,90\n` });
    expect(short.stderr).toContain(`${stations}:2:2: this row has 1 cell but the header names 2 columns: there is no cell for county (column 2)`);
  });
});

/** The loader of SPEC.md §3: every fault reported with its place, all at once, and nothing settled. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadInputs, type LoadRequest } from '../../src/app/load.js';
import { decodeText } from '../../src/input/decode.js';
import { plain } from '../../src/core/decimal.js';
import { settle } from '../../src/engine/settle.js';
import { ProblemsError, formatProblem } from '../../src/core/problems.js';
import { builtinSchedule } from '../../src/schedule/load.js';

const schedule = builtinSchedule();
const enc = (s: string) => new TextEncoder().encode(s);
const HEADER = 'month,county,pm25,pm10,pm25_last_year,pm10_last_year,good_days';
const SAMPLE = readFileSync(new URL('../../fixtures/sample-2022-10-synthetic.csv', import.meta.url), 'utf8');
const sampleLines = SAMPLE.trim().split('\n');

function load(text: string, extra: Partial<LoadRequest> = {}) {
  return loadInputs({ data: [{ name: 'data.csv', bytes: enc(text) }], ...extra }, schedule);
}

/** The problems a load reports, as the CLI prints them. */
function problems(text: string, extra: Partial<LoadRequest> = {}): string[] {
  try {
    load(text, extra);
  } catch (e) {
    if (e instanceof ProblemsError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected problems, the load succeeded');
}

/** The sample with line `n` (1-based, header = 1) replaced. */
function withLine(n: number, line: string): string {
  const lines = [...sampleLines];
  lines[n - 1] = line;
  return lines.join('\n') + '\n';
}

describe('reading the sample', () => {
  it('reads nine rows of 2022-10 with their lines', () => {
    const a = load(SAMPLE);
    expect(a.months).toEqual(['2022-10']);
    expect(a.input.records).toHaveLength(9);
    expect(a.input.records[0]!.sources?.row).toEqual({ file: 'data.csv', line: 2 });
  });

  it('reads Chinese headers, aliases, 2022年10月 and GB18030 with CRLF, to the same settlement', () => {
    const bytes = readFileSync(new URL('../../fixtures/sample-2022-10-gb18030-chinese-headers.csv', import.meta.url));
    expect(decodeText(bytes, 'x').encoding).toBe('gb18030');
    const gb = loadInputs({ data: [{ name: 'gb.csv', bytes }] }, schedule);
    const utf = load(SAMPLE);
    const nets = (a: typeof gb) => settle(a.input, schedule).months[0]!.counties.map((c) => `${c.unit.id} ${plain(c.net)}`);
    expect(nets(gb)).toEqual(nets(utf));
  });

  it('reads UTF-8 with a BOM, and headers with spaces, capitals and units in brackets', () => {
    const text = '\ufeff' + SAMPLE.replace(HEADER, ' Month , County ,PM2.5（μg/m³）,PM10 (μg/m3),去年同期PM2.5,去年同期PM10,优良天数');
    expect(load(text).input.records).toHaveLength(9);
  });

  it('accepts 2022/10 and a longer official unit name (许昌市魏都区)', () => {
    const text = withLine(2, '2022/10,许昌市魏都区,45,78,52,85,20');
    expect(load(text).input.records.find((r) => r.unitId === 'weidu')).toBeDefined();
  });

  it('reads past a notes column (备注) and trailing empty columns from Excel', () => {
    const text = sampleLines.map((l, i) => `${l},${i === 0 ? '备注' : '抽查'},,`).join('\n');
    expect(load(text).input.records).toHaveLength(9);
  });
});

describe('last year from the rows twelve months earlier', () => {
  const lastYear = sampleLines.slice(1).map((l) => {
    const [, county, , , pm25ly, pm10ly] = l.split(',');
    return `2021-10,${county},${pm25ly},${pm10ly},,,20`;
  });
  const thisYear = sampleLines.slice(1).map((l) => l.split(',').map((c, i) => (i === 4 || i === 5 ? '' : c)).join(','));

  it('takes pm25/pm10 of 2021-10 as the last-year values of 2022-10 and settles only 2022-10', () => {
    const a = load([HEADER, ...lastYear, ...thisYear].join('\n'));
    expect(a.months).toEqual(['2022-10']);
    const weidu = a.input.records.find((r) => r.unitId === 'weidu')!;
    expect([plain(weidu.pm25LastYear!), plain(weidu.pm10LastYear!)]).toEqual(['52', '85']);
    expect(weidu.sources?.pm25LastYear).toEqual({ file: 'data.csv', line: 2, column: 3 });
    // The same settlement as with the columns filled in.
    expect(plain(settle(a.input, schedule).months[0]!.totals.surplus)).toBe('146');
  });

  it('works without the *_last_year columns at all', () => {
    const strip = (l: string) => l.split(',').filter((_, i) => i !== 4 && i !== 5).join(',');
    const a = load([HEADER, ...lastYear, ...thisYear].map(strip).join('\n'));
    expect(a.input.records).toHaveLength(9);
  });

  it('names the unit and month when neither exists', () => {
    const p = problems([HEADER, ...lastYear.slice(1), ...thisYear].join('\n'));
    expect(p).toEqual([expect.stringMatching(/^data\.csv:10:5: pm25_last_year: 2022-10 魏都区: no last-year PM2\.5: the cell is empty and the inputs hold no 2021-10 row for 魏都区$/), expect.stringMatching(/^data\.csv:10:6: .*no last-year PM10/)]);
  });

  it('settles a later month from an earlier one that is itself settled when it has its own last-year values', () => {
    const next = thisYear.map((l) => l.replace('2022-10', '2023-10'));
    const a = load([HEADER, ...sampleLines.slice(1), ...next].join('\n'));
    expect(a.months).toEqual(['2022-10', '2023-10']);
  });

  it('reads a month only as last year\'s values, with a note, when its own are missing', () => {
    const next = thisYear.map((l) => l.replace('2022-10', '2023-10'));
    const a = load([HEADER, ...thisYear, ...next].join('\n'));
    expect(a.months).toEqual(['2023-10']);
    expect(a.notices).toEqual([expect.stringContaining('2022-10 is read only as last year\'s values for 2023-10')]);
  });
});

describe('faults of SPEC.md §3, each with file, line, column and what was expected', () => {
  it.each([
    ['an unknown unit', withLine(3, '2022-10,建安去,49,84,50,88,17'), /^data\.csv:3:2: county: unknown unit "建安去"; did you mean 建安区\? a unit is named exactly: one of 魏都区、建安区/],
    ['a value that is not a number', withLine(4, '2022-10,城乡一体化示范区,abc,75,49,80,21'), /^data\.csv:4:3: pm25: expected a monthly mean in μg\/m³ from 0 to 1000, written plainly \(e\.g\. 45 or 45\.3\), got "abc": "a" \(U\+0061\) is not a digit$/],
    ['NaN', withLine(4, '2022-10,城乡一体化示范区,NaN,75,49,80,21'), /^data\.csv:4:3: pm25: .*got "NaN"/],
    ['Infinity', withLine(4, '2022-10,城乡一体化示范区,43,Infinity,49,80,21'), /^data\.csv:4:4: pm10: .*got "Infinity"/],
    ['an exponent', withLine(4, '2022-10,城乡一体化示范区,4.3e1,75,49,80,21'), /^data\.csv:4:3: .*got "4\.3e1"/],
    ['hex', withLine(4, '2022-10,城乡一体化示范区,0x2B,75,49,80,21'), /^data\.csv:4:3: .*got "0x2B"/],
    ['an empty required cell', withLine(4, '2022-10,城乡一体化示范区,,75,49,80,21'), /^data\.csv:4:3: pm25: .*got an empty cell \(an empty cell is not 0\)/],
    ['a negative mean', withLine(4, '2022-10,城乡一体化示范区,-3,75,49,80,21'), /^data\.csv:4:3: pm25: expected .* from 0 to 1000.*got -3$/],
    ['an implausible mean above 1000', withLine(4, '2022-10,城乡一体化示范区,43,1000.5,49,80,21'), /^data\.csv:4:4: pm10: .*got 1000\.5$/],
    ['a last-year value of 0', withLine(5, '2022-10,经济技术开发区,51,90,0,92,15'), /^data\.csv:5:5: pm25_last_year: expected last year's monthly mean in μg\/m³, above 0 .*got 0$/],
    ['more good days than the month has', withLine(6, '2022-10,东城区,46,80,51,86,32'), /^data\.csv:6:7: good_days: 32 good days is more than the 31 days of 2022-10$/],
    ['good days with decimals', withLine(6, '2022-10,东城区,46,80,51,86,19.5'), /^data\.csv:6:7: good_days: .*got "19\.5", which is not a whole number$/],
    ['a month that is not a month', withLine(6, '2022-13,东城区,46,80,51,86,19'), /^data\.csv:6:1: month: expected a month as YYYY-MM, YYYY\/MM, YYYY年M月, YYYY\.MM, YYYYMM or the first day of the month \(a date cell, 2022-10-01, 2022\/10\/1, 2022年10月1日\), got "2022-13"$/],
  ])('%s', (_, text, expected) => {
    expect(problems(text)).toEqual([expect.stringMatching(expected)]);
  });

  it('a good-day count larger than February in a leap year and not in another', () => {
    const feb = (month: string, days: number) => sampleLines.slice(1).map((l) => l.replace('2022-10', month).replace(/,\d+$/, `,${days}`));
    expect(() => load([HEADER, ...feb('2024-02', 29)].join('\n'))).not.toThrow();
    expect(problems([HEADER, ...feb('2023-02', 29)].join('\n'))[0]).toMatch(/29 good days is more than the 28 days of 2023-02/);
  });

  it('a duplicate unit-month, naming both lines', () => {
    const text = SAMPLE + '2022-10,魏都,45,78,52,85,20\n';
    expect(problems(text)).toEqual(['data.csv:11: 2022-10 魏都区 appears twice (also at data.csv:2); one row per unit and month']);
  });

  it('a duplicate across two files, naming both files', () => {
    const p = (() => {
      try {
        loadInputs({ data: [{ name: 'a.csv', bytes: enc(SAMPLE) }, { name: 'b.csv', bytes: enc(`${HEADER}\n${sampleLines[1]}\n`) }] }, schedule);
      } catch (e) {
        return (e as ProblemsError).problems.map(formatProblem);
      }
      return [];
    })();
    expect(p).toEqual(['b.csv:2: 2022-10 魏都区 appears twice (also at a.csv:2); one row per unit and month']);
  });

  it('a group with a missing member (D9)', () => {
    const text = sampleLines.filter((l) => !l.includes('东城区')).join('\n');
    expect(problems(text)).toEqual([expect.stringMatching(/^data\.csv: 2022-10: 中心城区组 lacks 东城区; a group is settled only with all its members/)]);
  });

  it('does not call a member missing when its row is there but faulty', () => {
    expect(problems(withLine(6, '2022-10,东城区,x,80,51,86,19'))).toHaveLength(1);
  });

  it('a month before the schedule, saying which schedule is in force from when (D11)', () => {
    const text = SAMPLE.replaceAll('2022-10', '2022-08');
    expect(problems(text)).toEqual([
      expect.stringMatching(/^data\.csv:2: month 2022-08 cannot be settled: schedule xuchang-2022 \(许政办〔2022〕39号\) settles months from 2022-09 \(in force from 2022-09-13\)/),
    ]);
  });

  it('all faults of a file together, in line order', () => {
    const text = [HEADER, '2022-10,魏都区,x,78,52,85,20', '2022-10,建安区,49,y,50,88,17', '2022-10,nowhere,43,75,49,80,21', ...sampleLines.slice(4)].join('\n');
    const p = problems(text);
    // The unknown unit may be the "missing" 城乡一体化示范区: its own fault is reported, not a missing member.
    expect(p.map((x) => x.split(':').slice(0, 3).join(':'))).toEqual(['data.csv:2:3', 'data.csv:3:4', 'data.csv:4:2']);
  });

  it('a missing member together with the faults of other rows, whole-file faults last', () => {
    const text = [HEADER, '2022-10,魏都区,x,78,52,85,20', ...sampleLines.slice(2).filter((l) => !l.includes('东城区'))].join('\n');
    const p = problems(text);
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^data\.csv:2:3: pm25:/);
    expect(p[1]).toMatch(/^data\.csv: 2022-10: 中心城区组 lacks 东城区/);
  });

  it('an unknown column, suggesting the one meant', () => {
    const p = problems(SAMPLE.replace('good_days', 'good_dyas'));
    expect(p[0]).toMatch(/^data\.csv:1:7: unknown column "good_dyas" \(did you mean "good_days"\?\)/);
    expect(p[1]).toBe('data.csv:1: missing required column good_days (优良天数)');
  });

  it('a column given twice', () => {
    expect(problems(SAMPLE.replace('good_days', 'pm25'))[0]).toMatch(/^data\.csv:1:7: column "pm25" repeats column 3/);
  });

  it('a file that is neither UTF-8 nor GB18030', () => {
    const bytes = new Uint8Array([...enc(`${HEADER}\n`), 0xff, 0xff, 0x2c, 0x0a]);
    expect(() => loadInputs({ data: [{ name: 'bad.csv', bytes }] }, schedule)).toThrowError(/bad\.csv:2: is neither UTF-8 nor GB18030/);
  });

  it('an xlsx given as CSV, and UTF-16', () => {
    expect(() => loadInputs({ data: [{ name: 'x.csv', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0]) }] }, schedule)).toThrowError(/\.xlsx workbook/);
    expect(() => loadInputs({ data: [{ name: 'x.csv', bytes: new Uint8Array([0xff, 0xfe, 0x61, 0]) }] }, schedule)).toThrowError(/UTF-16/);
  });

  it('a quoted cell never closed', () => {
    expect(problems(withLine(3, '2022-10,"建安区,49,84,50,88,17'))[0]).toMatch(/^data\.csv:\d+: not valid CSV: a quoted cell is never closed/);
  });

  it('a quote inside an unquoted cell', () => {
    expect(problems(withLine(3, '2022-10,建"安区,49,84,50,88,17'))[0]).toBe('data.csv:3: not valid CSV: a quote inside an unquoted cell; quote the whole cell and write the quote as ""');
  });

  it('an empty file', () => {
    expect(problems('')).toEqual(['data.csv: is empty: expected a header row and at least one data row']);
  });

  it('counts lines right after empty CRLF lines and multi-line cells', () => {
    const text = [HEADER, '', sampleLines[1], '"2022-10"', ''].join('\r\n');
    // line 4 holds a row with only a month: its faults are on line 4.
    expect(problems(text)[0]).toMatch(/^data\.csv:4:/);
  });
});

describe('targets and the provincial result', () => {
  const targets = (rows: string[]) => [{ name: 'targets.csv', bytes: enc(['month,county,pm25_target,pm10_target,good_days_target', ...rows].join('\n')) }];

  it('merges targets from a targets file', () => {
    const a = load(SAMPLE, { targets: targets(['2022-10,魏都区,44,,21']) });
    const weidu = a.input.records.find((r) => r.unitId === 'weidu')!;
    expect([plain(weidu.targets.pm25!), weidu.targets.pm10, plain(weidu.targets.goodDays!)]).toEqual(['44', undefined, '21']);
    expect(weidu.sources?.targets?.pm25).toEqual({ file: 'targets.csv', line: 2, column: 3 });
  });

  it('refuses a target given differently in the data and the targets file', () => {
    const data = SAMPLE.replace(HEADER, `${HEADER},pm25_target`).replace(/\n(2022-10,魏都区.*)/, '\n$1,45').replace(/\n(2022-10,(?!魏都区).*)/g, '\n$1,');
    expect(problems(data, { targets: targets(['2022-10,魏都区,44,,']) })).toEqual([expect.stringMatching(/^targets\.csv:2:3: 2022-10 魏都区: the pm25 target 44 differs from 45 in data\.csv:2/)]);
  });

  it('refuses faults in the targets file with their place', () => {
    expect(problems(SAMPLE, { targets: targets(['2022-10,魏都区,0,,', '2022-10,魏都区,44,,', '2022-10,魏都区,,,40']) })).toEqual([
      expect.stringMatching(/^targets\.csv:2:3: pm25_target: expected a monthly target .* got 0$/),
      expect.stringMatching(/^targets\.csv:4:5: good_days_target: .* got "40"|^targets\.csv:4:5: .*40 good days is more than the 31 days/),
    ]);
  });

  it('reads the province result from an option and a file, and refuses a contradiction', () => {
    const province = [{ name: 'province.csv', bytes: enc('month,province_result\n2022-10,得补\n') }];
    const a = load(SAMPLE, { province });
    expect(a.input.province.get('2022-10')).toEqual({ payout: false, source: 'province.csv:2' });
    expect(problems(SAMPLE, { province, provincePayout: ['2022-10'] })).toEqual([expect.stringMatching(/^province\.csv:2: the provincial result for 2022-10 is 得补 here but 支偿 from --province-payout/)]);
  });

  it('refuses a payout month that is not in the inputs and a malformed one', () => {
    expect(problems(SAMPLE, { provincePayout: ['2022-11'] })).toEqual(['--province-payout: 2022-11 is not in the inputs (they hold 2022-10); check the month']);
    expect(problems(SAMPLE, { provincePayout: ['Oct'] })).toEqual(['--province-payout: expected months as YYYY-MM[,YYYY-MM…], got "Oct"']);
  });

  it('refuses an unknown verdict in the province file', () => {
    const province = [{ name: 'p.csv', bytes: enc('月份,省级核算结果\n2022-10,不知道\n') }];
    expect(problems(SAMPLE, { province })).toEqual(['p.csv:2:2: 省级核算结果: expected 支偿 (payout) or 得补 (receive), got "不知道"']);
  });
});

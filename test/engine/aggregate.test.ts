/**
 * `ecocomp aggregate`: hours → days → unit-days → unit-months, the validity rules of GB 3095-2012 (HJ 663-2013),
 * the AQI tables of HJ 633-2012/2026 chosen by day. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HourlyDay, UnitAggregator } from '../../src/engine/aggregate/days.js';
import { meanRounded } from '../../src/engine/aggregate/scaled.js';
import { runCli } from '../helpers/cli.js';
import { EMPTY_CELL, NOT_PLAIN, parseRawValue, rawValueAt } from '../../src/input/raw-value.js';
import { fc, test } from '@fast-check/vitest';

const UNITS = ['魏都区', '建安区', '城乡一体化示范区', '经济技术开发区', '东城区', '禹州市', '长葛市', '鄢陵县', '襄城县'];
const DAILY_HEADER = 'date,station,county,pm25,pm10,so2,no2,co,o3_8h';
const clean = (pm25: number | string, pm10: number | string = 60) => `${pm25},${pm10},10,30,0.8,90`;

function days(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Daily rows for every unit (one station each) over the given days, with per-unit overrides. */
function dailyCsv(dayList: string[], value: (unit: string, day: string, i: number) => string | null = () => clean(40)): string {
  const rows = [DAILY_HEADER];
  for (const [i, day] of dayList.entries()) for (const u of UNITS) {
    const v = value(u, day, i);
    if (v !== null) rows.push(`${day},${u}1号站,${u},${v}`);
  }
  return `${rows.join('\n')}\n`;
}

async function aggregate(text: string, args: string[] = []) {
  return runCli(['aggregate', '-', ...args], { stdin: text });
}
async function aggregateJson(text: string, args: string[] = []) {
  const r = await aggregate(text, [...args, '--format', 'json']);
  if (r.code > 1) throw new Error(r.stderr);
  return { ...r, doc: JSON.parse(r.stdout) as { unitMonths: { month: string; county: string; valid: boolean; pm25: string | null; pm10: string | null; goodDays: string; validDays: Record<string, number>; aqiStandards: string[] }[] } };
}

describe('raw values', () => {
  it('reads concentrations exactly and missing markers as missing, never zero', () => {
    expect([parseRawValue('45'), parseRawValue('0.8'), parseRawValue('1.234'), parseRawValue(' 7 ')]).toEqual([45000, 800, 1234, 7000]);
    for (const m of ['', '—', '-', '--', 'NA', 'null', '无效']) expect(parseRawValue(m)).toBeNull();
    expect(parseRawValue('-3')).toEqual({ error: 'a negative concentration, -3', zh: '浓度为负数：-3' });
    expect(parseRawValue('4x')).toMatchObject({ error: expect.stringContaining('not a concentration') });
  });

  test.prop([fc.stringMatching(/^[0-9.\- a—]{0,12}$/)], { numRuns: 500 })('read from bytes, a value is what its text reads as', (text) => {
    const bytes = new TextEncoder().encode(text);
    const v = rawValueAt(bytes, 0, bytes.length);
    // The byte path answers only for the common forms; for those it agrees with the text path exactly.
    if (v === EMPTY_CELL) expect(parseRawValue(text)).toBeNull();
    else if (v !== NOT_PLAIN) expect(parseRawValue(text)).toBe(v);
  });

  it('reads the common forms from bytes: 45, 0.8, 1.234, 1234567.5', () => {
    const at = (t: string) => rawValueAt(new TextEncoder().encode(t), 0, t.length);
    expect([at('45'), at('0.8'), at('1.234'), at('1234567.5'), at(''), at(' 7'), at('1.2345'), at('12345678'), at('—')]).toEqual([45000, 800, 1234, 1234567500, EMPTY_CELL, NOT_PLAIN, NOT_PLAIN, NOT_PLAIN, NOT_PLAIN]);
  });

  it('rounds means half to even in integers', () => {
    expect([meanRounded(101, 2, 0, 0), meanRounded(103, 2, 0, 0), meanRounded(102, 2, 0, 0)]).toEqual([50, 52, 51]); // 50.5 → 50, 51.5 → 52
    expect(meanRounded(1250, 1, 3, 1)).toBe(12); // 1.250 mg/m³ → 1.2
  });
});

describe('hours → day', () => {
  const day = (hours: number[], pm25 = 50) => {
    const d = new HourlyDay('2023-10-01');
    for (const h of hours) d.add(h, { pm25: pm25 * 1000, pm10: 80000, so2: 10000, no2: 30000, co: 800, o3: null });
    return d.daily();
  };

  it('needs 20 valid hours for a 24-h mean: 19 is not enough', () => {
    expect(day(Array.from({ length: 20 }, (_, i) => i)).pm25).toEqual({ units: 50, decimals: 0 });
    expect(day(Array.from({ length: 19 }, (_, i) => i)).pm25).toBeUndefined();
  });

  it('averages the valid hours and rounds once: 10 hours of 50 and 10 of 51 → 50.5 → 50', () => {
    const d = new HourlyDay('2023-10-01');
    for (let h = 0; h < 20; h++) d.add(h, { pm25: (h < 10 ? 50 : 51) * 1000 });
    expect(d.daily().pm25).toEqual({ units: 50, decimals: 0 });
  });

  it('needs 6 hours in an 8-h O3 window: 5 is not enough; the day takes the highest valid window', () => {
    const o3 = (hours: Record<number, number>) => {
      const d = new HourlyDay('2023-10-01');
      for (const [h, v] of Object.entries(hours)) d.add(Number(h), { o3: v * 1000 });
      return d.daily();
    };
    // Six hours 0–5 of 170: window 00–07 has 6 values, mean 170; windows starting later have 5 or fewer. (One
    // valid window is below the 14 of HJ 663-2013, so only a value above 160 stands: test/aggregate.o3.test.ts.)
    expect(o3({ 0: 170, 1: 170, 2: 170, 3: 170, 4: 170, 5: 170 }).o3_8h).toEqual({ units: 170, decimals: 0 });
    expect(o3({ 0: 170, 1: 170, 2: 170, 3: 170, 4: 170 }).o3_8h).toBeUndefined();
    // Every hour, 150 for 10–17 and 50 otherwise: window 10–17 mean 150, 12–19 (6 × 150 + 2 × 50)/8 = 125, all
    // 17 windows valid: the highest is 150. 1-h max 150.
    const hours: Record<number, number> = {};
    for (let h = 0; h < 24; h++) hours[h] = h >= 10 && h < 18 ? 150 : 50;
    expect(o3(hours)).toMatchObject({ o3_8h: { units: 150, decimals: 0 }, o3_1h: { units: 150, decimals: 0 } });
  });

  it('refuses an hour given twice', () => {
    const d = new HourlyDay('2023-10-01');
    expect(d.add(3, { pm25: 1 })).toBe(true);
    expect(d.add(3, { pm25: 1 })).toBe(false);
  });
});

describe('days → unit-days → unit-months', () => {
  it('averages the stations with a valid value that day, leaving out a station without one', () => {
    const agg = new UnitAggregator();
    for (const day of days('2023-10')) {
      agg.addStationDay('weidu', day, { pm25: { units: 40, decimals: 0 }, pm10: { units: 70, decimals: 0 } });
      // The second station has no PM2.5 on the 1st: that day's unit value is the first station's alone.
      agg.addStationDay('weidu', day, { ...(day === '2023-10-01' ? {} : { pm25: { units: 50, decimals: 0 } }), pm10: { units: 71, decimals: 0 } });
    }
    const [m] = agg.months();
    // Unit-days: the 1st 40, the other 30 days (40 + 50)/2 = 45; PM10 every day (70 + 71)/2 = 70.5 → 70.
    // Month: (40 + 30 × 45)/31 = 1390/31 = 44.8 → 45; PM10 70.
    expect([m!.pm25, m!.pm10, m!.validDays.pm25]).toEqual([45, 70, 31]);
  });
});

describe('monthly validity (GB 3095-2012 表4): 27 days, 25 in February', () => {
  it('writes a month with 27 valid days and reports one with 26, exit 1', async () => {
    const october = days('2023-10');
    const r = await aggregate(dailyCsv(october, (u, _, i) => (u === '魏都区' && i >= 26 ? null : clean(40))));
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('2023-10,'))).toHaveLength(8);
    expect(r.stderr).toContain('魏都区 2023-10: 26 valid PM2.5 days and 26 valid PM10 days, 27 needed');
    const ok = await aggregate(dailyCsv(october, (u, _, i) => (u === '魏都区' && i >= 27 ? null : clean(40))));
    expect([ok.code, ok.stdout.includes('2023-10,魏都区,40,60,')]).toEqual([0, true]);
  });

  it('needs 25 days in February: 24 fails, 25 passes', async () => {
    const feb = days('2023-02');
    const r24 = await aggregate(dailyCsv(feb, (u, _, i) => (u === '建安区' && i >= 24 ? null : clean(40))));
    expect(r24.stderr).toContain('建安区 2023-02: 24 valid PM2.5 days and 24 valid PM10 days, 25 needed');
    const r25 = await aggregate(dailyCsv(feb, (u, _, i) => (u === '建安区' && i >= 25 ? null : clean(40))));
    expect(r25.code).toBe(0);
  });

  it('rounds a monthly mean ending in .5 to even: 14 days of 50 and 14 of 51 → 50.5 → 50; of 51 and 52 → 52', async () => {
    const feb = days('2023-02');
    const r = await aggregate(dailyCsv(feb, (u, _, i) => (u === '魏都区' ? clean(i < 14 ? 50 : 51) : u === '建安区' ? clean(i < 14 ? 51 : 52) : clean(40))));
    expect(r.stdout).toContain('2023-02,魏都区,50,60,28');
    expect(r.stdout).toContain('2023-02,建安区,52,60,28');
  });
});

describe('good days under the table in force each day', () => {
  it('counts 2026-02 under HJ 633-2012 and 2026-03 under HJ 633-2026', async () => {
    // PM2.5 70 every day: IAQI 50/40 × 35 + 50 = 93.75 → 94 (good) before 2026-03-01,
    // 50/55 × 10 + 100 = 109.1 → 110 (not good) from then.
    const { doc } = await aggregateJson(dailyCsv([...days('2026-02'), ...days('2026-03')], () => clean(70)));
    const weidu = doc.unitMonths.filter((m) => m.county === '魏都区');
    expect(weidu.map((m) => [m.month, m.goodDays, m.aqiStandards])).toEqual([
      ['2026-02', '28', ['HJ 633-2012']],
      ['2026-03', '0', ['HJ 633-2026']],
    ]);
  });

  it('counts good days among the days that can be rated', async () => {
    // 魏都区 has no SO2 on 3 days: those days are neither good nor bad.
    const text = dailyCsv(days('2023-10'), (u, _, i) => (u === '魏都区' && i < 3 ? '40,60,,30,0.8,90' : clean(40)));
    const { doc } = await aggregateJson(text);
    const weidu = doc.unitMonths.find((m) => m.county === '魏都区')!;
    expect([weidu.goodDays, weidu.validDays.aqi, weidu.valid]).toEqual(['28', 28, true]);
  });
});

describe('formats and faults', () => {
  it('reads Chinese headers and GB18030', async () => {
    const text = dailyCsv(days('2023-10')).replace(DAILY_HEADER, '日期,站点,区县,PM2.5,PM10,SO2,NO2,CO,O3-8h');
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-agg-'));
    writeFileSync(join(dir, 'utf8.csv'), text);
    const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', join(dir, 'utf8.csv')]);
    const r = await runCli(['aggregate', '-'], { stdin: gb });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2023-10,城乡一体化示范区,40,60,31');
  });

  it('reads a stations file instead of a county column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-agg-'));
    const stations = ['station,county', ...UNITS.map((u) => `${u}1号站,${u}`)].join('\n');
    writeFileSync(join(dir, 'stations.csv'), stations);
    const text = dailyCsv(days('2023-10')).split('\n').map((l) => l.split(',').filter((_, i) => i !== 2).join(',')).join('\n');
    const r = await runCli(['aggregate', '-', '--stations', join(dir, 'stations.csv')], { stdin: text });
    expect([r.code, r.stdout.split('\r\n')[1]]).toEqual([0, '2023-10,魏都区,40,60,31']);
  });

  it.each([
    ['a value that is not a number', (t: string) => t.replace('2023-10-02,建安区1号站,建安区,40', '2023-10-02,建安区1号站,建安区,4o'), /<stdin>:12:4: pm25: not a concentration: "4o"/],
    ['an alias for the county (not a fault)', (t: string) => t.replace('2023-10-01,东城区1号站,东城区', '2023-10-01,东城区1号站,东城'), null],
    ['a county nobody knows', (t: string) => t.replace('2023-10-01,东城区1号站,东城区', '2023-10-01,东城区1号站,西城区'), /<stdin>:6:3: unknown unit "西城区"/],
    ['a bad date', (t: string) => t.replace('2023-10-05,禹州市', '2023-10-32,禹州市'), /date: expected a date such as 2023-01-01, got "2023-10-32"/],
  ])('%s', async (_, mutate, message) => {
    const r = await aggregate(mutate(dailyCsv(days('2023-10'))));
    if (message === null) {
      expect(r.code).toBe(0); // an alias is a name, not a fault
      return;
    }
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
  });

  it('reads a station\'s rows out of time order: a day moved before the others is a day of its own month', async () => {
    // 魏都区's 2023-10-02 becomes 2023-09-30, after its 2023-10-01: 2023-10 keeps 30 days (≥ 27, valid), 2023-09 has
    // one (< 27): left out and listed, exit 1.
    const r = await aggregate(dailyCsv(days('2023-10')).replace('2023-10-02,魏都区1号站', '2023-09-30,魏都区1号站'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2023-10,魏都区,40,60,30');
    expect(r.stderr).toContain('魏都区 2023-09: 1 valid PM2.5 days and 1 valid PM10 days, 27 needed');
  });

  it('names the right line after empty lines, CRLF line ends and a quoted cell over two lines', async () => {
    const text = [DAILY_HEADER, '', '2023-10-01,"站\r\n1",魏都区,40,60,10,30,0.8,90', '', '2023-10-01,B,魏都区,4o,60,10,30,0.8,90'].join('\r\n');
    const r = await aggregate(text);
    expect(r.stderr).toContain('<stdin>:6:4: pm25: not a concentration: "4o"');
  });

  it('reports a quote inside an unquoted cell as bad CSV, not as an internal error (found by the long fuzz run)', async () => {
    const text = dailyCsv(days('2023-10')).replace('2023-10-03,魏都区1号站', '2023-10-03\t魏"都区1号站');
    const r = await aggregate(text);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/<stdin>:\d+: not valid CSV: a quote inside an unquoted cell/);
  });

  it('refuses hour 24 and a duplicate hour in hourly data', async () => {
    const head = 'time,station,county,pm25,pm10,so2,no2,co,o3';
    const r = await aggregate(`${head}\n2023-10-01 24:00,A,魏都区,1,1,1,1,1,1\n`);
    expect(r.stderr).toContain('hour 24: times are read as the start of the hour, 00:00–23:00');
    const dup = await aggregate(`${head}\n2023-10-01 03:00,A,魏都区,1,1,1,1,1,1\n2023-10-01 03:00,A,魏都区,1,1,1,1,1,1\n`);
    expect(dup.stderr).toContain('<stdin>:3: station "A" has 2023-10-01 03:00 twice (also at <stdin>:2)');
  });
});

describe('progress', () => {
  // Two years of nine units: 6,570 rows, past the 4,096 rows between progress checks.
  const months = ['2022', '2023'].flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));
  const text = dailyCsv(months.flatMap(days));
  it('is shown on a terminal once a run passes a second, and cleared at the end', async () => {
    let t = 0;
    const r = await runCli(['aggregate', '-'], { stdin: text, stderrTTY: true, now: () => (t += 1500) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\recocomp: 4,096 rows read….*\r\u001b\[K$/s);
  });

  it('is not shown when standard error is not a terminal, or the run is quick', async () => {
    expect((await runCli(['aggregate', '-'], { stdin: text, now: () => 1e9 })).stderr).toBe('');
    expect((await runCli(['aggregate', '-'], { stdin: text, stderrTTY: true, now: () => 0 })).stderr).toBe('');
  });
});

describe('a synthetic year of hourly data (scripts/generate-hourly.mjs)', async () => {
  const { generateHourly } = await import('../../scripts/generate-hourly.mjs');
  const text = [...generateHourly({ from: '2022-10-01', to: '2023-10-31', stations: 2, seed: 7 })].join('');

  it('aggregates 2023-10 to values an independent computation agrees with, and settles', async () => {
    const r = await aggregate(text, ['--month', '2023-10']);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\r\n').find((l) => l.startsWith('2023-10,禹州市,'))!;
    const [, , pm25, pm10, , pm25ly, pm10ly] = line.split(',');
    const independent = handComputed(text, '禹州市', '2023-10');
    const lastYear = handComputed(text, '禹州市', '2022-10');
    expect([pm25, pm10, pm25ly, pm10ly]).toEqual([independent.pm25, independent.pm10, lastYear.pm25, lastYear.pm10]);

    const settled = await runCli(['settle', '-', '--format', 'json'], { stdin: r.stdout });
    expect(settled.code).toBe(0);
    const m = JSON.parse(settled.stdout).months[0];
    expect(m.month).toBe('2023-10');
    expect(m.counties).toHaveLength(9);
  });
});

/**
 * A second, deliberately plain computation of a unit-month's PM means from the hourly text, sharing no code
 * with the tool: per station-day the mean of ≥ 20 valid hours rounded half-even; per unit-day the mean of
 * its stations' values, rounded; the month the mean of ≥ 27 unit-days, rounded.
 */
function handComputed(text: string, unit: string, month: string): { pm25: string; pm10: string } {
  const byStationDay = new Map<string, { pm25: number[]; pm10: number[] }>();
  for (const line of text.split('\n').slice(1)) {
    const [time, station, county, pm25, pm10] = line.split(',');
    if (county !== unit || !time!.startsWith(month)) continue;
    const key = `${station}|${time!.slice(0, 10)}`;
    const e = byStationDay.get(key) ?? { pm25: [], pm10: [] };
    if (/^\d+$/.test(pm25!)) e.pm25.push(Number(pm25));
    if (/^\d+$/.test(pm10!)) e.pm10.push(Number(pm10));
    byStationDay.set(key, e);
  }
  const halfEven = (num: number, den: number) => {
    const q = Math.floor(num / den);
    const twice = 2 * (num - q * den);
    return twice < den ? q : twice > den ? q + 1 : q + (q % 2);
  };
  const result: Record<string, string> = {};
  for (const p of ['pm25', 'pm10'] as const) {
    const unitDays = new Map<string, number[]>();
    for (const [key, e] of byStationDay) {
      const hours = e[p];
      if (hours.length < 20) continue;
      const day = key.split('|')[1]!;
      unitDays.set(day, [...(unitDays.get(day) ?? []), halfEven(hours.reduce((a, b) => a + b, 0), hours.length)]);
    }
    const daily = [...unitDays.values()].map((v) => halfEven(v.reduce((a, b) => a + b, 0), v.length));
    expect(daily.length).toBeGreaterThanOrEqual(27);
    result[p] = String(halfEven(daily.reduce((a, b) => a + b, 0), daily.length));
  }
  return result as { pm25: string; pm10: string };
}

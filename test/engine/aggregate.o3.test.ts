/**
 * `ecocomp aggregate`, hourly data: the daily maximum 8-h O3 of a station needs 14 valid 8-h windows of the
 * day's 17 (starting 00:00 … 16:00, each with ≥ 6 hours), or a value above the grade II limit of GB 3095-2012
 * (160 μg/m³) — HJ 663-2013. Expected values are worked out by hand from that rule and the HJ 633 tables.
 *
 * Every test is one unit (魏都区) of one or two stations over one month. Every hour of every day is clean —
 * PM2.5 40, PM10 60, SO2 10, NO2 30, CO 0.8, O3 90 — except the 10th, whose O3 (and PM2.5) hours each test sets.
 * A clean day's IAQI: PM2.5 40 → 50/40 × 5 + 50 = 56.25 → 57 under HJ 633-2012 (50/25 × 5 + 50 = 60 under
 * 2026); PM10 60 → 55 (2026: 50/70 × 10 + 50 = 57.1 → 58); SO2 10 → 10; NO2 30 → 37.5 → 38; CO 0.8 → 20;
 * O3 8-h 90 → 45; O3 1-h 90 → 28.1 → 29. AQI 57 (60): every clean day is good.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const HEADER = 'time,station,county,pm25,pm10,so2,no2,co,o3';
const SPECIAL_DAY = 10;

/** The O3 of each hour of the 10th (null: missing), and optionally its PM2.5. */
interface StationDay10 {
  o3: (hour: number) => number | null;
  pm25?: number;
}

const hours = (from: number, to: number, value: number) => (h: number) => (h >= from && h <= to ? value : null);

function hourlyCsv(month: string, day10: StationDay10[]): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const dayCount = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const rows = [HEADER];
  for (const [i, special] of day10.entries()) {
    for (let d = 1; d <= dayCount; d++) {
      for (let h = 0; h < 24; h++) {
        const o3 = d === SPECIAL_DAY ? special.o3(h) : 90;
        const pm25 = d === SPECIAL_DAY ? (special.pm25 ?? 40) : 40;
        const time = `${month}-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:00`;
        rows.push(`${time},魏都区${i + 1}号站,魏都区,${pm25},60,10,30,0.8,${o3 ?? ''}`);
      }
    }
  }
  return `${rows.join('\n')}\n`;
}

interface Month {
  goodDays: string;
  pm25: string | null;
  validDays: { aqi: number };
  o3_8hDropped: number;
}

/** The unit-month: [good days, days rated, station-days whose O3 8-h was dropped], and its PM2.5. */
async function month(month: string, day10: StationDay10[]): Promise<{ counts: [string, number, number]; pm25: string | null }> {
  const r = await runCli(['aggregate', '-', '--format', 'json'], { stdin: hourlyCsv(month, day10) });
  if (r.code !== 0) throw new Error(r.stderr);
  const months = (JSON.parse(r.stdout) as { unitMonths: Month[] }).unitMonths;
  expect(months).toHaveLength(1);
  const m = months[0]!;
  return { counts: [m.goodDays, m.validDays.aqi, m.o3_8hDropped], pm25: m.pm25 };
}

/** Station 2 of the issue: 170 for hours 10–17, 60 otherwise; its highest window, 10–17, is 170 (17 windows). */
const STATION_170 = { o3: (h: number) => (h >= 10 && h <= 17 ? 170 : 60) };

describe('O3 8-h: 14 valid windows of 17 (HJ 663-2013)', () => {
  it('the issue: a station with O3 only in the morning no longer makes a polluted day good (28 → 27)', async () => {
    // Station 1: 150 for hours 00–13. A window starting at s holds hours s…min(s+7, 13): 8 hours up to s = 6,
    // 7 at s = 7, 6 at s = 8, 5 at s = 9 → 9 valid windows (< 14), maximum 150 (not above 160): dropped.
    // Unit O3 8-h = station 2 alone = 170 → IAQI 50/55 × 10 + 100 = 109.1 → 110: not good. 27 of 28 days.
    // (Without the rule: (150 + 170)/2 = 160 → IAQI 100, good, 28.)
    expect((await month('2026-02', [{ o3: hours(0, 13, 150) }, STATION_170])).counts).toEqual(['27', 28, 1]);
  });

  it('exactly 14 valid windows is enough', async () => {
    // Station 1: 150 for hours 00–18: windows 0…13 hold ≥ 6 hours (13–18 has 6), 14–18 has 5 → 14 windows:
    // valid, 150. Unit (150 + 170)/2 = 160 → IAQI 100: good. 28 of 28.
    expect((await month('2026-02', [{ o3: hours(0, 18, 150) }, STATION_170])).counts).toEqual(['28', 28, 0]);
  });

  it('13 valid windows is not', async () => {
    // Station 1: 150 for hours 00–17: windows 0…12 (12–17 has 6; 13–17 has 5) → 13 windows: dropped.
    // Unit 170 → 110: not good. 27 of 28.
    expect((await month('2026-02', [{ o3: hours(0, 17, 150) }, STATION_170])).counts).toEqual(['27', 28, 1]);
  });

  it('a window of 5 valid hours is not counted', async () => {
    // Station 1: 150 at every hour but 18, 19, 20. Windows starting 0…10 end by 17: 8 hours; 11 (11–18) 7;
    // 12 (12–19) 6; 13 (13–17) 5; 14 (14–17, 21) 5; 15 (15–17, 21, 22) 5; 16 (16, 17, 21–23) 5.
    // 13 windows with ≥ 6 hours: dropped, 27 (counting the four 5-hour windows would make 17, kept, 28).
    const o3 = (h: number) => (h >= 18 && h <= 20 ? null : 150);
    expect((await month('2026-02', [{ o3 }, STATION_170])).counts).toEqual(['27', 28, 1]);
  });
});

describe('O3 8-h with fewer than 14 windows still counts above 160 μg/m³ (GB 3095-2012 grade II)', () => {
  // One station, hours 00–17 only → 13 valid windows (as above). In 2026-03 (HJ 633-2026) a day without an
  // O3 8-h value cannot be rated, so a drop shows as one day fewer rated.
  it('161 is kept', async () => {
    // 161 > 160: kept. IAQI 50/55 × 1 + 100 = 100.9 → 101: not good. 31 days rated, 30 good.
    expect((await month('2026-03', [{ o3: hours(0, 17, 161) }])).counts).toEqual(['30', 31, 0]);
  });

  it('160 is dropped', async () => {
    // 160 is not above 160: dropped. The 10th cannot be rated: 30 rated, 30 good (kept it would be IAQI 100,
    // good: 31 and 31).
    expect((await month('2026-03', [{ o3: hours(0, 17, 160) }])).counts).toEqual(['30', 30, 1]);
  });

  it('is compared at the published precision: a maximum of 160.5 is 160 and dropped', async () => {
    // Hours 00–17: 160 for 00–06, 164 at 07, 60 for 08–17. The highest window, 00–07: (7 × 160 + 164)/8 = 160.5
    // → 160 (half to even): not above 160, dropped (the next, 01–08, is (6 × 160 + 164 + 60)/8 = 148).
    // 30 rated, 30 good.
    const o3 = (h: number) => (h > 17 ? null : h < 7 ? 160 : h === 7 ? 164 : 60);
    expect((await month('2026-03', [{ o3 }])).counts).toEqual(['30', 30, 1]);
  });
});

describe('a unit-day whose every station lost its O3 8-h value', () => {
  // One station; on the 10th O3 150 for hours 00–13 except 205 at 12, and PM2.5 70 all day.
  // 9 valid windows (0…8); those holding hour 12 are the highest: 5–12 and 6–13 (7 × 150 + 205)/8 = 156.9,
  // 7–13 (6 × 150 + 205)/7 = 157.9, 8–13 (5 × 150 + 205)/6 = 159.2 → 159: not above 160, dropped.
  // O3 1-h = 205. PM2.5 70: HJ 633-2012 IAQI 50/40 × 35 + 50 = 93.75 → 94; HJ 633-2026 50/55 × 10 + 100 → 110.
  const o3 = (h: number) => (h === 12 ? 205 : h <= 13 ? 150 : null);
  const day10 = { o3, pm25: 70 };

  it('is rated by the O3 1-h value under HJ 633-2012, and its PM2.5 still counts', async () => {
    // O3 1-h 205 → IAQI 50/100 × 5 + 100 = 102.5 → 103: the 10th is rated, not good. 28 rated, 27 good.
    // PM2.5 month (27 × 40 + 70)/28 = 41.07 → 41.
    const r = await month('2026-02', [day10]);
    expect([...r.counts, r.pm25]).toEqual(['27', 28, 1, '41']);
  });

  it('cannot be rated under HJ 633-2026 (O3 by the 8-h value only), and its PM2.5 still counts', async () => {
    // The 10th is neither good nor bad: 30 rated, 30 good. PM2.5 month (30 × 40 + 70)/31 = 40.97 → 41.
    const r = await month('2026-03', [day10]);
    expect([...r.counts, r.pm25]).toEqual(['30', 30, 1, '41']);
  });
});

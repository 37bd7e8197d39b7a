/** IAQI and the daily AQI under HJ 633-2012 and HJ 633-2026, at and around the breakpoints (worked by hand). */
import { describe, expect, it } from 'vitest';
import { dayAqi, iaqi } from '../../src/engine/aggregate/iaqi.js';
import { AQI_STANDARDS, standardForDay } from '../../src/schedule/aqi.js';

const [HJ2012, HJ2026] = AQI_STANDARDS as [(typeof AQI_STANDARDS)[0], (typeof AQI_STANDARDS)[0]];
const int = (units: number) => ({ units, decimals: 0 });

describe('PM2.5 IAQI', () => {
  it.each([
    // (IAQI_hi − IAQI_lo)/(BP_hi − BP_lo) × (C − BP_lo) + IAQI_lo, rounded up.
    [HJ2012, 0, 0],
    [HJ2012, 35, 50],
    [HJ2012, 36, 52], // 50/40 × 1 + 50 = 51.25 → 52
    [HJ2012, 74, 99], // 1.25 × 39 + 50 = 98.75 → 99
    [HJ2012, 75, 100], // the good-day limit under 2012
    [HJ2012, 76, 102], // 50/40 × 1 + 100 = 101.25 → 102
    [HJ2026, 59, 98], // 50/25 × 24 + 50 = 98
    [HJ2026, 60, 100], // the good-day limit under 2026
    [HJ2026, 61, 101], // 50/55 × 1 + 100 = 100.9 → 101
    [HJ2026, 75, 114], // 50/55 × 15 + 100 = 113.6 → 114
    [HJ2012, 500, 500],
    [HJ2012, 650, 500], // beyond the table: the highest index
  ])('%s: %i μg/m³ → %i', (standard, c, expected) => {
    expect(iaqi(standard.tables.pm25!, int(c))).toBe(expected);
  });
});

describe('PM10 and CO IAQI', () => {
  it.each([
    [HJ2012, 150, 100],
    [HJ2012, 151, 101], // 50/100 × 1 + 100 = 100.5 → 101
    [HJ2026, 120, 100],
    [HJ2026, 121, 101], // 50/130 × 1 + 100 = 100.38 → 101
    [HJ2026, 150, 112], // 50/130 × 30 + 100 = 111.5 → 112
  ])('PM10 %s: %i → %i', (standard, c, expected) => expect(iaqi(standard.tables.pm10!, int(c))).toBe(expected));

  it('rates CO in tenths of mg/m³ exactly: 4.0 → 100, 4.1 → 101, 2.2 → 55', () => {
    // (100 − 50)/(4 − 2) × (4.1 − 4) … = 50/10 × 0.1 + 100 = 100.5 → 101; 25 × 0.2 + 50 = 55.
    expect(iaqi(HJ2012.tables.co!, { units: 40, decimals: 1 })).toBe(100);
    expect(iaqi(HJ2012.tables.co!, { units: 41, decimals: 1 })).toBe(101);
    expect(iaqi(HJ2012.tables.co!, { units: 22, decimals: 1 })).toBe(55);
  });
});

describe('the daily AQI and good days', () => {
  const clean = { so2: int(10), no2: int(30), pm10: int(60), co: { units: 8, decimals: 1 }, o3_8h: int(90), pm25: int(30) };

  it('is the highest IAQI, good at most 100', () => {
    // SO2 10 → 10; NO2 30: 50/40 × 30 = 37.5 → 38; PM10 60: 50/100 × 10 + 50 = 55; CO 0.8: 25 × 0.8 = 20;
    // O3-8h 90: 50/100 × 90 = 45; PM2.5 30: 50/35 × 30 = 42.9 → 43. The AQI is 55, PM10 the primary pollutant.
    expect(dayAqi(HJ2012, clean)).toEqual({ aqi: 55, primary: ['pm10'], good: true });
  });

  it('rates PM2.5 75 good under 2012 and not under 2026', () => {
    const day = { ...clean, pm25: int(75) };
    expect(dayAqi(HJ2012, day)).toMatchObject({ aqi: 100, good: true, primary: ['pm25'] });
    expect(dayAqi(HJ2026, day)).toMatchObject({ aqi: 114, good: false, primary: ['pm25'] });
  });

  it('counts the O3 1-h value under 2012 only, and rates by it when the 8-h value exceeds 800', () => {
    const withPeak = { ...clean, o3_1h: int(210) }; // 50/100 × 10 + 100 = 105
    expect(dayAqi(HJ2012, withPeak)).toMatchObject({ aqi: 105, good: false });
    // Under 2026 the 1-h value is not rated; PM10 60 is rated on the new row: 50/70 × 10 + 50 = 57.1 → 58.
    expect(dayAqi(HJ2026, withPeak)?.aqi).toBe(58);
    // O3-8h 850 is above 800, so the 1-h value 900 rates O3: 100/200 × (900 − 800) + 300 = 350.
    expect(dayAqi(HJ2012, { ...clean, o3_8h: int(850), o3_1h: int(900) })).toMatchObject({ aqi: 350, primary: ['o3_1h'] });
    expect(dayAqi(HJ2012, { ...clean, o3_8h: int(850) })).toBeNull();
  });

  it('cannot rate a day with a pollutant missing', () => {
    const { so2: _, ...noSo2 } = clean;
    expect(dayAqi(HJ2012, noSo2)).toBeNull();
  });

  it('chooses the table by day: 2026-02-28 under 2012, 2026-03-01 under 2026', () => {
    expect(standardForDay('2026-02-28').id).toBe('HJ 633-2012');
    expect(standardForDay('2026-03-01').id).toBe('HJ 633-2026');
    expect(standardForDay('2022-10-01').id).toBe('HJ 633-2012');
  });
});

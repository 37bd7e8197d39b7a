/**
 * The built-in schedule is validated by the build and embedded as text (validated-text.ts): the text must give back
 * exactly what parseSchedule returned, Decimals as Decimals, and refuse what JSON would change.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { Dec } from '../../src/core/decimal.js';
import { parseSchedule } from '../../src/schedule/load.js';
import { fromValidatedText, validatedText } from '../../src/schedule/validated-text.js';

const builtinJson = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
const fixtureNames = readdirSync('fixtures/schedules').filter((f) => f.endsWith('.json'));

describe('a validated schedule as text', () => {
  it('gives back the built-in schedule unchanged, its rates and band limits as Decimals', () => {
    const schedule = parseSchedule(builtinJson, 'built-in');
    const back = fromValidatedText(validatedText(schedule));
    expect(back).toEqual(schedule);
    // 第四条（一）1: a PM2.5 gap of up to 5 μg/m³ is charged at 10 万元 per μg/m³.
    const pm25 = back.factors.find((f) => f.id === 'pm25')!;
    expect(pm25.deduction!.bands[0]!.rate).toBeInstanceOf(Dec);
    expect([pm25.deduction!.bands[0]!.upTo?.toString(), pm25.deduction!.bands[0]!.rate.toString()]).toEqual(['5', '10']);
    // A default parseSchedule filled in (no end date) is in the text too.
    expect(back.effectiveUntil).toBe(schedule.effectiveUntil);
  });

  it.each(fixtureNames)('gives back fixtures/schedules/%s unchanged', (name) => {
    let schedule;
    try {
      schedule = parseSchedule(JSON.parse(readFileSync(`fixtures/schedules/${name}`, 'utf8')), name);
    } catch {
      return; // a fixture that is invalid on purpose
    }
    expect(fromValidatedText(validatedText(schedule))).toEqual(schedule);
  });

  it('refuses a value that JSON would not give back as it was', () => {
    const schedule = parseSchedule(builtinJson, 'built-in');
    expect(() => validatedText({ ...schedule, extra: new Map() } as never)).toThrow(/Map object at "extra"/);
    expect(() => validatedText({ ...schedule, extra: Number.NaN } as never)).toThrow(/NaN at "extra"/);
    expect(() => validatedText({ ...schedule, extra: undefined } as never)).toThrow(/undefined at "extra"/);
  });
});

/**
 * compare and whatif (issue 13): each side is a plain settlement. A what-if equals settle of the edited file; a
 * comparison equals two settle runs; the amounts of the worked cases below are worked out by hand from 第四条.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, settle, whatif, type Settled } from '../../src/app/index.js';
import { runCli } from '../helpers/cli.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const HALF_UP = 'fixtures/schedules/xuchang-2022-half-up.json';
const sampleText = readFileSync(SAMPLE, 'utf8');
const bytes = (text: string) => [{ name: 'data.csv', bytes: new TextEncoder().encode(text) }];

function nets(s: Settled): Record<string, string> {
  return Object.fromEntries(s.all().months.flatMap((m) => m.counties.map((c) => [`${m.month} ${c.unit.name}`, c.net.toFixed()])));
}

/** The sample with one cell replaced, as a user would edit the file. */
function edited(text: string, unit: string, column: string, value: string): string {
  const [head, ...rows] = text.trimEnd().split('\n');
  const col = head!.split(',').indexOf(column);
  return `${[head, ...rows.map((r) => {
    const cells = r.split(',');
    if (cells[1] === unit) cells[col] = value;
    return cells.join(',');
  })].join('\n')}\n`;
}

describe('whatif', () => {
  it('禹州市 PM2.5 40 instead of 50: its own amounts and those of the other three county-group units move (第四条（一）（二）)', async () => {
    const c = await whatif({ data: [SAMPLE], set: ['2022-10:禹州市:pm25=40'] });
    const m = c.difference.months[0]!;
    const unit = (name: string) => m.units.find((u) => u.name === name)!;
    const factor = (name: string, id: string) => unit(name).after!.factors[id]!.toFixed();
    // County group PM2.5 baseline: (40 + 53 + 48 + 51) / 4 = 48.
    // 禹州市 8 μg below: 5 × 10 + 3 × 20 = 110 reward; 长葛市 5 above: 50 deducted; 鄢陵县 at the baseline: 0; 襄城县 3 above: 30.
    expect([factor('禹州市', 'pm25'), factor('长葛市', 'pm25'), factor('鄢陵县', 'pm25'), factor('襄城县', 'pm25')]).toEqual(['110', '-50', '0', '-30']);
    // 禹州市's rate (56 − 40) / 56 = 28.571… → 28.6 %; group: last year (56+55+51+52)/4 = 53.5 → 54 (half-even), this
    // year 48, (54 − 48) / 54 = 11.11… → 11.1 %; 17.5 points better: 3 × 15 + 14.5 × 35 = 552.5.
    expect(factor('禹州市', 'pm25Rate')).toBe('552.5');
    // The central group is untouched.
    expect(m.units.filter((u) => u.before!.group === '中心城区组').every((u) => u.change.isZero() && u.factorChanges.length === 0)).toBe(true);
    expect(unit('禹州市').change.toFixed()).toBe('607');
  });

  it('equals settle of the edited file, before and after, for any unit, column and value', async () => {
    const units = ['魏都区', '建安区', '城乡一体化示范区', '经济技术开发区', '东城区', '禹州市', '长葛市', '鄢陵县', '襄城县'];
    const column = fc.constantFrom('pm25', 'pm10', 'pm25_last_year', 'pm10_last_year', 'good_days');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...units), column, fc.integer({ min: 20, max: 120 }), fc.integer({ min: 0, max: 9 }), async (unit, col, whole, tenth) => {
        const value = col === 'good_days' ? String(whole % 32) : `${whole}.${tenth}`;
        const c = await whatif({ data: bytes(sampleText), set: [`2022-10:${unit}:${col}=${value}`] });
        const plainBefore = nets(await settle({ data: bytes(sampleText), inMemory: true }));
        const plainAfter = nets(await settle({ data: bytes(edited(sampleText, unit, col, value)), inMemory: true }));
        const side = (s: 'before' | 'after') => Object.fromEntries(c.difference.months[0]!.units.map((u) => [`2022-10 ${u.name}`, u[s]!.net.toFixed()]));
        expect(side('before')).toEqual(plainBefore);
        expect(side('after')).toEqual(plainAfter);
      }),
      { numRuns: 25, seed: 20261208 },
    );
  });

  it('refuses an edit it cannot apply exactly, naming it: no such row, no such column, a value the cell would refuse, a cell set twice', async () => {
    const none = await runCli(['whatif', SAMPLE, '--set', '2022-11:禹州市:pm25=40']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('2022-11:禹州市:pm25=40: the data hold no 2022-11 row for 禹州市');
    const r = await runCli(['whatif', SAMPLE, '--set', '2022-10:禹州市:pm2=40', '--set', '2022-10:长葛市:good_days=32', '--set', '2022-10:鄢陵县:pm25=4x', '--set', '2022-10:襄城县:pm10=90', '--set', '2022-10:襄城县:PM10=91']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('"pm2" is not a column of the monthly data');
    expect(r.stderr).toContain('32 good days is more than the 31 days of 2022-10');
    expect(r.stderr).toMatch(/2022-10:鄢陵县:pm25=4x: expected a monthly mean .*got "4x"/);
    expect(r.stderr).toContain('2022-10:襄城县:PM10=91: the same cell is also set by 2022-10:襄城县:pm10=90');
    expect((await runCli(['whatif', SAMPLE])).code).toBe(2);
  });

  it('takes Chinese column names and unit aliases, and writes JSON and CSV', async () => {
    const r = await runCli(['whatif', SAMPLE, '--set', '2022-10:禹州:优良天数=20', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const yuzhou = j.months[0].units.find((u: { name: string }) => u.name === '禹州市');
    // County group good days (第四条（五）): (14+13+17+15)/4 = 14.75 → 15 before, 禹州市 1 day short;
    // (20+13+17+15)/4 = 16.25 → 16 after, 禹州市 4 days above. Only its good-days amount changes.
    expect(yuzhou.factorChanges.map((f: { factor: string }) => f.factor)).toEqual(['goodDays']);
    // At 20 万元 a day: −20 before, +80 after.
    expect([yuzhou.factorChanges[0].before, yuzhou.factorChanges[0].after]).toEqual(['-20', '80']);
    const csv = await runCli(['whatif', SAMPLE, '--set', '2022-10:禹州:优良天数=20', '--format', 'csv']);
    expect(csv.stdout.startsWith('\ufeff月份,单位,原数据净额,修改后净额,变化,变化的因子\r\n')).toBe(true);
    expect(csv.stdout.split('\r\n').filter(Boolean)).toHaveLength(10);
  });
});

describe('compare', () => {
  it('equals two settle runs: the built-in against Excel ROUND (half-up) — totals 903/757 against 754.5/845.5', async () => {
    const c = await compare({ data: [SAMPLE], reform: [HALF_UP] });
    const base = nets(await settle({ data: [SAMPLE], inMemory: true }));
    const reform = nets(await settle({ data: [SAMPLE], rules: [HALF_UP], inMemory: true }));
    const side = (s: 'before' | 'after') => Object.fromEntries(c.difference.months[0]!.units.map((u) => [`2022-10 ${u.name}`, u[s]!.net.toFixed()]));
    expect(side('before')).toEqual(base);
    expect(side('after')).toEqual(reform);
    const t = c.difference.totals;
    expect([t.before.deductions, t.before.rewards, t.before.surplus, t.after.deductions, t.after.rewards, t.after.shortfall].map((x) => x.toFixed())).toEqual(['903', '757', '146', '754.5', '845.5', '91']);
    // Σ change = Σ reform nets − Σ base nets = (845.5 − 754.5) − (757 − 903) = 237.
    expect(c.difference.period.reduce((s, p) => s.plus(p.change), c.difference.period[0]!.change.minus(c.difference.period[0]!.change)).toFixed()).toBe('237');
  });

  it('prints each unit under both schedules in Chinese, and in English with --lang en', async () => {
    const r = await runCli(['compare', SAMPLE, '--reform', HALF_UP]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('现行规则净额');
    expect(r.stdout).toMatch(/禹州市\s+\+70\.5\s+\+143\.5\s+\+73/);
    expect(r.stdout).toContain('全市（修订规则）：扣款 754.5，奖励 845.5，缺口 91');
    const en = await runCli(['compare', SAMPLE, '--reform', HALF_UP, '--lang', 'en']);
    expect(en.stdout).toContain('city (reform): deductions 754.5, rewards 845.5, shortfall 91');
  });

  it('sums each unit over the months of the period', async () => {
    const r = await runCli(['compare', 'fixtures/two-schedules-2022-08-and-10-synthetic.csv', '--base', 'fixtures/schedules/example-2020-trial.json', '--base', 'xuchang-2022', '--reform', HALF_UP, '--reform', 'fixtures/schedules/example-2020-trial.json', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const p of j.period) {
      const months = j.months.map((m: { units: { unitId: string; before: { net: string } }[] }) => m.units.find((u) => u.unitId === p.unitId)!.before.net);
      expect(months.reduce((s: number, x: string) => s + Number(x) * 2, 0) / 2).toBe(Number(p.before));
    }
  });

  it('writes a page with a chart of the change per unit, and a workbook whose cells hold the amounts', async () => {
    const html = await runCli(['compare', SAMPLE, '--reform', HALF_UP, '--format', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout.match(/<rect /g)).toHaveLength(9);
    expect(html.stdout).not.toMatch(/<script|https?:\/\//);
    expect(html.stdout).toContain('<td class="num reward">+73</td>');
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-compare-'));
    const out = join(dir, 'c.xlsx');
    expect((await runCli(['compare', SAMPLE, '--reform', HALF_UP, '--format', 'xlsx'])).code).toBe(2);
    expect((await runCli(['compare', SAMPLE, '--reform', HALF_UP, '--format', 'xlsx', '--output', out])).code).toBe(0);
    const ExcelJS = await (await import('../../src/core/excel.js')).loadExcel();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows = wb.getWorksheet('2022-10')!.getSheetValues().filter(Boolean) as unknown[][];
    const yuzhou = rows.find((r) => r[1] === '禹州市')!;
    expect(yuzhou.slice(2, 5)).toEqual([70.5, 143.5, 73]);
  });

  it('says what a settle of the edited file would warn of, on standard error and in the JSON', async () => {
    // 禹州市's last-year PM2.5 0.6 → 1 after rounding: (1 − 50)/1 = −4900 %, below −100 % (W-RATE-BELOW-MINUS-100).
    const r = await runCli(['whatif', SAMPLE, '--set', '2022-10:禹州:pm25_last_year=0.6', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: 2022-10 禹州市: the PM2.5 improvement rate is -4900 %');
    expect(JSON.parse(r.stdout).months[0].warnings.after.map((w: { code: string }) => w.code)).toEqual(['W-RATE-BELOW-MINUS-100']);
  });

  it('refuses an edit of a month this run does not settle, and reads full-width input as typed with an IME', async () => {
    const r = await runCli(['whatif', 'fixtures/two-schedules-2022-08-and-10-synthetic.csv', '--rules', 'xuchang-2022', '--rules', 'fixtures/schedules/example-2020-trial.json', '--set', '2022-10:禹州:pm25=40', '--month', '2022-08']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2022-10 is not settled in this run');
    const wide = await whatif({ data: [SAMPLE], set: ['2022-10：禹州市：pm25＝４０'] });
    expect(wide.difference.months[0]!.units.find((u) => u.name === '禹州市')!.change.toFixed()).toBe('607');
  });

  it('hands a script that passes the wrong options an EcocompError naming the option, never a TypeError', async () => {
    const { EcocompError } = await import('../../src/app/index.js');
    await expect(whatif({ data: [SAMPLE], set: '2022-10:禹州:pm25=40' as never })).rejects.toBeInstanceOf(EcocompError);
    await expect(whatif({ data: [SAMPLE], set: [] })).rejects.toBeInstanceOf(EcocompError);
    await expect(compare({ data: [SAMPLE], reform: HALF_UP as never })).rejects.toBeInstanceOf(EcocompError);
    await expect(compare({ data: [SAMPLE] } as never)).rejects.toBeInstanceOf(EcocompError);
  });
});

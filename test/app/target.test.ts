/**
 * target (issue 13): break-even values, each checked against a plain settlement of the data with the value
 * changed (whatif's --set): at the value the amount is ≥ 0, one step worse it is not. The 长葛市 figures are
 * worked by hand from 第四条.
 */
import { describe, expect, it } from 'vitest';
import { settle, target } from '../../src/app/index.js';
import { runCli } from '../helpers/cli.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const UNITS = ['魏都区', '建安区', '城乡一体化示范区', '经济技术开发区', '东城区', '禹州市', '长葛市', '鄢陵县', '襄城县'];
const COLUMN = { pm25: 'pm25', pm10: 'pm10', goodDays: 'good_days' } as const;

async function settledWith(unit: string, column: string, value: string) {
  const s = await settle({ data: [SAMPLE], set: [`2022-10:${unit}:${column}=${value}`], inMemory: true });
  return s.all().months[0]!.counties.find((c) => c.unit.name === unit)!;
}

describe('target', () => {
  it('长葛市 2022-10, worked by hand: PM2.5 stops paying at 50 μg, its net turns ≥ 0 at 49 μg; good days stop paying at 15', async () => {
    const { plan } = await target({ data: [SAMPLE], month: '2022-10', county: '长葛市' });
    const pm25 = plan.indicators.find((p) => p.indicator === 'pm25')!;
    // County group baseline round((v + 50 + 48 + 51) / 4): at 50 → 49.75 → 50, gap 0; at 51 → 50, gap 1 μg: −10 (第四条（一）1).
    expect(pm25.factors.find((f) => f.factorId === 'pm25')!.breakEven!.value.toFixed()).toBe('50');
    // At 49: baseline 49.5 → 50 (half-even), 1 below: +10; rate (55 − 49)/55 = 10.9 % against the group's
    // (54 − 50)/54 = 7.4 %: 3.5 points, 3 × 15 + 0.5 × 35 = 62.5; with PM10 −10 −21 and good days −40, net +1.5.
    expect([pm25.netBreakEven!.value.toFixed(), pm25.netBreakEven!.net.toFixed()]).toEqual(['49', '1.5']);
    // Good days: baseline round((v + 14 + 17 + 15) / 4): at 15 → 15.25 → 15, no gap; at 14 → 15, one day short: −20.
    const days = plan.indicators.find((p) => p.indicator === 'goodDays')!;
    expect(days.factors[0]!.breakEven!.value.toFixed()).toBe('15');
    // The bands of PM2.5 as its value goes from worse to better: deduction band 2 down to 58, band 1 to 51, nothing at 50, rewards below.
    expect(pm25.factors[0]!.segments.map((s) => `${s.from.toFixed()}-${s.to.toFixed()} ${s.side} ${s.bands}`)).toEqual([
      '1000-58 deduction 2', '57-51 deduction 1', '50-50 none 0', '49-43 reward 1', '42-0 reward 2',
    ]);
  });

  it('for every unit and indicator, each break-even value is the boundary: ≥ 0 there, < 0 one step worse (checked by settling the edited data)', async () => {
    for (const unit of UNITS) {
      const { plan } = await target({ data: [SAMPLE], month: '2022-10', county: unit });
      for (const p of plan.indicators) {
        const worse = (v: string) => (p.better === 'lower' ? String(Number(v) + 1) : String(Number(v) - 1));
        for (const f of p.factors) {
          if (f.breakEven === null || f.actualAmount.gte(0)) continue;
          const at = (await settledWith(unit, COLUMN[p.indicator], f.breakEven.value.toFixed())).factors.find((x) => x.factor.id === f.factorId)!;
          const before = (await settledWith(unit, COLUMN[p.indicator], worse(f.breakEven.value.toFixed()))).factors.find((x) => x.factor.id === f.factorId)!;
          expect(at.amount.gte(0), `${unit} ${f.factorId} at ${f.breakEven.value}`).toBe(true);
          expect(before.amount.lt(0), `${unit} ${f.factorId} one step worse`).toBe(true);
        }
        if (p.netBreakEven && plan.net.lt(0)) {
          expect((await settledWith(unit, COLUMN[p.indicator], p.netBreakEven.value.toFixed())).net.gte(0)).toBe(true);
          expect((await settledWith(unit, COLUMN[p.indicator], worse(p.netBreakEven.value.toFixed()))).net.lt(0)).toBe(true);
        }
      }
    }
  });

  it('prints the sheet in Chinese and English and as JSON; refuses an unknown unit or a month not in the data', async () => {
    const zh = await runCli(['target', SAMPLE, '--month', '2022-10', '--county', '长葛']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('PM2.5月均浓度：降至 50 μg/m³ 不再扣款（该值下 0，现为 -30）');
    expect(zh.stdout).toContain('优良天数：升至 15 天 不再扣款');
    expect(zh.stdout).toContain('下月');
    const en = await runCli(['target', SAMPLE, '--month', '2022-10', '--county', 'changge', '--lang', 'en']);
    expect(en.stdout).toContain('no deduction at 50 μg/m³');
    const json = JSON.parse((await runCli(['target', SAMPLE, '--month', '2022-10', '--county', '长葛市', '--format', 'json'])).stdout);
    expect(json.indicators[0].netBreakEven).toEqual({ value: '49', net: '1.5' });
    expect((await runCli(['target', SAMPLE, '--month', '2022-10', '--county', '许昌县'])).code).toBe(2);
    const missing = await runCli(['target', SAMPLE, '--month', '2022-11', '--county', '长葛市']);
    expect(missing.code).toBe(2);
  });

  it('names a gap below the minimum (D6) as such, and refuses missing options as faults', async () => {
    const r = await runCli(['target', 'fixtures/decimals-2022-10-synthetic.csv', '--rules', 'fixtures/schedules/one-decimal.json', '--month', '2022-10', '--county', '长葛']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('51.2–50.1 μg/m³：差值不足起扣值（D6），不扣不奖 0');
    const { EcocompError } = await import('../../src/app/index.js');
    await expect(target({ data: [SAMPLE], month: '2022-10' } as never)).rejects.toBeInstanceOf(EcocompError);
  });
});

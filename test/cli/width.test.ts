/**
 * The terminal table fits the terminal (decision 75): below the full layout's width, settle shows the compact
 * layout (unit, five amounts, 扣款, 奖励, 净额) and ledger splits the months into blocks; `--wide`, a file and a
 * pipe get the full layout. Amounts are SPEC.md §8's, worked by hand (test/helpers/expected.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { SPEC_EXAMPLE_AMOUNTS } from '../helpers/expected.js';
import { width } from '../../src/output/text.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-width-'));
const terminal = (columns: number, env: Record<string, string> = { NO_COLOR: '1' }) => ({ isTTY: true, columns, env });
const widest = (text: string) => Math.max(...text.replace(/\x1b\[[0-9;]*m/g, '').split('\n').map(width));
const cells = (text: string, name: string) => text.split('\n').find((l) => l.trim().startsWith(name))!.trim().split(/\s+/);

describe('settle on a terminal', () => {
  it('shows the compact layout on 80 columns, every line within them', async () => {
    const r = await runCli(['settle', SAMPLE], terminal(80));
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
    // 建安区: the five amounts, 扣款 20 + 143 + 15 + 13 + 20 = 211, 奖励 0, 净额 −211.
    const [p25, p25r, p10, p10r, days, net] = SPEC_EXAMPLE_AMOUNTS['建安区']!;
    expect(cells(r.stdout, '建安区')).toEqual(['建安区', p25, p25r, p10, p10r, days, '211', '0', net]);
    expect(cells(r.stdout, '单位')).toEqual(['单位', '浓度', '改善率', '浓度', '改善率', '天数', '扣款', '奖励', '净额']);
    expect(cells(r.stdout, '全市合计')).toEqual(['全市合计', '903', '757', '-146']);
    expect(r.stdout).not.toContain('考核基数'); // the values, and so the baselines, are the full layout's
  });

  it('fits with colour on too', async () => {
    const r = await runCli(['settle', SAMPLE], terminal(80, { FORCE_COLOR: '1' }));
    expect(r.stdout).toContain('\x1b[');
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
  });

  it('shows the full layout where it fits, with --wide, in a pipe and in a file', async () => {
    const piped = await runCli(['settle', SAMPLE]);
    expect(widest(piped.stdout)).toBe(115);
    expect(cells(piped.stdout, '建安区').slice(1, 3)).toEqual(['49', '-20']); // value, then amount
    expect((await runCli(['settle', SAMPLE], terminal(115))).stdout).toBe(piped.stdout);
    expect((await runCli(['settle', SAMPLE, '--wide'], terminal(80))).stdout).toBe(piped.stdout);
    const file = join(dir, 'table.txt');
    expect((await runCli(['settle', SAMPLE, '--output', file], terminal(80))).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
    expect(cells((await runCli(['settle', SAMPLE], terminal(114))).stdout, '单位')[1]).toBe('浓度');
  });
});

describe('ledger on a terminal', () => {
  const rows = readFileSync(SAMPLE, 'utf8').trim().split('\n');
  const year = join(dir, 'year.csv');
  const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);
  writeFileSync(year, [rows[0], ...months.flatMap((m) => rows.slice(1).map((r) => r.replace('2022-10', m)))].join('\n'));

  it('splits twelve months into blocks of equal size that fit 80 columns, the total closing the last', async () => {
    const r = await runCli(['ledger', year], terminal(80));
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('单位')).map((l) => l.trim().split(/\s+/).slice(1));
    expect(headings).toEqual([
      ['1月', '2月', '3月', '4月'],
      ['5月', '6月', '7月', '8月'],
      ['9月', '10月', '11月', '12月', '全年'],
    ]);
    // 魏都区 nets +238.5 a month: 12 × 238.5 = 2862 for the year; the city's fund 12 × 146 = 1752.
    expect(cells(r.stdout.split('\n单位').at(-1)!, '魏都区').at(-1)).toBe('+2862');
    expect(cells(r.stdout.split('\n单位').at(-1)!, '专项资金结余(+)/缺口(-)').at(-1)).toBe('+1752');
  });

  it('keeps one block with --wide and in a pipe', async () => {
    const piped = await runCli(['ledger', year]);
    expect(piped.stdout.split('\n').filter((l) => l.startsWith('单位'))).toHaveLength(1);
    expect((await runCli(['ledger', year, '--wide'], terminal(80))).stdout).toBe(piped.stdout);
  });
});

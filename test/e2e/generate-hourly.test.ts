/** The synthetic data generator of the README's pipeline demo: reproducible, and with years that differ. */
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { runCli } from '../helpers/cli.js';

const { generateHourly } = await import('../../scripts/generate-hourly.mjs');

it('gives the units improvement rates of their own, so the pipeline demo does not show every rate as 0.0', async () => {
  const text = [...generateHourly({ from: '2022-10-01', to: '2023-10-31', stations: 2, seed: 7 })].join('');
  const monthly = await runCli(['aggregate', '-', '--month', '2023-10'], { stdin: text });
  expect(monthly.code).toBe(0);
  const settled = await runCli(['settle', '-', '--format', 'json'], { stdin: monthly.stdout });
  const rates = JSON.parse(settled.stdout).months[0].counties.map((c: { factors: { factor: string; value: string }[] }) => c.factors.find((f) => f.factor === 'pm25Rate')!.value);
  // Nine units whose trends run from 6 % dirtier to 14 % cleaner a year: both signs, and more than a few values.
  expect(new Set(rates).size).toBeGreaterThan(5);
  expect(rates.some((r: string) => r.startsWith('-'))).toBe(true);
  expect(rates.some((r: string) => Number(r) > 5)).toBe(true);
});

it('is deterministic and answers --help', () => {
  const a = [...generateHourly({ from: '2023-01-01', to: '2023-01-02', seed: 3 })].join('');
  const b = [...generateHourly({ from: '2023-01-01', to: '2023-01-02', seed: 3 })].join('');
  expect(a).toBe(b);
  const help = spawnSync(process.execPath, ['scripts/generate-hourly.mjs', '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: node scripts\/generate-hourly\.mjs/);
  const bad = spawnSync(process.execPath, ['scripts/generate-hourly.mjs', '--form', '2023-01-01'], { encoding: 'utf8' });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/unknown option --form/);
});

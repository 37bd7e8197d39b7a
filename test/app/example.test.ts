/**
 * The library's public API as a user's batch job calls it (examples/batch.ts, written against `import … from
 * 'ecocomp'`), on the worked example of SPEC.md §8, and the built package as Node resolves it by name.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monthlyJob } from '../../examples/batch.js';
import { SPEC_EXAMPLE_AMOUNTS, SPEC_EXAMPLE_TOTALS } from '../helpers/expected.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';

describe('the public API, as a batch job uses it', () => {
  it('settles the worked example: every unit\'s net as worked by hand, and the JSON of SPEC.md §6', async () => {
    const { lines, json, faults } = await monthlyJob(SAMPLE);
    expect(faults).toEqual([]);
    expect(Object.fromEntries(lines.map((l) => [l.unit, l.net]))).toEqual(Object.fromEntries(Object.entries(SPEC_EXAMPLE_AMOUNTS).map(([unit, a]) => [unit, a[5]])));
    const totals = JSON.parse(json).months[0].totals;
    expect(totals).toEqual(SPEC_EXAMPLE_TOTALS);
  });

  it('with a provincial payout every reward is cancelled (第五条): rewards 0, the surplus the whole 903', async () => {
    const { json } = await monthlyJob(SAMPLE, ['2022-10']);
    expect(JSON.parse(json).months[0].totals).toEqual({ deductions: '903', rewards: '0', surplus: '903', shortfall: '0' });
  });

  it('hands every fault back with its place, never a figure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-api-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'month,county,pm25,pm10,pm25_last_year,pm10_last_year,good_days\n2022-10,魏都区,4x9,78,52,85,20\n');
    const { lines, faults } = await monthlyJob(bad);
    expect(lines).toEqual([]);
    expect(faults.map((p) => [p.line, p.column, p.field])).toContainEqual([2, 3, 'pm25']);
  });
});

describe('the built package', () => {
  it('is found by its name, with its type declarations, and settles from Node', () => {
    if (!existsSync('dist/index.js')) throw new Error('run npm run build first');
    expect(existsSync('dist/types/app/index.d.ts')).toBe(true);
    // Node resolves a package's own name through its "exports" (self-reference), as a user's project would.
    const script = `import('ecocomp').then(async (m) => { const r = await m.settle({ data: ['${SAMPLE}'] }); const month = [...r.eachMonth()][0]; console.log(month.totals.surplus.toFixed()); })`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('146');
  });
});

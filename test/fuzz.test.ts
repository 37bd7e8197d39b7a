/** A short run of the fuzzer (scripts/fuzz-core.mjs) on the CLI in-process; `npm run fuzz` runs it long. */
import { expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { fuzz } from '../scripts/fuzz-core.mjs';

it('survives 2,000 generated and mutated inputs: exit 0 or 2, never 3, no stack trace, no output on failure', async () => {
  const report = await fuzz(run as (argv: string[], io: unknown) => Promise<number>, { cases: 2000, seed: 7 });
  expect(report.failures).toEqual([]);
  expect(report.exits[3] ?? 0).toBe(0);
  // Both outcomes occur: the fuzzer reaches past the loader as well as into its faults.
  expect(report.exits[0]).toBeGreaterThan(50);
  expect(report.exits[2]).toBeGreaterThan(500);
}, 120_000);

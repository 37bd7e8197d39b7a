/** The built executable, as users and scripts run it (needs `npm run build`, which `npm test` runs first). */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const BIN = resolve('bin/ecocomp.js');
const SAMPLE = resolve('fixtures/sample-2022-10-synthetic.csv');

function ecocomp(args: string[], input?: Buffer | string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/ecocomp.js', () => {
  it('settles the sample and exits 0', () => {
    const r = ecocomp(['settle', SAMPLE, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).months[0].totals.surplus).toBe('146');
  });

  it('reads standard input as a pipe', () => {
    const r = ecocomp(['settle', '-', '--format', 'csv'], readFileSync(SAMPLE));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n').filter(Boolean)).toHaveLength(10);
  });

  it('exits 2 on bad input with nothing on stdout and no stack trace', () => {
    const r = ecocomp(['settle', '-'], 'month,county\n2022-10,魏都区\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('<stdin>:1: missing required column pm25 (PM2.5)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a usage fault and 0 for --version', () => {
    expect(ecocomp(['settle', SAMPLE, '--format', 'pdf']).code).toBe(2);
    expect(ecocomp(['--version']).code).toBe(0);
  });
});

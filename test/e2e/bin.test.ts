/** The built executable, as users and scripts run it (needs `npm run build`, which `npm test` runs first). */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve('bin/ecocomp.js');
const SAMPLE = resolve('fixtures/sample-2022-10-synthetic.csv');

function ecocomp(args: string[], input?: Buffer | string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ECOCOMP_LANG: 'en' } });
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

  // Devices are named through links in a temporary folder: a regression must never replace /dev/stdout itself.
  it('writes a workbook to standard output through --output naming /dev/stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-bin-'));
    symlinkSync('/dev/stdout', join(dir, 'out'));
    const r = spawnSync(process.execPath, [BIN, 'settle', SAMPLE, '--format', 'xlsx', '--output', join(dir, 'out')]);
    expect(r.status).toBe(0);
    expect(r.stdout.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004'); // a ZIP archive: the workbook
    expect(readlinkSync(join(dir, 'out'))).toBe('/dev/stdout');
  });

  it('reports a full disk under standard output in one line, with exit 4', () => {
    const full = openSync('/dev/full', 'w');
    const r = spawnSync(process.execPath, [BIN, 'settle', SAMPLE, '--format', 'csv'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { ...process.env, ECOCOMP_LANG: '' } });
    const en = spawnSync(process.execPath, [BIN, 'settle', SAMPLE, '--format', 'csv', '--lang', 'en'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
    closeSync(full);
    expect([r.status, r.stderr]).toEqual([4, 'ecocomp: 无法写出结果：磁盘空间不足\n']);
    expect([en.status, en.stderr]).toEqual([4, 'ecocomp: cannot write the output: no space left on device\n']);
  });

  it('ends quietly with exit 0 when the reader of its output goes away (`| head -1`)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-bin-'));
    const rows = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const months = Array.from({ length: 120 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    writeFileSync(join(dir, 'big.csv'), [rows[0], ...months.flatMap((m) => rows.slice(1).map((r) => r.replace('2022-10', m)))].join('\n'));
    const child = spawn(process.execPath, [BIN, 'settle', join(dir, 'big.csv'), '--format', 'json', '--trace']);
    let stderr = '';
    child.stderr.on('data', (b) => void (stderr += b));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((r) => child.once('exit', r));
    expect([code, stderr]).toEqual([0, '']);
    expect(existsSync(join(dir, 'big.csv'))).toBe(true);
  }, 60_000);
});

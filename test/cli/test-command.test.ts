/** `ecocomp test CASES...`: exit 0 when every case holds, 1 with a diff when one does not, 2 when a case file cannot be read. */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const SPEC_DATA = readFileSync('fixtures/sample-2022-10-synthetic.csv', 'utf8').trim().split('\n');

/** A folder holding the case files given (name → content), in a sub-folder to show that folders are searched. */
function folderWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecocomp-cases-'));
  mkdirSync(join(dir, 'bureau'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'bureau', name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  writeFileSync(join(dir, 'bureau', 'notes.txt'), 'not a case file');
  for (const skipped of ['node_modules', '.git']) {
    mkdirSync(join(dir, 'bureau', skipped));
    writeFileSync(join(dir, 'bureau', skipped, 'package.json'), '{"name": "not a case"}');
  }
  return dir;
}

const wrongCase = {
  name: '魏都区 2022-10（金额写错）',
  clauses: ['第四条（一）2'],
  input: { data: SPEC_DATA },
  expect: { months: { '2022-10': { units: { 魏都区: { pm25: '25', net: '238.5' } }, totals: { surplus: '146' } } } },
};

describe('ecocomp test', () => {
  it('passes every case in fixtures/cases: exit 0, one line per case and a count', async () => {
    const r = await runCli(['test', 'fixtures/cases']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ 通过  fixtures/cases/spec-example.json  SPEC.md §8 示例：2022年10月，九个单位  (71 项)\n');
    expect(r.stdout).toMatch(/\n(\d+) 个案例：\1 个通过，0 个未通过\n$/);
  });

  it('a case that does not hold: exit 1, and the value with its month, unit, field, both amounts and clause', async () => {
    const dir = folderWith({ 'wrong.json': wrongCase });
    const r = await runCli(['test', dir], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `✗ 未通过  ${join(dir, 'bureau', 'wrong.json')}  魏都区 2022-10（金额写错）  (3 项)`,
        '    条款：第四条（一）2',
        '    2022-10 · 魏都区 · pm25 金额：期望 25，实际 20  [第四条（一）2]',
        '',
        '1 个案例：0 个通过，1 个未通过',
        '',
      ].join('\n'),
    );
  });

  it('in English with --lang en, and as JSON for scripts', async () => {
    const dir = folderWith({ 'wrong.json': wrongCase });
    const en = await runCli(['test', 'bureau', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toContain(`✗ FAIL  ${join('bureau', 'wrong.json')}  魏都区 2022-10（金额写错）  (3 values)\n    clauses: 第四条（一）2\n    2022-10 · 魏都区 · pm25 amount: expected 25, got 20  [第四条（一）2]\n`);
    expect(en.stdout).toContain('1 case: 0 passed, 1 failed');
    const json = await runCli(['test', 'bureau', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ casesVersion: 1, passed: 0, failed: 1 });
    expect(out.cases[0].mismatches).toEqual([{ month: '2022-10', unit: '魏都区', field: 'pm25', expected: '25', got: '20', clause: '第四条（一）2' }]);
  });

  it('a case file that cannot be read: exit 2, its file, key path and what was expected; no case is run', async () => {
    const bad = { ...wrongCase, expect: { months: { '2022-10': { units: { 魏都区: { pm25: 20 } } } } } };
    const dir = folderWith({ 'a-good.json': { ...wrongCase, expect: { months: { '2022-10': { units: { 魏都区: { pm25: '20' } } } } } }, 'bad.json': bad });
    const r = await runCli(['test', 'bureau'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${join('bureau', 'bad.json')}: expect.months.2022-10.units.魏都区.pm25: the factor's amount as a decimal string ("20"), or an object of any of amount, cancelled, value, baseline, gap\n`);
  });

  it('a path that is not there, or a folder without case files: exit 2', async () => {
    const dir = folderWith({});
    expect((await runCli(['test', 'missing.json'], { cwd: dir })).stderr).toContain('missing.json: no such file');
    const empty = await runCli(['test', 'bureau'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('bureau: a folder with no case file (*.json) in it or below it');
  });

  it('a schedule named by a path is found beside the case file, not in the working folder', async () => {
    const dir = folderWith({});
    writeFileSync(join(dir, 'bureau', 'schedule.json'), readFileSync('fixtures/schedules/xuchang-2022-half-up.json'));
    writeFileSync(join(dir, 'bureau', 'case.json'), JSON.stringify({ ...wrongCase, options: { rules: ['./schedule.json'] }, expect: { months: { '2022-10': { units: { 魏都区: { pm25: '20' } } } } } }));
    const r = await runCli(['test', join('bureau', 'case.json')], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Run over the folder, the schedule beside the case is taken as what the case names it: a schedule, not a case.
    const folder = await runCli(['test', 'bureau'], { cwd: dir });
    expect(folder.stdout).toContain('1 个案例：1 个通过');
    expect(folder.code).toBe(0);
    // Named on the command line, a file is a case file, and a schedule is not one.
    const named = await runCli(['test', join('bureau', 'schedule.json')], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(`${join('bureau', 'schedule.json')}: (top level): unknown keys`);
  });

  it('a table may be a CSV file beside the case file; one that is not there fails the case, named from the working folder', async () => {
    const dir = folderWith({});
    writeFileSync(join(dir, 'bureau', '2022-10.csv'), readFileSync('fixtures/sample-2022-10-synthetic.csv'));
    const expect10 = { months: { '2022-10': { units: { 魏都区: { net: '238.5' } }, totals: { surplus: '146' } } } };
    writeFileSync(join(dir, 'bureau', 'ok.json'), JSON.stringify({ ...wrongCase, input: { data: { file: '2022-10.csv' } }, expect: expect10 }));
    writeFileSync(join(dir, 'bureau', 'gone.json'), JSON.stringify({ ...wrongCase, input: { data: { file: '2022-11.csv' } }, expect: expect10 }));
    const r = await runCli(['test', 'bureau'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✓ 通过  ${join('bureau', 'ok.json')}`);
    expect(r.stdout).toContain(`    refusal 拒绝：期望 正常结算（退出码 0），实际 拒绝（退出码 2）：E-FILE (${join('bureau', '2022-11.csv')}: no such file)\n`);
  });
});

/**
 * Chinese first (issue 12): messages and help in Chinese by default, English with --lang en or ECOCOMP_LANG=en, and
 * faults as JSON lines with stable codes under --errors json.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { commandLoaders } from '../../src/cli/run.js';
import { HELP_ZH } from '../../src/output/help-zh.js';
import { runCli } from '../helpers/cli.js';
import { readFileSync } from 'node:fs';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const chinese = { ECOCOMP_LANG: '' };
const BAD = readFileSync(SAMPLE, 'utf8').replace('2022-10,魏都区,45', '2022-10,魏都区,4x5');

describe('the language of messages and help', () => {
  it('every description of every command, argument and option has its Chinese text', async () => {
    const io = { stdout: { write() {} }, stderr: { write() {} }, stdinStream: async function* () {}, env: {}, cwd: '.' };
    const missing: string[] = [];
    const walk = (c: Command) => {
      for (const text of [c.description(), ...c.options.map((o) => o.description), ...c.registeredArguments.map((a) => a.description)]) {
        if (text && HELP_ZH[text] === undefined) missing.push(`${c.name()}: ${text}`);
      }
      c.commands.forEach(walk);
    };
    for (const load of Object.values(commandLoaders(io))) walk(await load());
    expect(missing).toEqual([]);
  });

  it('help is Chinese by default and English with --lang en', async () => {
    const zh = await runCli(['settle', '--help'], { env: chinese });
    expect(zh.stdout).toContain('用法：');
    expect(zh.stdout).toContain('只核算此月');
    expect(zh.stdout).not.toContain('settle only this month');
    const en = await runCli(['settle', '--help', '--lang', 'en'], { env: chinese });
    expect(en.stdout).toContain('settle only this month');
    expect((await runCli(['--help'], { env: chinese })).stdout).toContain('命令：');
  });

  it('faults are Chinese by default, English with --lang en or ECOCOMP_LANG=en, with the same place', async () => {
    const stdin = BAD;
    const zh = await runCli(['settle', '-'], { stdin, env: chinese });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('ecocomp：发现 1 处问题，未写出任何结果。');
    expect(zh.stderr).toMatch(/<stdin>:2:3: pm25: 应为.*“4x5”/);
    const en = await runCli(['settle', '-', '--lang', 'en'], { stdin, env: chinese });
    expect(en.stderr).toContain('ecocomp: 1 problem found; no output was written.');
    expect((await runCli(['settle', '-'], { stdin, env: { ECOCOMP_LANG: 'en' } })).stderr).toContain('1 problem found');
  });

  it('commander\'s own usage errors are Chinese too', async () => {
    const r = await runCli(['settle', SAMPLE, '--bogus'], { env: chinese });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("错误：未知选项 '--bogus'");
  });

  it('--errors json writes one JSON object per fault, with its code, place and both languages', async () => {
    const r = await runCli(['settle', '-', '--errors', 'json'], { stdin: BAD, env: chinese });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', file: '<stdin>', line: 2, column: 3, field: 'pm25' });
    expect(lines[0].message).toContain('"4x5"');
    const usage = await runCli(['settle', SAMPLE, '--errors', 'json', '--format', 'xlsx'], { env: chinese });
    expect(JSON.parse(usage.stderr.trim())).toMatchObject({ level: 'error', code: 'E-USAGE' });
  });

  it('--errors json writes a usage error once, without commander\'s hint as a second fault', async () => {
    const r = await runCli(['setle', '--errors', 'json'], { env: chinese });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

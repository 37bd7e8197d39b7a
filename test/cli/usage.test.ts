/** How ecocomp answers a command line it cannot run (decision 78). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';

describe('usage', () => {
  it('bare ecocomp is a usage error, as for git: the help on standard error, nothing on standard output, exit 2', async () => {
    const r = await runCli([]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^Usage: ecocomp \[options\] \[command\]/);
    expect(r.stderr).toContain('settle [options] <files...>');
  });

  it('ecocomp --help asks for the help: standard output, exit 0', async () => {
    const r = await runCli(['--help']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^Usage: ecocomp \[options\] \[command\]/);
  });

  it('a usage error of a command ends with its usage line', async () => {
    const noSheet = await runCli(['check', '--data', SAMPLE]);
    expect([noSheet.code, noSheet.stdout]).toEqual([2, '']);
    expect(noSheet.stderr).toBe("error: missing required argument 'sheet'\nusage: ecocomp check SHEET --data FILE [--data FILE…] [options]  (ecocomp check --help for more)\n");
    const noData = await runCli(['check', 'sheet.csv']);
    expect(noData.stderr).toContain('usage: ecocomp check SHEET --data FILE [--data FILE…] [options]');
    const settle = await runCli(['settle']);
    expect(settle.stderr).toBe("error: missing required argument 'files'\nusage: ecocomp settle [options] <files...>  (ecocomp settle --help for more)\n");
    const sub = await runCli(['rules', 'check']);
    expect(sub.stderr).toContain('usage: ecocomp rules check [options] <files...>  (ecocomp rules check --help for more)');
  });

  it('in Chinese by default', async () => {
    const r = await runCli(['check', '--data', SAMPLE], { env: { ECOCOMP_LANG: 'zh' } });
    expect(r.stderr).toContain('用法：ecocomp check SHEET --data FILE [--data FILE…] [options]（详见 ecocomp check --help）');
    const ext = await runCli(['settle', SAMPLE, '--format', 'xlsx', '--output', 'out.csv'], { env: { ECOCOMP_LANG: 'zh' } });
    expect([ext.code, ext.stderr]).toEqual([2, 'ecocomp: --output out.csv：文件名是 .csv，但 --format xlsx 写出的是 .xlsx 文件：请命名为 out.xlsx，或改用 --format csv\n']);
  });
});

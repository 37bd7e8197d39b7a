/**
 * What makes the built CLI start fast must never change what it does (README "Performance", decisions D55–D57):
 * --version and --help answered without loading the CLI print what the CLI prints; the built-in schedule embedded
 * by the build is the schedule parseSchedule makes of today's JSON; and the compiled-code cache, whatever state its
 * directory is in, changes neither the output, nor standard error, nor the exit code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { VERSION } from '../../src/core/version.js';
import { parseSchedule } from '../../src/schedule/load.js';

const BIN = resolve('bin/ecocomp.js');
const SAMPLE = resolve('fixtures/sample-2022-10-synthetic.csv');

/** The built CLI as a process, its output piped (off a terminal), with the cache in `cacheHome` unless told. */
function ecocomp(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const freshCache = () => ({ XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ecocomp-cache-')) });

describe('--version and --help without loading the CLI', () => {
  it.each([['--version'], ['-V']])('%s prints the version and exits 0', (flag) => {
    expect(ecocomp([flag], freshCache())).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  // Chinese unless ECOCOMP_LANG says English (cli/lang.ts); a bare `ecocomp` is a usage error with the help on
  // standard error (decision 78).
  const languages: Record<string, string>[] = [{}, { ECOCOMP_LANG: 'en' }, { ECOCOMP_LANG: 'EN_GB' }, { ECOCOMP_LANG: 'zh' }];
  it.each(languages.flatMap((env) => [[['--help'], env], [['-h'], env], [[], env]] as [string[], Record<string, string>][]))('%j with %j prints the help the CLI prints', async (args, env) => {
    // In-process, the tests' helper reads English unless a language is named; unset means Chinese.
    const inProcess = await runCli(args, { env: env.ECOCOMP_LANG ? env : { ECOCOMP_LANG: 'zh' } });
    expect(inProcess.code).toBe(args.length === 0 ? 2 : 0);
    expect(`${inProcess.stdout}${inProcess.stderr}`).toMatch(/^(Usage|用法)/);
    expect(ecocomp(args, { ...freshCache(), ECOCOMP_LANG: undefined, ...env })).toEqual(inProcess);
  });

  it('a command help and a mistyped flag still go through the CLI', async () => {
    expect(ecocomp(['settle', '--help'], { ...freshCache(), ECOCOMP_LANG: 'en' })).toEqual(await runCli(['settle', '--help'], { env: { ECOCOMP_LANG: 'en' } }));
    expect(ecocomp(['--versoin'], freshCache()).code).toBe(2);
  });
});

/** JSON of a value with each Decimal (of whichever copy of decimal.js) as {"decimal": text}. */
function tagged(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      return raw !== null && typeof raw === 'object' && /^Decimal/.test(raw.constructor.name) ? { decimal: String(raw) } : v;
    }),
  );
}

describe('the built-in schedule as the build embedded it', () => {
  const today = parseSchedule(JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8')), 'built-in');

  it('is what parseSchedule makes of the JSON in src/ now (a stale or unvalidated build fails here)', async () => {
    const dist: { rules: (names?: string[]) => { schedules: unknown[] } } = await import(resolve('dist/index.js'));
    // The bundle has its own copy of decimal.js: Decimals are compared as tagged values, so that a string where a
    // Decimal belongs (an unvalidated schedule) still differs.
    expect(tagged(dist.rules().schedules[0])).toEqual(tagged(today));
  });

  it('is embedded in both bundles, not validated again at run time', () => {
    for (const file of ['dist/index.js', 'dist/ecocomp.cjs']) expect(readFileSync(file, 'utf8')).toMatch(/EMBEDDED_BUILTIN_SCHEDULE = `\{/);
  });

  it('prints the same rules as the sources do', async () => {
    const r = ecocomp(['rules', '--format', 'json'], freshCache());
    expect(r).toEqual({ code: 0, stdout: (await runCli(['rules', '--format', 'json'])).stdout, stderr: '' });
  });
});

describe('the compiled-code cache never changes a run', () => {
  const runs = [
    ['settle', SAMPLE, '--format', 'json'],
    ['settle', '-', '--format', 'csv'], // no standard input: exit 2 and a message, with and without a cache
  ];
  const expected = runs.map((args) => ecocomp(args, { XDG_CACHE_HOME: undefined, HOME: '' }));

  const allFiles = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allFiles(join(dir, f)) : [join(dir, f)]));

  it('without a cache, the sample settles (the reference for the cases below)', () => {
    expect(expected[0]!.code).toBe(0);
    expect(JSON.parse(expected[0]!.stdout).months[0].totals.surplus).toBe('146');
  });

  it('is written on a first run and read on the next, with the same result', () => {
    const env = freshCache();
    for (let i = 0; i < 2; i++) runs.forEach((args, k) => expect(ecocomp(args, env)).toEqual(expected[k]));
    expect(allFiles(env.XDG_CACHE_HOME).length).toBeGreaterThan(0);
  });

  it('whose directory cannot be created (a file is in the way) is skipped without a word', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecocomp-cache-'));
    writeFileSync(join(dir, 'file'), '');
    const env = { XDG_CACHE_HOME: join(dir, 'file', 'below') };
    for (let i = 0; i < 2; i++) runs.forEach((args, k) => expect(ecocomp(args, env)).toEqual(expected[k]));
  });

  it('that is corrupt, cut short or not a cache at all is rebuilt without a word', () => {
    const env = freshCache();
    ecocomp(runs[0]!, env);
    const files = allFiles(env.XDG_CACHE_HOME);
    expect(files.length).toBeGreaterThan(0);
    const damages: ((b: Buffer) => Buffer)[] = [
      (b) => Buffer.from(b.map((x, i) => (i > 40 && i % 997 === 0 ? x ^ 0x5a : x))), // bytes flipped in the body
      (b) => b.subarray(0, Math.floor(b.length / 2)), // cut short
      () => Buffer.from('not a cache'),
      () => Buffer.alloc(0),
    ];
    for (const damage of damages) {
      for (const f of allFiles(env.XDG_CACHE_HOME)) writeFileSync(f, damage(readFileSync(f)));
      runs.forEach((args, k) => expect(ecocomp(args, env)).toEqual(expected[k]));
    }
  });
});

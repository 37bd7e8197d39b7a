/**
 * `--output` at the edges: no file read in the run is ever overwritten (whatever path reaches it), a target that is
 * not a regular file is written through, a link is kept, permissions are kept, a read-only file is refused, and a
 * failed write says so in one line with its own exit code. Devices are reached only through links in a temporary
 * folder: a regression here must never replace /dev/null or /dev/full on the machine running the tests.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, linkSync, openSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { runCli } from '../helpers/cli.js';

const SAMPLE = resolve('fixtures/sample-2022-10-synthetic.csv');
const SCHEDULE = resolve('src/schedule/xuchang-2022.json');
const sample = readFileSync(SAMPLE, 'utf8');

const fresh = () => mkdtempSync(join(tmpdir(), 'ecocomp-out-'));
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** A month of daily rows for every unit of the built-in schedule, named by id. */
function dailyCsv(month: string): string {
  const ids = ['weidu', 'jian-an', 'demo-zone', 'econ-dev', 'dongcheng', 'yuzhou', 'changge', 'yanling', 'xiangcheng'];
  const rows = ['date,station,county,pm25,pm10,so2,no2,co,o3_8h'];
  for (let d = 1; d <= 31; d++) for (const id of ids) rows.push(`${month}-${String(d).padStart(2, '0')},${id}-1,${id},40,60,10,30,0.8,90`);
  return `${rows.join('\n')}\n`;
}

/** The CLI in-process with standard input read from a file, whose identity bin/ecocomp.js would pass. */
async function withStdinFrom(file: string, argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const { dev, ino } = statSync(file, { bigint: true });
  const io: CliIo = {
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
    stdinStream: async function* () {
      yield readFileSync(file);
    },
    stdinIdentity: { dev, ino },
    env: {},
    style: { lang: 'en', json: false },
    cwd,
  };
  return { code: await run(argv, io), stdout, stderr };
}

describe('no file read in the run is overwritten', () => {
  it('refuses aggregate --output naming its own --rules schedule', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'daily.csv'), dailyCsv('2023-10'));
    writeFileSync(join(dir, 'R.json'), readFileSync(SCHEDULE));
    const r = await runCli(['aggregate', 'daily.csv', '--rules', 'R.json', '--format', 'json', '--output', 'R.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output R.json is a file this run reads');
    expect(readFileSync(join(dir, 'R.json')).equals(readFileSync(SCHEDULE))).toBe(true);
  });

  it('refuses aggregate --output naming its --stations file through a hard link', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'daily.csv'), dailyCsv('2023-10'));
    writeFileSync(join(dir, 'stations.csv'), 'station,county\nweidu-1,魏都区\n');
    linkSync(join(dir, 'stations.csv'), join(dir, 'same.csv'));
    const r = await runCli(['aggregate', 'daily.csv', '--stations', 'stations.csv', '--output', 'same.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'same.csv'), 'utf8')).toBe('station,county\nweidu-1,魏都区\n');
  });

  it('refuses settle --output naming the file behind standard input', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'd.csv'), sample);
    const r = await withStdinFrom(join(dir, 'd.csv'), ['settle', '-', '--format', 'csv', '--output', 'd.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output d.csv is a file this run reads');
    expect(readFileSync(join(dir, 'd.csv'), 'utf8')).toBe(sample);
  });

  it('refuses aggregate --output naming the file behind standard input', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'daily.csv'), dailyCsv('2023-10'));
    const r = await withStdinFrom(join(dir, 'daily.csv'), ['aggregate', '-', '--output', 'daily.csv'], dir);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'daily.csv'), 'utf8')).toBe(dailyCsv('2023-10'));
  });

  it('refuses an input reached through a hard link or a symbolic link, whichever option read it', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'd.csv'), sample);
    writeFileSync(join(dir, 'targets.csv'), 'month,county,pm25_target\n2022-10,魏都区,60\n');
    linkSync(join(dir, 'd.csv'), join(dir, 'hard.csv'));
    symlinkSync(join(dir, 'targets.csv'), join(dir, 'soft.csv'));
    const byData = await runCli(['settle', 'hard.csv', '--format', 'csv', '--output', 'd.csv'], { cwd: dir });
    const byTargets = await runCli(['settle', 'd.csv', '--targets', 'targets.csv', '--format', 'json', '--output', 'soft.csv'], { cwd: dir });
    writeFileSync(join(dir, 'R.json'), readFileSync(SCHEDULE));
    const byRules = await runCli(['ledger', 'd.csv', '--rules', 'R.json', '--format', 'csv', '--output', `${dir}/./R.json`], { cwd: dir });
    expect([byData.code, byTargets.code, byRules.code]).toEqual([2, 2, 2]);
    expect(readFileSync(join(dir, 'd.csv'), 'utf8')).toBe(sample);
    expect(lstatSync(join(dir, 'soft.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'targets.csv'), 'utf8')).toBe('month,county,pm25_target\n2022-10,魏都区,60\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses through the real executable, standard input redirected from the output file', () => {
    const dir = fresh();
    const file = join(dir, 'd.csv');
    writeFileSync(file, sample);
    const r = spawnSync(process.execPath, [resolve('bin/ecocomp.js'), 'settle', '-', '--format', 'csv', '--output', file], { stdio: [openSync(file, 'r'), 'pipe', 'pipe'] });
    expect(r.status).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(sample);
  });
});

describe('what --output names', () => {
  it('writes through a symbolic link to a device instead of replacing the link', async () => {
    const dir = fresh();
    symlinkSync('/dev/null', join(dir, 'sink'));
    const r = await runCli(['settle', SAMPLE, '--format', 'csv', '--output', join(dir, 'sink')]);
    expect(r.code).toBe(0);
    expect(readlinkSync(join(dir, 'sink'))).toBe('/dev/null');
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes into a FIFO for its reader', async () => {
    const dir = fresh();
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b) => void (got += b));
    const ended = new Promise((r) => reader.once('exit', r));
    const r = await runCli(['settle', SAMPLE, '--format', 'csv', '--output', fifo]);
    if (!statSync(fifo).isFIFO()) reader.kill(); // the FIFO was replaced: its reader would wait for ever
    await ended;
    expect(r.code).toBe(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(got).toBe((await runCli(['settle', SAMPLE, '--format', 'csv'])).stdout);
  });

  it('replaces the file a symbolic link names, atomically, and keeps the link', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'real.csv'), 'old');
    symlinkSync('real.csv', join(dir, 'link.csv'));
    const r = await runCli(['settle', SAMPLE, '--format', 'csv', '--output', 'link.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readlinkSync(join(dir, 'link.csv'))).toBe('real.csv');
    expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toMatch(/^\ufeff月份,单位/);
  });

  it('creates the file a dangling symbolic link names, and keeps the link', async () => {
    const dir = fresh();
    symlinkSync('later.csv', join(dir, 'link.csv'));
    expect((await runCli(['settle', SAMPLE, '--format', 'csv', '--output', 'link.csv'], { cwd: dir })).code).toBe(0);
    expect(readlinkSync(join(dir, 'link.csv'))).toBe('later.csv');
    expect(readFileSync(join(dir, 'later.csv'), 'utf8')).toMatch(/^\ufeff月份/);
  });

  it('refuses a name in a folder that does not exist, or a folder, with exit 2', async () => {
    const dir = fresh();
    const missing = await runCli(['settle', SAMPLE, '--format', 'csv', '--output', 'no/such/out.csv'], { cwd: dir });
    const folder = await runCli(['settle', SAMPLE, '--format', 'csv', '--output', '.'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([2, `ecocomp: --output no/such/out.csv cannot be created in ${join(dir, 'no/such')}: no such folder\n`]);
    expect([folder.code, folder.stderr]).toEqual([2, 'ecocomp: --output . is a folder, not a file\n']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'out.csv'), 'old');
    chmodSync(join(dir, 'out.csv'), 0o640);
    expect((await runCli(['settle', SAMPLE, '--format', 'csv', '--output', 'out.csv'], { cwd: dir })).code).toBe(0);
    expect(statSync(join(dir, 'out.csv')).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).not.toBe('old');
  });

  it('refuses a read-only file, as the shell\'s > does, and leaves it unchanged', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'out.csv'), 'kept');
    chmodSync(join(dir, 'out.csv'), 0o444);
    const r = await runCli(['settle', SAMPLE, '--format', 'csv', '--output', 'out.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output out.csv is read-only');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('kept');
  });

  it('writes a name of 250 bytes (the temporary name is short)', async () => {
    const dir = fresh();
    const name = `${'a'.repeat(246)}.csv`;
    const r = await runCli(['settle', SAMPLE, '--format', 'csv', '--output', name], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(readFileSync(join(dir, name), 'utf8')).toMatch(/^\ufeff月份/);
  });

  it('refuses a name longer than the file system allows, with exit 2 and no internal error', async () => {
    const r = await runCli(['settle', SAMPLE, '--format', 'csv', '--output', `${'a'.repeat(300)}.csv`], { cwd: fresh() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name too long');
  });

  it('reports a full disk in one line with exit 4, leaving no temporary file', async () => {
    const dir = fresh();
    symlinkSync('/dev/full', join(dir, 'full'));
    const r = await runCli(['settle', SAMPLE, '--format', 'csv', '--output', join(dir, 'full')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`ecocomp: cannot write the output to ${join(dir, 'full')}: no space left on device\n`);
    expect(readlinkSync(join(dir, 'full'))).toBe('/dev/full');
  });
});

describe('--output whose name says another format (decision 77)', () => {
  it('is refused before anything is read, naming the extension the format writes', async () => {
    const dir = fresh();
    const cases: [string[], string][] = [
      [['settle', 'data.csv', '--format', 'xlsx', '--output', 'out.csv'], '--output out.csv: a .csv name, but --format xlsx writes a .xlsx file: name it out.xlsx, or give --format csv'],
      [['settle', 'data.csv', '--output', 'out.csv'], '--output out.csv: a .csv name, but --format table writes text: name it out.txt, or give --format csv'],
      [['ledger', 'data.csv', '--format', 'json', '--output', 'out.HTML'], '--output out.HTML: a .html name, but --format json writes a .json file: name it out.json, or give --format html'],
      [['settle', 'data.csv', '--format', 'xlsx', '--output', 'out.xls'], '--output out.xls: a .xls name, but --format xlsx writes a .xlsx file: name it out.xlsx'],
      [['explain', 'data.csv', '--county', '魏都区', '--output', 'out.json'], '--output out.json: a .json name, but --format text writes text: name it out.txt, or give --format json'],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv, { cwd: dir }); // data.csv does not exist: the name is refused first
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `ecocomp: ${message}\n`]);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('accepts the format’s own extension in any case, .htm, .txt, and names that say nothing', async () => {
    const dir = fresh();
    for (const [format, name] of [['xlsx', 'a.XLSX'], ['html', 'b.htm'], ['table', 'c.txt'], ['csv', 'd.out'], ['json', 'noextension']]) {
      const r = await runCli(['settle', SAMPLE, '--format', format!, '--output', name!], { cwd: dir });
      expect([name, r.code, r.stderr]).toEqual([name, 0, '']);
    }
  });
});

/**
 * The notice the bureau publishes and the letters it sends (第七条), through `ecocomp settle`: publication details
 * as options or a settings file, 草稿 placeholders where they are missing, the digests only in the appendix, no
 * internal id or local folder on the page, and one letter per unit whose amounts are the settlement's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { SPEC_EXAMPLE_AMOUNTS } from '../helpers/expected.js';

const SAMPLE = resolve('fixtures/sample-2022-10-synthetic.csv');
const DETAILS = ['--issuer', '许昌市生态环境局', '--date', '2022-11-05', '--doc-no', '许环〔2022〕88号', '--title', '关于2022年10月全市城市环境空气质量生态补偿核算结果的通报'];
const HEX64 = /[0-9a-f]{64}/;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecocomp-notice-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function settle(args: string[]): Promise<string> {
  const r = await runCli(['settle', SAMPLE, ...args]);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe('publication details', () => {
  it.each(['html', 'md'])('--format %s: each option appears on the page, and the page is not a draft', async (format) => {
    const page = await settle(['--format', format, ...DETAILS]);
    expect(page).toContain('许昌市生态环境局');
    expect(page).toContain('许环〔2022〕88号');
    expect(page).toContain('2022年11月5日');
    expect(page).toContain('关于2022年10月全市城市环境空气质量生态补偿核算结果的通报');
    expect(page).not.toContain('草稿');
  });

  it('the given title is the HTML page title and its heading; without it the title is made from the city and month', async () => {
    expect(await settle(['--format', 'html', ...DETAILS])).toContain('<title>关于2022年10月全市城市环境空气质量生态补偿核算结果的通报</title>');
    expect(await settle(['--format', 'html'])).toContain('<h1>许昌市2022年10月城市环境空气质量生态补偿核算结果</h1>');
  });

  it.each(['html', 'md'])('--format %s: a detail not given is a visible 草稿 placeholder, and the page says it is a draft', async (format) => {
    const page = await settle(['--format', format, '--issuer', '许昌市生态环境局']);
    expect(page).toContain('草稿：未填写文号、成文日期（--doc-no、--date），本页不可作为正式通报发布。');
    expect(page).toContain('〔草稿：文号待填写〕');
    expect(page).toContain('〔草稿：成文日期待填写〕');
    expect(page).not.toContain('〔草稿：发布机关待填写〕');
    const none = await settle(['--format', format]);
    for (const words of ['发布机关', '文号', '成文日期']) expect(none).toContain(`〔草稿：${words}待填写〕`);
  });

  it('a notice settings file gives the same details; an option wins over the file', async () => {
    const file = join(dir, '通报设置.json');
    writeFileSync(file, JSON.stringify({ issuer: '许昌市生态环境局', date: '2022-11-05', docNo: '许环〔2022〕88号', appendix: true }));
    const page = await settle(['--format', 'html', '--notice-settings', file, '--doc-no', '许环〔2022〕99号']);
    expect(page).toContain('许昌市生态环境局');
    expect(page).toContain('2022年11月5日');
    expect(page).toContain('许环〔2022〕99号');
    expect(page).not.toContain('许环〔2022〕88号');
    expect(page).toMatch(HEX64); // appendix: true
    expect(page).not.toContain('草稿');
  });

  it('the settings file is an input: --output may not replace it', async () => {
    // Named without .json: `--output notice.json` with --format html is refused for its name first (decision 77).
    const file = join(dir, 'notice-settings');
    writeFileSync(file, '{ "issuer": "许昌市生态环境局" }');
    const r = await runCli(['settle', SAMPLE, '--format', 'html', '--notice-settings', file, '--output', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file this run reads; refusing to overwrite an input');
    expect(readFileSync(file, 'utf8')).toBe('{ "issuer": "许昌市生态环境局" }');
  });

  it('a faulty settings file is refused like any input: file, key path, what is wrong; nothing is written', async () => {
    const file = join(dir, 'notice.json');
    writeFileSync(file, '{ "issuer": "", "date": "2022-02-30", "docNo": 88, "titel": "x" }');
    const out = join(dir, 'notice.html');
    const r = await runCli(['settle', SAMPLE, '--format', 'html', '--notice-settings', file, '--output', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: issuer: the issuing authority may not be empty`);
    expect(r.stderr).toContain(`${file}: date: "2022-02-30" is not a day of the calendar`);
    expect(r.stderr).toContain(`${file}: docNo: the document number, as text`);
    expect(r.stderr).toContain(`${file}: (top level): unknown key "titel"`);
    expect(existsSync(out)).toBe(false);
  });

  it('a settings file that is not JSON, or gives a key twice, is refused with line and column', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "issuer": "许昌市生态环境局",\n}\n');
    const r = await runCli(['settle', SAMPLE, '--format', 'md', '--notice-settings', broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: not valid JSON`));
    const twice = join(dir, 'twice.json');
    writeFileSync(twice, '{\n  "issuer": "甲",\n  "issuer": "乙"\n}\n');
    const t = await runCli(['settle', SAMPLE, '--format', 'md', '--notice-settings', twice]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain(`${twice}:3:3: issuer: this key is given twice in one object (first at line 2, column 3)`);
  });

  it('--date must be a real calendar day, written YYYY-MM-DD', async () => {
    for (const [date, why] of [
      ['2022-02-29', '"2022-02-29" is not a day of the calendar'],
      ['2022-13-01', '"2022-13-01" is not a day of the calendar'],
      ['2022/11/5', '"2022/11/5" is not a date written YYYY-MM-DD (e.g. 2022-11-05)'],
    ] as const) {
      const r = await runCli(['settle', SAMPLE, '--format', 'html', '--date', date]);
      expect([r.code, r.stderr]).toEqual([2, `ecocomp: 1 problem found; no output was written.\n--date: ${why}\n`]);
    }
    expect(await settle(['--format', 'html', '--date', '2024-02-29'])).toContain('2024年2月29日');
    // A notice of October 2022 dated before October has ended would report what was not yet known.
    const early = await runCli(['settle', SAMPLE, '--format', 'html', '--date', '2022-10-31']);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('--date 2022-10-31 is not after the end of 2022-10 (2022-10-31)');
    expect(await settle(['--format', 'html', '--date', '2022-11-01'])).toContain('2022年11月1日');
  });

  it('is refused with a format that is not a notice, and --per-unit needs html and a folder', async () => {
    const table = await runCli(['settle', SAMPLE, '--issuer', '许昌市生态环境局', '--appendix']);
    expect([table.code, table.stdout]).toEqual([2, '']);
    expect(table.stderr).toContain('--issuer, --appendix: publication details of the notice; use them with --format html or --format md');
    const md = await runCli(['settle', SAMPLE, '--format', 'md', '--per-unit', '--output', join(dir, 'letters')]);
    expect(md.stderr).toContain('--per-unit writes a letter to each unit as HTML: use it with --format html');
    const stdout = await runCli(['settle', SAMPLE, '--format', 'html', '--per-unit']);
    expect([stdout.code, stdout.stdout]).toEqual([2, '']);
    expect(stdout.stderr).toContain('--per-unit writes one file per unit and month: give --output FOLDER');
  });
});

describe('what the published page never shows', () => {
  /** The inputs in a folder of this machine, with a target and a provincial result, as an analyst keeps them. */
  function inputs(): string[] {
    const targets = join(dir, 'targets.csv');
    writeFileSync(targets, 'month,county,pm25_target,pm10_target,good_days_target\n2022-10,魏都区,44,,22\n');
    const province = join(dir, 'province.csv');
    writeFileSync(province, 'month,province_result\n2022-10,得补\n');
    return ['--targets', targets, '--province', province];
  }

  it.each(['html', 'md'])('--format %s: no internal schedule id, no "built-in", no local folder — even with the appendix', async (format) => {
    const page = await settle(['--format', format, ...inputs(), '--appendix']);
    expect(page).not.toContain('xuchang-2022');
    expect(page).not.toMatch(/built-in/i);
    expect(page).not.toContain(dir);
    expect(page).not.toContain(resolve('fixtures'));
    expect(page).toContain('《许昌市城市环境空气质量生态补偿办法（修订）》（许政办〔2022〕39号）');
    // The files by name alone, and the built-in schedule by its title and document.
    for (const name of ['sample-2022-10-synthetic.csv', 'targets.csv', 'province.csv']) expect(page).toContain(name);
    expect(page).toContain('《许昌市城市环境空气质量生态补偿办法（修订）》（许政办〔2022〕39号）内置规则');
  });

  it.each(['html', 'md'])('--format %s: the provincial result by its verdict, not by the option or file it came from', async (format) => {
    const payout = await settle(['--format', format, '--province-payout', '2022-10']);
    expect(payout).toContain('省级核算结果：支偿——本月各单位奖励资金均取消（第五条）');
    expect(payout).not.toContain('--province-payout');
    const page = await settle(['--format', format, ...inputs()]);
    expect(page).toContain('省级核算结果：得补');
    expect(page).not.toContain('province.csv');
  });

  it.each(['html', 'md'])('--format %s: the digests and the generator only with --appendix', async (format) => {
    const without = await settle(['--format', format, ...inputs()]);
    expect(without).not.toMatch(HEX64);
    expect(without).not.toContain('附件');
    expect(without).not.toContain('由 ecocomp');
    const withIt = await settle(['--format', format, ...inputs(), '--appendix']);
    expect(withIt).toContain('附件：输入文件与规则的 SHA-256');
    expect(withIt.match(new RegExp(HEX64, 'g'))).toHaveLength(4); // data, targets, province, schedule
    expect(withIt).toMatch(/由 ecocomp \d+\.\d+\.\d+ 生成。/);
  });

  it('--format md is in Chinese throughout: no English word but the names of pollutants', async () => {
    const md = await settle(['--format', 'md', ...inputs()]);
    const latin = md.replace(/PM2\.5|PM10/g, '').match(/[A-Za-z]{2,}/g) ?? [];
    expect(latin).toEqual(['issuer', 'doc', 'no', 'date']); // the options the draft banner names
    const done = await settle(['--format', 'md', ...inputs(), ...DETAILS]);
    expect(done.replace(/PM2\.5|PM10/g, '').match(/[A-Za-z]{2,}/g)).toBeNull();
  });
});

describe('--per-unit: a letter to each unit (第七条)', () => {
  interface LetterRow {
    factor: string;
    amount: string;
    clause: string;
    reason: string;
  }
  /** The factor rows and the three totals of a letter, read from its table. */
  function readLetter(html: string): { rows: LetterRow[]; totals: string[] } {
    const rows = [...html.matchAll(/<tr data-factor="(\w+)">(.*?)<\/tr>/g)].map(([, factor, cells]) => {
      const td = [...cells!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!);
      return { factor: factor!, amount: td[3]!, clause: td[4]!, reason: td[5]! };
    });
    const totals = [...html.matchAll(/<tr class="total[^"]*"><td colspan="3">[^<]*<\/td><td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
    return { rows, totals };
  }

  it('writes one file per unit, named by month and unit; each letter holds its unit’s amounts and clauses', async () => {
    const folder = join(dir, 'letters');
    const r = await runCli(['settle', SAMPLE, '--format', 'html', '--per-unit', '--output', folder, ...DETAILS]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    const files = readdirSync(folder).sort();
    expect(files).toEqual(Object.keys(SPEC_EXAMPLE_AMOUNTS).map((u) => `2022-10-${u}.html`).sort());
    const sign = (x: string) => (x.startsWith('-') || x === '0' ? x : `+${x}`);
    for (const [unit, amounts] of Object.entries(SPEC_EXAMPLE_AMOUNTS)) {
      const html = readFileSync(join(folder, `2022-10-${unit}.html`), 'utf8');
      expect(html).toContain(`<p class="addressee">${unit}：</p>`);
      const { rows, totals } = readLetter(html);
      expect(rows.map((x) => x.amount)).toEqual(amounts.slice(0, 5).map(sign));
      expect(totals[2]).toBe(sign(amounts[5]));
      expect(rows.every((x) => /^第四条（[一二三四五]）/.test(x.clause) && x.reason === '')).toBe(true);
      for (const other of Object.keys(SPEC_EXAMPLE_AMOUNTS).filter((u) => u !== unit && !u.includes(unit) && !unit.includes(u))) expect(html).not.toContain(other);
      expect(html).toContain('许环〔2022〕88号');
      expect(html).not.toContain('xuchang-2022');
    }
    // 建安区 by hand (第四条): 49 vs 47 μg → 2 × 10 = 20 deducted; 2.0 % vs 7.8 % → 3 × 15 + 2.8 × 35 = 143;
    // 84 vs 81 μg → 3 × 5 = 15; 4.5 % vs 5.8 % → 1.3 × 10 = 13; 17 vs 18 days → 20: 211 deducted, no reward.
    const jianan = readLetter(readFileSync(join(folder, '2022-10-建安区.html'), 'utf8'));
    expect(jianan.rows.map((x) => [x.factor, x.amount, x.clause])).toEqual([
      ['pm25', '-20', '第四条（一）1'],
      ['pm25Rate', '-143', '第四条（二）1'],
      ['pm10', '-15', '第四条（三）1'],
      ['pm10Rate', '-13', '第四条（四）1'],
      ['goodDays', '-20', '第四条（五）'],
    ]);
    expect(jianan.totals).toEqual(['211', '0', '-211']); // 扣款合计 and 奖励合计 as amounts, the net signed
  });

  it('a reward cancelled by a missed target (第五条) is shown as 0 with its reason, and the net drops by it', async () => {
    // 魏都区: PM2.5 45 μg against a target of 44 (missed: its +20 reward of 第四条（一）2 goes) and 20 good days
    // against a target of 22 (missed: its +40 of 第四条（五） goes). Rewards 238.5 − 20 − 40 = 178.5, no deductions.
    const targets = join(dir, 'targets.csv');
    writeFileSync(targets, 'month,county,pm25_target,pm10_target,good_days_target\n2022-10,魏都区,44,,22\n');
    const folder = join(dir, 'letters');
    const r = await runCli(['settle', SAMPLE, '--targets', targets, '--format', 'html', '--per-unit', '--output', folder]);
    expect(r.code).toBe(0);
    const weidu = readLetter(readFileSync(join(folder, '2022-10-魏都区.html'), 'utf8'));
    expect(weidu.rows.map((x) => [x.factor, x.amount, x.reason])).toEqual([
      ['pm25', '0*', '未完成当月PM2.5目标（实际 45，目标 44），奖励 +20 取消（第五条）'],
      ['pm25Rate', '+139.5', ''],
      ['pm10', '+15', ''],
      ['pm10Rate', '+24', ''],
      ['goodDays', '0*', '未完成当月优良天数目标（实际 20 天，目标 22 天），奖励 +40 取消（第五条）'],
    ]);
    expect(weidu.totals).toEqual(['0', '178.5', '+178.5']);
  });

  it('a month the province settled as 支偿 cancels every reward, and each letter says why', async () => {
    const folder = join(dir, 'letters');
    const r = await runCli(['settle', SAMPLE, '--province-payout', '2022-10', '--format', 'html', '--per-unit', '--output', folder]);
    expect(r.code).toBe(0);
    const yanling = readLetter(readFileSync(join(folder, '2022-10-鄢陵县.html'), 'utf8'));
    // 鄢陵县 (SPEC.md §8): +20, −22.5, +45, +13, +40; under 支偿 only the −22.5 stands.
    expect(yanling.rows.map((x) => x.amount)).toEqual(['0*', '-22.5', '0*', '0*', '0*']);
    expect(yanling.rows[2]!.reason).toBe('省级核算为支偿，奖励 +45 不予核算（第五条）');
    expect(yanling.totals).toEqual(['22.5', '0', '-22.5']);
    expect(readFileSync(join(folder, '2022-10-鄢陵县.html'), 'utf8')).toContain('省级核算结果：支偿——本月各单位奖励资金均取消（第五条）。');
  });

  it('never replaces a file the run reads, and writes nothing when refused', async () => {
    const folder = join(dir, 'letters');
    mkdirSync(folder);
    const targets = join(folder, '2022-10-魏都区.html');
    writeFileSync(targets, 'month,county,pm25_target,pm10_target,good_days_target\n');
    const r = await runCli(['settle', SAMPLE, '--targets', targets, '--format', 'html', '--per-unit', '--output', folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file this run reads; refusing to overwrite an input');
    expect(readdirSync(folder)).toEqual(['2022-10-魏都区.html']);
    expect(readFileSync(targets, 'utf8')).toBe('month,county,pm25_target,pm10_target,good_days_target\n');
  });

  it('names a letter by the unit’s id when its name could not be a file name, and escapes the name in the page', async () => {
    const raw = { ...JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8')), id: 'variant' }; // a changed copy has an id of its own
    raw.units[0].name = '<b>魏都/区</b>';
    const rules = join(dir, 'renamed.json');
    writeFileSync(rules, JSON.stringify(raw));
    const data = join(dir, 'data.csv');
    writeFileSync(data, readFileSync(SAMPLE, 'utf8').replace(/魏都区/g, '魏都'));
    const folder = join(dir, 'letters');
    const r = await runCli(['settle', data, '--rules', rules, '--format', 'html', '--per-unit', '--output', folder]);
    expect(r.code).toBe(0);
    expect(readdirSync(folder)).toContain('2022-10-weidu.html');
    const html = readFileSync(join(folder, '2022-10-weidu.html'), 'utf8');
    expect(html).toContain('<p class="addressee">&lt;b&gt;魏都/区&lt;/b&gt;：</p>');
    expect(html).not.toContain('<b>');
    // A schedule from a file is named by its file name alone in the appendix, never by its folder.
    const withAppendix = await runCli(['settle', data, '--rules', rules, '--format', 'html', '--appendix']);
    expect(withAppendix.stdout).toContain('<td>规则</td><td>renamed.json</td>');
    expect(withAppendix.stdout).not.toContain(dir);
  });

  it('--output must be a folder (created when its parent exists), not a file', async () => {
    const file = join(dir, 'notice.html');
    copyFileSync(SAMPLE, file);
    const r = await runCli(['settle', SAMPLE, '--format', 'html', '--per-unit', '--output', file]);
    expect([r.code, r.stderr]).toEqual([2, `ecocomp: --output ${file} is a file: --per-unit writes one file per unit into a folder\n`]);
    const deep = await runCli(['settle', SAMPLE, '--format', 'html', '--per-unit', '--output', join(dir, 'no', 'such')]);
    expect(deep.code).toBe(2);
    expect(deep.stderr).toContain('cannot be created: no such folder');
  });
});

describe('the README', () => {
  it('shows the Markdown notice as the command gives it (every line of its excerpt but the elided ones)', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const from = readme.indexOf('`--format md` gives the same notice in Markdown');
    const block = /```\n([\s\S]*?)```/.exec(readme.slice(from))![1]!;
    const md = await settle(['--format', 'md', '--issuer', '许昌市生态环境局', '--doc-no', '许环〔2022〕88号', '--date', '2022-11-05', '--appendix']);
    const lines = new Set(md.split('\n'));
    const shown = block.split('\n').filter((l) => l !== '' && !l.includes('…'));
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.filter((l) => !lines.has(l))).toEqual([]);
  });

  it('shows the letter to 魏都区 with the sentences and reasons the command writes', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const from = readme.indexOf('its letter reads (the table as text)');
    const block = /```\n([\s\S]*?)```/.exec(readme.slice(from))![1]!;
    const targets = join(dir, 'targets.csv');
    writeFileSync(targets, 'month,county,pm25_target,pm10_target,good_days_target\n2022-10,魏都区,44,,22\n');
    const folder = join(dir, '通报');
    expect((await runCli(['settle', SAMPLE, '--targets', targets, '--format', 'html', '--per-unit', '--output', folder])).code).toBe(0);
    const text = readFileSync(join(folder, '2022-10-魏都区.html'), 'utf8').replace(/<[^>]+>/g, ' ');
    const sentences = block.match(/[^\s][^\n]*?[。：]|未完成当月[^）]+）[^）]+）/g)!;
    expect(sentences.length).toBeGreaterThanOrEqual(6);
    for (const sentence of sentences) expect(text).toContain(sentence.trim());
  });
});

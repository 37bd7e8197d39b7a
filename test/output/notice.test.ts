/**
 * The monthly notice (HTML and Markdown), the letters to each unit and the workbook, for the SPEC.md §8 example.
 * The notice and a letter are rendered in headless Chromium (Debian's chromium; .ci/run installs it): no console
 * errors, no network, the chart and every unit's row present, A4 in print. UPDATE_DOCS=1 refreshes
 * docs/notice-2022-10.png and docs/letter-2022-10.png; every run leaves its screenshots in a temporary folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { SPEC_EXAMPLE_AMOUNTS } from '../helpers/expected.js';

const SAMPLE = 'fixtures/sample-2022-10-synthetic.csv';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-notice-'));
const DETAILS = ['--issuer', '许昌市生态环境局', '--date', '2022-11-05', '--doc-no', '许环〔2022〕88号'];

async function settleTo(format: string, extra: string[] = []): Promise<string> {
  const out = join(dir, `notice-${format}-${extra.join('_').replace(/\W/g, '')}.${format}`);
  const r = await runCli(['settle', SAMPLE, '--format', format, '--output', out, ...extra]);
  if (r.code !== 0) throw new Error(r.stderr);
  return out;
}

describe('the HTML notice in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium fonts-wqy-microhei (as .ci/run does), or set CHROMIUM_PATH`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  /** A page that records console errors and every request it makes. */
  async function open(file: string, viewport = { width: 1400, height: 1000 }) {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${resolve(file)}`);
    return { page, errors, requests };
  }
  const pdfPages = (pdf: string) => (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;

  it('renders the chart and all nine units without console errors or network requests', async () => {
    const file = await settleTo('html', [...DETAILS, '--appendix']);
    const { page, errors, requests } = await open(file);

    expect(await page.title()).toBe('许昌市2022年10月城市环境空气质量生态补偿核算结果');
    const rows = await page.$$eval('table.units tbody tr[data-unit]', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toHaveLength(9);
    // Ranked by net, and every amount of §8 as text in its row.
    const byName = Object.fromEntries(rows.map((cells) => [cells[1], cells]));
    for (const [name, amounts] of Object.entries(SPEC_EXAMPLE_AMOUNTS)) {
      const cells = byName[name]!;
      const sign = (x: string) => (x.startsWith('-') || x === '0' ? x : `+${x}`);
      expect([cells[5], cells[8], cells[11], cells[14], cells[17], cells[20]]).toEqual(amounts.map(sign));
    }
    // Decision 73: 扣款 and 奖励 are positive magnitudes, 净额 is signed. 建安区 is deducted 20+143+15+13+20 = 211.
    expect(byName['建安区']!.slice(18)).toEqual(['211', '0', '-211']);
    // 魏都区 is rewarded 20+139.5+15+24+40 = 238.5.
    expect(byName['魏都区']!.slice(18)).toEqual(['0', '238.5', '+238.5']);
    const totalRow = await page.$eval('table.units tr.total', (tr) => [...tr.querySelectorAll('td')].slice(-3).map((td) => td.textContent));
    expect(totalRow).toEqual(['903', '757', '-146']);
    expect(rows.map((r) => r[1])).toEqual(['魏都区', '城乡一体化示范区', '鄢陵县', '东城区', '禹州市', '长葛市', '襄城县', '建安区', '经济技术开发区']);

    const bars = await page.$$eval('figure.chart svg g.bar', (gs) => gs.map((g) => [g.getAttribute('data-unit'), g.querySelector('text:last-of-type')?.textContent]));
    expect(bars).toHaveLength(9);
    expect(bars).toContainEqual(['weidu', '+238.5 万元']);
    expect(bars).toContainEqual(['econ-dev', '-287 万元']);
    const bounds = await page.$eval('figure.chart svg', (svg) => svg.getBoundingClientRect().height);
    expect(bounds).toBeGreaterThan(200);
    expect(await page.textContent('p.fund')).toBe('全市扣款 903 万元，奖励 757 万元；结余 146 万元纳入全市环境污染防治专项资金（第八条）');
    expect(await page.textContent('header.masthead .issuer')).toBe('许昌市生态环境局');
    expect(await page.textContent('header.masthead .doc-no')).toBe('许环〔2022〕88号');
    expect(await page.textContent('.signoff')).toBe('许昌市生态环境局2022年11月5日');
    expect(await page.$$('.draft, .placeholder')).toHaveLength(0);
    expect(await page.textContent('aside.appendix')).toMatch(/[0-9a-f]{64}/);

    const png = await page.screenshot({ fullPage: true });
    expect(png.length).toBeGreaterThan(20_000);
    writeFileSync(join(dir, 'notice.png'), png);
    if (process.env.UPDATE_DOCS) writeFileSync('docs/notice-2022-10.png', png);

    // Print: A4 landscape (297 × 210 mm = 842 × 595 pt), the table on one page, the chart and sign-off kept whole
    // on the next, the appendix on a page of its own.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 841\.9\d* 59[45]\.\d+\s*\]/);
    expect(pdfPages(pdf)).toBeLessThanOrEqual(3);
    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:') || u.startsWith('data:'))).toBe(true);
    await page.close();
  }, 60_000);

  it('a draft says so at the top, and shows each missing detail as a placeholder', async () => {
    const { page, errors } = await open(await settleTo('html'));
    const banner = await page.$eval('.draft', (e) => [e.textContent, e.getBoundingClientRect().height] as const);
    expect(banner[0]).toBe('草稿：未填写发布机关、文号、成文日期（--issuer、--doc-no、--date），本页不可作为正式通报发布。');
    expect(banner[1]).toBeGreaterThan(10);
    expect(await page.isVisible('.draft')).toBe(true);
    const placeholders = await page.$$eval('.placeholder', (es) => es.map((e) => [e.getAttribute('data-placeholder'), e.textContent]));
    expect(placeholders).toEqual([
      ['issuer', '〔草稿：发布机关待填写〕'],
      ['docNo', '〔草稿：文号待填写〕'],
      ['issuer', '〔草稿：发布机关待填写〕'],
      ['date', '〔草稿：成文日期待填写〕'],
    ]);
    expect(await page.$$('aside.appendix')).toHaveLength(0);
    writeFileSync(join(dir, 'draft.png'), await page.screenshot({ fullPage: true }));
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('renders a letter to one unit on one A4 portrait page, with its cancelled reward explained', async () => {
    const targets = join(dir, 'targets.csv');
    writeFileSync(targets, 'month,county,pm25_target,pm10_target,good_days_target\n2022-10,魏都区,44,,22\n');
    const folder = join(dir, 'letters');
    const r = await runCli(['settle', SAMPLE, '--targets', targets, '--format', 'html', '--per-unit', '--output', folder, ...DETAILS]);
    expect(r.code).toBe(0);
    const { page, errors, requests } = await open(join(folder, '2022-10-魏都区.html'), { width: 800, height: 1100 });
    expect(await page.title()).toBe('许昌市2022年10月城市环境空气质量生态补偿核算结果（魏都区）');
    const rows = await page.$$eval('table.letter tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows[0]).toEqual(['PM2.5月均浓度', '45', '47', '0*', '第四条（一）2', '未完成当月PM2.5目标（实际 45，目标 44），奖励 +20 取消（第五条）']);
    expect(rows.slice(-3)).toEqual([
      ['扣款合计', '0', ''],
      ['奖励合计', '178.5', ''],
      ['净额', '+178.5', ''],
    ]);
    // Nothing runs past the page's width (a wide table would be cut off in print).
    expect(await page.$eval('table.letter', (t) => t.scrollWidth <= t.clientWidth + 1)).toBe(true);
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(join(dir, 'letter.png'), png);
    if (process.env.UPDATE_DOCS) writeFileSync('docs/letter-2022-10.png', png);
    // Print: A4 portrait (595 × 842 pt), one page.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 59[45]\.\d+ 841\.9\d*\s*\]/);
    expect(pdfPages(pdf)).toBe(1);
    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:') || u.startsWith('data:'))).toBe(true);
    await page.close();
  }, 60_000);

  it('names the province payout and the cancelled rewards in words', async () => {
    const html = readFileSync(await settleTo('html', ['--province-payout', '2022-10']), 'utf8');
    expect(html).toContain('省级核算为支偿，本月 22 项奖励共 757 万元不予核算');
    expect(html).toContain('结余 903 万元纳入全市环境污染防治专项资金');
  });

  it('escapes text from a schedule file', async () => {
    const raw = { ...JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8')), id: 'variant' }; // a changed copy has an id of its own
    raw.units[0].name = '<script>alert(1)</script>';
    writeFileSync(join(dir, 'evil.json'), JSON.stringify(raw));
    const r = await runCli(['settle', SAMPLE.replace('魏都区', 'weidu'), '--rules', join(dir, 'evil.json'), '--format', 'html'], {});
    // The sample names 魏都区, which the evil schedule no longer knows: use its alias.
    const data = readFileSync(SAMPLE, 'utf8').replace(/魏都区/g, '魏都');
    writeFileSync(join(dir, 'data.csv'), data);
    const ok = await runCli(['settle', join(dir, 'data.csv'), '--rules', join(dir, 'evil.json'), '--format', 'html']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toContain('<script>');
    expect(ok.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.code).toBe(2);
  });
});

describe('the Markdown notice', () => {
  it('is made of valid tables: every row has the columns of its header and separator', async () => {
    const md = readFileSync(await settleTo('md', ['--appendix']), 'utf8');
    const lines = md.split('\n');
    const tables: string[][] = [];
    let current: string[] | null = null;
    for (const l of lines) {
      if (l.startsWith('|')) (current ??= []).push(l);
      else if (current) [tables.push(current), (current = null)];
    }
    expect(tables).toHaveLength(3); // baselines, units, sources (the appendix)
    const cells = (row: string) => row.slice(1, -1).split(/(?<!\\)\|/).length;
    for (const t of tables) {
      expect(t[1]).toMatch(/^\|( :?---+:? \|)+$/);
      expect(new Set(t.map(cells)).size).toBe(1);
    }
    expect(tables[1]).toHaveLength(2 + 9 + 1);
    expect(md).toContain('| 1 | 魏都区 | 中心城区组 | 45 | 47 | +20 | 13.5 | 7.8 | +139.5 |');
    // Decision 73: 扣款 and 奖励 as positive magnitudes, 净额 signed (建安区: 20+143+15+13+20 = 211 deducted).
    expect(md).toMatch(/\| 建安区 \|[^\n]* \| -20 \| 211 \| 0 \| -211 \|\n/);
    expect(md).toContain('| 全市合计 |');
    expect(md).toMatch(/\| 全市合计 \|[^\n]* \| 903 \| 757 \| -146 \|\n/);
    expect(md).toContain('全市扣款 903 万元，奖励 757 万元；结余 146 万元纳入全市环境污染防治专项资金（第八条）');
  });
});

describe('the workbook', () => {
  it('holds the JSON amounts cell by cell, as numbers, with the totals, baselines and inputs', async () => {
    const file = await settleTo('xlsx');
    const json = JSON.parse((await runCli(['settle', SAMPLE, '--format', 'json'])).stdout).months[0];
    const { default: ExcelJS } = (await import('exceljs')) as unknown as { default: typeof import('exceljs') };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2022-10', '输入', '来源']);
    const ws = wb.getWorksheet('2022-10')!;
    expect(ws.getCell('A1').value).toBe('许昌市2022年10月城市环境空气质量生态补偿核算结果');
    const header = (ws.getRow(5).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['单位', '单位编号', '组别', 'PM2.5月均浓度实际', 'PM2.5月均浓度基数', 'PM2.5月均浓度金额（万元）']);
    json.counties.forEach((c: { county: string; factors: { value: string; baseline: string; amount: string }[]; deductions: string; rewards: string; net: string }, i: number) => {
      const row = ws.getRow(6 + i);
      expect(row.getCell(1).value).toBe(c.county);
      c.factors.forEach((f, k) => {
        for (const [j, v] of [f.value, f.baseline, f.amount].entries()) {
          const cell = row.getCell(4 + k * 3 + j);
          expect(typeof cell.value).toBe('number');
          expect(String(cell.value)).toBe(v);
        }
      });
      expect(String(row.getCell(19).value)).toBe(c.deductions);
      expect(String(row.getCell(20).value)).toBe(c.rewards);
      expect(String(row.getCell(21).value)).toBe(c.net);
      expect(row.getCell(21).numFmt).toBe('0.0;-0.0;0.0');
    });
    const totals = ws.getRow(15);
    expect([totals.getCell(1).value, totals.getCell(19).value, totals.getCell(20).value, totals.getCell(21).value]).toEqual(['全市合计', 903, 757, -146]);
    const inputs = wb.getWorksheet('输入')!;
    expect((inputs.getRow(2).values as unknown[]).slice(1, 8)).toEqual(['2022-10', '魏都区', 'weidu', 45, 78, 52, 85]);
  });

  it('stores text from input as text, never as a formula', async () => {
    const raw = { ...JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8')), id: 'variant' }; // a changed copy has an id of its own
    raw.units[1].name = '=HYPERLINK("http://example.invalid","x")';
    writeFileSync(join(dir, 'formula.json'), JSON.stringify(raw));
    const out = join(dir, 'formula.xlsx');
    const r = await runCli(['settle', SAMPLE.replace('x', 'x'), '--rules', join(dir, 'formula.json'), '--format', 'xlsx', '--output', out]);
    const data = readFileSync(SAMPLE, 'utf8').replace(/建安区/g, '建安');
    writeFileSync(join(dir, 'd2.csv'), data);
    const ok = await runCli(['settle', join(dir, 'd2.csv'), '--rules', join(dir, 'formula.json'), '--format', 'xlsx', '--output', out]);
    expect([r.code, ok.code]).toEqual([2, 0]);
    const xml = readFileSync(out).toString('latin1');
    expect(xml).not.toContain('<f>');
    const { default: ExcelJS } = (await import('exceljs')) as unknown as { default: typeof import('exceljs') };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('2022-10')!.getRow(7).getCell(1).value).toBe('=HYPERLINK("http://example.invalid","x")');
  });

  it('needs --output', async () => {
    const r = await runCli(['settle', SAMPLE, '--format', 'xlsx']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('--format xlsx writes a workbook: give --output FILE.xlsx');
  });
});

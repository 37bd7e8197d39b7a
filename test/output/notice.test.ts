/**
 * The monthly notice (HTML and Markdown) and the workbook, for the SPEC.md §8 example. The HTML is rendered
 * in headless Chromium (Debian's chromium; .ci/run installs it): no console errors, no network, the chart and
 * every unit's row present, one A4 page in print. UPDATE_DOCS=1 refreshes docs/notice-2022-10.png.
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

  it('renders the chart and all nine units without console errors or network requests', async () => {
    const file = await settleTo('html');
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${resolve(file)}`);

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
    expect(await page.textContent('footer')).toMatch(/[0-9a-f]{64}/);

    const png = await page.screenshot({ fullPage: true });
    expect(png.length).toBeGreaterThan(20_000);
    writeFileSync(join(dir, 'notice.png'), png);
    if (process.env.UPDATE_DOCS) writeFileSync('docs/notice-2022-10.png', png);

    // Print: A4 landscape (297 × 210 mm = 842 × 595 pt), the table on one page, the chart kept whole on the next.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 841\.9\d* 59[45]\.\d+\s*\]/);
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeLessThanOrEqual(2);
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
    const raw = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
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
    const md = readFileSync(await settleTo('md'), 'utf8');
    const lines = md.split('\n');
    const tables: string[][] = [];
    let current: string[] | null = null;
    for (const l of lines) {
      if (l.startsWith('|')) (current ??= []).push(l);
      else if (current) [tables.push(current), (current = null)];
    }
    expect(tables).toHaveLength(3); // baselines, units, sources
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
    const raw = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
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

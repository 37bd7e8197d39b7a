/** CSV for Excel: text from a schedule or input never becomes a formula or breaks a row; numbers stay numbers. Markdown escapes. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvRecord, formatted, neutralise, renderCsv } from '../../src/output/csv.js';
import { escapeMarkdown } from '../../src/output/markdown.js';
import { runCli } from '../helpers/cli.js';
import { settle } from '../../src/engine/settle.js';
import { parseSchedule } from '../../src/schedule/load.js';
import { workedExample } from '../helpers/records.js';

describe('formula injection', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['魏都区', '魏都区'],
  ])('neutralise(%j) = %j', (text, expected) => expect(neutralise(text)).toBe(expected));

  it('neutralises a unit name from a schedule file but leaves negative amounts numeric', () => {
    const raw = { ...JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8')), id: 'variant' }; // a changed copy has an id of its own
    raw.units[1].name = '=HYPERLINK("http://example.invalid","建安区")';
    const schedule = parseSchedule(raw, 'evil.json');
    const csv = renderCsv(settle({ records: workedExample(), province: new Map() }, schedule));
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    const jianan = rows.find((r) => r['单位编号'] === 'jian-an')!;
    expect(jianan['单位']).toBe('\'=HYPERLINK("http://example.invalid","建安区")');
    expect(jianan['净额']).toBe('-211');
    expect(jianan['PM2.5同比改善率金额']).toBe('-143');
  });
});

describe('one CSV writer for every command', () => {
  it('quotes a cell holding a quote, a comma, CR or LF (RFC 4180), neutralises text and never a number it formats', () => {
    expect(csvRecord(['魏都,"区', 'a\rb', 'a\nb', '=1+2', 'plain', formatted('-211'), formatted('0.5')])).toBe('"魏都,""区","a\rb","a\nb",\'=1+2,plain,-211,0.5\r\n');
  });

  /** The built-in schedule with unit names a spreadsheet would run or that break a CSV row. */
  function hostileSchedule(names: Record<string, string>): string {
    const raw = { ...JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8')), id: 'variant' }; // a changed copy has an id of its own
    for (const u of raw.units) if (names[u.id]) u.name = names[u.id];
    const file = join(mkdtempSync(join(tmpdir(), 'ecocomp-csv-')), 'hostile.json');
    writeFileSync(file, JSON.stringify(raw));
    return file;
  }
  const FORMULA = '=HYPERLINK("http://example.invalid","魏都区")';
  const COMMA = '建安,"区';
  const IDS = ['weidu', 'jian-an', 'demo-zone', 'econ-dev', 'dongcheng', 'yuzhou', 'changge', 'yanling', 'xiangcheng'];
  /** Daily rows for every unit, named by id, for each day of the months (31 days each). */
  const daily = (...months: string[]) =>
    ['date,station,county,pm25,pm10,so2,no2,co,o3_8h', ...months.flatMap((m) => Array.from({ length: 31 }, (_, d) => IDS.map((id) => `${m}-${String(d + 1).padStart(2, '0')},${id}-1,${id},40,60,10,30,0.8,90`)).flat())].join('\n');

  it('aggregate: a unit name that would be a formula is written as the unit id, a comma or quote is quoted; settle reads it back', async () => {
    const rules = hostileSchedule({ weidu: FORMULA, 'jian-an': COMMA });
    const r = await runCli(['aggregate', '-', '--rules', rules, '--month', '2023-10'], { stdin: daily('2022-10', '2023-10') });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\ufeffmonth,county,pm25,pm10,good_days,pm25_last_year,pm10_last_year\r\n')).toBe(true);
    const rows = parse(r.stdout, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(rows.map((x) => x['county'])).toEqual(['weidu', COMMA, '城乡一体化示范区', '经济技术开发区', '东城区', '禹州市', '长葛市', '鄢陵县', '襄城县']);
    expect(rows[1]).toEqual({ month: '2023-10', county: COMMA, pm25: '40', pm10: '60', good_days: '31', pm25_last_year: '40', pm10_last_year: '60' });
    const settled = await runCli(['settle', '-', '--rules', rules, '--format', 'json'], { stdin: r.stdout });
    expect(settled.code).toBe(0);
    const counties = JSON.parse(settled.stdout).months[0].counties as { id: string; county: string }[];
    expect(counties.map((c) => [c.id, c.county]).slice(0, 2)).toEqual([['weidu', FORMULA], ['jian-an', COMMA]]);
  });

  it('ledger: quotes a name with a comma or quote and neutralises a formula', async () => {
    const rules = hostileSchedule({ weidu: FORMULA, 'jian-an': COMMA });
    const data = readFileSync('fixtures/sample-2022-10-synthetic.csv', 'utf8').replace('2022-10,魏都区', '2022-10,weidu').replace('2022-10,建安区', '2022-10,jian-an');
    const r = await runCli(['ledger', '-', '--rules', rules, '--format', 'csv'], { stdin: data });
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(rows.slice(0, 2).map((x) => [x['单位'], x['净额']])).toEqual([[`'${FORMULA}`, '238.5'], [COMMA, '-211']]);
  });
});

describe('Markdown', () => {
  it.each([
    ['a\rb', 'a b'],
    ['a\r\nb\nc', 'a b c'],
    ['|x|', '\\|x\\|'],
    ['&lt;b&gt;', '\\&lt;b\\&gt;'],
    ['~~struck~~', '\\~\\~struck\\~\\~'],
  ])('escapeMarkdown(%j) = %j', (text, expected) => expect(escapeMarkdown(text)).toBe(expected));
});

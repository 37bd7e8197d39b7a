/** CSV for Excel: text from a schedule or input never becomes a formula; numbers stay numbers. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { neutralise, renderCsv } from '../src/output/csv.js';
import { settle } from '../src/engine/settle.js';
import { parseSchedule } from '../src/schedule/load.js';
import { workedExample } from './helpers/records.js';

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
    const raw = JSON.parse(readFileSync('src/schedule/xuchang-2022.json', 'utf8'));
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

/**
 * `ecocomp aggregate` reads rows in any order: the same rows give the same bytes out, whether the file is in time
 * order, sorted by county (as Excel sorts a daily export), or shuffled; from a file (read a station-day at a time,
 * then again holding every station-day when a row goes back in time) or from standard input (held from the start).
 * A station-hour given twice is refused in any order, naming both lines. How a line is written (quoted, CRLF,
 * GB18030) does not change what it says.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const { generateHourly } = await import('../../scripts/generate-hourly.mjs');

/** Two months of two stations per unit: 2 × 9 × 24 × 61 ≈ 26,000 rows, with the generator's gaps and missing markers. */
const TEXT: string = [...generateHourly({ from: '2023-09-01', to: '2023-10-31', stations: 2, seed: 11 })].join('');
const [HEADER, ...ROWS] = TEXT.trimEnd().split('\n') as [string, ...string[]];
const dir = mkdtempSync(join(tmpdir(), 'ecocomp-order-'));

/** Fisher–Yates with a seeded generator (an LCG): the same seed, the same order. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const below = (n: number) => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) * n;
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(below(i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const csv = (rows: readonly string[], header = HEADER) => `${header}\n${rows.join('\n')}\n`;

let files = 0;
async function fromFile(text: string | Uint8Array, args: string[] = []) {
  const path = join(dir, `in-${files++}.csv`);
  writeFileSync(path, text);
  return { ...(await runCli(['aggregate', path, '--format', 'json', ...args])), path };
}
const fromStdin = (text: string | Uint8Array) => runCli(['aggregate', '-', '--format', 'json'], { stdin: text });

const inOrder = await fromFile(TEXT);

describe('rows in any order give the same output', () => {
  it('in time order: two valid months for every unit', () => {
    expect(inOrder.code).toBe(0);
    const doc = JSON.parse(inOrder.stdout) as { unitMonths: { month: string; valid: boolean }[] };
    expect(doc.unitMonths.map((m) => [m.month, m.valid])).toEqual([...Array(9).fill(['2023-09', true]), ...Array(9).fill(['2023-10', true])]);
  });

  test.prop([fc.integer({ min: 1, max: 2 ** 31 - 1 })], { numRuns: 3 })('shuffled rows, from a file and from standard input', async (seed) => {
    const text = csv(shuffled(ROWS, seed));
    const file = await fromFile(text);
    expect([file.code, file.stderr, file.stdout]).toEqual([0, '', inOrder.stdout]);
    const stdin = await fromStdin(text);
    expect([stdin.code, stdin.stdout]).toEqual([0, inOrder.stdout]);
  });

  it('sorted by county (Excel sorts stably), by station, and from the last hour to the first', async () => {
    const county = (row: string) => row.split(',')[2]!;
    const station = (row: string) => row.split(',')[1]!;
    for (const rows of [
      [...ROWS].sort((a, b) => county(a).localeCompare(county(b))),
      [...ROWS].sort((a, b) => station(a).localeCompare(station(b))),
      [...ROWS].reverse(),
    ]) {
      const r = await fromFile(csv(rows));
      expect([r.code, r.stdout]).toEqual([0, inOrder.stdout]);
    }
  });

  it('a daily export sorted by county', async () => {
    const days = Array.from({ length: 31 }, (_, i) => `2023-10-${String(i + 1).padStart(2, '0')}`);
    const units = ['魏都区', '建安区', '城乡一体化示范区', '经济技术开发区', '东城区', '禹州市', '长葛市', '鄢陵县', '襄城县'];
    // Two stations a unit, PM2.5 40 and 43: unit-days (40 + 43)/2 = 41.5 → 42 (half-even), the month 42.
    const rows = days.flatMap((d) => units.flatMap((u) => [`${d},${u}1号站,${u},40,60,10,30,0.8,90`, `${d},${u}2号站,${u},43,60,10,30,0.8,90`]));
    const header = 'date,station,county,pm25,pm10,so2,no2,co,o3_8h';
    const sorted = [...rows].sort((a, b) => a.split(',')[2]!.localeCompare(b.split(',')[2]!) || b.localeCompare(a));
    const [plain, bySort] = [await fromFile(csv(rows, header)), await fromFile(csv(sorted, header))];
    expect([bySort.code, bySort.stdout]).toEqual([0, plain.stdout]);
    const weidu = (JSON.parse(bySort.stdout) as { unitMonths: { county: string; pm25: string }[] }).unitMonths.find((m) => m.county === '魏都区');
    expect(weidu?.pm25).toBe('42');
  });
});

describe('a station-hour given twice is refused in any order, naming both lines', () => {
  it('hourly, shuffled: the later line is at fault and names the earlier', async () => {
    const rows = shuffled([...ROWS, ROWS[100]!], 5);
    const lines = rows.flatMap((r, i) => (r === ROWS[100] ? [i + 2] : [])); // line 1 is the header
    const [time, station] = ROWS[100]!.split(',') as [string, string];
    for (const r of [await fromFile(csv(rows)), { ...(await fromStdin(csv(rows))), path: '<stdin>' }]) {
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(`${r.path}:${lines[1]}: station "${station}" has ${time} twice (also at ${r.path}:${lines[0]})`);
    }
  });

  it('daily, given twice far apart', async () => {
    const header = 'date,station,county,pm25,pm10,so2,no2,co,o3_8h';
    const rows = ['2023-10-02,A,魏都区,40,60,10,30,0.8,90', '2023-10-01,A,魏都区,40,60,10,30,0.8,90', '2023-10-02,A,魏都区,41,60,10,30,0.8,90'];
    const r = await fromFile(csv(rows, header));
    expect(r.stderr).toContain(`${r.path}:4: station "A" has 2023-10-02 twice (also at ${r.path}:2)`);
  });
});

describe('how a line is written does not change what it says', () => {
  it('quoted cells go through the CSV parser to the same result', async () => {
    // Every 7th row's station and values quoted, one station name over two lines in a row of its own.
    const quoted = ROWS.map((row, i) => (i % 7 === 0 ? row.split(',').map((c, k) => (k === 1 || k >= 3 ? `"${c}"` : c)).join(',') : row));
    const r = await fromFile(csv(quoted));
    expect([r.code, r.stdout]).toEqual([0, inOrder.stdout]);
    const bad = [...quoted.slice(0, 50), '2023-09-01 00:00,"多\n行站",魏都区,4o,1,1,1,1,1', ...quoted.slice(50)];
    const fault = await fromFile(csv(bad));
    // The header, 50 rows, then the row whose station spans lines 52–53: the fault is in the row that starts on 52.
    expect(fault.stderr).toContain(`${fault.path}:52:4: pm25: not a concentration: "4o"`);
  });

  it('CRLF line ends', async () => {
    const r = await fromFile(TEXT.replace(/\n/g, '\r\n'));
    expect([r.code, r.stdout]).toEqual([0, inOrder.stdout]);
    const bad = csv(ROWS.map((row, i) => (i === 9999 ? row.replace(/,[^,]*$/, ',x') : row))).replace(/\n/g, '\r\n');
    expect((await fromFile(bad)).stderr).toMatch(/in-\d+\.csv:10001:9: o3: not a concentration: "x"/);
  });

  it('GB18030, from a file and shuffled from standard input', async () => {
    const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: TEXT, maxBuffer: 1 << 28 });
    const r = await fromFile(gb);
    expect([r.code, r.stdout]).toEqual([0, inOrder.stdout]);
    const gbShuffled = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: csv(shuffled(ROWS, 9)), maxBuffer: 1 << 28 });
    const s = await fromStdin(gbShuffled);
    expect([s.code, s.stdout]).toEqual([0, inOrder.stdout]);
  });
});

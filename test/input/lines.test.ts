/**
 * The reader on bytes (src/input/lines.ts) gives the records, lines and faults of the CSV parser it stands in for
 * (src/input/csv.ts), whatever the pieces the bytes arrive in: unquoted lines are split on their bytes, a line with
 * a quote or a lone CR goes through the parser, GB18030 is decoded first.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { execFileSync } from 'node:child_process';
import { CsvParser, CsvSyntaxError } from '../../src/input/csv.js';
import { readTableRecords } from '../../src/input/lines.js';
import { ProblemsError } from '../../src/core/problems.js';

type Outcome = { records: [number, string[]][]; fault?: string };

async function viaBytes(bytes: Uint8Array, cuts: number[] = []): Promise<Outcome> {
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    pieces.push(bytes.subarray(at, cut));
    at = cut;
  }
  pieces.push(bytes.subarray(at));
  async function* source() {
    yield* pieces;
  }
  const records: [number, string[]][] = [];
  try {
    await readTableRecords(source(), 'f.csv', (r) => void records.push([r.line, [...r.texts()]]));
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { records, fault: `${e.line}: ${e.message}` };
    if (e instanceof ProblemsError) return { records, fault: e.problems.map((p) => p.message).join('; ') };
    throw e;
  }
  return { records };
}

/** The parser alone on the decoded text: the reference. */
function viaParser(text: string): Outcome {
  const records: [number, string[]][] = [];
  const parser = new CsvParser((cells, line) => void records.push([line, cells]));
  try {
    parser.push(text);
    parser.end();
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { records, fault: `${e.line}: ${e.message}` };
    throw e;
  }
  return { records };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('records on bytes are the parser\'s records', () => {
  const piece = fc.constantFrom('a', '魏都区', '45', '0.8', '', ' ', ',', ',', ',', '\n', '\n', '\r\n', '\r', '"', '""', '"x,y"', '"多\n行"', '\t', '—');
  // The first 64 KiB are read whole (the encoding is judged on them): past them, pieces are split as they come.
  const PAD = `${'x'.repeat(999)},y\n`.repeat(66);
  test.prop([fc.array(piece, { maxLength: 60 }), fc.array(fc.nat({ max: 400 }), { maxLength: 6 }), fc.boolean()], { numRuns: 300 })(
    'text of cells, commas, quotes, LF, CRLF and lone CR, cut into pieces anywhere',
    async (parts, cuts, padded) => {
      const text = (padded ? PAD : '') + parts.join('');
      const bytes = enc(text);
      const got = await viaBytes(bytes, padded ? [1000, ...cuts.map((c) => c + PAD.length)] : cuts);
      const want = viaParser(text);
      // Where the text stops being CSV, the same fault at the same line; the records before it are the same.
      expect(got.fault).toEqual(want.fault);
      if (want.fault === undefined) expect(got.records).toEqual(want.records);
    },
  );

  it('reads an unquoted line on its bytes, and a quoted one through the parser, with the same cells', async () => {
    const text = 'time,station\n2023-10-01 00:00,"魏都区1号站"\n\n2023-10-01 01:00,魏都区1号站\r\n"a\nb",c\nlast,line';
    const got = await viaBytes(enc(text), [5, 17, 30]);
    expect(got.records).toEqual([
      [1, ['time', 'station']],
      [2, ['2023-10-01 00:00', '魏都区1号站']],
      [4, ['2023-10-01 01:00', '魏都区1号站']],
      [5, ['a\nb', 'c']],
      [7, ['last', 'line']],
    ]);
  });

  it('drops a UTF-8 byte-order mark, and refuses bytes past the first 64 KiB that are not UTF-8', async () => {
    expect((await viaBytes(enc('\ufeffa,b\n1,2\n'))).records).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
    const big = enc(`a,b\n${'1,2\n'.repeat(40_000)}`);
    const bad = new Uint8Array([...big, 0xff, 0x0a]);
    expect((await viaBytes(bad, [70_000])).fault).toBe('is not valid UTF-8 text further in (its start was); save it in one encoding, e.g. "CSV UTF-8"');
  });

  it('decodes GB18030 first, then reads it as text, across pieces', async () => {
    const text = `日期,站点\n${'2023-10-01,魏都区1号站\r\n'.repeat(5000)}"引号,站",x\n`;
    const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
    const got = await viaBytes(gb, [1, 70_001, 100_003]);
    expect(got.records).toEqual(viaParser(text).records);
    expect(got.records.at(-1)).toEqual([5002, ['引号,站', 'x']]);
  });
});

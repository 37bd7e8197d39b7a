/**
 * The CSV parser (src/input/csv.ts) against csv-parse, which the readers used before: the same records, lines
 * and faults for generated text, whatever pieces the text arrives in.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvParser, CsvSyntaxError, eachCsvRecord, type CsvFault } from '../../src/input/csv.js';
import { ProblemsError } from '../../src/core/problems.js';

const RUNS = { numRuns: 2000, seed: 20261129 };

type Outcome = { records: [number, string[]][] } | { fault: string };

/** csv-parse as the readers called it (line ends unified first), each record with the line it starts on. */
function reference(text: string): Outcome {
  const unified = text.replace(/\r\n?/g, '\n');
  try {
    const out = parse(unified, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 1_000_000 }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: out.map(({ record, info }) => [info.lines - record.join('').split('\n').length + 1, record]) };
  } catch (e) {
    const code = String((e as { code?: string }).code);
    return { fault: code.startsWith('CSV_') ? code : `CSV_${code}` };
  }
}

/** The parser, fed `text` cut at `cuts`. */
function ours(text: string, cuts: number[] = []): Outcome {
  const records: [number, string[]][] = [];
  const parser = new CsvParser((cells, line) => void records.push([line, cells]));
  try {
    let from = 0;
    for (const at of [...cuts].sort((a, b) => a - b)) {
      parser.push(text.slice(from, at));
      from = at;
    }
    parser.push(text.slice(from));
    parser.end();
    return { records };
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { fault: e.fault };
    throw e;
  }
}

const csvText = fc
  .array(fc.constantFrom('a', 'bc', '魏都', ',', ',', '"', '""', '\n', '\r\n', '\r', ' ', '\t', '12.5'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('the CSV parser', () => {
  it('reads what csv-parse reads, fails where it fails', () => {
    fc.assert(
      fc.property(csvText, (text) => {
        expect(ours(text)).toEqual(reference(text));
      }),
      RUNS,
    );
  });

  it('gives the same records and faults whatever pieces the text comes in (CRLF, "" and cells split at the edge)', () => {
    fc.assert(
      fc.property(csvText.chain((text) => fc.tuple(fc.constant(text), fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 6 }))), ([text, cuts]) => {
        expect(ours(text, cuts)).toEqual(ours(text));
      }),
      RUNS,
    );
  });

  it.each<[string, string, CsvFault, number]>([
    ['a quote inside an unquoted cell', 'a,b\nc,d"e\n', 'CSV_INVALID_OPENING_QUOTE', 2],
    ['text after a closing quote', 'a,b\n"c" ,d\n', 'CSV_INVALID_CLOSING_QUOTE', 2],
    ['a quote never closed, at the line it opens', 'a,b\n"c,d\ne,f\n', 'CSV_QUOTE_NOT_CLOSED', 2],
  ])('%s', (_, text, fault, line) => {
    expect(() => ours(text)).not.toThrow();
    const parser = new CsvParser(() => undefined);
    let caught: unknown;
    try {
      parser.push(text);
      parser.end();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CsvSyntaxError);
    expect([(caught as CsvSyntaxError).fault, (caught as CsvSyntaxError).line]).toEqual([fault, line]);
  });

  it('refuses a record over 1,000,000 characters while it arrives, holding no more than that', () => {
    const parser = new CsvParser(() => undefined);
    parser.push('a,b\n');
    let fed = 0;
    expect(() => {
      for (; fed < 100; fed++) parser.push('x'.repeat(100_000));
    }).toThrowError(CsvSyntaxError);
    expect(fed).toBe(10); // the eleventh piece passes the limit: the other 89 are never taken
  });

  it('hands on the records before a fault, then the fault with its file and line', () => {
    const seen: number[] = [];
    let fault: unknown;
    try {
      for (const row of eachCsvRecord('h\n1\n2\n"3\n', 'f.csv')) seen.push(row.line);
    } catch (e) {
      fault = e;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect((fault as ProblemsError).problems).toEqual([{ file: 'f.csv', line: 4, code: 'E-CSV', message: 'not valid CSV: a quoted cell is never closed (a " opens it and no " ends it before the end of the file)', zh: expect.stringMatching(/^不是有效的 CSV：/) }]);
  });

  it('reads a tab-separated file when its header has tabs and no commas, and drops a BOM', () => {
    expect([...eachCsvRecord('\ufeffmonth\tcounty\n2022-10\t魏都区\n', 'f')].map((r) => r.cells)).toEqual([
      ['month', 'county'],
      ['2022-10', '魏都区'],
    ]);
  });
});

/** The case file format: its generated JSON Schema, and where a file stops being JSON. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderCaseJsonSchema } from '../../src/input/case-schema.js';
import { jsonFaultOffset } from '../../src/core/json-syntax.js';
import { csvOf, parseCaseText } from '../../src/input/case-file.js';

describe('the JSON Schema of case files', () => {
  it('schema/case.schema.json is what the zod schema generates (run `npm run schema` after changing it)', () => {
    expect(readFileSync('schema/case.schema.json', 'utf8')).toBe(renderCaseJsonSchema());
  });

  it('takes one case or a list of them, and refuses amounts written as JSON numbers', () => {
    const schema = JSON.parse(renderCaseJsonSchema());
    expect(schema.anyOf).toHaveLength(2);
    const factor = schema.$defs.factorExpectation.anyOf[0];
    expect(factor.type).toBe('string');
    expect(factor.pattern).toBe('^-?\\d+(\\.\\d+)?$');
  });
});

describe('case files', () => {
  it('a table given as its lines is read as the same text with a line end after each', () => {
    expect(csvOf(['a,b', '1,2'])).toBe('a,b\n1,2\n');
    expect(csvOf('a,b\n1,2')).toBe('a,b\n1,2');
  });

  it('a file of one case has no index; a list numbers its cases from 0', () => {
    const one = { name: 'x', clauses: ['第四条'], input: { data: 'month' }, expect: { refusal: { exit: 2, codes: ['E-EMPTY'] } } };
    expect(parseCaseText(JSON.stringify(one), 'a.json')[0]!.index).toBeNull();
    expect(parseCaseText(JSON.stringify([one, one]), 'b.json').map((c) => c.index)).toEqual([0, 1]);
  });
});

describe('where JSON text stops being JSON', () => {
  it('is null for JSON, and the offset of the first character that cannot continue it otherwise', () => {
    expect(jsonFaultOffset('{"a": [1, -2.5e3, "x\\n", true, null], "b": {}}')).toBeNull();
    expect(jsonFaultOffset('{"a": [1,]}')).toBe(9);
    expect(jsonFaultOffset('{"a" 1}')).toBe(5);
    expect(jsonFaultOffset('{"a": 1} x')).toBe(9);
    expect(jsonFaultOffset('{"a": "open')).toBe(6);
    expect(jsonFaultOffset('{"a": 01}')).toBe(7);
    expect(jsonFaultOffset('')).toBe(0);
  });
});

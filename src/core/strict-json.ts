/**
 * JSON read strictly, as every JSON file ecocomp reads is (schedules, case files, notice settings): a syntax fault
 * named by line and column (found by our own scan where JSON.parse gives no offset), and a key given twice in one
 * object — which JSON.parse would settle by keeping the last without a word — reported at both places.
 */
import { duplicateKeys } from './json-keys.js';
import { jsonFaultOffset } from './json-syntax.js';
import { ProblemsError, type Problem } from './problems.js';

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * The value of JSON text (a BOM dropped), and the faults of its keys given twice, coded `${code}-DUPLICATE-KEY` —
 * the caller adds them to what it finds in the value. Throws `${code}-JSON` when the text is not JSON.
 */
export function readStrictJson(text: string, file: string, code: string): { value: unknown; duplicates: Problem[] } {
  const json = text.replace(/^\ufeff/, '');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    const offset = jsonFaultOffset(json);
    const at = offset !== null ? lineColumn(json, offset) : {};
    const why = (e as Error).message.replace(/ in JSON at position \d+.*$/, '');
    throw new ProblemsError([{ file, ...at, code: `${code}-JSON`, message: `not valid JSON: ${why}`, zh: `不是有效的 JSON：${why}` }]);
  }
  const duplicates: Problem[] = duplicateKeys(json).map((d) => ({
    file,
    line: d.line,
    column: d.column,
    code: `${code}-DUPLICATE-KEY`,
    field: d.path,
    message: `this key is given twice in one object (first at line ${d.first.line}, column ${d.first.column}); JSON would keep the last one without a word, so neither is taken`,
    zh: `同一对象中这个键出现了两次（第一次在第 ${d.first.line} 行第 ${d.first.column} 列）；JSON 会悄悄只保留后一个，因此两个都不采用`,
  }));
  return { value, duplicates };
}

import { basename } from 'node:path';
import { UsageError } from './io.js';

/** The names a file of each format may end in; `table` and `text` are plain text. */
const EXTENSIONS: Record<string, readonly string[]> = {
  table: ['txt'],
  text: ['txt'],
  json: ['json'],
  csv: ['csv'],
  html: ['html', 'htm'],
  md: ['md', 'markdown'],
  xlsx: ['xlsx'],
};
/** Extensions that say what a file holds; any other (`.out`, none, `/dev/stdout`) says nothing and is accepted. */
const TELLING = new Set([...Object.values(EXTENSIONS).flat(), 'xls', 'xlsm', 'tsv']);

/**
 * `--output out.csv` with `--format xlsx` would write a workbook that Excel, opening it as CSV, shows as garbage;
 * `--output out.csv` with the default table, a table where CSV was meant. A name whose extension says another
 * format is refused before anything is read (decision 77).
 */
export function checkOutputName(output: string | undefined, format: string): void {
  if (output === undefined) return;
  const dot = basename(output).lastIndexOf('.');
  if (dot <= 0) return;
  const ext = basename(output).slice(dot + 1).toLowerCase();
  const expected = EXTENSIONS[format] ?? [];
  if (!TELLING.has(ext) || expected.includes(ext)) return;
  const other = Object.keys(EXTENSIONS).find((f) => f !== 'table' && f !== 'text' && EXTENSIONS[f]!.includes(ext));
  const named = `${output.slice(0, output.length - ext.length)}${expected[0]}`;
  const instead = other ? `, or give --format ${other}` : '';
  const insteadZh = other ? `，或改用 --format ${other}` : '';
  throw new UsageError(
    `--output ${output}: a .${ext} name, but --format ${format} writes ${expected[0] === 'txt' ? 'text' : `a .${expected[0]} file`}: name it ${named}${instead}`,
    `--output ${output}：文件名是 .${ext}，但 --format ${format} 写出的是${expected[0] === 'txt' ? '文本' : ` .${expected[0]} 文件`}：请命名为 ${named}${insteadZh}`,
  );
}

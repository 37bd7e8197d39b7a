/** What `compare` and `whatif` share: their options beyond the data's, and how a comparison is written. */
import { defaultLang } from './lang.js';
import { Option, type Command } from 'commander';
import type { Compared } from '../app/compare.js';
import { COMPARISON_FORMATS, type ComparisonFormat } from '../output/formats.js';
import type { CompareLang } from '../output/compare.js';
import { paintFor, useColour } from './colour.js';
import { writeOutput, writeStdout } from './files.js';
import { UsageError, type CliIo } from './io.js';
import { warningLines } from '../output/warnings.js';
import { reportNote } from './report.js';
import { addInputOptions, type InputOptions } from './options.js';

export interface ComparisonCliOptions extends InputOptions {
  format: ComparisonFormat;
  lang: CompareLang;
  output?: string;
  color?: boolean;
}

/** The data options of settle (--rules only where `rules`: compare names its schedules --base and --reform), and the output's. */
export function addComparisonOptions(cmd: Command, io: CliIo, { rules }: { rules: boolean }): Command {
  return addInputOptions(cmd, { rules })
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(COMPARISON_FORMATS)).default('table'))
    .addOption(new Option('--lang <lang>', 'language of the table and CSV headers').choices(['zh', 'en']).default(defaultLang(io.env)))
    .option('--output <path>', 'write to this file (atomically) instead of standard output')
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table');
}

/** A workbook needs a file; said before anything is settled. */
export function checkComparisonFormat(opts: ComparisonCliOptions): void {
  if (COMPARISON_FORMATS[opts.format].binary && opts.output === undefined) {
    throw new UsageError(`--format ${opts.format} writes a workbook: give --output FILE.${opts.format}`, `--format ${opts.format} 输出的是工作簿：请用 --output 文件.${opts.format} 指定文件`);
  }
}

/** Each side's warnings (implausible values settled as given), each once: an edited value is never silently implausible. */
function printComparisonWarnings(c: Compared, io: CliIo): void {
  const seen = new Set<string>();
  for (const m of [...c.before, ...c.after]) {
    for (const w of warningLines(m)) {
      if (seen.has(w.en)) continue;
      seen.add(w.en);
      reportNote(io, 'warning', w);
    }
  }
}

export async function writeComparison(c: Compared, opts: ComparisonCliOptions, io: CliIo): Promise<void> {
  const format = COMPARISON_FORMATS[opts.format];
  checkComparisonFormat(opts);
  printComparisonWarnings(c, io);
  const amountUnit = c.beforeSchedules[0]?.amountUnit.value ?? '万元';
  const out = await format.render({ difference: c.difference, labels: c.labels, amountUnit, lang: opts.lang, paint: paintFor(opts.output === undefined && useColour(io, opts.color)) });
  if (opts.output !== undefined) await writeOutput(opts.output, out, io);
  else await writeStdout(out, io, { painted: format.painted });
}

/** `ecocomp settle FILE...`: settle every month in the inputs (SPEC.md §7). */
import { Command, Option } from 'commander';
import { explainCounty, type Lang } from '../output/explain.js';
import { csvChunks } from '../output/csv.js';
import { jsonChunks } from '../output/json.js';
import type { MonthSettlement } from '../engine/types.js';
import { renderTable } from '../output/table.js';
import { paintFor, useColour } from './colour.js';
import { writeOutput, writeStdout, type Output } from './files.js';
import { settleFromOptions } from './inputs.js';
import { addInputOptions, type InputOptions } from './options.js';
import { UsageError, type CliIo } from './io.js';
import { visible } from '../core/text.js';

interface SettleOptions extends InputOptions {
  format: 'table' | 'json' | 'csv' | 'html' | 'md' | 'xlsx';
  output?: string;
  trace?: boolean;
  lang: Lang;
  color?: boolean;
}

export function settleCommand(io: CliIo): Command {
  const cmd = new Command('settle')
    .description('settle the months in the monthly data files (许政办〔2022〕39号)')
    .argument('<files...>', 'monthly data CSV files; "-" reads standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'html', 'md', 'xlsx']).default('table'))
    .option('--output <path>', 'write to this file (atomically) instead of standard output')
    .option('--trace', 'with --format json: include the derivation of every amount (as `ecocomp explain`)')
    .addOption(new Option('--lang <lang>', 'language of the --trace text').choices(['zh', 'en']).default('zh'));
  addInputOptions(cmd)
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table')
    .action(async (files: string[], opts: SettleOptions) => {
      if (opts.trace && opts.format !== 'json') throw new UsageError('--trace adds the explanations to the JSON: use it with --format json (or see `ecocomp explain`)');
      if (opts.format === 'xlsx' && opts.output === undefined) throw new UsageError('--format xlsx writes a workbook: give --output FILE.xlsx');
      // JSON and CSV are written month by month; the other formats hold every month at once.
      const settled = await settleFromOptions(files, opts, io, undefined, opts.format === 'json' || opts.format === 'csv');
      const { notices, meta } = settled;
      for (const n of notices) io.stderr.write(`ecocomp: note: ${visible(n)}\n`);
      const colour = opts.output === undefined && useColour(io, opts.color);
      const traces = opts.trace ? (m: MonthSettlement, unitId: string) => explainCounty(m, unitId, opts.lang) : undefined;
      // JSON and CSV are written month by month as they are settled: they are the formats of large runs.
      const out: Output =
        opts.format === 'json'
          ? jsonChunks(settled.eachMonth(), settled.monthSchedules, traces, meta)
          : opts.format === 'csv'
            ? csvChunks(settled.eachMonth(), settled.monthSchedules)
            : opts.format === 'html'
              ? (await import('../output/html.js')).renderHtml(settled.settlement, meta)
              : opts.format === 'md'
                ? (await import('../output/markdown.js')).renderMarkdown(settled.settlement, meta)
                : opts.format === 'xlsx'
                  ? await (await import('../output/xlsx.js')).renderXlsx(settled.settlement, meta)
                  : renderTable(settled.settlement, paintFor(colour));
      if (opts.output !== undefined) await writeOutput(opts.output, out, io);
      else await writeStdout(out, io, { painted: opts.format === 'table' });
    });
  return cmd;
}

/** `ecocomp settle FILE...`: settle every month in the inputs (SPEC.md §7). */
import { Command, Option } from 'commander';
import { explainCounty, type Lang } from '../engine/explain.js';
import { renderCsv } from '../output/csv.js';
import { renderJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { renderHtml } from '../output/html.js';
import { renderMarkdown } from '../output/markdown.js';
import { renderXlsx } from '../output/xlsx.js';
import { paintFor, useColour } from './colour.js';
import { writeOutput } from './files.js';
import { addInputOptions, namedFiles, settleFromOptions, type InputOptions } from './inputs.js';
import { UsageError, type CliIo } from './io.js';

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
      const { settlement, notices, meta } = await settleFromOptions(files, opts, io);
      for (const n of notices) io.stderr.write(`ecocomp: note: ${n}\n`);
      const colour = opts.output === undefined && useColour(io, opts.color);
      const traces = opts.trace ? (m: (typeof settlement.months)[number], unitId: string) => explainCounty(m, unitId, opts.lang) : undefined;
      const text =
        opts.format === 'json'
          ? renderJson(settlement, traces, meta)
          : opts.format === 'csv'
            ? renderCsv(settlement)
            : opts.format === 'html'
              ? renderHtml(settlement, meta)
              : opts.format === 'md'
                ? renderMarkdown(settlement, meta)
                : opts.format === 'xlsx'
                  ? await renderXlsx(settlement, meta)
                  : renderTable(settlement, paintFor(colour));
      if (opts.output !== undefined) writeOutput(opts.output, text, io, namedFiles(files, opts));
      else io.stdout.write(text as string);
    });
  return cmd;
}

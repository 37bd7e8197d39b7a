/** `ecocomp ledger FILE...`: every month side by side, with the running totals of each year. */
import { Command, Option } from 'commander';
import { ledger } from '../engine/ledger.js';
import { renderLedgerCsv, renderLedgerHtml, renderLedgerJson, renderLedgerTable, renderLedgerXlsx } from '../output/ledger.js';
import { paintFor, useColour } from './colour.js';
import { writeOutput, writeStdout } from './files.js';
import { settleFromOptions } from './inputs.js';
import { addInputOptions, type InputOptions } from './options.js';
import { UsageError, type CliIo } from './io.js';
import { visible } from '../core/text.js';

interface LedgerOptions extends InputOptions {
  from?: string;
  to?: string;
  format: 'table' | 'json' | 'csv' | 'xlsx' | 'html';
  output?: string;
  color?: boolean;
}

export function ledgerCommand(io: CliIo): Command {
  const cmd = new Command('ledger')
    .description('settle every month in the inputs and show them side by side: each unit\'s net and the year\'s running total, the city\'s fund result and balance')
    .argument('<files...>', 'monthly data CSV files, as for settle; "-" reads standard input')
    .option('--from <YYYY-MM>', 'the first month to include')
    .option('--to <YYYY-MM>', 'the last month to include')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'xlsx', 'html']).default('table'))
    .option('--output <path>', 'write to this file (atomically) instead of standard output');
  addInputOptions(cmd)
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table')
    .action(async (files: string[], opts: LedgerOptions) => {
      if (opts.format === 'xlsx' && opts.output === undefined) throw new UsageError('--format xlsx writes a workbook: give --output FILE.xlsx');
      const range = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) };
      const settled = await settleFromOptions(files, opts, io, range);
      for (const n of settled.notices) io.stderr.write(`ecocomp: note: ${visible(n)}\n`);
      // Settling prints each month's warnings, after the notes.
      const { settlement, meta } = settled;
      const years = ledger(settlement);
      const city = settlement.months[0]!.schedule.city;
      const colour = opts.output === undefined && useColour(io, opts.color);
      const out =
        opts.format === 'json'
          ? renderLedgerJson(years)
          : opts.format === 'csv'
            ? renderLedgerCsv(years)
            : opts.format === 'html'
              ? renderLedgerHtml(years, city, meta)
              : opts.format === 'xlsx'
                ? await renderLedgerXlsx(years, city)
                : renderLedgerTable(years, city, paintFor(colour));
      if (opts.output !== undefined) await writeOutput(opts.output, out, io);
      else await writeStdout(out, io, { painted: opts.format === 'table' });
    });
  return cmd;
}

import { MESSAGES_LANG, defaultLang } from './lang.js';
/** `ecocomp ledger FILE...`: every month side by side, with the running totals of each year. */
import { Command, Option } from 'commander';
import { ProblemsError, type Problem } from '../core/problems.js';
import { ledger } from '../app/ledger.js';
import { LEDGER_FORMATS, type LedgerFormat } from '../output/formats.js';
import { paintFor, useColour } from './colour.js';
import { tableColumns } from './width.js';
import { cliReader, writeOutput, writeStdout } from './files.js';
import { UsageError, type CliIo } from './io.js';
import { checkOutputName } from './extension.js';
import { printNotes, printWarnings } from './notes.js';
import { addInputOptions, settleOptions, type InputOptions } from './options.js';

interface LedgerCliOptions extends InputOptions {
  allowProvisional?: boolean;
  from?: string;
  to?: string;
  format: LedgerFormat;
  output?: string;
  color?: boolean;
  wide?: boolean;
}

export function ledgerCommand(io: CliIo): Command {
  const cmd = new Command('ledger')
    .description('settle every month in the inputs and show them side by side: each unit\'s net and the year\'s running total, the city\'s fund result and balance')
    .argument('<files...>', 'monthly data CSV files, as for settle; "-" reads standard input')
    .addOption(new Option('--lang <lang>', MESSAGES_LANG).choices(['zh', 'en']).default(defaultLang(io.env)))
    .option('--from <YYYY-MM>', 'the first month to include')
    .option('--allow-provisional', 'include month-to-date (预估) months, marked as such; without it they are refused')
    .option('--to <YYYY-MM>', 'the last month to include')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(LEDGER_FORMATS)).default('table'))
    .option('--output <path>', 'write to this file (atomically) instead of standard output');
  addInputOptions(cmd)
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table')
    .option('--wide', 'the full table even where it is wider than the terminal')
    .action(async (files: string[], opts: LedgerCliOptions) => {
      checkOutputName(opts.output, opts.format);
      const format = LEDGER_FORMATS[opts.format];
      if (format.binary && opts.output === undefined) throw new UsageError(`--format ${opts.format} writes a workbook: give --output FILE.${opts.format}`, `--format ${opts.format} 输出的是工作簿：请用 --output 文件.${opts.format} 指定文件`);
      const problems: Problem[] = [];
      const options = await settleOptions(files, opts, io, problems);
      if (problems.length > 0) throw new ProblemsError(problems);
      const range = { ...(opts.from !== undefined ? { from: opts.from } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}) };
      const result = await ledger({ ...options, ...range, ...(opts.allowProvisional ? { allowProvisional: true } : {}), onNotes: (n) => printNotes(io, n), onMonth: printWarnings(io) }, cliReader(io));
      const out = await format.render({ ...result, paint: paintFor(opts.output === undefined && useColour(io, opts.color)), ...tableColumns(io, opts) });
      if (opts.output !== undefined) await writeOutput(opts.output, out, io);
      else await writeStdout(out, io, { painted: format.painted });
    });
  return cmd;
}

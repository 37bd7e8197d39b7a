/** `ecocomp settle FILE...`: settle every month in the inputs (SPEC.md §7). */
import { defaultLang } from './lang.js';
import { Command, Option } from 'commander';
import type { Problem } from '../core/problems.js';
import { ProblemsError } from '../core/problems.js';
import { settle } from '../app/settle.js';
import { explainCounty, type Lang } from '../output/explain.js';
import { SETTLEMENT_FORMATS, type SettlementFormat } from '../output/formats.js';
import { paintFor, useColour } from './colour.js';
import { cliReader, writeOutput, writeStdout } from './files.js';
import { UsageError, type CliIo } from './io.js';
import { printNotes, printWarnings } from './notes.js';
import { addInputOptions, settleOptions, type InputOptions } from './options.js';

interface SettleCliOptions extends InputOptions {
  format: SettlementFormat;
  output?: string;
  trace?: boolean;
  lang: Lang;
  color?: boolean;
}

export function settleCommand(io: CliIo): Command {
  const cmd = new Command('settle')
    .description('settle the months in the monthly data files (许政办〔2022〕39号)')
    .argument('<files...>', 'monthly data CSV files; "-" reads standard input')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(SETTLEMENT_FORMATS)).default('table'))
    .option('--output <path>', 'write to this file (atomically) instead of standard output')
    .option('--trace', 'with --format json: include the derivation of every amount (as `ecocomp explain`)')
    .addOption(new Option('--lang <lang>', 'language of the --trace text').choices(['zh', 'en']).default(defaultLang(io.env)));
  addInputOptions(cmd)
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table')
    .action(async (files: string[], opts: SettleCliOptions) => {
      const format = SETTLEMENT_FORMATS[opts.format];
      if (opts.trace && opts.format !== 'json') throw new UsageError('--trace adds the explanations to the JSON: use it with --format json (or see `ecocomp explain`)');
      if (format.binary && opts.output === undefined) throw new UsageError(`--format ${opts.format} writes a workbook: give --output FILE.${opts.format}`);
      const problems: Problem[] = [];
      const options = await settleOptions(files, opts, io, problems);
      if (problems.length > 0) throw new ProblemsError(problems);
      const settled = await settle({ ...options, inMemory: !format.streams, onNotes: (n) => printNotes(io, n), onMonth: printWarnings(io) }, cliReader(io));
      const out = await format.render({
        all: () => settled.all(),
        each: () => settled.eachMonth(),
        monthSchedules: settled.monthSchedules,
        meta: settled.meta,
        paint: paintFor(opts.output === undefined && useColour(io, opts.color)),
        ...(opts.trace ? { trace: (m, unitId) => explainCounty(m, unitId, opts.lang) } : {}),
      });
      if (opts.output !== undefined) await writeOutput(opts.output, out, io);
      else await writeStdout(out, io, { painted: format.painted });
    });
  return cmd;
}

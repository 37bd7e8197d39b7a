/** `ecocomp target FILE... --month M --county UNIT`: break-even values of one unit, each found by settling again. */
import { defaultLang } from './lang.js';
import { Command, Option } from 'commander';
import { ProblemsError, type Problem } from '../core/problems.js';
import { target } from '../app/target.js';
import { renderTargetJson, renderTargetText, type TargetLang } from '../output/target.js';
import { paintFor, useColour } from './colour.js';
import { cliReader, writeOutput, writeStdout } from './files.js';
import type { CliIo } from './io.js';
import { printNotes, printWarnings } from './notes.js';
import { addInputOptions, settleOptions, type InputOptions } from './options.js';

interface TargetCliOptions extends Omit<InputOptions, 'month'> {
  month: string;
  county: string;
  format: 'text' | 'json';
  lang: TargetLang;
  output?: string;
  color?: boolean;
}

export function targetCommand(io: CliIo): Command {
  const cmd = new Command('target')
    .description('break-even values of one unit: for each factor the value at which it stops paying, where each band begins, and the value at which its net is ≥ 0 (the other units held as they are)')
    .argument('<files...>', 'monthly data files, as for settle; "-" reads standard input')
    .requiredOption('--county <unit>', 'the unit: its name, an alias or its id')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the text').choices(['zh', 'en']).default(defaultLang(io.env)))
    .option('--output <path>', 'write to this file (atomically) instead of standard output');
  // target works on one month: --month is required and takes one value.
  addInputOptions(cmd, { month: false })
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--color', 'colour the text even when not on a terminal')
    .option('--no-color', 'never colour the text')
    .action(async (files: string[], opts: TargetCliOptions) => {
      const problems: Problem[] = [];
      const options = await settleOptions(files, { ...opts, month: undefined } as InputOptions, io, problems);
      if (problems.length > 0) throw new ProblemsError(problems);
      const { plan, month } = await target({ ...options, month: opts.month, county: opts.county, onNotes: (n) => printNotes(io, n) }, cliReader(io));
      printWarnings(io)(month);
      const json = opts.format === 'json';
      const text = json ? renderTargetJson(plan) : renderTargetText(plan, opts.lang, paintFor(opts.output === undefined && useColour(io, opts.color)));
      if (opts.output !== undefined) await writeOutput(opts.output, text, io);
      else await writeStdout(text, io, { painted: !json });
    });
  return cmd;
}

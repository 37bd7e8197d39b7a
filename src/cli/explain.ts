/** `ecocomp explain FILE... --county UNIT`: the derivation of every amount of one unit, step by step. */
import { checkOutputName } from './extension.js';
import { defaultLang } from './lang.js';
import { Command, Option } from 'commander';
import { FACTOR_IDS } from '../core/factors.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import { explain } from '../app/explain.js';
import type { Lang } from '../output/explain.js';
import { renderTraceJson, renderTraceText } from '../output/trace.js';
import { paintFor, useColour } from './colour.js';
import { cliReader, writeOutput, writeStdout } from './files.js';
import type { CliIo } from './io.js';
import { printNotes, printWarnings } from './notes.js';
import { addInputOptions, collectValues, settleOptions, type InputOptions } from './options.js';

interface ExplainCliOptions extends InputOptions {
  county: string;
  factor?: string[];
  format: 'text' | 'json';
  lang: Lang;
  output?: string;
  color?: boolean;
}

export function explainCommand(io: CliIo): Command {
  const cmd = new Command('explain')
    .description('explain every amount of one unit: inputs, rounding, group baseline, gap, bands, gates, each with its clause')
    .argument('<files...>', 'monthly data CSV files, as for settle; "-" reads standard input')
    .requiredOption('--county <unit>', 'the unit: its name, an alias or its id')
    .option('--factor <factor>', `only this factor (${FACTOR_IDS.join(', ')}, or its name); repeatable`, collectValues)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the explanation').choices(['zh', 'en']).default(defaultLang(io.env)))
    .option('--output <path>', 'write to this file (atomically) instead of standard output');
  addInputOptions(cmd)
    .option('--color', 'colour the text even when not on a terminal')
    .option('--no-color', 'never colour the text')
    .action(async (files: string[], opts: ExplainCliOptions) => {
      checkOutputName(opts.output, opts.format);
      const problems: Problem[] = [];
      const options = await settleOptions(files, opts, io, problems);
      if (problems.length > 0) throw new ProblemsError(problems);
      const onNotes = (n: readonly string[]) => printNotes(io, n);
      const { traces, unexplained } = await explain({ ...options, county: opts.county, factors: opts.factor ?? [], lang: opts.lang, onNotes, onMonth: printWarnings(io) }, cliReader(io));
      printNotes(io, unexplained);
      const json = opts.format === 'json';
      const text = json ? renderTraceJson(traces) : renderTraceText(traces, paintFor(opts.output === undefined && useColour(io, opts.color)));
      if (opts.output !== undefined) await writeOutput(opts.output, text, io);
      else await writeStdout(text, io, { painted: !json });
    });
  return cmd;
}

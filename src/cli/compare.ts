/** `ecocomp compare FILE... --reform RULES [--base RULES]`: the same data settled under two schedules, side by side. */
import { Command } from 'commander';
import { ProblemsError, type Problem } from '../core/problems.js';
import { compare } from '../app/compare.js';
import { cliReader } from './files.js';
import type { CliIo } from './io.js';
import { printNotes } from './notes.js';
import { collectValues, settleOptions } from './options.js';
import { addComparisonOptions, checkComparisonFormat, writeComparison, type ComparisonCliOptions } from './comparison.js';

interface CompareCliOptions extends ComparisonCliOptions {
  base?: string[];
  reform: string[];
}

export function compareCommand(io: CliIo): Command {
  const cmd = new Command('compare')
    .description('settle the same data under the rules in force and under a reform, and show each unit\'s net under both and the change')
    .argument('<files...>', 'monthly data files, as for settle; "-" reads standard input')
    .requiredOption('--reform <rules>', 'the proposed schedule: a built-in id or a schedule file (often one that extends the built-in); repeatable', collectValues)
    .option('--base <rules>', 'the schedule in force: a built-in id or a file (default: the built-in xuchang-2022); repeatable', collectValues);
  addComparisonOptions(cmd, io, { rules: false }).action(async (files: string[], opts: CompareCliOptions) => {
    checkComparisonFormat(opts);
    const problems: Problem[] = [];
    const options = await settleOptions(files, opts, io, problems);
    if (problems.length > 0) throw new ProblemsError(problems);
    const compared = await compare({ ...options, ...(opts.base ? { base: opts.base } : {}), reform: opts.reform, onNotes: (n) => printNotes(io, n) }, cliReader(io));
    await writeComparison(compared, opts, io);
  });
  return cmd;
}

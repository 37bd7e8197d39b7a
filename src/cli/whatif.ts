/** `ecocomp whatif FILE... --set MONTH:UNIT:FIELD=VALUE`: the settlement with some values changed, every unit before and after. */
import { Command } from 'commander';
import { ProblemsError, type Problem } from '../core/problems.js';
import { whatif } from '../app/compare.js';
import { cliReader } from './files.js';
import { UsageError, type CliIo } from './io.js';
import { printNotes } from './notes.js';
import { collectValues, settleOptions } from './options.js';
import { addComparisonOptions, checkComparisonFormat, writeComparison, type ComparisonCliOptions } from './comparison.js';

interface WhatifCliOptions extends ComparisonCliOptions {
  set?: string[];
  rules?: string[];
}

export function whatifCommand(io: CliIo): Command {
  const cmd = new Command('whatif')
    .description('settle with some values changed and show every unit\'s net before and after (a unit\'s value moves its group\'s baseline, so its neighbours move too)')
    .argument('<files...>', 'monthly data files, as for settle; "-" reads standard input')
    .option('--set <MONTH:UNIT:FIELD=VALUE>', 'change one cell of the data, e.g. 2022-10:禹州市:pm25=40 (FIELD: pm25, pm10, good_days, pm25_last_year, pm10_last_year, the targets, or their Chinese names); repeatable', collectValues);
  addComparisonOptions(cmd, io, { rules: true }).action(async (files: string[], opts: WhatifCliOptions) => {
    if (!opts.set || opts.set.length === 0) throw new UsageError('whatif needs at least one --set MONTH:UNIT:FIELD=VALUE, e.g. --set 2022-10:禹州市:pm25=40', 'whatif 至少需要一个 --set 月份:单位:字段=数值，如 --set 2022-10:禹州市:pm25=40');
    checkComparisonFormat(opts);
    const problems: Problem[] = [];
    const options = await settleOptions(files, opts, io, problems);
    if (problems.length > 0) throw new ProblemsError(problems);
    const compared = await whatif({ ...options, set: opts.set, onNotes: (n) => printNotes(io, n) }, cliReader(io));
    await writeComparison(compared, opts, io);
  });
  return cmd;
}

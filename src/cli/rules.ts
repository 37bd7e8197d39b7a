import { MESSAGES_LANG, defaultLang } from './lang.js';
/** `ecocomp rules`: the schedule in force; `ecocomp rules check FILE...`: validate schedule files. */
import { Command, Option } from 'commander';
import { visible } from '../core/text.js';
import { checkRules, rules } from '../app/rules.js';
import { renderRulesJson, renderRulesTable } from '../output/rules.js';
import { describeWindow } from '../schedule/window.js';
import { paintFor, useColour } from './colour.js';
import { cliReader, writeStdout } from './files.js';
import type { CliIo } from './io.js';
import { printNotes } from './notes.js';
import { collectValues } from './options.js';

export function rulesCommand(io: CliIo): Command {
  const cmd = new Command('rules')
    .description('print the rule schedule in force: units and groups, factors, bands and rates, decisions, each with its reference')
    .addOption(new Option('--lang <lang>', MESSAGES_LANG).choices(['zh', 'en']).default(defaultLang(io.env)))
    .option('--rules <file>', 'a schedule file (a path: ./NAME, dir/NAME or NAME.json) or a built-in schedule by id, instead of the built-in xuchang-2022 (repeatable)', collectValues)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table')
    .action((opts: { rules?: string[]; format: 'table' | 'json'; color?: boolean }) => {
      const { schedules, notices } = rules(opts.rules, cliReader(io));
      printNotes(io, notices);
      const json = opts.format === 'json';
      return writeStdout(json ? renderRulesJson(schedules) : renderRulesTable(schedules, paintFor(useColour(io, opts.color))), io, { painted: !json });
    });

  cmd
    .command('check')
    .description('validate schedule files, each on its own (exit 0 when valid, 2 with every fault and its key path otherwise)')
    .argument('<files...>', 'schedule files (JSON; a path such as ./NAME or NAME.json), or a built-in schedule by id')
    .addOption(new Option('--lang <lang>', MESSAGES_LANG).choices(['zh', 'en']).default(defaultLang(io.env)))
    .action((files: string[]) => {
      const { schedules, notices } = checkRules(files, cliReader(io));
      printNotes(io, notices);
      for (const { schedule, source } of schedules) io.stdout.write(`${visible(source)}: valid; ${describeWindow(schedule)}\n`);
    });
  return cmd;
}

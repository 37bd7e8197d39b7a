import { MESSAGES_LANG, defaultLang } from './lang.js';
/** `ecocomp rules`: the schedule in force; `ecocomp rules check FILE...`: validate schedule files. */
import { Command, Option } from 'commander';
import { visible } from '../core/text.js';
import { checkRules, rules } from '../app/rules.js';
import { renderCoverageJson, renderCoverageTable, renderRulesJson, renderRulesTable, type RulesLayout } from '../output/rules.js';
import { describeWindow } from '../schedule/window.js';
import { paintFor, useColour } from './colour.js';
import { cliReader, writeStdout } from './files.js';
import type { CliIo } from './io.js';
import { printNotes } from './notes.js';
import { collectValues } from './options.js';

/**
 * The terminal's width, when standard output is one: the stream's own when it tells, else $COLUMNS, else 80. A file
 * or a pipe has none (undefined): it gets the full table.
 */
function terminalColumns(io: CliIo): number | undefined {
  if (!io.stdout.isTTY) return undefined;
  const own = io.stdout.columns;
  if (own !== undefined && own > 0) return own;
  const env = Number(io.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : 80;
}

export function rulesCommand(io: CliIo): Command {
  const cmd = new Command('rules')
    .description('print the rule schedule in force: units and groups, factors, bands and rates, decisions, each with its reference')
    .addOption(new Option('--lang <lang>', MESSAGES_LANG).choices(['zh', 'en']).default(defaultLang(io.env)))
    .option('--rules <file>', 'a schedule file (a path: ./NAME, dir/NAME or NAME.json) or a built-in schedule by id, instead of the built-in xuchang-2022 (repeatable)', collectValues)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--by-article', 'for each article and clause of the regulation, what implements it (a coverage table)')
    .option('--wide', 'the full table even where it is wider than the terminal')
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table')
    .action((opts: { rules?: string[]; format: 'table' | 'json'; byArticle?: boolean; wide?: boolean; color?: boolean }) => {
      const { schedules, notices } = rules(opts.rules, cliReader(io));
      printNotes(io, notices);
      const json = opts.format === 'json';
      const paint = paintFor(useColour(io, opts.color));
      const layout: RulesLayout = { columns: terminalColumns(io), wide: opts.wide };
      const text = opts.byArticle ? (json ? renderCoverageJson(schedules) : renderCoverageTable(schedules, paint, layout)) : json ? renderRulesJson(schedules) : renderRulesTable(schedules, paint, layout);
      return writeStdout(text, io, { painted: !json });
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

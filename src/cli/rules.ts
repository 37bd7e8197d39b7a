/** `ecocomp rules`: the schedule in force; `ecocomp rules check FILE...`: validate schedule files. */
import { Command, Option } from 'commander';
import { renderRulesJson, renderRulesTable } from '../output/rules.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import type { NamedSchedule } from '../schedule/set.js';
import { describeWindow } from '../schedule/window.js';
import { paintFor, useColour } from './colour.js';
import { writeStdout } from './files.js';
import type { CliIo } from './io.js';
import { loadScheduleFile, loadSchedules } from './schedule.js';
import { visible } from '../core/text.js';

const collectValues = (value: string, previous: string[] = []) => [...previous, value];

export function rulesCommand(io: CliIo): Command {
  const rules = new Command('rules')
    .description('print the rule schedule in force: units and groups, factors, bands and rates, decisions, each with its reference')
    .option('--rules <file>', 'a schedule file (a path: ./NAME, dir/NAME or NAME.json) or a built-in schedule by id, instead of the built-in xuchang-2022 (repeatable)', collectValues)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table')
    .action((opts: { rules?: string[]; format: 'table' | 'json'; color?: boolean }) => {
      const problems: Problem[] = [];
      const schedules = loadSchedules(opts.rules, io, problems);
      if (problems.length > 0) throw new ProblemsError(problems);
      const json = opts.format === 'json';
      return writeStdout(json ? renderRulesJson(schedules) : renderRulesTable(schedules, paintFor(useColour(io, opts.color))), io, { painted: !json });
    });

  rules
    .command('check')
    .description('validate schedule files, each on its own (exit 0 when valid, 2 with every fault and its key path otherwise)')
    .argument('<files...>', 'schedule files (JSON; a path such as ./NAME or NAME.json), or a built-in schedule by id')
    .action((files: string[]) => {
      const problems: Problem[] = [];
      const loaded = files.map((f) => loadScheduleFile(f, io, problems)).filter((s): s is NamedSchedule => s !== undefined);
      if (problems.length > 0) throw new ProblemsError(problems);
      for (const { schedule, source } of loaded) io.stdout.write(`${visible(source)}: valid; ${describeWindow(schedule)}\n`);
    });
  return rules;
}

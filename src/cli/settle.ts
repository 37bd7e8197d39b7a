/** `ecocomp settle FILE...`: settle every month in the inputs (SPEC.md §7). */
import { Command, Option } from 'commander';
import { settle } from '../engine/settle.js';
import { loadInputs } from '../input/load.js';
import { renderCsv } from '../output/csv.js';
import { renderJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { ProblemsError, type Problem } from '../problems.js';
import { paintFor, useColour } from './colour.js';
import { readInputs, writeOutput } from './files.js';
import { UsageError, type CliIo } from './io.js';
import { loadSchedules } from './schedule.js';

interface SettleOptions {
  month?: string[];
  format: 'table' | 'json' | 'csv';
  output?: string;
  targets?: string[];
  provincePayout?: string[];
  province?: string[];
  rules?: string[];
  baselines?: string[];
  color?: boolean;
}

const collectValues = (value: string, previous: string[] = []) => [...previous, value];

export function settleCommand(io: CliIo): Command {
  return new Command('settle')
    .description('settle the months in the monthly data files (许政办〔2022〕39号)')
    .argument('<files...>', 'monthly data CSV files; "-" reads standard input')
    .option('--month <YYYY-MM>', 'settle only this month (repeat or comma-separate for several)', collectValues)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--output <path>', 'write to this file (atomically) instead of standard output')
    .option('--targets <file>', 'monthly targets file: month,county,pm25_target,pm10_target,good_days_target', collectValues)
    .option('--province-payout <months>', 'months the province settled the city as 支偿 (YYYY-MM[,YYYY-MM…])', collectValues)
    .option('--province <file>', 'provincial results file: month,province_result (支偿/payout or 得补/receive)', collectValues)
    .option('--rules <file>', 'settle under this schedule file instead of the built-in xuchang-2022; repeat for schedules in force for different months ("xuchang-2022" names the built-in one)', collectValues)
    .option('--baselines <file>', 'group baselines per month, for a schedule that takes them as supplied (D1): month,group,pm25,pm25_rate,pm10,pm10_rate,good_days', collectValues)
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table')
    .action(async (files: string[], opts: SettleOptions) => {
      const problems: Problem[] = [];
      const inputs = [...files, ...(opts.targets ?? []), ...(opts.province ?? []), ...(opts.baselines ?? [])];
      if (inputs.filter((f) => f === '-').length > 1) {
        throw new UsageError('standard input ("-") can be read only once');
      }
      const schedules = loadSchedules(opts.rules, io, problems);
      const data = await readInputs(files, io, problems);
      const targets = await readInputs(opts.targets ?? [], io, problems);
      const province = await readInputs(opts.province ?? [], io, problems);
      const baselines = await readInputs(opts.baselines ?? [], io, problems);
      const months = opts.month ? opts.month.flatMap((m) => m.split(',')).map((m) => m.trim()).filter(Boolean) : null;
      if (months) {
        for (const m of months) if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) problems.push({ file: '--month', message: `expected YYYY-MM, got "${m}"` });
      }
      if (problems.length > 0) throw new ProblemsError(problems);

      const assembled = loadInputs({ data, targets, province, baselines, provincePayout: opts.provincePayout ?? [], months }, schedules);
      const settlement = settle(assembled.input, schedules);
      for (const n of assembled.notices) io.stderr.write(`ecocomp: note: ${n}\n`);

      const colour = opts.output === undefined && useColour(io, opts.color);
      const text =
        opts.format === 'json' ? renderJson(settlement) : opts.format === 'csv' ? renderCsv(settlement) : renderTable(settlement, paintFor(colour));
      if (opts.output !== undefined) writeOutput(opts.output, text, io, [...inputs, ...(opts.rules ?? [])]);
      else io.stdout.write(text);
    });
}

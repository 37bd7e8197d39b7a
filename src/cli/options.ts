/** The input options every settling command shares; light, so that defining commands loads nothing heavy. */
import type { Command } from 'commander';
import type { Problem } from '../core/problems.js';
import type { SettleOptions } from '../app/settle.js';
import { fileInputs } from './files.js';
import { UsageError, type CliIo } from './io.js';

export interface InputOptions {
  month?: string[];
  targets?: string[];
  provincePayout?: string[];
  province?: string[];
  rules?: string[];
  baselines?: string[];
  sheet?: string;
}

export const collectValues = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `month: false` for a command that takes a single month of its own (target); `rules: false` for one that names its
 * schedules its own way (compare: --base and --reform).
 */
export function addInputOptions(cmd: Command, { month = true, rules = true } = {}): Command {
  if (month) cmd.option('--month <YYYY-MM>', 'settle only this month (repeat or comma-separate for several)', collectValues);
  cmd
    .option('--targets <file>', 'monthly targets file: month,county,pm25_target,pm10_target,good_days_target', collectValues)
    .option('--province-payout <months>', 'months the province settled the city as 支偿 (YYYY-MM[,YYYY-MM…])', collectValues)
    .option('--province <file>', 'provincial results file: month,province_result (支偿/payout or 得补/receive)', collectValues);
  if (rules) cmd.option('--rules <file>', 'settle under this schedule file (a path: ./NAME, dir/NAME or NAME.json) instead of the built-in xuchang-2022; repeat for schedules in force for different months (a bare "xuchang-2022" names the built-in one)', collectValues);
  return cmd
    .option('--baselines <file>', 'group baselines per month, for a schedule that takes them as supplied (D1): month,group,pm25,pm25_rate,pm10,pm10_rate,good_days', collectValues)
    .option('--sheet <name>', 'the worksheet to read of each .xlsx file given (default: the first)');
}

/** The application's options from the command line's; "-" (standard input, at most once) is read here. */
export async function settleOptions(files: readonly string[], opts: InputOptions, io: CliIo, problems: Problem[]): Promise<SettleOptions> {
  const named = [...files, ...(opts.targets ?? []), ...(opts.province ?? []), ...(opts.baselines ?? [])];
  if (named.filter((f) => f === '-').length > 1) throw new UsageError('standard input ("-") can be read only once', '标准输入（"-"）只能读取一次');
  return {
    data: await fileInputs(files, io, problems),
    targets: await fileInputs(opts.targets ?? [], io, problems),
    province: await fileInputs(opts.province ?? [], io, problems),
    baselines: await fileInputs(opts.baselines ?? [], io, problems),
    provincePayout: opts.provincePayout ?? [],
    ...(opts.rules ? { rules: opts.rules } : {}),
    ...(opts.month ? { months: opts.month } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
  };
}

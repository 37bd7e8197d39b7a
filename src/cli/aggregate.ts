import { MESSAGES_LANG, defaultLang } from './lang.js';
/** `ecocomp aggregate FILE...`: raw station data (daily or hourly) to the monthly table of `settle`. */
import { Command, Option } from 'commander';
import { aggregate, type RawInput } from '../app/aggregate.js';
import { describeInvalid, describeInvalidZh, renderAggregateCsv, renderAggregateJson } from '../output/aggregate.js';
import { EXIT } from './exit.js';
import { STDIN_NAME, cliReader, noteRead, writeOutput, writeStdout } from './files.js';
import { UsageError, type CliIo } from './io.js';
import { checkOutputName } from './extension.js';
import { printNotes } from './notes.js';
import { reportPlain, styleOf } from './report.js';
import { collectValues } from './options.js';

interface AggregateCliOptions {
  stations?: string;
  month?: string[];
  format: 'csv' | 'json';
  output?: string;
  rules?: string[];
  sheet?: string;
  provisional?: boolean;
}

export function aggregateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('aggregate')
    .description('turn daily or hourly station data into the monthly table that settle reads (HJ 633-2012/2026, GB 3095 validity)')
    .argument('<files...>', 'daily (date,station,county,pm25,pm10,so2,no2,co,o3_8h[,o3_1h]) or hourly (time,station,county,pm25,pm10,so2,no2,co,o3) CSV files or .xlsx workbooks; "-" reads standard input')
    .addOption(new Option('--lang <lang>', MESSAGES_LANG).choices(['zh', 'en']).default(defaultLang(io.env)))
    .option('--stations <file>', 'station → unit mapping: station,county (instead of, or checked against, a county column)')
    .option('--month <YYYY-MM>', 'output only this month (repeat or comma-separate); the same month a year earlier is still read for last year\'s values', collectValues)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--output <path>', 'write to this file (atomically) instead of standard output')
    .option('--rules <file>', 'the schedule whose units the counties name (default: the built-in xuchang-2022)', collectValues)
    .option('--sheet <name>', 'the worksheet to read of each .xlsx export (default: the first)')
    .option('--provisional', 'also write the current, incomplete month from the days so far, marked provisional (预估): the validity rule applied to the days elapsed, last year over the same days')
    .action(async (files: string[], opts: AggregateCliOptions) => {
      checkOutputName(opts.output, opts.format);
      if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input ("-") can be read only once', '标准输入（"-"）只能读取一次');
      const inputs: RawInput[] = files.map((f) => {
        if (f !== '-') return f;
        noteRead(io, io.stdinIdentity);
        return { name: STDIN_NAME, bytes: io.stdinStream() };
      });
      const progress = progressReporter(io);
      const done = await aggregate(
        { files: inputs, ...(opts.stations ? { stations: opts.stations } : {}), ...(opts.month ? { months: opts.month } : {}), ...(opts.rules ? { rules: opts.rules } : {}), ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), ...(opts.provisional ? { provisional: true } : {}), onRow: progress.row },
        cliReader(io),
      ).finally(progress.done);
      printNotes(io, done.notices);
      const text = opts.format === 'json' ? renderAggregateJson(done.result, done.months) : renderAggregateCsv(done.result, done.months);
      if (opts.output !== undefined) await writeOutput(opts.output, text, io);
      else await writeStdout(text, io);
      for (const m of done.invalid) reportPlain(io, 'warning', 'W-MONTH-LEFT-OUT', { en: describeInvalid(done.result, m), zh: describeInvalidZh(done.result, m) });
      if (done.invalid.length > 0) setExit(EXIT.differences);
    });
}

/** Progress on standard error, only on a terminal and only once a run has taken more than a second. */
function progressReporter(io: CliIo): { row: () => void; done: () => void } {
  if (!io.stderr.isTTY) return { row: () => undefined, done: () => undefined };
  const now = io.now ?? (() => performance.now());
  const started = now();
  let rows = 0;
  let shownAt = 0;
  return {
    row: () => {
      rows++;
      if ((rows & 0xfff) !== 0) return;
      const t = now();
      if (t - started < 1000 || t - shownAt < 250) return;
      shownAt = t;
      const n = rows.toLocaleString('en-US');
      io.stderr.write(styleOf(io).lang === 'zh' ? `\recocomp：已读取 ${n} 行…` : `\recocomp: ${n} rows read…`);
    },
    done: () => {
      if (shownAt > 0) io.stderr.write('\r\u001b[K');
    },
  };
}

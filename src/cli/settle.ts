/** `ecocomp settle FILE...`: settle every month in the inputs (SPEC.md §7). */
import { daysInMonth } from '../core/month.js';
import { defaultLang } from './lang.js';
import { Command, Option } from 'commander';
import type { Problem } from '../core/problems.js';
import { ProblemsError } from '../core/problems.js';
import { settle } from '../app/settle.js';
import { explainCounty, type Lang } from '../output/explain.js';
import { SETTLEMENT_FORMATS, type SettlementFormat } from '../output/formats.js';
import { paintFor, useColour } from './colour.js';
import { tableColumns } from './width.js';
import { noticeDetails, type NoticeOptions } from '../app/notice.js';
import { cliReader, writeOutput, writeOutputFiles, writeStdout } from './files.js';
import { UsageError, type CliIo } from './io.js';
import { checkOutputName } from './extension.js';
import { printNotes, printWarnings } from './notes.js';
import { addInputOptions, settleOptions, type InputOptions } from './options.js';

interface SettleCliOptions extends InputOptions {
  format: SettlementFormat;
  output?: string;
  trace?: boolean;
  lang: Lang;
  color?: boolean;
  wide?: boolean;
  issuer?: string;
  date?: string;
  docNo?: string;
  title?: string;
  noticeSettings?: string;
  appendix?: boolean;
  perUnit?: boolean;
}

/** The options that only the published notice (html, md) and its letters take. */
const NOTICE_OPTIONS = [
  ['issuer', '--issuer'],
  ['date', '--date'],
  ['docNo', '--doc-no'],
  ['title', '--title'],
  ['noticeSettings', '--notice-settings'],
  ['appendix', '--appendix'],
  ['perUnit', '--per-unit'],
] as const;

/** Options that do not fit the format are refused rather than ignored. */
function checkNoticeOptions(opts: SettleCliOptions): void {
  const given = NOTICE_OPTIONS.filter(([key]) => opts[key] !== undefined).map(([, option]) => option);
  if (given.length > 0 && opts.format !== 'html' && opts.format !== 'md') throw new UsageError(`${given.join(', ')}: publication details of the notice; use them with --format html or --format md`, `${given.join('、')}：是通报的发布信息；请与 --format html 或 --format md 一起使用`);
  if (opts.perUnit && opts.format !== 'html') throw new UsageError('--per-unit writes a letter to each unit as HTML: use it with --format html', '--per-unit 为每个单位写一份 HTML 通报函：请与 --format html 一起使用');
  if (opts.perUnit && opts.output === undefined) throw new UsageError('--per-unit writes one file per unit and month: give --output FOLDER', '--per-unit 为每个单位每个月各写一个文件：请用 --output 文件夹 指定位置');
  if (opts.noticeSettings === '-') throw new UsageError('--notice-settings takes a file, not standard input', '--notice-settings 需要一个文件，不能是标准输入');
}

export function settleCommand(io: CliIo): Command {
  const cmd = new Command('settle')
    .description('settle the months in the monthly data files (许政办〔2022〕39号)')
    .argument('<files...>', 'monthly data CSV files; "-" reads standard input')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(SETTLEMENT_FORMATS)).default('table'))
    .option('--output <path>', 'write to this file (atomically) instead of standard output')
    .option('--trace', 'with --format json: include the derivation of every amount (as `ecocomp explain`)')
    .addOption(new Option('--lang <lang>', 'language of the --trace text').choices(['zh', 'en']).default(defaultLang(io.env)))
    .option('--issuer <text>', 'html, md: the issuing authority (发布机关), e.g. 许昌市生态环境局; without it a 草稿 placeholder')
    .option('--date <YYYY-MM-DD>', 'html, md: the date of the notice (成文日期); without it a 草稿 placeholder')
    .option('--doc-no <text>', 'html, md: the document number (文号); without it a 草稿 placeholder')
    .option('--title <text>', 'html, md: the title, instead of the one made from the city and month')
    .option('--notice-settings <file>', 'html, md: a JSON file with any of issuer, date, docNo, title, appendix (options win over it)')
    .option('--appendix', 'html, md: append the SHA-256 of every input and of the rules, and the generator')
    .option('--per-unit', 'html: write a letter to each unit (第七条) into the folder --output names, one file per unit and month');
  addInputOptions(cmd)
    .option('--color', 'colour the table even when not on a terminal')
    .option('--no-color', 'never colour the table')
    .option('--wide', 'the full table even where it is wider than the terminal')
    .action(async (files: string[], opts: SettleCliOptions) => {
      checkOutputName(opts.output, opts.format);
      const format = SETTLEMENT_FORMATS[opts.format];
      if (opts.trace && opts.format !== 'json') throw new UsageError('--trace adds the explanations to the JSON: use it with --format json (or see `ecocomp explain`)', '--trace 把计算说明加入 JSON：请与 --format json 一起使用（或使用 ecocomp explain）');
      if (format.binary && opts.output === undefined) throw new UsageError(`--format ${opts.format} writes a workbook: give --output FILE.${opts.format}`, `--format ${opts.format} 输出的是工作簿：请用 --output 文件.${opts.format} 指定文件`);
      checkNoticeOptions(opts);
      const problems: Problem[] = [];
      const options = await settleOptions(files, opts, io, problems);
      const notice = noticeDetails(noticeOptions(opts), cliReader(io), problems);
      if (problems.length > 0) throw new ProblemsError(problems);
      const settled = await settle({ ...options, inMemory: !format.streams, onNotes: (n) => printNotes(io, n), onMonth: printWarnings(io) }, cliReader(io));
      // A document number makes a notice official: a month-to-date standing (预估) is never issued as one.
      const provisional = notice.docNo !== undefined && !format.streams ? settled.all().months.find((m) => m.provisional) : undefined;
      if (provisional) {
        throw new UsageError(
          `${provisional.month} is a month-to-date standing (provisional), not a settlement: a notice with a document number (--doc-no) is issued only for a settled month`,
          `${provisional.month} 是截至目前的预估，不是正式核算结果：带文号（--doc-no）的通报只能针对正式核算的月份`,
        );
      }
      // A notice reports months that have ended: dated before the last of them ends, it would report what was not yet known.
      const lastMonth = notice.date !== undefined && !format.streams ? settled.all().months.at(-1)?.month : undefined;
      if (lastMonth !== undefined && notice.date! <= `${lastMonth}-${String(daysInMonth(lastMonth)).padStart(2, '0')}` && !settled.all().months.some((m) => m.provisional)) {
        const end = `${lastMonth}-${String(daysInMonth(lastMonth)).padStart(2, '0')}`;
        throw new UsageError(
          `--date ${notice.date} is not after the end of ${lastMonth} (${end}), the last month the notice reports; date it after the month has ended`,
          `--date ${notice.date} 不晚于通报所含最后一个月 ${lastMonth} 的月底（${end}）；成文日期应在该月结束之后`,
        );
      }
      if (opts.perUnit) {
        const letters = (await import('../output/letter.js')).renderLetters(settled.all(), settled.meta, notice);
        return writeOutputFiles(opts.output!, letters.map((l) => ({ name: l.file, content: l.html })), io);
      }
      const out = await format.render({
        all: () => settled.all(),
        each: () => settled.eachMonth(),
        monthSchedules: settled.monthSchedules,
        meta: settled.meta,
        paint: paintFor(opts.output === undefined && useColour(io, opts.color)),
        ...tableColumns(io, opts),
        ...(opts.trace ? { trace: (m, unitId) => explainCounty(m, unitId, opts.lang) } : {}),
        notice,
      });
      if (opts.output !== undefined) await writeOutput(opts.output, out, io);
      else await writeStdout(out, io, { painted: format.painted });
    });
  return cmd;
}

function noticeOptions(opts: SettleCliOptions): NoticeOptions {
  const { issuer, date, docNo, title, noticeSettings, appendix } = opts;
  return {
    ...(noticeSettings !== undefined ? { settings: noticeSettings } : {}),
    ...(issuer !== undefined ? { issuer } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(docNo !== undefined ? { docNo } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(appendix !== undefined ? { appendix } : {}),
  };
}

/**
 * `ecocomp check SHEET --data FILE [--data FILE…]`: finance's settlement sheet against the recomputed
 * settlement. Exit 0 when everything agrees, 1 when anything differs (each difference with both values and the
 * derivation of the recomputed one), 2 on bad input. Numbers of the sheet that could not be placed are named on
 * standard error (and in the JSON's notCompared).
 */
import { defaultLang } from './lang.js';
import { Command, Option } from 'commander';
import { ProblemsError, type Problem } from '../core/problems.js';
import { reportNote, styleOf } from './report.js';
import { check } from '../app/check.js';
import { notComparedNote, renderCheckJson, renderCheckText } from '../output/check.js';
import type { Lang } from '../output/explain.js';
import { EXIT } from './exit.js';
import { cliReader, fileInputs, writeStdout } from './files.js';
import { UsageError, type CliIo } from './io.js';
import { printNotes, printWarnings } from './notes.js';
import { addInputOptions, collectValues, settleOptions, type InputOptions } from './options.js';

interface CheckCliOptions extends InputOptions {
  allowProvisional?: boolean;
  data: string[];
  format: 'text' | 'json';
  lang: Lang;
}

export function checkCommand(io: CliIo, setExit: (code: number) => void): Command {
  const cmd = new Command('check')
    .description('check a settlement sheet (CSV or xlsx: month, unit, net, and where it has them each factor\'s value, baseline and amount, totals, the fund line and the group baselines) against the settlement recomputed from the data')
    .usage('SHEET --data FILE [--data FILE…] [options]')
    .argument('<sheet>', 'the settlement sheet to check')
    // One file per --data, so that the sheet may come before or after: `check --data data.csv sheet.csv`.
    .option('--allow-provisional', 'include month-to-date (预估) months, marked as such; without it they are refused')
    .requiredOption('--data <file>', 'the monthly data the sheet should have been computed from; repeat for several files', collectValues)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the derivations').choices(['zh', 'en']).default(defaultLang(io.env)))
    .allowExcessArguments();
  addInputOptions(cmd).action(async (sheet: string, opts: CheckCliOptions, command: Command) => {
    if (command.args.length > 1) {
      throw new UsageError(
        `check compares one sheet, got ${command.args.length} (${command.args.join(', ')}): give each data file its own --data, as in --data FILE --data FILE`,
        `check 只比对一张表，实际给出了 ${command.args.length} 个（${command.args.join('、')}）：每个数据文件各用一个 --data，如 --data 文件 --data 文件`,
      );
    }
    const problems: Problem[] = [];
    const options = await settleOptions(opts.data, opts, io, problems);
    const [sheetFile] = await fileInputs([sheet], io, problems);
    if (problems.length > 0 || sheetFile === undefined) throw new ProblemsError(problems);
    const result = await check(sheetFile, { ...options, ...(opts.allowProvisional ? { allowProvisional: true } : {}), onNotes: (n) => printNotes(io, n), onMonth: printWarnings(io) }, cliReader(io));
    const { comparison, sheet: content, settlement, meta } = result;
    if (comparison.differences.length > 0) setExit(EXIT.differences);
    for (const n of content.notCompared) reportNote(io, 'note', { code: 'N-NOT-COMPARED', ...notComparedNote(n) });
    const out = opts.format === 'json' ? renderCheckJson(settlement, comparison, content.notCompared, meta.sources, opts.lang) : renderCheckText(settlement, comparison, content.notCompared.length, sheet, opts.lang, styleOf(io).lang);
    await writeStdout(out, io);
  });
  return cmd;
}

/**
 * `ecocomp test CASES...`: run worked cases (case files, or folders of them). Exit 0 when every case gives what it
 * expects, 1 when any does not (each failing value shown), 2 when a case file cannot be read.
 */
import { defaultLang } from './lang.js';
import { Command, Option } from 'commander';
import { runCases } from '../app/cases.js';
import { renderCasesJson, renderCasesText } from '../output/cases.js';
import type { Lang } from '../output/explain.js';
import { EXIT } from './exit.js';
import { writeStdout } from './files.js';
import type { CliIo } from './io.js';

export function testCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('test')
    .description('run worked cases: case files (JSON: input, options, expected amounts or refusal), or folders searched for *.json case files')
    .argument('<cases...>', 'case files or folders of them')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the text').choices(['zh', 'en']).default(defaultLang(io.env)))
    .action(async (paths: string[], opts: { format: 'text' | 'json'; lang: Lang }) => {
      const run = await runCases(paths, { cwd: io.cwd });
      if (run.failed > 0) setExit(EXIT.differences);
      await writeStdout(opts.format === 'json' ? renderCasesJson(run) : renderCasesText(run, opts.lang), io);
    });
}

/**
 * The command line, runnable in-process: `run(argv, io)` returns the exit code and never touches
 * `process` (only bin/ecocomp.js does). Exit codes (SPEC.md §7): 0 success, 1 a check found
 * differences, 2 bad usage or bad input (nothing written), 3 an internal failure, 4 the result could
 * not be written (a full disk, a failing device: the message says which).
 */
import { Command, CommanderError, Option } from 'commander';
import { ProblemsError } from '../core/problems.js';
import { OutputError, UsageError, type CliIo } from './io.js';
import { messageStyle } from './lang.js';
import { reportLine, reportProblems, styleOf } from './report.js';
import { HELP_TITLES_ZH, HELP_ZH, commanderTextZh, optionDescriptionZh } from '../output/help-zh.js';
import { width } from '../output/text.js';
import { EXIT } from './exit.js';

import { VERSION } from '../core/version.js';
import { visibleLines } from '../core/text.js';
export { VERSION };

export { EXIT };

/**
 * Commander's help and messages, in the user's language; its messages quote the command line, whose control
 * characters are shown, not obeyed. Under --errors json a usage error is one JSON line (code E-USAGE).
 */
const streams = (io: CliIo) => {
  const zh = styleOf(io).lang === 'zh';
  const local = (s: string) => (zh ? commanderTextZh(s) : s);
  return {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => {
      if (styleOf(io).json) {
        // One object per fault: commander's hint to run --help is not a fault of its own.
        if (s.trim() !== '' && !s.includes('(run with --help for usage)')) reportLine(io, 'E-USAGE', { en: s.trim(), zh: commanderTextZh(s.trim()) });
      } else io.stderr.write(visibleLines(local(s)));
    },
  };
};

/**
 * Help in Chinese (output/help-zh.ts): every description of a command, its arguments and options translated before
 * commander formats them, its headings and its notes on choices and defaults in Chinese, and widths counted in
 * terminal columns (a Chinese character takes two), so that the columns line up.
 */
function helpInChinese(c: Command): void {
  const zh = (text: string) => HELP_ZH[text] ?? text;
  c.description(zh(c.description()));
  for (const o of c.options) o.description = zh(o.description);
  for (const a of c.registeredArguments) a.description = zh(a.description);
  c.helpOption('-h, --help', '显示帮助');
  if (c.commands.length > 0) c.helpCommand('help [command]', '显示命令的帮助');
  c.configureHelp({
    displayWidth: (s: string) => width(s.replace(/\u001b\[[0-9;]*m/g, '')),
    styleTitle: (s: string) => HELP_TITLES_ZH[s] ?? s,
    optionDescription: (o) =>
      optionDescriptionZh(o.description, o.argChoices, o.defaultValue !== undefined && (o.required || o.optional) ? (o.defaultValueDescription ?? JSON.stringify(o.defaultValue)) : undefined),
  });
  c.commands.forEach(helpInChinese);
}

export async function run(argv: readonly string[], given: CliIo): Promise<number> {
  const io: CliIo = { ...given, style: given.style ?? messageStyle(argv, given.env) };
  const program = new Command('ecocomp')
    .description('Xuchang air-quality eco-compensation settlement (许昌市城市环境空气质量生态补偿, 许政办〔2022〕39号)')
    .version(VERSION, '-V, --version')
    // Read before parsing (cli/lang.ts), so that commander's own errors take it too; declared here for --help.
    .addOption(new Option('--errors <format>', 'how faults, warnings and notes are written to standard error: text, or json (one JSON object per line, with a stable code)').choices(['text', 'json']))
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput(streams(io))
    .exitOverride();
  // A command that completes but has something to report (e.g. invalid unit-months) raises the exit code.
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => void (exitCode = Math.max(exitCode, code));
  const commands = commandLoaders(io, setExit);
  const first = argv[0];
  const wanted = first !== undefined && first in commands ? [first] : Object.keys(commands);
  for (const name of wanted) program.addCommand(await commands[name]!());
  // Every command, and every subcommand, reports usage errors through the same streams and exit codes.
  // A usage error ends with the command's usage line, so that the fix is on the screen (commander's own hint
  // is set on the program only).
  const configure = (c: Command, path: string): void => {
    const name = `${path} ${c.name()}`;
    const hint = styleOf(io).lang === 'zh' ? `用法：${name} ${c.usage()}（详见 ${name} --help）` : `usage: ${name} ${c.usage()}  (${name} --help for more)`;
    c.exitOverride().configureOutput(streams(io)).showHelpAfterError(hint);
    c.commands.forEach((sub) => configure(sub, name));
  };
  program.commands.forEach((c) => configure(c, 'ecocomp'));
  if (styleOf(io).lang === 'zh') helpInChinese(program);

  try {
    if (argv.length === 0) {
      // No command is a usage error, as for git: the help on standard error (standard output carries only
      // results), exit 2 (decision 78). `ecocomp --help` prints it on standard output with exit 0.
      program.outputHelp({ error: true });
      return EXIT.badInput;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (e instanceof ProblemsError) {
      reportProblems(e.problems, io);
      return EXIT.badInput;
    }
    if (e instanceof UsageError) {
      reportLine(io, 'E-USAGE', { en: e.message, zh: e.zh });
      return EXIT.badInput;
    }
    if (e instanceof OutputError) {
      reportLine(io, 'E-WRITE', { en: e.message, zh: e.zh });
      return EXIT.cannotWrite;
    }
    const what = (e as Error)?.message ?? String(e);
    reportLine(io, 'E-INTERNAL', { en: `internal error: ${what}`, zh: `内部错误：${what}` });
    if (!styleOf(io).json) {
      io.stderr.write(
        styleOf(io).lang === 'zh'
          ? '这是 ecocomp 的缺陷，不是数据的问题；请连同所运行的命令一起报告。\n'
          : 'This is a defect in ecocomp, not in your data; please report it with the command you ran.\n',
      );
    }
    if (io.env.ECOCOMP_DEBUG) io.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    return EXIT.internal;
  }
}

/** Each command's module, loaded only when it is asked for (start-up counts in batch jobs); help loads them all. */
export function commandLoaders(io: CliIo, setExit: (code: number) => void = () => {}): Record<string, () => Promise<Command>> {
  return {
    settle: async () => (await import('./settle.js')).settleCommand(io),
    aggregate: async () => (await import('./aggregate.js')).aggregateCommand(io, setExit),
    explain: async () => (await import('./explain.js')).explainCommand(io),
    ledger: async () => (await import('./ledger.js')).ledgerCommand(io),
    check: async () => (await import('./check.js')).checkCommand(io, setExit),
    rules: async () => (await import('./rules.js')).rulesCommand(io),
    compare: async () => (await import('./compare.js')).compareCommand(io),
    whatif: async () => (await import('./whatif.js')).whatifCommand(io),
    target: async () => (await import('./target.js')).targetCommand(io),
    test: async () => (await import('./test.js')).testCommand(io, setExit),
  };
}

/**
 * The command line, runnable in-process: `run(argv, io)` returns the exit code and never touches
 * `process` (only bin/ecocomp.js does). Exit codes (SPEC.md §7): 0 success, 1 a check found
 * differences, 2 bad usage or bad input (nothing written), 3 an internal failure, 4 the result could
 * not be written (a full disk, a failing device: the message says which).
 */
import { Command, CommanderError } from 'commander';
import { ProblemLog, ProblemsError, formatProblem, type Problem } from '../core/problems.js';
import { OutputError, UsageError, type CliIo } from './io.js';
import { EXIT } from './exit.js';

import { VERSION } from '../core/version.js';
import { visible, visibleLines } from '../core/text.js';
export { VERSION };

export { EXIT };

/** Commander's help and messages; its messages quote the command line, whose control characters are shown, not obeyed. */
const streams = (io: CliIo) => ({ writeOut: (s: string) => io.stdout.write(s), writeErr: (s: string) => io.stderr.write(visibleLines(s)) });

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('ecocomp')
    .description('Xuchang air-quality eco-compensation settlement (许昌市城市环境空气质量生态补偿, 许政办〔2022〕39号)')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput(streams(io))
    .exitOverride();
  // A command that completes but has something to report (e.g. invalid unit-months) raises the exit code.
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => void (exitCode = Math.max(exitCode, code));
  // A command's module is loaded only when it is asked for (start-up counts in batch jobs); help loads them all.
  const commands: Record<string, () => Promise<Command>> = {
    settle: async () => (await import('./settle.js')).settleCommand(io),
    aggregate: async () => (await import('./aggregate.js')).aggregateCommand(io, setExit),
    explain: async () => (await import('./explain.js')).explainCommand(io),
    ledger: async () => (await import('./ledger.js')).ledgerCommand(io),
    check: async () => (await import('./check.js')).checkCommand(io, setExit),
    rules: async () => (await import('./rules.js')).rulesCommand(io),
  };
  const first = argv[0];
  const wanted = first !== undefined && first in commands ? [first] : Object.keys(commands);
  for (const name of wanted) program.addCommand(await commands[name]!());
  // Every command, and every subcommand, reports usage errors through the same streams and exit codes.
  // A usage error ends with the command's usage line, so that the fix is on the screen (commander's own hint
  // is set on the program only).
  const configure = (c: Command, path: string): void => {
    const name = `${path} ${c.name()}`;
    c.exitOverride().configureOutput(streams(io)).showHelpAfterError(`usage: ${name} ${c.usage()}  (${name} --help for more)`);
    c.commands.forEach((sub) => configure(sub, name));
  };
  program.commands.forEach((c) => configure(c, 'ecocomp'));

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
      printProblems(e.problems, io);
      return EXIT.badInput;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`ecocomp: ${visible(e.message)}\n`);
      return EXIT.badInput;
    }
    if (e instanceof OutputError) {
      io.stderr.write(`ecocomp: ${visible(e.message)}\n`);
      return EXIT.cannotWrite;
    }
    io.stderr.write(`ecocomp: internal error: ${visible((e as Error)?.message ?? String(e))}\n`);
    io.stderr.write('This is a defect in ecocomp, not in your data; please report it with the command you ran.\n');
    if (io.env.ECOCOMP_DEBUG) io.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    return EXIT.internal;
  }
}

/** The first faults of each kind, then a line for each kind saying how many more there were. */
function printProblems(problems: readonly Problem[], io: CliIo): void {
  const log = new ProblemLog();
  log.addAll(problems);
  const n = log.count;
  io.stderr.write(`ecocomp: ${n.toLocaleString('en-US')} problem${n === 1 ? '' : 's'} found; no output was written.\n`);
  for (const p of log.listed) io.stderr.write(`${visible(formatProblem(p))}\n`);
  for (const line of log.unlistedLines()) io.stderr.write(`${visible(line)}\n`);
}

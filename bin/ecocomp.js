#!/usr/bin/env node
// The only file that touches `process` (with code-cache.js, which loads the CLI): it hands the real streams and
// environment to run(), and answers for the process's edges — a failed write to standard output, and a signal while
// an output file is being written. CommonJS (bin/package.json): it starts faster than an ES module.
'use strict';
const { fstatSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const quick = require('../dist/quick.cjs');

/** The CLI's line for a failed write to standard output, in the run's language; loaded only when one happens. */
function failedOutputLine(e) {
  const c = cli();
  return c.stdoutFailureLine(c.messageStyle(process.argv.slice(2), process.env), { en: c.describeFsError(e), zh: c.describeFsErrorZh(e) });
}

/**
 * `--version`, `--help` and a bare `ecocomp` print what the build recorded from the CLI itself (dist/quick.cjs), in
 * the language the CLI would choose (cli/lang.ts: ECOCOMP_LANG=en for English, else Chinese): loading the CLI to
 * print a fixed text would cost as much as a settle. Help on a terminal wraps to its width, so it takes the full
 * path there; a bare `ecocomp` prints the help on standard error (exit 2), `--help` on standard output.
 */
function quickAnswer(argv, env) {
  if (argv.length > 1) return undefined;
  const answers = quick.answers[env.ECOCOMP_LANG?.toLowerCase().startsWith('en') ? 'en' : 'zh'];
  if (argv[0] === '--version' || argv[0] === '-V') return answers.version;
  if ((argv[0] === '--help' || argv[0] === '-h') && !isTerminal(1)) return answers.help;
  if (argv.length === 0 && !isTerminal(2)) return answers.bare;
  return undefined;
}

/** As process.stdout.isTTY, without creating process.stdout (a terminal is a character device: others need no tty). */
function isTerminal(fd) {
  try {
    return fstatSync(fd).isCharacterDevice() && require('node:tty').isatty(fd);
  } catch {
    return false;
  }
}

let loaded;
function cli() {
  loaded ??= require('./code-cache.js').loadCli(join(__dirname, '../dist/ecocomp.cjs'), { env: process.env, home: safeHomedir(), build: quick.build, command: process.argv[2] });
  return loaded;
}

function safeHomedir() {
  try {
    return require('node:os').homedir();
  } catch {
    return undefined;
  }
}

/** Which file a standard stream is (none when it is closed): --output compares its target with them. */
function identity(fd) {
  try {
    const { dev, ino } = fstatSync(fd, { bigint: true });
    return { dev, ino };
  } catch {
    return undefined;
  }
}

/**
 * A quick answer is written straight to its file descriptor: creating process.stdout costs Node 24 ~4 ms, a tenth of
 * its whole start. A pipe left non-blocking by another process may take it in parts or not at once.
 */
function writeQuick(fd, text) {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      if (e.code === 'EAGAIN') {
        watchStandardStreams();
        (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(at));
        return;
      }
      throw e;
    }
  }
}

function watchStandardStreams() {
  // Writes to standard output fail through 'error' events, not at the write.
  process.stdout.on('error', failedOutput);
  // With standard error gone there is nobody left to tell; the exit code still says what happened.
  process.stderr.on('error', () => undefined);
}

function failedOutput(e) {
  // A closed pipe (`ecocomp … | head`) is the reader's choice, not a failure.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(failedOutputLine(e));
  process.exit(quick.exit.cannotWrite);
}

async function main(argv) {
  const answer = quickAnswer(argv, process.env);
  if (answer !== undefined) {
    try {
      writeQuick(1, answer.stdout);
      writeQuick(2, answer.stderr);
    } catch (e) {
      failedOutput(e);
    }
    return answer.code;
  }
  watchStandardStreams();
  const { removeTemporaries, run, watchTemporaries } = cli();
  // While an output file is being written, a signal removes its temporary file before the process ends. The handlers
  // are held only then: at any other moment a signal ends the process at once, as if ecocomp had none.
  const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  const handlers = Object.entries(SIGNALS).map(([signal, code]) => {
    const handler = () => {
      removeTemporaries();
      for (const [s, h] of handlers) process.off(s, h);
      // Ending by the signal itself tells a calling shell that the run was interrupted (a loop of runs stops too).
      process.kill(process.pid, signal);
      process.exit(code);
    };
    return [signal, handler];
  });
  watchTemporaries((writing) => {
    for (const [signal, handler] of handlers) {
      if (writing) process.on(signal, handler);
      else process.off(signal, handler);
    }
  });

  const io = {
    stdout: { write: (s) => process.stdout.write(s), isTTY: process.stdout.isTTY === true, columns: process.stdout.columns },
    stderr: { write: (s) => process.stderr.write(s), isTTY: process.stderr.isTTY === true },
    stdinStream: () => process.stdin,
    stdinIdentity: identity(0),
    stdoutIdentity: identity(1),
    env: process.env,
    cwd: process.cwd(),
  };
  return run(process.argv.slice(2), io);
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

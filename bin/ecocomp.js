#!/usr/bin/env node
// The only file that touches `process`: it hands the real streams and environment to run(), and answers for the
// process's edges — a failed write to standard output, and a signal while an output file is being written.
import { fstatSync } from 'node:fs';
import { EXIT, describeFsError, removeTemporaries, run, watchTemporaries } from '../dist/ecocomp.js';

// Writes to standard output fail through 'error' events, not at the write.
process.stdout.on('error', (e) => {
  // A closed pipe (`ecocomp … | head`) is the reader's choice, not a failure.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  process.stderr.write(`ecocomp: cannot write the output: ${describeFsError(e)}\n`);
  process.exit(EXIT.cannotWrite);
});
// With standard error gone there is nobody left to tell; the exit code still says what happened.
process.stderr.on('error', () => undefined);

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

/** Which file a standard stream is (none when it is closed): --output compares its target with them. */
function identity(fd) {
  try {
    const { dev, ino } = fstatSync(fd, { bigint: true });
    return { dev, ino };
  } catch {
    return undefined;
  }
}

const io = {
  stdout: { write: (s) => process.stdout.write(s), isTTY: process.stdout.isTTY === true, columns: process.stdout.columns },
  stderr: { write: (s) => process.stderr.write(s), isTTY: process.stderr.isTTY === true },
  stdinStream: () => process.stdin,
  stdinIdentity: identity(0),
  stdoutIdentity: identity(1),
  env: process.env,
  cwd: process.cwd(),
};

process.exitCode = await run(process.argv.slice(2), io);

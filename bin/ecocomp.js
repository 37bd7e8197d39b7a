#!/usr/bin/env node
// The only file that touches `process`: it hands the real streams and environment to run().
import { run } from '../dist/ecocomp.js';

process.stdout.on('error', (e) => {
  // A closed pipe (`ecocomp … | head`) is the reader's choice, not a failure.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const io = {
  stdout: { write: (s) => process.stdout.write(s), isTTY: process.stdout.isTTY === true },
  stderr: { write: (s) => process.stderr.write(s), isTTY: process.stderr.isTTY === true },
  stdinStream: () => process.stdin,
  env: process.env,
  cwd: process.cwd(),
};

process.exitCode = await run(process.argv.slice(2), io);

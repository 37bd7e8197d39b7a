import { run } from '../../src/cli/run.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as bin/ecocomp.js would, with captured streams. */
export async function runCli(
  argv: string[],
  opts: { stdin?: Uint8Array | string; env?: Record<string, string>; cwd?: string; isTTY?: boolean; columns?: number; stderrTTY?: boolean; now?: () => number; stdoutWrite?: (s: string) => void } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stdinBytes = typeof opts.stdin === 'string' ? new TextEncoder().encode(opts.stdin) : (opts.stdin ?? new Uint8Array());
  const io: CliIo = {
    stdout: { write: opts.stdoutWrite ?? ((s) => void (stdout += s)), isTTY: opts.isTTY ?? false, ...(opts.columns !== undefined ? { columns: opts.columns } : {}) },
    stderr: { write: (s) => void (stderr += s), isTTY: opts.stderrTTY ?? false },
    stdinStream: async function* () {
      // In chunks, as a pipe delivers them, so that stream decoding across chunk edges is exercised.
      for (let i = 0; i < stdinBytes.length; i += 4096) yield stdinBytes.subarray(i, i + 4096);
    },
    env: opts.env ?? {},
    // Messages are Chinese by default; the tests written against the English ones read them in English (the output's
    // language is left to --lang and ECOCOMP_LANG), unless the test asks for a language itself.
    ...(opts.env?.ECOCOMP_LANG === undefined && !argv.some((a) => a === '--lang' || a.startsWith('--lang=')) ? { style: { lang: 'en' as const, json: false } } : {}),
    cwd: opts.cwd ?? process.cwd(),
    ...(opts.now ? { now: opts.now } : {}),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Reading inputs and writing outputs for commands: every failure becomes a Problem, writes are atomic. */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { NamedBytes } from '../input/load.js';
import { ProblemsError, type Problem } from '../problems.js';
import { UsageError, type CliIo } from './io.js';

export const STDIN_NAME = '<stdin>';

function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error).message;
}

/**
 * The largest table `settle` reads whole (monthly data, targets, results, sheets): a real one is a few
 * kilobytes. Raw monitoring data, which can be gigabytes, goes through `aggregate`, which streams.
 */
export const MAX_TABLE_BYTES = 64 * 1024 * 1024;

const tooLarge = (size: number) =>
  `is ${(size / 1024 / 1024).toFixed(0)} MiB: a monthly table is a few kilobytes, and tables above ${MAX_TABLE_BYTES / 1024 / 1024} MiB are refused (raw monitoring data goes through \`ecocomp aggregate\`, which streams)`;

async function readStdin(io: CliIo, problems: Problem[]): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of io.stdinStream()) {
    size += chunk.length;
    if (size > MAX_TABLE_BYTES) {
      problems.push({ file: STDIN_NAME, message: `holds more than ${MAX_TABLE_BYTES / 1024 / 1024} MiB: a monthly table is a few kilobytes (raw monitoring data goes through \`ecocomp aggregate\`, which streams)` });
      return undefined;
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Reads the named files ("-" is standard input, at most once); all unreadable files are reported together. */
export async function readInputs(names: readonly string[], io: CliIo, problems: Problem[]): Promise<NamedBytes[]> {
  const out: NamedBytes[] = [];
  for (const name of names) {
    if (name === '-') {
      const bytes = await readStdin(io, problems);
      if (bytes) out.push({ name: STDIN_NAME, bytes });
      continue;
    }
    try {
      const path = resolve(io.cwd, name);
      const { size } = statSync(path);
      if (size > MAX_TABLE_BYTES) problems.push({ file: name, message: tooLarge(size) });
      else out.push({ name, bytes: readFileSync(path) });
    } catch (e) {
      problems.push({ file: name, message: describeFsError(e) });
    }
  }
  return out;
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  return real(a) === real(b);
}

/**
 * Writes the whole text next to the target and renames it into place: a run that fails or is killed
 * leaves either the old file or the new one, never a truncated mix.
 */
export type Output = string | Uint8Array | Iterable<string>;

/** Writes output to standard output as it is made. */
export function writeStdout(content: Output, io: CliIo): void {
  if (typeof content === 'string' || content instanceof Uint8Array) io.stdout.write(content as string);
  else for (const chunk of content) io.stdout.write(chunk);
}

export function writeOutput(path: string, content: Output, io: CliIo, inputs: readonly string[]): void {
  const target = resolve(io.cwd, path);
  const clash = inputs.find((i) => i !== '-' && samePath(resolve(io.cwd, i), target));
  if (clash) throw new UsageError(`--output ${path} is also an input file (${clash}); refusing to overwrite an input`);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    if (typeof content === 'string' || content instanceof Uint8Array) writeAll(fd, content);
    else for (const chunk of content) writeAll(fd, chunk);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    if ((e as { code?: string }).code === undefined) throw e; // not a file-system fault: a defect, reported as such
    throw new ProblemsError([{ file: path, message: `cannot write the output: ${describeFsError(e)}` }]);
  }
}

function writeAll(fd: number, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

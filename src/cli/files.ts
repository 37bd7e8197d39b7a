/**
 * Reading inputs and writing outputs for commands. A file that cannot be read becomes a Problem (exit 2); an
 * --output that may not be written is refused before anything is written (UsageError, exit 2); a write that fails
 * is an OutputError (exit 4). Files are replaced atomically, and no file the run read is ever replaced.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  createReadStream,
  existsSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type BigIntStats,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isatty } from 'node:tty';
import type { Problem } from '../core/problems.js';
import { MAX_TABLE_BYTES, TooLarge, describeFsError, describeFsErrorZh, type FileInput, type NamedBytes } from '../app/files.js';
import type { StreamReader } from '../app/aggregate.js';
import type { Output } from '../output/formats.js';
import { OutputError, UsageError, type CliIo, type FileIdentity } from './io.js';
import { visibleLines } from '../core/text.js';

export const STDIN_NAME = '<stdin>';

/** The files each run has read, by identity (keyed by the run's io): an output may replace none of them. */
const readInRun = new WeakMap<CliIo, Set<string>>();
const identityKey = (id: FileIdentity) => `${id.dev}:${id.ino}`;

/** Remembers that this run read the file (or the stream) with this identity. */
export function noteRead(io: CliIo, id: FileIdentity | undefined): void {
  if (id === undefined) return;
  let read = readInRun.get(io);
  if (!read) readInRun.set(io, (read = new Set()));
  read.add(identityKey(id));
}

/** A whole file, remembered as read in this run; throws the file system's error, or TooLarge past maxBytes. */
export function readFileOf(name: string, io: CliIo, maxBytes = Infinity): Buffer {
  const fd = openSync(resolve(io.cwd, name), 'r');
  try {
    const stats = fstatSync(fd, { bigint: true });
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (Number(stats.size) > maxBytes) throw new TooLarge(Number(stats.size));
    const bytes = readFileSync(fd);
    noteRead(io, stats);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Standard input, read whole (up to the size of a table), remembered as read in this run. */
export async function readStdin(io: CliIo, problems: Problem[]): Promise<NamedBytes | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  noteRead(io, io.stdinIdentity);
  for await (const chunk of io.stdinStream()) {
    size += chunk.length;
    if (size > MAX_TABLE_BYTES) {
      problems.push({ file: STDIN_NAME, code: 'E-FILE', message: `holds more than ${MAX_TABLE_BYTES / 1024 / 1024} MiB: a monthly table is a few kilobytes (raw monitoring data goes through \`ecocomp aggregate\`, which streams)`, zh: `超过 ${MAX_TABLE_BYTES / 1024 / 1024} MiB：月度表只有几 KB（原始监测数据请用流式处理的 ecocomp aggregate）` });
      return undefined;
    }
    chunks.push(chunk);
  }
  return { name: STDIN_NAME, bytes: new Uint8Array(Buffer.concat(chunks)) };
}

/**
 * The files a command names, as the application takes them: "-" is standard input, read here (at most once);
 * every other name is a path the reader reads.
 */
export async function fileInputs(names: readonly string[], io: CliIo, problems: Problem[]): Promise<FileInput[]> {
  const out: FileInput[] = [];
  for (const name of names) {
    if (name !== '-') out.push(name);
    else {
      const stdin = await readStdin(io, problems);
      if (stdin) out.push(stdin);
    }
  }
  return out;
}

/**
 * How the application reads files for a command: relative to the run's working folder, and remembering each file
 * it read (by identity), so that --output can never replace one of them.
 */
export function cliReader(io: CliIo): StreamReader {
  return {
    readFile: (path, maxBytes) => readFileOf(path, io, maxBytes),
    exists: (path) => existsSync(resolve(io.cwd, path)),
    openStream(path) {
      const full = resolve(io.cwd, path);
      const stats = statSync(full, { bigint: true });
      if (stats.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      noteRead(io, stats);
      // 256 KiB pieces: a quarter of the reads of the default 64 KiB, for no more memory to speak of.
      return createReadStream(full, { highWaterMark: 256 * 1024 });
    },
    canReopen: (path) => isRegularFile(resolve(io.cwd, path)),
  };
}


function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Lets signals and stream errors be handled between chunks of a long write. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

/**
 * Writes output to standard output as it is made. Text from input may reach a terminal here, so on a terminal
 * control characters are shown as <U+XXXX>, unless the output is the tool's own painted table (already made visible).
 */
export async function writeStdout(content: Output, io: CliIo, opts: { painted?: boolean } = {}): Promise<void> {
  const show = io.stdout.isTTY === true && !opts.painted ? visibleLines : (s: string) => s;
  if (content instanceof Uint8Array) io.stdout.write(content as unknown as string);
  else if (typeof content === 'string') io.stdout.write(show(content));
  else
    for (const chunk of content) {
      io.stdout.write(show(chunk));
      await breathe();
    }
}

/**
 * Temporary files being written, with their descriptors: a run interrupted by a signal removes them
 * (bin/ecocomp.js calls removeTemporaries from its handlers, which it holds only while one is being written).
 */
const temporaries = new Map<string, number | undefined>();
let onWriting: ((writing: boolean) => void) | undefined;

/** Called with true when the first temporary file is begun and with false when the last one is gone. */
export function watchTemporaries(listener: ((writing: boolean) => void) | undefined): void {
  onWriting = listener;
}

/** Removes every temporary file being written; for signal handlers, so it never throws. */
export function removeTemporaries(): void {
  for (const [path, fd] of temporaries) {
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(path, { force: true });
    } catch {
      // Nothing more can be done from a handler that is about to end the process.
    }
  }
  temporaries.clear();
}

function track(path: string, fd: number | undefined): void {
  const first = temporaries.size === 0;
  temporaries.set(path, fd);
  if (first) onWriting?.(true);
}

function untrack(path: string): void {
  if (!temporaries.delete(path)) return;
  if (temporaries.size === 0) onWriting?.(false);
}

/** Where --output writes: replaced through a temporary file, or written into (a device, a FIFO, /dev/stdout). */
interface Target {
  path: string;
  through: boolean;
  /** The target is standard output itself (`--output /dev/stdout`): written to the stream, which may be a socket. */
  stdout?: boolean;
  /** The permissions of the file replaced, which its replacement keeps. */
  mode?: number;
}

/** Names the shell's > writes into and that are never files to replace: standard streams and /proc's descriptors. */
const STREAM_NAMES = /^\/(?:dev\/(?:stdout|stderr|fd\/)|proc\/)/;

/** Where `--output name` writes, or why it may not: refusals (exit 2) come before anything is written. */
function outputTarget(name: string, io: CliIo): Target {
  const given = resolve(io.cwd, name);
  const refuse = (why: string, whyZh: string) => new UsageError(`--output ${name} ${why}`, `--output ${name} ${whyZh}`);
  let stats: BigIntStats | undefined;
  try {
    stats = statSync(given, { bigint: true });
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw refuse(`cannot be written: ${describeFsError(e)}`, `无法写入：${describeFsErrorZh(e)}`);
  }
  if (stats === undefined) {
    const path = linkedName(given);
    const folder = dirname(path);
    try {
      if (!statSync(folder).isDirectory()) throw refuse(`cannot be created: ${folder} is not a folder`, `无法创建：${folder} 不是文件夹`);
      accessSync(folder, constants.W_OK);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      const missing = (e as { code?: string }).code === 'ENOENT';
      throw refuse(`cannot be created in ${folder}: ${missing ? 'no such folder' : describeFsError(e)}`, `无法在 ${folder} 中创建：${missing ? '没有这个文件夹' : describeFsErrorZh(e)}`);
    }
    return { path, through: false };
  }
  if (stats.isDirectory()) throw refuse('is a folder, not a file', '是文件夹，不是文件');
  if (!stats.isFile()) return { path: given, through: true, stdout: sameFile(stats, io.stdoutIdentity) };
  if (readInRun.get(io)?.has(identityKey(stats))) throw refuse('is a file this run reads; refusing to overwrite an input', '是本次运行读取的文件；不能覆盖输入文件');
  if (!writable(given, stats)) throw refuse('is read-only; make it writable or choose another name', '是只读文件；请将其改为可写，或换一个文件名');
  if (STREAM_NAMES.test(given)) return { path: given, through: true };
  return { path: realpathSync(given), through: false, mode: Number(stats.mode & 0o7777n) };
}

const sameFile = (a: FileIdentity, b: FileIdentity | undefined) => b !== undefined && a.dev === b.dev && a.ino === b.ino;

/** A read-only file is refused as the shell's > refuses it, even for root, for whom access() always says yes. */
function writable(path: string, stats: BigIntStats): boolean {
  if ((stats.mode & 0o222n) === 0n) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The name a new file gets when `path` is a symbolic link to nothing (yet): the link's end, as the shell's > creates it. */
function linkedName(path: string): string {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(p).isSymbolicLink()) return p;
    } catch {
      return p;
    }
    p = resolve(dirname(p), readlinkSync(p));
  }
  return p;
}

/**
 * Writes --output. A file is written whole to a temporary file beside it and renamed into place, so a run that
 * fails or is killed leaves either the old file or the new one, never a truncated mix; a symbolic link is followed
 * and kept, and the replaced file's permissions are kept. A device or a FIFO is written into. A failed write
 * throws an OutputError (exit 4).
 */
export async function writeOutput(name: string, content: Output, io: CliIo): Promise<void> {
  const target = outputTarget(name, io);
  // With --output the table is never painted, so what reaches a terminal this way is shown like any other text.
  if (target.stdout) await writeStdout(content, io);
  else if (target.through) await writeInto(target.path, content, name);
  else await replaceFile(target, content, name);
}

function writeFailure(e: unknown, name: string, unchanged: boolean): Error {
  if ((e as { code?: string }).code === undefined) return e as Error; // not a file-system fault: a defect, reported as such
  return new OutputError(
    `cannot write the output to ${name}: ${describeFsError(e)}${unchanged ? ` (${name} is unchanged)` : ''}`,
    `无法把结果写入 ${name}：${describeFsErrorZh(e)}${unchanged ? `（${name} 未被改动）` : ''}`,
  );
}

async function replaceFile(target: Target, content: Output, name: string): Promise<void> {
  // Short and of fixed length, so that a target name near the file system's limit still has a temporary name.
  const temp = join(dirname(target.path), `.ecocomp-${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // Tracked before it exists, so that the signal handlers are in place from the moment the file is created: a
    // signal in between would otherwise end the process by default and leave the file behind.
    track(temp, undefined);
    fd = openSync(temp, 'wx', target.mode ?? 0o666);
    track(temp, fd);
    if (target.mode !== undefined) fchmodSync(fd, target.mode); // open's mode passes through the umask
    await writeContent(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    replaceByRename(temp, target.path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw writeFailure(e, name, target.mode !== undefined);
  } finally {
    untrack(temp);
  }
}

/** On Windows a file open in Excel cannot be replaced: the message says so rather than just "permission denied". */
function replaceByRename(temp: string, path: string): void {
  try {
    renameSync(temp, path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EBUSY' || code === 'EPERM') throw Object.assign(new Error(`${describeFsError(e)} (is the file open in another program, such as Excel?)`), { code: 'EINUSE' });
    throw e;
  }
}

async function writeInto(path: string, content: Output, name: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    await writeContent(fd, content, isatty(fd) ? visibleLines : undefined);
  } catch (e) {
    // A reader that closes its end (`--output fifo` read by `head`) has what it wanted, as with a closed pipe.
    if ((e as { code?: string }).code !== 'EPIPE') throw writeFailure(e, name, false);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the content; `show`, for a terminal, makes the text's control characters visible. */
async function writeContent(fd: number, content: Output, show: (text: string) => string = (s) => s): Promise<void> {
  if (content instanceof Uint8Array) writeAll(fd, content);
  else if (typeof content === 'string') writeAll(fd, show(content));
  else
    for (const chunk of content) {
      writeAll(fd, show(chunk));
      await breathe();
    }
}

function writeAll(fd: number, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Writes several files into a folder (`settle --per-unit --output FOLDER`): the folder is created if it does not
 * exist (its parent must), and every file is checked as --output checks one — never a file this run read, never a
 * read-only one — before the first is written; each is then replaced atomically.
 */
export async function writeOutputFiles(folder: string, files: readonly { name: string; content: Output }[], io: CliIo): Promise<void> {
  const path = resolve(io.cwd, folder);
  const refuse = (why: string, whyZh: string) => new UsageError(`--output ${folder} ${why}`, `--output ${folder} ${whyZh}`);
  let exists = false;
  try {
    if (!statSync(path).isDirectory()) throw refuse('is a file: --per-unit writes one file per unit into a folder', '是文件：--per-unit 会在一个文件夹中为每个单位各写一个文件');
    exists = true;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if ((e as { code?: string }).code !== 'ENOENT') throw refuse(`cannot be used: ${describeFsError(e)}`, `无法使用：${describeFsErrorZh(e)}`);
  }
  if (exists) for (const f of files) outputTarget(join(folder, f.name), io);
  else {
    const parent = dirname(path);
    if (!existsSync(parent) || !statSync(parent).isDirectory()) throw refuse(`cannot be created: no such folder ${parent}`, `无法创建：没有文件夹 ${parent}`);
    try {
      mkdirSync(path);
    } catch (e) {
      throw refuse(`cannot be created: ${describeFsError(e)}`, `无法创建：${describeFsErrorZh(e)}`);
    }
  }
  for (const f of files) await writeOutput(join(folder, f.name), f.content, io);
}

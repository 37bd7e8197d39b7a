/**
 * How the application reaches files. A caller names a file by its path, or hands over its name and bytes (the
 * command line reads standard input itself). Paths are read through a Reader: the library's reads with node:fs;
 * the command line passes one that remembers each file it read, so that no output can replace it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Problem } from '../core/problems.js';
import type { SourceDigest } from '../core/meta.js';
import type { NamedBytes } from '../input/load.js';

export type { NamedBytes };

/** A file: its path, or its name and content. */
export type FileInput = string | NamedBytes;

export interface Reader {
  /** The whole file; throws the file system's error, or TooLarge before reading a file larger than maxBytes. */
  readFile(path: string, maxBytes: number): Uint8Array;
  /** Whether something exists at the path (for the note on a schedule name that is also a file's). */
  exists(path: string): boolean;
}

/** A file larger than its reader takes; thrown before it is read. */
export class TooLarge extends Error {
  override name = 'TooLarge';
  constructor(readonly size: number) {
    super(`${size} bytes`);
  }
}

/** Paths as Node resolves them, from the working directory. */
export const nodeReader: Reader = {
  readFile(path, maxBytes) {
    const stats = statSync(path);
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stats.size > maxBytes) throw new TooLarge(stats.size);
    return readFileSync(path);
  },
  exists: (path) => existsSync(path),
};

/**
 * The largest table read whole (monthly data, targets, results, baselines, sheets): a real one is a few kilobytes.
 * Raw monitoring data, which can be gigabytes, goes through `aggregate`, which streams.
 */
export const MAX_TABLE_BYTES = 64 * 1024 * 1024;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'name too long',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENXIO: 'nothing is reading at the other end',
  EBUSY: 'the file is in use',
};

/** A file-system error in words: its reason when the code is known, else the system's message. */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  return (code !== undefined ? REASONS[code] : undefined) ?? (e as Error).message;
}

export const tooLargeTable = (size: number) =>
  `is ${(size / 1024 / 1024).toFixed(0)} MiB: a monthly table is a few kilobytes, and tables above ${MAX_TABLE_BYTES / 1024 / 1024} MiB are refused (raw monitoring data goes through \`ecocomp aggregate\`, which streams)`;

/** Every file read whole, or a problem for each that cannot be (all reported together). */
export function readFiles(inputs: readonly FileInput[], reader: Reader, problems: Problem[]): NamedBytes[] {
  const out: NamedBytes[] = [];
  for (const input of inputs) {
    if (typeof input !== 'string') {
      out.push(input);
      continue;
    }
    try {
      out.push({ name: input, bytes: reader.readFile(input, MAX_TABLE_BYTES) });
    } catch (e) {
      problems.push({ file: input, code: 'E-FILE', message: e instanceof TooLarge ? tooLargeTable(e.size) : describeFsError(e) });
    }
  }
  return out;
}

/** The SHA-256 of each file, for footers and archived JSON: an archived settlement can be matched to its data. */
export function digest(files: readonly NamedBytes[], role: SourceDigest['role']): SourceDigest[] {
  return files.map((f) => ({ file: f.name, role, sha256: sha256(f.bytes) }));
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

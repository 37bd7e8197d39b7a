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

const REASONS_ZH: Record<string, string> = {
  ENOENT: '没有这个文件',
  EISDIR: '是文件夹，不是文件',
  EACCES: '没有访问权限',
  EPERM: '没有访问权限',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '超出磁盘配额',
  EFBIG: '文件太大',
  EIO: '读写错误',
  EROFS: '文件系统是只读的',
  ENAMETOOLONG: '名称太长',
  ENOTDIR: '路径中有一部分不是文件夹',
  ELOOP: '符号链接层数太多',
  ENXIO: '另一端没有程序在读取',
  EBUSY: '文件正被使用',
  EINUSE: '文件正被使用（是否在 Excel 等程序中打开着？）',
};

/** A file-system error in words: its reason when the code is known, else the system's message. */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  return (code !== undefined ? REASONS[code] : undefined) ?? (e as Error).message;
}

/** As describeFsError, in Chinese; an error of unknown code keeps the system's own message. */
export function describeFsErrorZh(e: unknown): string {
  const code = (e as { code?: string }).code;
  return (code !== undefined ? REASONS_ZH[code] : undefined) ?? `系统报告：${(e as Error).message}`;
}

/** A file-system error as the text of a fault, in both languages. */
export function fsFault(e: unknown): { message: string; zh: string } {
  return { message: describeFsError(e), zh: describeFsErrorZh(e) };
}

export const tooLargeTable = (size: number) =>
  `is ${(size / 1024 / 1024).toFixed(0)} MiB: a monthly table is a few kilobytes, and tables above ${MAX_TABLE_BYTES / 1024 / 1024} MiB are refused (raw monitoring data goes through \`ecocomp aggregate\`, which streams)`;
export const tooLargeTableZh = (size: number) =>
  `有 ${(size / 1024 / 1024).toFixed(0)} MiB：月度表只有几 KB，超过 ${MAX_TABLE_BYTES / 1024 / 1024} MiB 的表不予读取（原始监测数据请用流式处理的 ecocomp aggregate）`;

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
      problems.push({ file: input, code: 'E-FILE', ...(e instanceof TooLarge ? { message: tooLargeTable(e.size), zh: tooLargeTableZh(e.size) } : fsFault(e)) });
    }
  }
  return out;
}

/** The SHA-256 of each file, for footers and archived JSON: an archived settlement can be matched to its data. */
export function digest(files: readonly NamedBytes[], role: SourceDigest['role']): SourceDigest[] {
  return files.map((f) => ({ file: f.name, role, sha256: sha256(f.bytes) }));
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

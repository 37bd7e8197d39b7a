import type { MessageStyle } from './lang.js';
/** What a command may touch of the outside world; bin/ecocomp.js passes the real process, tests a fake. */
export interface OutStream {
  write(text: string): void;
  isTTY?: boolean;
  /** A terminal's width in columns; undefined for a file or a pipe. */
  columns?: number;
}

/** Which file a stream or path is (as fs.statSync(…, { bigint: true }) gives them): the same for every name of it. */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** Standard input as a stream of bytes, read when a command is given "-". */
  stdinStream(): AsyncIterable<Uint8Array>;
  /** The file behind standard input, when it is one, so that --output never replaces what "-" read. */
  stdinIdentity?: FileIdentity;
  /** The file behind standard output: --output naming it (/dev/stdout) writes to the stream itself, even a socket. */
  stdoutIdentity?: FileIdentity;
  env: Readonly<Record<string, string | undefined>>;
  /** Milliseconds from an arbitrary origin, for progress reports; performance.now when absent. */
  now?: () => number;
  cwd: string;
  /** The language and form of messages (run sets it from --lang, ECOCOMP_LANG and --errors); Chinese text when absent. */
  style?: MessageStyle;
}

/** A fault in how the command was called (exit 2), as opposed to a fault in a file's content; `zh` its Chinese text. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string, readonly zh?: string) {
    super(message);
  }
}

/** The result was made but could not be written (exit 4): a full disk, a failing device. */
export class OutputError extends Error {
  override name = 'OutputError';
  constructor(message: string, readonly zh?: string) {
    super(message);
  }
}

/** What a command may touch of the outside world; bin/ecocomp.js passes the real process, tests a fake. */
export interface OutStream {
  write(text: string): void;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** Standard input as a stream of bytes, read when a command is given "-". */
  stdinStream(): AsyncIterable<Uint8Array>;
  env: Readonly<Record<string, string | undefined>>;
  /** Milliseconds from an arbitrary origin, for progress reports; performance.now when absent. */
  now?: () => number;
  cwd: string;
}

/** A fault in how the command was called (exit 2), as opposed to a fault in a file's content. */
export class UsageError extends Error {
  override name = 'UsageError';
}

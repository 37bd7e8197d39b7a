export interface FuzzCase {
  family: string;
  command: string;
  argv: string[];
  files: Record<string, Uint8Array>;
  stdin?: Uint8Array;
  traits: string[];
  [key: string]: unknown;
}
export interface Failure {
  kind: string;
  detail: string;
}
export interface KeptFailure extends Failure {
  case: number;
  seed: number;
  argv: string[];
  traits: string[];
  files: Record<string, Uint8Array>;
  stdin?: Uint8Array;
  stderr: string;
  via: 'in-process' | 'bin';
}
export interface FuzzReport {
  cases: number;
  seed: number;
  binShare: number;
  /** Cases per command ("settle", "rules check"…). */
  commands: Record<string, number>;
  /** Cases per command and exit code ("settle 0"). */
  exits: Record<string, number>;
  via: Record<string, number>;
  /** How the oracle judged: compared, exit, refuse, unsure, aggregate, rules, forced… */
  oracle: Record<string, number>;
  /** Failures per kind. */
  kinds: Record<string, number>;
  failures: KeptFailure[];
  slowest: { case: number; ms: number; via: string; argv: string }[];
}
export const KNOWN_UNTIL_FIXED: string[];
export const FOUND_UNTIL_FIXED: string[];
export function prng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T };
export function caseSeed(seed: number, i: number): number;
export function makeCase(r: ReturnType<typeof prng>, family?: string): FuzzCase;
export function caseFromArgv(argv: string[], files?: Record<string, string | Uint8Array>, stdin?: string | Uint8Array): FuzzCase;
export function judge(c: FuzzCase, result: unknown): { failures: Failure[]; checked: unknown };
export function runAndJudge(run: (argv: string[], io: unknown) => Promise<number>, c: FuzzCase): Promise<{ failures: Failure[]; checked: unknown; result: unknown }>;
export function fuzz(
  run: (argv: string[], io: unknown) => Promise<number>,
  options?: { cases?: number; seed?: number; binShare?: number; first?: number; families?: string[]; timeoutMs?: number; maxOldSpaceMb?: number; keepFailures?: number; onProgress?: (done: number, report: FuzzReport) => void },
): Promise<FuzzReport>;
export function writeRepro(dir: string, failure: KeptFailure): void;

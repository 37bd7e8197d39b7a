export interface FuzzCase {
  argv: string[];
  stdin: Uint8Array;
}
export interface FuzzReport {
  cases: number;
  seed: number;
  exits: Record<number, number>;
  failures: { case: number; argv: string[]; verdict: string; stdin: string }[];
}
export function prng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T };
export function makeCase(r: ReturnType<typeof prng>): FuzzCase;
export function judge(c: FuzzCase, result: { code: number; stdout: string; stderr: string }): string | null;
export function fuzz(
  run: (argv: string[], io: unknown) => Promise<number>,
  options?: { cases: number; seed: number; onProgress?: (done: number) => void },
): Promise<FuzzReport>;

export interface OracleReason {
  kind: string;
  msg: string;
}
export interface OracleVerdict {
  verdict: 'ok' | 'refuse' | 'unsure';
  reasons: OracleReason[];
  unsure: { why: string }[];
  settlement?: unknown[];
}
export function oracle(input: unknown): OracleVerdict;
export function prepareSchedule(raw: unknown, builtins?: Record<string, unknown>): unknown;
export function citeOf(ref: unknown): string;
export function resolveExtends(raw: unknown, builtins: Record<string, unknown>): unknown;
export function expectedJson(settlement: unknown[]): unknown[];
export function diffJson(actual: unknown, expected: unknown): string[];
export function invariantBreaks(months: unknown[], options?: { builtin?: boolean; cancelsRewards?: (month: unknown) => boolean }): string[];

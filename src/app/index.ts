/**
 * ecocomp as a library: the same settlement as the command line, for a batch job in Node.
 *
 *   import { settle, render } from 'ecocomp';
 *   const result = await settle({ data: ['2022-10.csv'], provincePayout: ['2022-10'] });
 *   for (const month of result.eachMonth()) console.log(month.month, month.totals.surplus.toFixed());
 *
 * Every function reads the files it is given (paths, or names with their bytes), finds every fault before it
 * settles anything, and throws them together as an EcocompError (`problems`: file, line, column, code, message).
 * Amounts are exact decimals (decimal.js); `toFixed()` gives their plain text.
 */
import { ProblemsError } from '../core/problems.js';
import { SETTLEMENT_FORMATS, LEDGER_FORMATS, type Output, type SettlementFormat, type LedgerFormat } from '../output/formats.js';
import { NO_PAINT } from '../output/text.js';
import { explainCounty, type Lang } from '../output/explain.js';
import type { Settled } from './settle.js';
import type { Ledger } from './ledger.js';
import type { NoticeDetails } from './notice.js';
import type { Letter } from '../output/letter.js';

export { settle, IN_MEMORY_UNIT_MONTHS, type SettleOptions, type Settled } from './settle.js';
export { explain, type ExplainOptions, type Explained } from './explain.js';
export { ledger, type Ledger } from './ledger.js';
export { check, type Checked } from './check.js';
export { aggregate, type AggregateOptions, type Aggregated, type RawInput } from './aggregate.js';
export { rules, checkRules } from './rules.js';
export { noticeDetails, type NoticeOptions, type NoticeDetails } from './notice.js';
export { compare, whatif, type Compared, type CompareOptions, type WhatifOptions, type SideLabels } from './compare.js';
export { target, type TargetOptions, type Targeted } from './target.js';
export type { UnitPlan, IndicatorPlan, FactorPlan, Segment } from '../engine/target.js';
export type { Difference, MonthChange, UnitChange, FactorChange, PeriodChange, UnitSide } from '../engine/difference.js';
export { runCases, type RunCasesOptions, type CaseOutcome, type CasesRun, type CaseMismatch } from './cases.js';
export type { FileInput, NamedBytes, Reader } from './files.js';
export type { Problem, SourceRef } from '../core/problems.js';
export type { MonthSettlement, CountySettlement, FactorSettlement, Settlement } from '../engine/types.js';
export type { UnitTrace, TraceNode, Lang } from '../output/explain.js';
export type { Output, SettlementFormat, LedgerFormat } from '../output/formats.js';
export type { Letter } from '../output/letter.js';
export type { Schedule, Reference } from '../schedule/format.js';
/** A schedule's reference as every output cites it: 第四条（一）2, D2, 第九条, D11 (citeInFull adds its note). */
export { cite, citeInFull } from '../schedule/reference.js';
export { VERSION } from '../core/version.js';

/** Every fault found in the inputs, at once (ProblemsError under its public name). */
export const EcocompError = ProblemsError;
export type EcocompError = ProblemsError;

/**
 * A settlement in one of the command line's formats (`json`, `csv`, `table`, `html`, `md`, `xlsx`): text, chunks
 * of text written as the months are settled (`json`, `csv`: join them or write them one by one), or bytes.
 * A settlement made without `inMemory` can be rendered only in a streaming format.
 */
export async function render(settled: Settled, format: SettlementFormat, opts: { trace?: boolean; lang?: Lang; notice?: NoticeDetails } = {}): Promise<Output> {
  return SETTLEMENT_FORMATS[format].render({
    all: () => settled.all(),
    each: () => settled.eachMonth(),
    monthSchedules: settled.monthSchedules,
    meta: settled.meta,
    paint: NO_PAINT,
    ...(opts.trace ? { trace: (m, unitId) => explainCounty(m, unitId, opts.lang ?? 'zh') } : {}),
    ...(opts.notice ? { notice: opts.notice } : {}),
  });
}

/**
 * The letters of 第七条: one HTML page per unit and month ({ month, unitName, file, html }), in the notice's style
 * with its publication details. Needs a settlement made with `inMemory`.
 */
export async function renderLetters(settled: Settled, notice: NoticeDetails = {}): Promise<Letter[]> {
  return (await import('../output/letter.js')).renderLetters(settled.all(), settled.meta, notice);
}

/** A ledger in one of the command line's formats. */
export async function renderLedger(l: Ledger, format: LedgerFormat): Promise<Output> {
  return LEDGER_FORMATS[format].render({ ...l, paint: NO_PAINT });
}

/** A text format's output as one string (a streamed one joined); a workbook's bytes are not text. */
export function outputText(output: Output): string {
  if (typeof output === 'string') return output;
  if (output instanceof Uint8Array) throw new TypeError('this output is a workbook (bytes), not text: write the bytes to a file');
  let text = '';
  for (const chunk of output) text += chunk;
  return text;
}

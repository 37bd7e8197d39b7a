/**
 * The output formats, looked up by name: each says what it needs (every month at once, or month by month as they
 * are settled), whether it is bytes that need a file, and how to render. Heavy renderers (the notice, the
 * workbook with exceljs) are imported only when their format is asked for: start-up counts in batch jobs.
 */
import type { RenderMeta } from '../core/meta.js';
import type { MonthSettlement, Settlement } from '../engine/types.js';
import type { LedgerYear } from '../engine/ledger.js';
import type { Schedule } from '../schedule/format.js';
import { csvChunks } from './csv.js';
import { jsonChunks, type TraceOf } from './json.js';
import { renderTable } from './table.js';
import type { Paint } from './text.js';
import type { NoticeDetails } from './notice.js';
import type { ComparisonView } from './compare.js';

/** Output as a whole, or in chunks made as they are written (a settlement month by month). */
export type Output = string | Uint8Array | Iterable<string>;

/** A settlement as a format takes it: every month at once (`all`), or one at a time as they are settled (`each`). */
export interface SettlementView {
  all(): Settlement;
  each(): Iterable<MonthSettlement>;
  /** The schedule of each month, in month order: a streamed format's columns are known before its months. */
  monthSchedules: readonly Schedule[];
  meta: RenderMeta;
  paint: Paint;
  /** The terminal's width, for the table's layout; undefined (a file, a pipe, `--wide`): the full layout. */
  columns?: number;
  /** With `settle --trace`: each unit's explanation in the JSON. */
  trace?: TraceOf;
  /** The publication details of the notice (html, md): issuer, date, document number, title, appendix. */
  notice?: NoticeDetails;
}

export interface Format<View> {
  /** Written as it is made, month by month: no limit on the months it holds. */
  streams: boolean;
  /** Bytes (a workbook): written to a file, never to a terminal. */
  binary: boolean;
  /** Coloured for a terminal (the table). */
  painted: boolean;
  render(view: View): Output | Promise<Output>;
}

const text = { streams: false, binary: false, painted: false } as const;

export const SETTLEMENT_FORMATS = {
  table: { ...text, painted: true, render: (v: SettlementView) => renderTable(v.all(), v.paint, v.columns) },
  json: { ...text, streams: true, render: (v: SettlementView) => jsonChunks(v.each(), v.monthSchedules, v.trace, v.meta) },
  csv: { ...text, streams: true, render: (v: SettlementView) => csvChunks(v.each(), v.monthSchedules) },
  html: { ...text, render: async (v: SettlementView) => (await import('./html.js')).renderHtml(v.all(), v.meta, v.notice) },
  md: { ...text, render: async (v: SettlementView) => (await import('./markdown.js')).renderMarkdown(v.all(), v.meta, v.notice) },
  xlsx: { ...text, binary: true, render: async (v: SettlementView) => (await import('./xlsx.js')).renderXlsx(v.all(), v.meta) },
} as const satisfies Record<string, Format<SettlementView>>;

export type SettlementFormat = keyof typeof SETTLEMENT_FORMATS;

/** The ledger: years side by side, for the city named in titles. */
export interface LedgerView {
  years: readonly LedgerYear[];
  city: string;
  meta: RenderMeta;
  paint: Paint;
  /** The terminal's width, for the table's layout; undefined (a file, a pipe, `--wide`): the full layout. */
  columns?: number;
}

export const LEDGER_FORMATS = {
  table: { ...text, painted: true, render: async (v: LedgerView) => (await import('./ledger.js')).renderLedgerTable(v.years, v.city, v.paint, v.columns) },
  json: { ...text, render: async (v: LedgerView) => (await import('./ledger.js')).renderLedgerJson(v.years) },
  csv: { ...text, render: async (v: LedgerView) => (await import('./ledger.js')).renderLedgerCsv(v.years) },
  html: { ...text, render: async (v: LedgerView) => (await import('./ledger.js')).renderLedgerHtml(v.years, v.city, v.meta) },
  xlsx: { ...text, binary: true, render: async (v: LedgerView) => (await import('./ledger.js')).renderLedgerXlsx(v.years, v.city) },
} as const satisfies Record<string, Format<LedgerView>>;

export type LedgerFormat = keyof typeof LEDGER_FORMATS;

/** Two settlements side by side (compare, whatif). */
export const COMPARISON_FORMATS = {
  table: { ...text, painted: true, render: async (v: ComparisonView) => (await import('./compare.js')).renderComparisonTable(v) },
  json: { ...text, render: async (v: ComparisonView) => (await import('./compare.js')).renderComparisonJson(v) },
  csv: { ...text, render: async (v: ComparisonView) => (await import('./compare.js')).renderComparisonCsv(v) },
  html: { ...text, render: async (v: ComparisonView) => (await import('./compare.js')).renderComparisonHtml(v) },
  xlsx: { ...text, binary: true, render: async (v: ComparisonView) => (await import('./compare.js')).renderComparisonXlsx(v) },
} as const satisfies Record<string, Format<ComparisonView>>;

export type ComparisonFormat = keyof typeof COMPARISON_FORMATS;

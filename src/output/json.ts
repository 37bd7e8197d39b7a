/** The settlement JSON of SPEC.md §6, schema version 1: the contract for scripts. */
import { plain } from '../core/decimal.js';
import type { MonthSettlement, Settlement } from '../engine/types.js';
import type { UnitTrace } from './explain.js';
import type { RenderMeta } from '../core/meta.js';
import type { Schedule } from '../schedule/format.js';
import { cite } from '../schedule/reference.js';
import { warningsJson } from './warnings.js';

/** With `settle --trace`: the explanation of a unit's month, included in its county entry. */
export type TraceOf = (month: MonthSettlement, unitId: string) => UnitTrace;

/** Everything but the months: the schedules are those of the months, in order. */
function head(schedules: readonly Schedule[], meta?: RenderMeta): Record<string, unknown> {
  return {
    schemaVersion: 1,
    // One schedule for all months, as a rule; when several are in force for different months, all their ids.
    schedule: [...new Set(schedules.map((s) => s.id))].join(','),
    document: [...new Set(schedules.map((s) => s.document))].join(','),
    unit: '万元',
    // What the settlement was made from, so that an archived copy can be matched to its files.
    ...(meta ? { sources: meta.sources, generator: meta.generator } : {}),
  };
}

export function settlementJson(s: Settlement, traceOf?: TraceOf, meta?: RenderMeta): object {
  return { ...head(s.months.map((m) => m.schedule), meta), months: s.months.map((m) => monthJson(m, traceOf)) };
}

function monthJson(m: MonthSettlement, traceOf?: TraceOf): object {
  return {
    month: m.month,
    schedule: m.schedule.id,
    // A month-to-date standing (aggregate --provisional), never a settlement: true, with the day its figures reach.
    provisional: m.provisional !== null,
    ...(m.provisional ? { provisionalThrough: m.provisional.through, lastYearThrough: m.provisional.lastYearThrough ?? null } : {}),
    provincePayout: m.provincePayout,
    provinceSource: m.provinceSource,
    groups: m.groups.map((g) => ({
      group: g.group.id,
      name: g.group.name,
      baseline: Object.fromEntries(Object.entries(g.baseline).map(([k, v]) => [k, plain(v)])),
    })),
    counties: m.counties.map((c) => ({
      county: c.unit.name,
      id: c.unit.id,
      group: c.group.id,
      factors: c.factors.map((f) => ({
        factor: f.factor.id,
        value: plain(f.value),
        baseline: plain(f.baseline),
        gap: plain(f.gap),
        amount: plain(f.amount),
        cancelled: f.cancelled,
        clause: cite(f.clause),
        // Added fields (SPEC.md §6 allows additions): the reward a cancellation withheld, and the target checked.
        cancelledAmount: f.cancelled ? plain(f.bandAmount) : null,
        target: f.targetCheck && f.targetCheck.target !== null ? plain(f.targetCheck.target) : null,
      })),
      deductions: plain(c.deductions),
      rewards: plain(c.rewards),
      net: plain(c.net),
      capped: c.capped && {
        deductionsBeforeCap: c.capped.deductions ? plain(c.capped.deductions.before) : null,
        rewardsBeforeCap: c.capped.rewards ? plain(c.capped.rewards.before) : null,
      },
      ...(traceOf ? { trace: traceOf(m, c.unit.id) } : {}),
    })),
    totals: {
      deductions: plain(m.totals.deductions),
      rewards: plain(m.totals.rewards),
      surplus: plain(m.totals.surplus),
      shortfall: plain(m.totals.shortfall),
    },
    // Added field (SPEC.md §6 allows additions): implausible values that were settled as given.
    warnings: warningsJson(m),
  };
}

/**
 * The same text as JSON.stringify(settlementJson(…), null, 2), in pieces of one month each: a settlement of
 * thousands of units over years is larger than the longest string V8 can hold.
 */
export function* jsonChunks(months: Iterable<MonthSettlement>, schedules: readonly Schedule[], traceOf?: TraceOf, meta?: RenderMeta): Generator<string> {
  const text = JSON.stringify({ ...head(schedules, meta), months: [0] }, null, 2);
  const at = text.lastIndexOf('"months": [') + '"months": ['.length;
  yield text.slice(0, at);
  let first = true;
  for (const m of months) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(monthJson(m, traceOf), null, 2).replace(/\n/g, '\n    ')}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}

export function renderJson(s: Settlement, traceOf?: TraceOf, meta?: RenderMeta): string {
  return [...jsonChunks(s.months, s.months.map((m) => m.schedule), traceOf, meta)].join('');
}

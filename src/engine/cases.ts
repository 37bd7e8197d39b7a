/**
 * A worked case's expectations against the months settled: every expected value compared exactly (as decimals,
 * so "20" and "20.0" agree), each disagreement kept as data with the clause behind the figure.
 */
import { cite } from '../schedule/reference.js';
import { Dec, plain } from '../core/decimal.js';
import { FACTOR_IDS, type FactorId } from '../core/factors.js';
import type { FactorExpectation, MonthExpectation, UnitExpectation } from '../input/case-file.js';
import type { CountySettlement, FactorSettlement, MonthSettlement } from './types.js';

/** One expected value that the settlement does not give. */
export interface CaseMismatch {
  /** null: the case as a whole (a refusal expected or not). */
  month: string | null;
  /** The unit as the case names it; null for the city's figures and the month's. */
  unit: string | null;
  /** `pm25` (its amount), `pm25.gap`, `net`, `surplus`, `provincePayout`, `refusal`, `codes`… */
  field: string;
  expected: string;
  got: string;
  /** The article and clause behind the figure, where the settlement names one (a factor's band). */
  clause: string | null;
}

export interface Compared {
  /** How many expected values were compared. */
  checked: number;
  mismatches: CaseMismatch[];
}

/** A settlement that was made, in a diff (against an expected refusal). */
export const SETTLED = 'settled (exit 0)';

/** A refusal, in a diff: its exit code and fault codes. */
export const refusalText = (codes: readonly string[]) => `exit 2: ${codes.join(', ')}`;

/** What the settlement does not hold, in a diff. */
export const ABSENT = '(absent)';

const show = (x: Dec | null | undefined) => (x === null || x === undefined ? ABSENT : plain(x));
const sameDecimal = (expected: string, got: Dec | null | undefined) => got !== null && got !== undefined && new Dec(expected).eq(got);

class Collector implements Compared {
  checked = 0;
  mismatches: CaseMismatch[] = [];
  constructor(private month: string) {}

  decimal(unit: string | null, field: string, expected: string | undefined, got: Dec | null | undefined, clause: string | null): void {
    if (expected === undefined) return;
    this.checked++;
    if (!sameDecimal(expected, got)) this.mismatches.push({ month: this.month, unit, field, expected: plain(new Dec(expected)), got: show(got), clause });
  }

  exact(unit: string | null, field: string, expected: string, got: string, clause: string | null): void {
    this.checked++;
    if (expected !== got) this.mismatches.push({ month: this.month, unit, field, expected, got, clause });
  }
}

/** The unit a case names, by its id or its name in the month's schedule. */
function findUnit(m: MonthSettlement, key: string): CountySettlement | undefined {
  return m.counties.find((c) => c.unit.id === key || c.unit.name === key);
}

function compareFactor(out: Collector, unit: string, id: FactorId, expected: FactorExpectation, factor: FactorSettlement | undefined): void {
  const clause = factor ? cite(factor.clause) : null;
  const e = typeof expected === 'string' ? { amount: expected } : expected;
  out.decimal(unit, id, e.amount, factor?.amount, clause);
  out.decimal(unit, `${id}.value`, e.value, factor?.value, clause);
  out.decimal(unit, `${id}.baseline`, e.baseline, factor?.baseline, clause);
  out.decimal(unit, `${id}.gap`, e.gap, factor?.gap, clause);
  if (e.cancelled !== undefined) out.exact(unit, `${id}.cancelled`, String(e.cancelled), factor ? String(factor.cancelled) : ABSENT, clause);
}

function compareUnit(out: Collector, m: MonthSettlement, key: string, expected: UnitExpectation): void {
  const county = findUnit(m, key);
  if (!county) {
    out.exact(key, 'unit', 'settled', `${ABSENT}: not a unit settled in ${m.month} (name a unit by its name or id)`, null);
    return;
  }
  for (const id of FACTOR_IDS) {
    const e = expected[id];
    if (e !== undefined) compareFactor(out, key, id, e, county.factors.find((f) => f.factor.id === id));
  }
  out.decimal(key, 'deductions', expected.deductions, county.deductions, null);
  out.decimal(key, 'rewards', expected.rewards, county.rewards, null);
  out.decimal(key, 'net', expected.net, county.net, null);
}

/** A month's expectations against its settlement (or against nothing, when the month was not settled). */
export function compareMonth(month: string, expected: MonthExpectation, settled: MonthSettlement | undefined): Compared {
  const out = new Collector(month);
  if (!settled) {
    out.exact(null, 'month', 'settled', `${ABSENT}: the month was not settled`, null);
    return { checked: out.checked, mismatches: out.mismatches };
  }
  if (expected.provincePayout !== undefined) out.exact(null, 'provincePayout', String(expected.provincePayout), String(settled.provincePayout), null);
  for (const [key, unit] of Object.entries(expected.units ?? {})) compareUnit(out, settled, key, unit);
  const t = expected.totals ?? {};
  for (const field of ['deductions', 'rewards', 'surplus', 'shortfall'] as const) out.decimal(null, field, t[field], settled.totals[field], null);
  return { checked: out.checked, mismatches: out.mismatches };
}

/**
 * 第五条: when a unit's concentration is below its group's baseline or its good days above it — a reward — but it
 * missed the month's air-quality target, that indicator's reward for the month is cancelled; and in a month the
 * province settles the city as paying (支偿), the city computes no unit's reward. Only rewards are cancelled: a
 * deduction always stands.
 *
 * The schedule holds these as an ordered list of gates (schedule.gates): which factors each covers, on which
 * condition, citing which clause. This module applies them: the first gate, in the schedule's order, that covers the
 * factor and whose condition holds is the one that cancels the reward and is named as the reason.
 */
import { roundTo } from '../core/decimal.js';
import type { FactorId } from '../core/factors.js';
import type { GateRule, Schedule } from '../schedule/format.js';
import { gateCovers, targetGateOf } from '../schedule/gates.js';
import { TARGET_MET_WHEN } from '../schedule/measures.js';
import type { Cancellation, FactorInput, TargetCheck } from './types.js';

/** What the conditions of 第五条 look at for one unit, factor and month. */
export interface GateFacts {
  /** The province settled the city as paying in the month. */
  provincePayout: boolean;
  /** The unit's monthly target for the factor's indicator, compared; null when no target gate covers the factor. */
  target: TargetCheck | null;
}

/** The reason a gate of each condition gives for a cancelled reward. */
export const CANCELLATION: Readonly<Record<GateRule['condition'], Cancellation>> = {
  'province-payout': 'province',
  'target-missed': 'target',
};

/**
 * 第五条, first half: the unit's monthly target for the indicator its target gate names, compared with the value as
 * the settlement uses it, rounded (docs/decisions.md 3). Null when no target gate covers the factor.
 */
export function targetCheck(factorId: FactorId, input: FactorInput, schedule: Schedule): TargetCheck | null {
  const gate = input.gate;
  const rule = targetGateOf(schedule, factorId);
  if (gate === null || rule === undefined) return null;
  const c = schedule.computation;
  const actual = gate.indicator === 'goodDays' ? gate.actual : roundTo(gate.actual, c.concentrationDecimals.value, c.rounding.value);
  const met = gate.target === null ? null : TARGET_MET_WHEN[gate.indicator] === 'at-most' ? actual.lte(gate.target) : actual.gte(gate.target);
  return { indicator: gate.indicator, actual, target: gate.target, met, ref: rule.ref };
}

function conditionHolds(gate: GateRule, facts: GateFacts): boolean {
  switch (gate.condition) {
    case 'province-payout':
      return facts.provincePayout;
    case 'target-missed':
      // A target not supplied (met null) cancels nothing: the gate could not be applied.
      return facts.target?.met === false;
  }
}

/** 第五条: the gate that cancels a factor's reward — the first, in the schedule's order, that covers it and holds — or null. */
export function cancellingGate(schedule: Schedule, factorId: FactorId, facts: GateFacts): GateRule | null {
  return schedule.gates.find((gate) => gateCovers(gate, factorId) && conditionHolds(gate, facts)) ?? null;
}

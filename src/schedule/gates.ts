/**
 * What the 第五条 gates of a schedule cover: lookups over the schedule's ordered list of gates. The engine applies
 * them (engine/gates.ts); inputs use them to know which monthly targets a schedule needs.
 */
import type { FactorId, Indicator } from '../core/factors.js';
import type { GateRule, ProvinceGate, Schedule, TargetGate } from './format.js';

/** Whether a gate cancels the rewards of a factor (when its condition holds). */
export function gateCovers(gate: GateRule, factorId: FactorId): boolean {
  return gate.condition === 'province-payout' ? gate.factors.includes(factorId) : gate.targets[factorId] !== undefined;
}

/** The target gate covering a factor, if any (a schedule has at most one per factor: schedule/consistency.ts). */
export function targetGateOf(schedule: Schedule, factorId: FactorId): TargetGate | undefined {
  return schedule.gates.find((g): g is TargetGate => g.condition === 'target-missed' && g.targets[factorId] !== undefined);
}

/** The indicator whose monthly target decides a factor's reward, or null when no target gate covers it. */
export function targetIndicator(schedule: Schedule, factorId: FactorId): Indicator | null {
  return targetGateOf(schedule, factorId)?.targets[factorId] ?? null;
}

/** The schedule's gate on the province's verdict, if it has one. */
export function provinceGateOf(schedule: Schedule): ProvinceGate | undefined {
  return schedule.gates.find((g): g is ProvinceGate => g.condition === 'province-payout');
}

/** The first target gate, for wording about targets as a whole (a notice's line on missing targets). */
export function firstTargetGate(schedule: Schedule): TargetGate | undefined {
  return schedule.gates.find((g): g is TargetGate => g.condition === 'target-missed');
}

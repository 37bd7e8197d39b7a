import { monthOf } from '../core/month.js';
import type { Schedule } from './format.js';

/** First month settled under a schedule: the month of its first day in force (D11). */
export function firstMonth(schedule: Schedule): string {
  return monthOf(schedule.effectiveFrom);
}

export function lastMonth(schedule: Schedule): string | null {
  return schedule.effectiveUntil === null ? null : monthOf(schedule.effectiveUntil);
}

export function coversMonth(schedule: Schedule, month: string): boolean {
  const last = lastMonth(schedule);
  return month >= firstMonth(schedule) && (last === null || month <= last);
}

/** "xuchang-2022 (许政办〔2022〕39号) settles months from 2022-09 (in force from 2022-09-13)". */
export function describeWindow(schedule: Schedule): string {
  const last = lastMonth(schedule);
  const span = last === null ? `months from ${firstMonth(schedule)}` : `months ${firstMonth(schedule)} to ${last}`;
  const force = schedule.effectiveUntil === null ? `in force from ${schedule.effectiveFrom}` : `in force ${schedule.effectiveFrom} to ${schedule.effectiveUntil}`;
  return `schedule ${schedule.id} (${schedule.document}) settles ${span} (${force})`;
}

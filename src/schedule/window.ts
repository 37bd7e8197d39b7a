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
/** The same in Chinese: "规则 xuchang-2022（许政办〔2022〕39号）核算 2022-09 起的月份（2022-09-13 起施行）". */
export function describeWindowZh(schedule: Schedule): string {
  const last = lastMonth(schedule);
  const span = last === null ? `${firstMonth(schedule)} 起的月份` : `${firstMonth(schedule)} 至 ${last} 的月份`;
  const force = schedule.effectiveUntil === null ? `${schedule.effectiveFrom} 起施行` : `${schedule.effectiveFrom} 至 ${schedule.effectiveUntil} 施行`;
  return `规则 ${schedule.id}（${schedule.document}）核算 ${span}（${force}）`;
}

export function describeWindow(schedule: Schedule): string {
  const last = lastMonth(schedule);
  const span = last === null ? `months from ${firstMonth(schedule)}` : `months ${firstMonth(schedule)} to ${last}`;
  const force = schedule.effectiveUntil === null ? `in force from ${schedule.effectiveFrom}` : `in force ${schedule.effectiveFrom} to ${schedule.effectiveUntil}`;
  return `schedule ${schedule.id} (${schedule.document}) settles ${span} (${force})`;
}

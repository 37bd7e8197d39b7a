/**
 * A validated schedule as JSON text and back, without validating it again: the build validates the built-in
 * schedule once (parseSchedule) and embeds this text, so that a run need not run zod on it. Decimals are written as
 * `{"$decimal": "2.5"}` so that they come back as Decimals and not as strings; anything else that JSON cannot hold
 * stops the build rather than coming back changed.
 */
import { Dec } from '../core/decimal.js';
import type { Schedule } from './format.js';

const DECIMAL_TAG = '$decimal';

/** The text of a schedule that parseSchedule returned. Throws on a value JSON would not give back as it was. */
export function validatedText(schedule: Schedule): string {
  return JSON.stringify(schedule, function (this: Record<string, unknown>, key: string, value: unknown) {
    // `this[key]` is the value before Decimal's toJSON turned it into a string.
    const raw = this[key];
    if (raw instanceof Dec) return { [DECIMAL_TAG]: raw.toString() };
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.getPrototypeOf(raw) !== Object.prototype) {
      throw new Error(`the schedule holds a ${raw.constructor?.name ?? 'non-plain'} object at "${key}": JSON would not give it back`);
    }
    if (typeof raw === 'number' && !Number.isFinite(raw)) throw new Error(`the schedule holds ${raw} at "${key}"`);
    if (raw === undefined && key !== '') throw new Error(`the schedule holds undefined at "${key}": JSON would drop the key`);
    return value;
  });
}

/** The schedule back from validatedText's text: the same values, Decimals included. */
export function fromValidatedText(text: string): Schedule {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && DECIMAL_TAG in value) return new Dec((value as Record<string, string>)[DECIMAL_TAG]!);
    return value;
  }) as Schedule;
}

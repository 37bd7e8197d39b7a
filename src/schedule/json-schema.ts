/** The JSON Schema of schedule files, generated from the zod schema (what editors use to check a file as it is typed). */
import * as z from 'zod';
import { scheduleSchema } from './format.js';

export function scheduleJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scheduleSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...generated,
    $id: 'https://ecocomp.invalid/schema/schedule.schema.json',
    title: 'ecocomp rule schedule',
    description:
      'A rule schedule for ecocomp: units, groups, factors with bands and rates, rounding, gates; every value with the article/clause or decision it implements (ref). Generated from src/schedule/format.ts by `npm run schema`; what a JSON Schema cannot say is checked by ecocomp itself (`ecocomp rules check`): no key twice in one object, dates that exist in the calendar, bands ascending to an open last one, each unit in exactly one group, every id, name and alias naming one unit, no zero-width or bidi-control characters in names.',
  };
}

export function renderJsonSchema(): string {
  return `${JSON.stringify(scheduleJsonSchema(), null, 2)}\n`;
}

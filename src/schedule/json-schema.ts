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
      'A rule schedule for ecocomp: units, groups, factors with bands and rates, rounding, gates; every value with the article/clause or decision it implements (ref). Generated from src/schedule/format.ts by `npm run schema`; cross-field rules (ascending bands, one group per unit, unique names) are checked by ecocomp itself (`ecocomp rules check`).',
  };
}

export function renderJsonSchema(): string {
  return `${JSON.stringify(scheduleJsonSchema(), null, 2)}\n`;
}

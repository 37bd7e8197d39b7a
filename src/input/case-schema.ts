/** The JSON Schema of case files, generated from the zod schema (what editors use to check a case as it is typed). */
import * as z from 'zod';
import { caseFileSchema } from './case-file.js';

export function caseJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(caseFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...generated,
    $id: 'https://ecocomp.invalid/schema/case.schema.json',
    title: 'ecocomp worked case',
    description:
      'A worked case for `ecocomp test`, or a list of them: the input as inline CSV, the options of the run, and the figures the settlement must give (amounts as decimal strings in 万元) or the refusal it must end in. Generated from src/input/case-file.ts by `npm run schema`; what a JSON Schema cannot say is checked by ecocomp itself: no key twice in one object, and exactly one of expect.months or expect.refusal.',
  };
}

export function renderCaseJsonSchema(): string {
  return `${JSON.stringify(caseJsonSchema(), null, 2)}\n`;
}

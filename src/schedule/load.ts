import type * as z from 'zod';
import { ProblemsError, type Problem } from '../problems.js';
import { scheduleSchema, type Schedule } from './format.js';
import builtinXuchang2022 from './xuchang-2022.json' with { type: 'json' };

export const BUILTIN_SCHEDULE_ID = 'xuchang-2022';

/** `factors[2].bands[1].rate` from zod's path array. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (a typo? unknown keys are refused so that no setting is silently ignored)`;
  return issue.message;
}

/** Validates parsed JSON as a schedule; every fault is reported with its key path. */
export function parseSchedule(json: unknown, file: string): Schedule {
  const result = scheduleSchema.safeParse(json);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => ({
    file,
    field: keyPath(issue.path) || '(top level)',
    message: describeIssue(issue),
  }));
  throw new ProblemsError(problems);
}

let builtin: Schedule | undefined;

/** The built-in schedule's data as shipped (for its digest). */
export function builtinScheduleData(): unknown {
  return builtinXuchang2022;
}

/** The built-in schedule for 许政办〔2022〕39号, validated like any other schedule file. */
export function builtinSchedule(): Schedule {
  builtin ??= parseSchedule(builtinXuchang2022, `built-in schedule ${BUILTIN_SCHEDULE_ID}`);
  return builtin;
}

/** A schedule file's text (JSON) to a validated schedule; a syntax error names its line and column. */
export function parseScheduleText(text: string, file: string): Schedule {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    const position = /position (\d+)/.exec((e as Error).message);
    const at = position ? lineColumn(text, Number(position[1])) : {};
    throw new ProblemsError([{ file, ...at, message: `not valid JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}` }]);
  }
  return parseSchedule(json, file);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

import type * as z from 'zod';
import { ProblemsError, type Problem } from '../core/problems.js';
import { scheduleConsistency } from './consistency.js';
import { scheduleSchema, type Schedule } from './format.js';
import { EMBEDDED_BUILTIN_SCHEDULE } from './embedded.js';
import { duplicateKeys } from './json-keys.js';
import { keyPath } from './key-path.js';
import { fromValidatedText } from './validated-text.js';
import builtinXuchang2022 from './xuchang-2022.json' with { type: 'json' };

export { keyPath };

export const BUILTIN_SCHEDULE_ID = 'xuchang-2022';
/** The schedules built into ecocomp, by id: `--rules xuchang-2022` names one. */
export const BUILTIN_SCHEDULE_IDS: readonly string[] = [BUILTIN_SCHEDULE_ID];

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (a typo? unknown keys are refused so that no setting is silently ignored)`;
  return issue.message;
}

/**
 * Validates parsed JSON as a schedule; every fault is reported with its key path. The rules across fields
 * (scheduleConsistency) are checked once every field has its type: before that they would compare what is not there.
 */
export function parseSchedule(json: unknown, file: string): Schedule {
  const result = scheduleSchema.safeParse(json);
  const issues = result.success ? scheduleConsistency(result.data) : result.error.issues.map((issue) => ({ path: issue.path, message: describeIssue(issue) }));
  if (result.success && issues.length === 0) return result.data;
  const problems: Problem[] = issues.map((issue) => ({ file, code: 'E-SCHEDULE', field: keyPath(issue.path) || '(top level)', message: issue.message }));
  throw new ProblemsError(problems);
}

let builtin: Schedule | undefined;

/** The built-in schedule's data as shipped (for its digest). */
export function builtinScheduleData(): unknown {
  return builtinXuchang2022;
}

/**
 * The built-in schedule for 许政办〔2022〕39号, validated like any other schedule file: by the build, which embeds the
 * result (embedded.ts), or here when running from the sources.
 */
export function builtinSchedule(): Schedule {
  builtin ??= EMBEDDED_BUILTIN_SCHEDULE === undefined ? parseSchedule(builtinXuchang2022, `built-in schedule ${BUILTIN_SCHEDULE_ID}`) : fromValidatedText(EMBEDDED_BUILTIN_SCHEDULE);
  return builtin;
}

/** A schedule file's text (JSON) to a validated schedule; a syntax error names its line and column. */
export function parseScheduleText(text: string, file: string): Schedule {
  const json = text.replace(/^\ufeff/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    const position = /position (\d+)/.exec((e as Error).message);
    const at = position ? lineColumn(json, Number(position[1])) : {};
    throw new ProblemsError([{ file, ...at, code: 'E-SCHEDULE-JSON', message: `not valid JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}` }]);
  }
  const duplicates: Problem[] = duplicateKeys(json).map((d) => ({
    file,
    line: d.line,
    column: d.column,
    code: 'E-SCHEDULE-DUPLICATE-KEY',
    field: d.path,
    message: `this key is given twice in one object (first at line ${d.first.line}, column ${d.first.column}); JSON would keep the last one without a word, so neither is taken`,
  }));
  try {
    const schedule = parseSchedule(parsed, file);
    if (duplicates.length === 0) return schedule;
  } catch (e) {
    if (e instanceof ProblemsError) throw new ProblemsError([...duplicates, ...e.problems]);
    throw e;
  }
  throw new ProblemsError(duplicates);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

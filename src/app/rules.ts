/** The rule schedules: those in force for a run, and schedule files checked one by one. */
import { ProblemsError, type Problem } from '../core/problems.js';
import type { Schedule } from '../schedule/format.js';
import type { NamedSchedule } from '../schedule/set.js';
import { nodeReader, type Reader } from './files.js';
import { loadScheduleFile, loadSchedules } from './schedules.js';

/** The schedules --rules names (default: the built-in one), checked as a set. */
export function rules(names: readonly string[] | undefined, reader: Reader = nodeReader): { schedules: Schedule[]; notices: string[] } {
  const problems: Problem[] = [];
  const loaded = loadSchedules(names, reader, problems);
  if (problems.length > 0) throw new ProblemsError(problems);
  return loaded;
}

/** Each schedule file on its own: every fault of every file with its key path, or the valid schedules. */
export function checkRules(files: readonly string[], reader: Reader = nodeReader): { schedules: NamedSchedule[]; notices: string[] } {
  const problems: Problem[] = [];
  const notices: string[] = [];
  const schedules = files.map((f) => loadScheduleFile(f, reader, problems, notices)).filter((s): s is NamedSchedule => s !== undefined);
  if (problems.length > 0) throw new ProblemsError(problems);
  return { schedules, notices };
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeText } from '../input/decode.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import type { Schedule } from '../schedule/format.js';
import { BUILTIN_SCHEDULE_ID, BUILTIN_SCHEDULE_IDS, builtinSchedule, builtinScheduleData, parseScheduleText } from '../schedule/load.js';
import type { SourceDigest } from '../output/meta.js';
import { checkScheduleSet, type NamedSchedule } from '../schedule/set.js';
import { readFileOf } from './files.js';
import type { CliIo } from './io.js';
import { visible } from '../core/text.js';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Where each loaded schedule came from and the SHA-256 of its bytes (of its JSON text for the built-in one). */
const digests = new WeakMap<Schedule, SourceDigest>();

/** The built-in schedule comes from no file: its digest is that of its JSON text as shipped. */
const builtinDigest = (): SourceDigest => ({ file: `built-in ${BUILTIN_SCHEDULE_ID}`, role: 'schedule', sha256: sha256(JSON.stringify(builtinScheduleData())) });

export function scheduleDigest(schedule: Schedule): SourceDigest {
  return digests.get(schedule) ?? builtinDigest();
}

function builtin(): NamedSchedule {
  return { schedule: builtinSchedule(), source: `built-in ${BUILTIN_SCHEDULE_ID}` };
}

/**
 * A file is named as a path: with a slash (./xuchang-2022, rules/new.json; a backslash on Windows) or as *.json.
 * A bare name is a built-in schedule's id, so that `--rules xuchang-2022` means the same in every directory.
 */
function isPath(arg: string): boolean {
  return /[\\/]/.test(arg) || /\.json$/i.test(arg);
}

/** One schedule: the built-in one a bare name names, or the file a path names. */
export function loadScheduleFile(arg: string, io: CliIo, problems: Problem[]): NamedSchedule | undefined {
  if (!isPath(arg)) {
    if (BUILTIN_SCHEDULE_IDS.includes(arg)) {
      if (existsSync(resolve(io.cwd, arg))) io.stderr.write(`ecocomp: note: "${visible(arg)}" is the built-in schedule; the file of that name here is not read (name it ./${visible(arg)} to use it)\n`);
      return builtin();
    }
    problems.push({
      file: arg,
      code: 'E-RULES-NAME',
      message: `not a built-in schedule (built-in: ${BUILTIN_SCHEDULE_IDS.join(', ')}) and not a path to a file; name a schedule file as a path, e.g. ./${arg} in the working directory, or NAME.json`,
    });
    return undefined;
  }
  try {
    const bytes = readFileOf(arg, io); // remembered as read, so that --output can never replace it
    const schedule = parseScheduleText(decodeText(bytes, arg).text, arg);
    digests.set(schedule, { file: arg, role: 'schedule', sha256: sha256(bytes) });
    return { schedule, source: arg };
  } catch (e) {
    if (e instanceof ProblemsError) problems.push(...e.problems);
    else if ((e as { code?: string }).code) problems.push({ file: arg, message: (e as { code?: string }).code === 'ENOENT' ? 'no such file' : (e as Error).message });
    else throw e;
    return undefined;
  }
}

/**
 * The schedules of --rules (each a path to a file, or a built-in schedule's id), or the built-in schedule
 * alone. Several schedules must be in force for different months.
 */
export function loadSchedules(paths: readonly string[] | undefined, io: CliIo, problems: Problem[]): Schedule[] {
  if (!paths || paths.length === 0) return [builtin().schedule];
  const before = problems.length;
  const loaded = paths.map((p) => loadScheduleFile(p, io, problems)).filter((s): s is NamedSchedule => s !== undefined);
  if (problems.length === before) problems.push(...checkScheduleSet(loaded));
  return loaded.map((s) => s.schedule);
}

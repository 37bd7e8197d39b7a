import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeText } from '../input/decode.js';
import { ProblemsError, type Problem } from '../problems.js';
import type { Schedule } from '../schedule/format.js';
import { BUILTIN_SCHEDULE_ID, builtinSchedule, builtinScheduleData, parseScheduleText } from '../schedule/load.js';
import type { SourceDigest } from '../output/meta.js';
import { checkScheduleSet, type NamedSchedule } from '../schedule/set.js';
import { readFileOf } from './files.js';
import type { CliIo } from './io.js';

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

/** One schedule file, or the built-in schedule when `path` is its id and no such file exists. */
export function loadScheduleFile(path: string, io: CliIo, problems: Problem[]): NamedSchedule | undefined {
  const full = resolve(io.cwd, path);
  if (path === BUILTIN_SCHEDULE_ID && !existsSync(full)) return builtin();
  try {
    const bytes = readFileOf(path, io); // remembered as read, so that --output can never replace it
    const schedule = parseScheduleText(decodeText(bytes, path).text, path);
    digests.set(schedule, { file: path, role: 'schedule', sha256: sha256(bytes) });
    return { schedule, source: path };
  } catch (e) {
    if (e instanceof ProblemsError) problems.push(...e.problems);
    else if ((e as { code?: string }).code) problems.push({ file: path, message: (e as { code?: string }).code === 'ENOENT' ? 'no such file' : (e as Error).message });
    else throw e;
    return undefined;
  }
}

/**
 * The schedules of --rules (each a file, or "xuchang-2022" for the built-in one), or the built-in schedule
 * alone. Several schedules must be in force for different months.
 */
export function loadSchedules(paths: readonly string[] | undefined, io: CliIo, problems: Problem[]): Schedule[] {
  if (!paths || paths.length === 0) return [builtin().schedule];
  const before = problems.length;
  const loaded = paths.map((p) => loadScheduleFile(p, io, problems)).filter((s): s is NamedSchedule => s !== undefined);
  if (problems.length === before) problems.push(...checkScheduleSet(loaded));
  return loaded.map((s) => s.schedule);
}

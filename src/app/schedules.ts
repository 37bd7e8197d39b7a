/**
 * The rule schedules of a run: the built-in one, or those --rules names — a built-in schedule by its id, a file by
 * its path. Each file is validated as a schedule, and several must be in force for different months.
 */
import { note } from '../core/notes.js';
import type { SourceDigest } from '../core/meta.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import type { Schedule } from '../schedule/format.js';
import { validatedText } from '../schedule/validated-text.js';
import { BUILTIN_SCHEDULE_ID, BUILTIN_SCHEDULE_IDS, builtinSchedule, builtinScheduleData, parseScheduleText, type ScheduleFileReader } from '../schedule/load.js';
import { dirname, join } from 'node:path';
import { checkScheduleSet, type NamedSchedule } from '../schedule/set.js';
import { decodeText } from '../input/decode.js';
import { describeFsError, describeFsErrorZh, fsFault, sha256, type Reader } from './files.js';

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

/**
 * Reads the file an `extends` names, relative to the file that names it. A file that cannot be read is a fault of the
 * file that names it, reported at its "extends".
 */
function baseReader(reader: Reader): ScheduleFileReader {
  return (path, from) => {
    const file = join(dirname(from), path);
    try {
      return { text: decodeText(reader.readFile(file, Infinity), file).text, file };
    } catch (e) {
      if (e instanceof ProblemsError || !(e as { code?: string }).code) throw e;
      throw new ProblemsError([{ file: from, code: 'E-SCHEDULE', field: 'extends', message: `${file}: ${describeFsError(e)}`, zh: `${file}：${describeFsErrorZh(e)}` }]);
    }
  };
}

export interface LoadedSchedules {
  schedules: Schedule[];
  /** What the user should know: a bare name that is also a file's here, and which of the two was read. */
  notices: string[];
}

/** One schedule: the built-in one a bare name names, or the file a path names. */
export function loadScheduleFile(arg: string, reader: Reader, problems: Problem[], notices: string[]): NamedSchedule | undefined {
  if (!isPath(arg)) {
    if (BUILTIN_SCHEDULE_IDS.includes(arg)) {
      if (reader.exists(arg)) notices.push(note(`"${arg}" is the built-in schedule; the file of that name here is not read (name it ./${arg} to use it)`, `“${arg}”是内置规则；此处同名的文件未被读取（如要使用该文件，请写作 ./${arg}）`));
      return builtin();
    }
    problems.push({
      file: arg,
      code: 'E-RULES-NAME',
      message: `not a built-in schedule (built-in: ${BUILTIN_SCHEDULE_IDS.join(', ')}) and not a path to a file; name a schedule file as a path, e.g. ./${arg} in the working directory, or NAME.json`,
      zh: `不是内置规则（内置：${BUILTIN_SCHEDULE_IDS.join('、')}），也不是文件路径；规则文件请写成路径，如当前目录下的 ./${arg}，或 名称.json`,
    });
    return undefined;
  }
  try {
    const bytes = reader.readFile(arg, Infinity);
    const schedule = parseScheduleText(decodeText(bytes, arg).text, arg, { readFile: baseReader(reader) });
    digests.set(schedule, { file: arg, role: 'schedule', sha256: sha256(bytes) });
    return { schedule, source: arg };
  } catch (e) {
    if (e instanceof ProblemsError) problems.push(...e.problems);
    else if ((e as { code?: string }).code) problems.push({ file: arg, code: 'E-FILE', ...fsFault(e) });
    else throw e;
    return undefined;
  }
}

/**
 * A schedule file settling under a built-in id would be cited as the regulation itself in every heading, notice and
 * JSON, whatever it changed: refused (`rules check` still validates such a file, the built-in one's source included).
 */
/** A verbatim copy of the built-in schedule is the built-in schedule: it may keep its id. */
function sameAsBuiltin(schedule: Schedule): boolean {
  try {
    return validatedText(schedule) === validatedText(builtinSchedule());
  } catch {
    return false;
  }
}

function reservedIds(loaded: readonly NamedSchedule[]): Problem[] {
  return loaded
    .filter((s) => BUILTIN_SCHEDULE_IDS.includes(s.schedule.id) && !s.source.startsWith('built-in') && !sameAsBuiltin(s.schedule))
    .map((s) => ({
      file: s.source,
      field: 'id',
      code: 'E-SCHEDULE-ID-RESERVED',
      message: `"${s.schedule.id}" is the id of a built-in schedule, and this file differs from it; a schedule file that changes anything settles under an id of its own, so that no output cites it as the built-in one`,
      zh: `“${s.schedule.id}”是内置规则的编号；规则文件须使用自己的编号核算，以免输出把它当作内置规则引用`,
    }));
}

/**
 * The schedules --rules names (each a path to a file, or a built-in schedule's id), or the built-in schedule
 * alone. Several schedules must be in force for different months.
 */
export function loadSchedules(rules: readonly string[] | undefined, reader: Reader, problems: Problem[]): LoadedSchedules {
  const notices: string[] = [];
  if (!rules || rules.length === 0) return { schedules: [builtin().schedule], notices };
  const before = problems.length;
  const loaded = rules.map((p) => loadScheduleFile(p, reader, problems, notices)).filter((s): s is NamedSchedule => s !== undefined);
  problems.push(...reservedIds(loaded));
  if (problems.length === before) problems.push(...checkScheduleSet(loaded));
  return { schedules: loaded.map((s) => s.schedule), notices };
}

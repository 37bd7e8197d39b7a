import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeText } from '../input/decode.js';
import { ProblemsError, type Problem } from '../problems.js';
import type { Schedule } from '../schedule/format.js';
import { builtinSchedule, parseScheduleText } from '../schedule/load.js';
import type { CliIo } from './io.js';

/** The built-in schedule, or the file given with --rules; faults are added to `problems`. */
export function loadSchedule(path: string | undefined, io: CliIo, problems: Problem[]): Schedule | undefined {
  if (path === undefined) return builtinSchedule();
  try {
    const bytes = readFileSync(resolve(io.cwd, path));
    return parseScheduleText(decodeText(bytes, path).text, path);
  } catch (e) {
    if (e instanceof ProblemsError) problems.push(...e.problems);
    else if ((e as { code?: string }).code) problems.push({ file: path, message: (e as { code?: string }).code === 'ENOENT' ? 'no such file' : (e as Error).message });
    else throw e;
    return undefined;
  }
}

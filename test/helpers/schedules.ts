/** Schedule files for tests, read as ecocomp reads them: a file that extends another by a path gets it read too. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseScheduleText, type ScheduleFileReader } from '../../src/schedule/load.js';
import type { Schedule } from '../../src/schedule/format.js';

export const readScheduleFile: ScheduleFileReader = (path, from) => {
  const file = join(dirname(from), path);
  return { text: readFileSync(file, 'utf8'), file };
};

/** A schedule file by its path. */
export function scheduleFile(path: string): Schedule {
  return parseScheduleText(readFileSync(path, 'utf8'), path, { readFile: readScheduleFile });
}

/** fixtures/schedules/NAME.json */
export function fixtureSchedule(name: string): Schedule {
  return scheduleFile(`fixtures/schedules/${name}.json`);
}

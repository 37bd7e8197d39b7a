/**
 * The input options every settling command shares (data files, targets, province, baselines, rules,
 * months), and turning them into a settlement. Each fault is collected; any fault means no settlement.
 */
import { createHash } from 'node:crypto';
import type { InputOptions } from './options.js';
import { monthsOfOption } from '../core/month.js';
import { settleEach } from '../engine/settle.js';
import type { MonthSettlement, Settlement } from '../engine/types.js';
import { loadInputs } from '../app/load.js';
import { ProblemsError, type Problem } from '../core/problems.js';
import type { Schedule } from '../schedule/format.js';
import { readInputs } from './files.js';
import { UsageError, type CliIo } from './io.js';
import { loadSchedules, scheduleDigest } from './schedule.js';
import type { RenderMeta, SourceDigest } from '../output/meta.js';
import type { NamedBytes } from '../input/load.js';
import { VERSION } from './version.js';
import { warningLines } from '../output/warnings.js';
import { visible } from '../core/text.js';

export type { InputOptions } from './options.js';

export interface Settled {
  /** Every month settled, held in memory (for the formats that need them all). */
  readonly settlement: Settlement;
  /** The months settled one at a time, for output written as it is made (JSON, CSV). */
  eachMonth(): Iterable<MonthSettlement>;
  /** The schedule of each settled month, in month order. */
  monthSchedules: Schedule[];
  schedules: Schedule[];
  notices: string[];
  /** The digests of every input and schedule, for footers and archived JSON. */
  meta: RenderMeta;
}

export function digest(files: readonly NamedBytes[], role: SourceDigest['role']): SourceDigest[] {
  return files.map((f) => ({ file: f.name, role, sha256: createHash('sha256').update(f.bytes).digest('hex') }));
}

/**
 * The most unit-months a settlement may hold when a format needs all its months at once (the table, the notice,
 * the workbook, the ledger, check): far more than any page or sheet a person reads, and far less than would
 * exhaust memory. JSON and CSV are written month by month and have no such limit.
 */
export const IN_MEMORY_UNIT_MONTHS = 50_000;

function tooManyForFormat(unitMonths: number): Problem {
  return {
    file: '--format',
    code: 'E-TOO-LARGE-FOR-FORMAT',
    message: `the settlement has ${unitMonths.toLocaleString('en-US')} unit-months, more than the ${IN_MEMORY_UNIT_MONTHS.toLocaleString('en-US')} this output holds at once; write --format json or csv (settle), which stream, or choose months with --month (--from/--to)`,
  };
}

export async function settleFromOptions(
  files: readonly string[],
  opts: InputOptions,
  io: CliIo,
  range?: { from?: string; to?: string },
  /** The command writes month by month (JSON, CSV): no limit on the months it settles. */
  streams = false,
): Promise<Settled> {
  const problems: Problem[] = [];
  for (const [option, m] of [['--from', range?.from], ['--to', range?.to]] as const) {
    if (m !== undefined) problems.push(...monthsOfOption([m], option).problems);
  }
  const inputs = [...files, ...(opts.targets ?? []), ...(opts.province ?? []), ...(opts.baselines ?? [])];
  if (inputs.filter((f) => f === '-').length > 1) throw new UsageError('standard input ("-") can be read only once');
  const schedules = loadSchedules(opts.rules, io, problems);
  const data = await readInputs(files, io, problems);
  const targets = await readInputs(opts.targets ?? [], io, problems);
  const province = await readInputs(opts.province ?? [], io, problems);
  const baselines = await readInputs(opts.baselines ?? [], io, problems);
  const asked = opts.month ? monthsOfOption(opts.month, '--month') : null;
  problems.push(...(asked?.problems ?? []));
  const months = asked ? asked.months : null;
  if (problems.length > 0) throw new ProblemsError(problems);
  // Every refusal is found before any month is settled, so that no output is begun for input that fails.
  const prepared = loadInputs({ data, targets, province, baselines, provincePayout: opts.provincePayout ?? [], months, ...(range ? { range } : {}), ...(streams ? {} : { maxUnitMonths: IN_MEMORY_UNIT_MONTHS }) }, schedules);
  const monthSchedules = prepared.checked.months.map((m) => m.schedule);
  const used = new Set(monthSchedules);
  const meta: RenderMeta = {
    sources: [
      ...digest(data, 'data'),
      ...digest(targets, 'targets'),
      ...digest(province, 'province'),
      ...digest(baselines, 'baselines'),
      ...schedules.filter((s) => used.has(s)).map(scheduleDigest),
    ],
    generator: `ecocomp ${VERSION}`,
  };
  let all: Settlement | undefined;
  const warned = new Set<string>();
  /** The months as they are settled, each month's warnings put on standard error once, before it is written. */
  const settling = function* (): Generator<MonthSettlement> {
    for (const m of settleEach(prepared.checked)) {
      if (!warned.has(m.month)) {
        warned.add(m.month);
        for (const line of warningLines(m)) io.stderr.write(`ecocomp: warning: ${visible(line)}\n`);
      }
      yield m;
    }
  };
  return {
    get settlement() {
      if (all === undefined) {
        const unitMonths = prepared.checked.months.reduce((n, m) => n + m.groups.reduce((k, g) => k + g.members.length, 0), 0);
        if (unitMonths > IN_MEMORY_UNIT_MONTHS) throw new ProblemsError([tooManyForFormat(unitMonths)]);
        all = { months: [...settling()] };
      }
      return all;
    },
    eachMonth: settling,
    monthSchedules,
    schedules,
    notices: prepared.notices,
    meta,
  };
}

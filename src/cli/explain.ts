/** `ecocomp explain FILE... --county UNIT`: the derivation of every amount of one unit, step by step. */
import { Command, Option } from 'commander';
import { explainCounty, type Lang, type UnitTrace } from '../output/explain.js';
import type { MonthSettlement } from '../engine/types.js';
import { unitResolver, normaliseName } from '../core/units.js';
import { renderTraceJson, renderTraceText } from '../output/trace.js';
import { ProblemsError } from '../core/problems.js';
import { paintFor, useColour } from './colour.js';
import { writeOutput, writeStdout } from './files.js';
import { settleFromOptions } from './inputs.js';
import { addInputOptions, type InputOptions } from './options.js';
import type { CliIo } from './io.js';
import { visible } from '../core/text.js';
import { FACTOR_IDS, type FactorId } from '../core/factors.js';

interface ExplainOptions extends InputOptions {
  county: string;
  factor?: string[];
  format: 'text' | 'json';
  lang: Lang;
  output?: string;
  color?: boolean;
}

/**
 * The months that settle the unit. With several schedules a unit may exist in some months only (a later schedule
 * adds, merges or drops units): the others are left out with a note; a month asked for with --month that does not
 * settle the unit, or no month at all, is refused.
 */
/**
 * The traces of one unit, month by month as the months are settled (a scheme of many years is never held whole):
 * a month whose schedule has no such unit is noted, or refused when the user asked for it with --month.
 */
function unitTraces(months: Iterable<MonthSettlement>, unitId: string, given: string, asked: boolean, trace: (m: MonthSettlement) => UnitTrace): { traces: UnitTrace[]; notes: string[] } {
  const traces: UnitTrace[] = [];
  const others: { month: string; schedule: string }[] = [];
  for (const m of months) {
    if (m.counties.some((c) => c.unit.id === unitId)) traces.push(trace(m));
    else others.push({ month: m.month, schedule: m.schedule.id });
  }
  const why = (o: { month: string; schedule: string }) => `schedule ${o.schedule}, in force for ${o.month}, has no unit "${given}" (${unitId})`;
  if (traces.length === 0) {
    throw new ProblemsError([{ file: '--county', code: 'E-UNIT-NOT-SETTLED', message: `"${given}" is settled in none of the months settled: ${others.map(why).join('; ')}` }]);
  }
  if (asked && others.length > 0) {
    throw new ProblemsError(others.map((o) => ({ file: '--month', code: 'E-UNIT-NOT-SETTLED', message: `${o.month} does not settle "${given}": ${why(o)}; leave the month out or explain another unit` })));
  }
  return { traces, notes: others.map((o) => `${o.month} is not explained: ${why(o)}`) };
}

export function explainCommand(io: CliIo): Command {
  const cmd = new Command('explain')
    .description('explain every amount of one unit: inputs, rounding, group baseline, gap, bands, gates, each with its clause')
    .argument('<files...>', 'monthly data CSV files, as for settle; "-" reads standard input')
    .requiredOption('--county <unit>', 'the unit: its name, an alias or its id')
    .option('--factor <factor>', `only this factor (${FACTOR_IDS.join(', ')}, or its name); repeatable`, (v: string, prev: string[] = []) => [...prev, v])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the explanation').choices(['zh', 'en']).default('zh'))
    .option('--output <path>', 'write to this file (atomically) instead of standard output');
  addInputOptions(cmd)
    .option('--color', 'colour the text even when not on a terminal')
    .option('--no-color', 'never colour the text')
    .action(async (files: string[], opts: ExplainOptions) => {
      // The settlement is made (and its warnings printed) only once the options below are found good.
      const settled = await settleFromOptions(files, opts, io, undefined, true);
      const { schedules, notices } = settled;
      const unit = unitResolver(schedules)(opts.county);
      const factorIds: FactorId[] = [];
      const problems = [];
      if ('error' in unit) problems.push({ file: '--county', code: unit.code, message: unit.error });
      for (const f of opts.factor ?? []) {
        const id = FACTOR_IDS.find((x) => x.toLowerCase() === f.trim().toLowerCase()) ?? schedules.flatMap((s) => s.factors).find((x) => normaliseName(x.name) === normaliseName(f))?.id;
        if (id) factorIds.push(id);
        else problems.push({ file: '--factor', message: `unknown factor "${f}"; expected one of ${FACTOR_IDS.join(', ')} or a factor's name (${schedules[0]!.factors.map((x) => x.name).join('、')})` });
      }
      if (problems.length > 0) throw new ProblemsError(problems);
      const unitId = (unit as { unitId: string }).unitId;
      for (const n of notices) io.stderr.write(`ecocomp: note: ${visible(n)}\n`);
      const { traces, notes } = unitTraces(settled.eachMonth(), unitId, opts.county.trim(), opts.month !== undefined, (m) =>
        explainCounty(m, unitId, opts.lang, factorIds.length > 0 ? factorIds : undefined),
      );
      for (const n of notes) io.stderr.write(`ecocomp: note: ${visible(n)}\n`);
      const colour = opts.output === undefined && useColour(io, opts.color);
      const text = opts.format === 'json' ? renderTraceJson(traces) : renderTraceText(traces, paintFor(colour));
      if (opts.output !== undefined) await writeOutput(opts.output, text, io);
      else await writeStdout(text, io, { painted: opts.format === 'text' });
    });
  return cmd;
}

/**
 * `ecocomp check SHEET --data FILE...`: finance's settlement sheet against the recomputed settlement. Exit 0
 * when everything agrees, 1 when anything differs (each difference with both values and the derivation of
 * the recomputed one), 2 on bad input.
 */
import { Command, Option } from 'commander';
import { compareSheet, type Difference } from '../engine/compare.js';
import { explainCounty, type Lang, type TraceNode } from '../engine/explain.js';
import type { Settlement } from '../engine/types.js';
import { readSheet } from '../input/sheet.js';
import { renderTraceText } from '../output/trace.js';
import { NO_PAINT, visible } from '../output/text.js';
import { ProblemsError, type Problem } from '../problems.js';
import { readInputs } from './files.js';
import { EXIT } from './exit.js';
import { settleFromOptions } from './inputs.js';
import { addInputOptions, type InputOptions } from './options.js';
import type { CliIo } from './io.js';

interface CheckOptions extends InputOptions {
  data: string[];
  format: 'text' | 'json';
  lang: Lang;
}

const FIELD_NAMES: Record<string, string> = { net: '净额 net', deductions: '扣款 deductions', rewards: '奖励 rewards', presence: '' };

function unitName(s: Settlement, d: Difference): string {
  if (d.unitId === null) return '';
  // As the month's own schedule names the unit; a unit the month lacks by the name other months give it.
  const inMonth = s.months.find((m) => m.month === d.month)?.counties.find((c) => c.unit.id === d.unitId);
  return (inMonth ?? s.months.flatMap((m) => m.counties).find((c) => c.unit.id === d.unitId))?.unit.name ?? d.unitId;
}

/** The recomputed derivation behind a differing amount: the factor's tree, or for a total the unit's factor lines and total. */
function derivation(s: Settlement, d: Difference, lang: Lang): string[] {
  const m = s.months.find((x) => x.month === d.month);
  if (!m || d.unitId === null || d.field === 'presence' || !m.counties.some((c) => c.unit.id === d.unitId)) return [];
  if (d.field === 'net' || d.field === 'deductions' || d.field === 'rewards') {
    const trace = explainCounty(m, d.unitId, lang);
    const shallow = (n: TraceNode): TraceNode => ({ ...n, children: [] });
    return renderTraceText([{ ...trace, factors: trace.factors.map(shallow) }], NO_PAINT).trimEnd().split('\n').slice(1);
  }
  return renderTraceText([explainCounty(m, d.unitId, lang, [d.field])], NO_PAINT).trimEnd().split('\n').slice(1);
}

export function checkCommand(io: CliIo, setExit: (code: number) => void): Command {
  const cmd = new Command('check')
    .description('check a settlement sheet (CSV or xlsx: month, unit, net, and per-factor amounts where it has them) against the settlement recomputed from the data')
    .argument('<sheet>', 'the settlement sheet to check')
    .requiredOption('--data <files...>', 'the monthly data the sheet should have been computed from')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the derivations').choices(['zh', 'en']).default('zh'));
  addInputOptions(cmd).action(async (sheet: string, opts: CheckOptions) => {
    const { settlement, schedules, meta } = await settleFromOptions(opts.data, opts, io);
    const problems: Problem[] = [];
    const [read] = await readInputs([sheet], io, problems);
    if (!read) throw new ProblemsError(problems);
    const rows = await readSheet(read.bytes, read.name, schedules);
    const { differences, compared, months } = compareSheet(settlement, rows);
    if (differences.length > 0) setExit(EXIT.differences);

    if (opts.format === 'json') {
      const out = {
        checkVersion: 1,
        agrees: differences.length === 0,
        compared,
        months,
        sources: meta.sources,
        differences: differences.map((d) => ({
          month: d.month,
          county: unitName(settlement, d) || null,
          id: d.unitId,
          field: d.field,
          sheet: d.sheet,
          recomputed: d.recomputed,
          at: d.at,
          message: d.message,
          ...(d.field !== 'presence' && d.unitId ? { trace: explainCounty(settlement.months.find((m) => m.month === d.month)!, d.unitId, opts.lang) } : {}),
        })),
      };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    const lines: string[] = [];
    if (differences.length === 0) {
      lines.push(`ecocomp check: ${visible(sheet)} agrees with the settlement recomputed from the data: ${compared} amounts compared (${months.join(', ')}).`);
    } else {
      lines.push(`ecocomp check: ${differences.length} difference${differences.length === 1 ? '' : 's'} between ${visible(sheet)} and the settlement recomputed from the data (${compared} amounts compared):`);
      for (const d of differences) {
        const where = d.at ? `  (${d.at.file}:${d.at.line}${d.at.column ? `:${d.at.column}` : ''})` : '';
        const what = [d.month, unitName(settlement, d), FIELD_NAMES[d.field] ?? d.field].filter(Boolean).join(' ');
        lines.push('', `${visible(what)}: ${visible(d.message)}${visible(where)}`);
        lines.push(...derivation(settlement, d, opts.lang).filter((l) => l.trim() !== '').map((l) => `    ${visible(l)}`));
      }
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  });
  return cmd;
}

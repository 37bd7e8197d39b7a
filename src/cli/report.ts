/**
 * What ecocomp tells the user on standard error — faults, usage errors, failures to write, internal errors, notes and
 * warnings — in the user's language, or as JSON lines (`--errors json`): one object per line with `level`, a stable
 * `code`, the place, and `message` in English and `zh` in Chinese, so that a script can match either.
 */
import { ProblemLog, formatProblemIn, messageIn, type Problem } from '../core/problems.js';
import { visible } from '../core/text.js';
import type { CliIo } from './io.js';
import type { MessageStyle } from './lang.js';

const DEFAULT_STYLE: MessageStyle = { lang: 'zh', json: false };
export const styleOf = (io: CliIo): MessageStyle => io.style ?? DEFAULT_STYLE;

type Level = 'error' | 'warning' | 'note';

function jsonLine(io: CliIo, level: Level, fields: Record<string, unknown>): void {
  io.stderr.write(`${JSON.stringify({ level, ...fields })}\n`);
}

/** The first faults of each kind, then a line for each kind saying how many more there were. */
export function reportProblems(problems: readonly Problem[], io: CliIo): void {
  const { lang, json } = styleOf(io);
  const log = new ProblemLog();
  log.addAll(problems);
  if (json) {
    for (const p of log.listed) {
      jsonLine(io, 'error', { code: p.code ?? null, file: p.file, line: p.line ?? null, column: p.column ?? null, field: p.field ?? null, message: p.message, zh: p.zh ?? null });
    }
    for (const t of log.problems().filter((p) => p.tally !== undefined)) jsonLine(io, 'error', { code: t.code ?? null, file: t.file, more: t.tally, message: t.message, zh: t.zh ?? null });
    return;
  }
  const n = log.count.toLocaleString('en-US');
  io.stderr.write(lang === 'zh' ? `ecocomp：发现 ${n} 处问题，未写出任何结果。\n` : `ecocomp: ${n} problem${log.count === 1 ? '' : 's'} found; no output was written.\n`);
  for (const p of log.listed) io.stderr.write(`${visible(formatProblemIn(p, lang))}\n`);
  for (const line of log.unlistedLines(lang)) io.stderr.write(`${visible(line)}\n`);
}

/** One line for a fault that is not in a file: a usage error, a failure to write, an internal error. */
export function reportLine(io: CliIo, code: string, text: { en: string; zh?: string | undefined }): void {
  const { lang, json } = styleOf(io);
  if (json) jsonLine(io, 'error', { code, message: text.en, zh: text.zh ?? null });
  else io.stderr.write(`ecocomp: ${visible(lang === 'zh' && text.zh !== undefined ? text.zh : text.en)}\n`);
}

/** A line that is neither a fault nor a note, shown as it is (`ecocomp: …`): a unit-month that `aggregate` left out. */
export function reportPlain(io: CliIo, level: 'warning', code: string, text: { en: string; zh: string }): void {
  const { lang, json } = styleOf(io);
  if (json) jsonLine(io, level, { code, message: text.en, zh: text.zh });
  else io.stderr.write(`ecocomp: ${visible(lang === 'zh' ? text.zh : text.en)}\n`);
}

/** A note (something the user should know that is not a fault) or a warning (a value settled as given but unlikely). */
export function reportNote(io: CliIo, level: 'note' | 'warning', text: { en: string; zh?: string | undefined; code?: string }): void {
  const { lang, json } = styleOf(io);
  if (json) {
    jsonLine(io, level, { code: text.code ?? null, message: text.en, zh: text.zh ?? null });
    return;
  }
  const label = lang === 'zh' ? (level === 'note' ? '提示' : '警告') : level;
  io.stderr.write(`ecocomp: ${label}: ${visible(lang === 'zh' && text.zh !== undefined ? text.zh : text.en)}\n`);
}

export { messageIn };

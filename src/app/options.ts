/**
 * The library's options checked as the command line's are: a script that passes a string where a list belongs, or
 * leaves out what a function needs, gets an EcocompError naming the option, never a TypeError from deep inside.
 */
import { ProblemsError, type Problem } from '../core/problems.js';

const fault = (name: string, en: string, zh: string): Problem => ({ file: `(option ${name})`, code: 'E-OPTIONS', message: en, zh });

/** A non-empty list of texts (reform schedules, edits). */
export function requireList(value: unknown, name: string): Problem[] {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return [];
  return [fault(name, `${name} must be a non-empty list of texts, e.g. ['…']`, `${name} 应为非空的文本列表，如 ['…']`)];
}

/** One text (a month, a unit). */
export function requireText(value: unknown, name: string): Problem[] {
  if (typeof value === 'string' && value.trim() !== '') return [];
  return [fault(name, `${name} must be given as a text`, `${name} 须以文本给出`)];
}

/** An optional list of texts. */
export function optionalList(value: unknown, name: string): Problem[] {
  return value === undefined ? [] : requireList(value, name);
}

/**
 * The books (ledger) and a check of finance's sheet are about settlements: a month-to-date standing (预估) among
 * their months is refused unless the caller asks for it, so that a provisional figure never enters them unseen.
 */
export function refuseProvisional(months: readonly { month: string; provisional: { through: string } | null }[], allowed: boolean | undefined, what: string): void {
  if (allowed) return;
  const found = months.filter((m) => m.provisional);
  throwIfAny(
    found.map((m) => ({
      file: '(data)',
      code: 'E-PROVISIONAL',
      message: `${m.month} is a month-to-date standing (provisional, through ${m.provisional!.through}), not a settlement; ${what} takes settled months only — leave the month out, or give --allow-provisional to include it marked as provisional`,
      zh: `${m.month} 是截至 ${m.provisional!.through} 的预估，不是正式核算结果；${what} 只接受正式核算的月份——请去掉该月，或加 --allow-provisional 以预估身份纳入`,
    })),
  );
}

export function throwIfAny(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ProblemsError(problems);
}

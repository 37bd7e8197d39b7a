/**
 * The publication details of a notice (第七条: the bureau notifies the units and publishes the results): who issues
 * it, when, under which document number and title, and whether the file digests are appended. Given as options or
 * in a small JSON settings file, which is refused like a schedule file: every fault with its key path, a syntax
 * error with its line and column, a key given twice or unknown never silently dropped.
 */
import * as z from 'zod';
import { ProblemsError, type Problem } from '../core/problems.js';
import { duplicateKeys } from '../schedule/json-keys.js';
import { keyPath } from '../schedule/key-path.js';

/** A day as `--date` and the settings file take it: `YYYY-MM-DD`, a day that exists in the calendar. */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `text` is not a real calendar day (`YYYY-MM-DD`), or null when it is one. */
export function dayFault(text: string): string | null {
  const m = DAY.exec(text);
  if (!m) return `"${text}" is not a date written YYYY-MM-DD (e.g. 2022-11-05)`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls 2022-02-30 over to 2022-03-02: a day that exists reads back as itself.
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return `"${text}" is not a day of the calendar`;
  return null;
}

const detail = (what: string) =>
  z
    .string({ error: `${what}, as text` })
    .trim()
    .min(1, `${what} may not be empty (leave the key out to show a 草稿 placeholder)`)
    .max(200, `${what}: at most 200 characters`);

export const noticeSettingsSchema = z.strictObject({
  /** 发布机关, e.g. 许昌市生态环境局. */
  issuer: detail('the issuing authority').optional(),
  /** 成文日期, YYYY-MM-DD. */
  date: z
    .string({ error: 'the date, as text YYYY-MM-DD' })
    .superRefine((s, ctx) => {
      const fault = dayFault(s);
      if (fault) ctx.addIssue({ code: 'custom', message: fault });
    })
    .optional(),
  /** 文号, e.g. 许环〔2022〕88号. */
  docNo: detail('the document number').optional(),
  /** The notice's title, in place of the one made from the city and month. */
  title: detail('the title').optional(),
  /** Append the SHA-256 of every input and the generator (as --appendix). */
  appendix: z.boolean({ error: 'true or false' }).optional(),
});

export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

/** A notice settings file's text (JSON) to its settings; every fault is thrown together with its key path. */
export function parseNoticeSettings(text: string, file: string): NoticeSettings {
  const json = text.replace(/^\ufeff/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new ProblemsError([{ file, code: 'E-NOTICE-JSON', message: `not valid JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`, ...position(json, (e as Error).message) }]);
  }
  const problems: Problem[] = duplicateKeys(json).map((d) => ({
    file,
    line: d.line,
    column: d.column,
    code: 'E-NOTICE-DUPLICATE-KEY',
    field: d.path,
    message: `this key is given twice in one object (first at line ${d.first.line}, column ${d.first.column}); JSON would keep the last one without a word, so neither is taken`,
  }));
  const result = noticeSettingsSchema.safeParse(parsed);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const message = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (known: issuer, date, docNo, title, appendix)` : issue.message;
      problems.push({ file, code: 'E-NOTICE', field: keyPath(issue.path) || '(top level)', message });
    }
  }
  if (problems.length > 0 || !result.success) throw new ProblemsError(problems);
  return result.data;
}

/** Line and column of a JSON syntax error, from the position its message names. */
function position(text: string, message: string): { line?: number; column?: number } {
  const at = /position (\d+)/.exec(message);
  if (!at) return {};
  const before = text.slice(0, Number(at[1]));
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

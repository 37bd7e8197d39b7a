/**
 * The publication details of a notice (第七条: the bureau notifies the units and publishes the results): who issues
 * it, when, under which document number and title, and whether the file digests are appended. Given as options or
 * in a small JSON settings file, which is refused like a schedule file: every fault with its key path, a syntax
 * error with its line and column, a key given twice or unknown never silently dropped.
 */
import * as z from 'zod';
import { ProblemsError } from '../core/problems.js';
import { issueTexts, zodTextZh } from './issues.js';
import { readStrictJson } from '../core/strict-json.js';
import { keyPath } from '../core/key-path.js';

/** A day as `--date` and the settings file take it: `YYYY-MM-DD`, a day that exists in the calendar. */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `text` is not a real calendar day (`YYYY-MM-DD`), or null when it is one. */
export function dayFaultTexts(text: string): { message: string; zh: string } | null {
  const m = DAY.exec(text);
  if (!m) return { message: `"${text}" is not a date written YYYY-MM-DD (e.g. 2022-11-05)`, zh: `“${text}”不是 YYYY-MM-DD 格式的日期（如 2022-11-05）` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls 2022-02-30 over to 2022-03-02: a day that exists reads back as itself.
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return { message: `"${text}" is not a day of the calendar`, zh: `“${text}”不是日历上存在的日期` };
  return null;
}

/** The Chinese of each rule text of the schema, by its English text (zod hands on the English one). */
const RULES_ZH = new Map<string, string>([
  ['the date, as text YYYY-MM-DD', '日期，应为 YYYY-MM-DD 格式的文本'],
  ['true or false', 'true 或 false'],
]);

const detail = (what: string, whatZh: string) => {
  const rules = { text: `${what}, as text`, empty: `${what} may not be empty (leave the key out to show a 草稿 placeholder)`, long: `${what}: at most 200 characters` };
  RULES_ZH.set(rules.text, `${whatZh}，应为文本`).set(rules.empty, `${whatZh}不能为空（不写此键时，通报中显示“草稿”占位）`).set(rules.long, `${whatZh}：最多 200 个字符`);
  return z.string({ error: rules.text }).trim().min(1, rules.empty).max(200, rules.long);
};

export const noticeSettingsSchema = z.strictObject({
  /** 发布机关, e.g. 许昌市生态环境局. */
  issuer: detail('the issuing authority', '发布机关').optional(),
  /** 成文日期, YYYY-MM-DD. */
  date: z
    .string({ error: 'the date, as text YYYY-MM-DD' })
    .superRefine((s, ctx) => {
      const fault = dayFaultTexts(s);
      if (fault) ctx.addIssue({ code: 'custom', message: fault.message, params: { zh: fault.zh } });
    })
    .optional(),
  /** 文号, e.g. 许环〔2022〕88号. */
  docNo: detail('the document number', '文号').optional(),
  /** The notice's title, in place of the one made from the city and month. */
  title: detail('the title', '标题').optional(),
  /** Append the SHA-256 of every input and the generator (as --appendix). */
  appendix: z.boolean({ error: 'true or false' }).optional(),
});

export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

/** A notice settings file's text (JSON) to its settings; every fault is thrown together with its key path. */
export function parseNoticeSettings(text: string, file: string): NoticeSettings {
  const { value: parsed, duplicates: problems } = readStrictJson(text, file, 'E-NOTICE');
  const result = noticeSettingsSchema.safeParse(parsed);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file, code: 'E-NOTICE', field: keyPath(issue.path) || '(top level)', ...describeIssue(issue) });
    }
  }
  if (problems.length > 0 || !result.success) throw new ProblemsError(problems);
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue): { message: string; zh: string } {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`);
    return { message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys.join(', ')} (known: issuer, date, docNo, title, appendix)`, zh: `无法识别的键 ${keys.join('、')}（可用的键：issuer、date、docNo、title、appendix）` };
  }
  const zh = issueTexts(issue).zh ?? RULES_ZH.get(issue.message);
  return { message: issue.message, zh: zh ?? zodTextZh(issue.message) };
}

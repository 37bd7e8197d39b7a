/**
 * A cell rule's fault as zod reports it, with its Chinese text: the rules (cells.ts) put the Chinese beside the
 * English message in the issue's params, and every reader hands both on.
 */
import type * as z from 'zod';

export interface IssueTexts {
  message: string;
  zh?: string;
  /** The fault's stable code, where the rule gives one (E-CELL-NUMBER, E-CELL-MONTH). */
  code?: string;
}

const TYPES_ZH: Record<string, string> = { string: '字符串', number: '数字', boolean: '布尔值（true 或 false）', array: '列表', object: '对象', undefined: '未给出', null: 'null' };

/**
 * zod's own text of a wrong type ("Invalid input: expected string, received number") in Chinese; another of its
 * texts is kept as it is, in brackets.
 */
export function zodTextZh(message: string): string {
  const m = /^(?:Invalid input: )?expected (\w+), received (\w+)$/.exec(message);
  if (m) return `应为${TYPES_ZH[m[1]!] ?? m[1]}，实际为${TYPES_ZH[m[2]!] ?? m[2]}`;
  return `不符合要求（${message}）`;
}

/** The English and Chinese text of a zod issue raised by a cell rule, and its code. */
export function issueTexts(issue: z.core.$ZodIssue): IssueTexts {
  const params = (issue as { params?: { zh?: unknown; code?: unknown } }).params;
  return {
    ...(typeof params?.code === 'string' ? { code: params.code } : {}),
    message: issue.message,
    ...(typeof params?.zh === 'string' ? { zh: params.zh } : {}),
  };
}

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

/** The English and Chinese text of a zod issue raised by a cell rule, and its code. */
export function issueTexts(issue: z.core.$ZodIssue): IssueTexts {
  const params = (issue as { params?: { zh?: unknown; code?: unknown } }).params;
  return {
    ...(typeof params?.code === 'string' ? { code: params.code } : {}),
    message: issue.message,
    ...(typeof params?.zh === 'string' ? { zh: params.zh } : {}),
  };
}

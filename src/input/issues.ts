/**
 * A cell rule's fault as zod reports it, with its Chinese text: the rules (cells.ts) put the Chinese beside the
 * English message in the issue's params, and every reader hands both on.
 */
import type * as z from 'zod';

export interface IssueTexts {
  message: string;
  zh?: string;
}

/** The English and Chinese text of a zod issue raised by a cell rule. */
export function issueTexts(issue: z.core.$ZodIssue): IssueTexts {
  const zh = (issue as { params?: { zh?: unknown } }).params?.zh;
  return typeof zh === 'string' ? { message: issue.message, zh } : { message: issue.message };
}

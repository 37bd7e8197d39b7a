/**
 * A reference from a value of the schedule to what it implements: an article of the regulation (第四条), its item
 * (（一）…（五）) and numbered clause (1. deduction, 2. reward), and/or a decision of docs/decisions.md where the
 * regulation is silent, with an optional note in words. One formatter renders it everywhere (rules, explain traces,
 * notices, spreadsheets), so that a clause is cited the same way in every output.
 */
import * as z from 'zod';

export interface Reference {
  /** 第N条: the article's number. */
  article?: number | undefined;
  /** （一）…: the item of the article. */
  item?: number | undefined;
  /** 1. 2.: the numbered clause of the item (or of the article when it has no items). */
  clause?: number | undefined;
  /** D-number of docs/decisions.md. */
  decision?: number | undefined;
  /** A gloss in words: what the value does, or why it is so. */
  note?: string | undefined;
}

const small = (what: string) => z.number({ error: `${what}: a whole number` }).int().min(1).max(99);

export const referenceSchema = z
  .strictObject({
    article: small('the article number, 4 for 第四条').optional().describe('The article, 4 for 第四条'),
    item: small('the item number, 1 for （一）').optional().describe('The item of the article, 1 for （一）'),
    clause: small('the clause number, 1 for 1.').optional().describe('The numbered clause, 1 for "1." (in 第四条 1 deducts and 2 rewards)'),
    decision: small('the decision number, 6 for D6').optional().describe('The decision of docs/decisions.md, 6 for D6, where the regulation is silent'),
    note: z.string().trim().min(1).optional().describe('What the value does or why, in words'),
  })
  .refine((r) => r.article !== undefined || r.decision !== undefined || r.note !== undefined, {
    error: 'a reference names an article, a decision, or at least a note, e.g. { "article": 4, "item": 1, "clause": 1 }',
  })
  .refine((r) => (r.item === undefined && r.clause === undefined) || r.article !== undefined, {
    error: 'an item or clause belongs to an article: give "article" too',
  })
  .describe('What this value implements: { "article": 4, "item": 1, "clause": 1 } is 第四条（一）1; { "decision": 2 } is D2; "note" adds words');

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1…99 in Chinese numerals: 4 → 四, 10 → 十, 12 → 十二, 21 → 二十一. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

/** 第四条（一）1: the article, item and clause as the regulation numbers them. */
export function articleCitation(r: Pick<Reference, 'article' | 'item' | 'clause'>): string {
  if (r.article === undefined) return '';
  return `第${chineseNumber(r.article)}条${r.item === undefined ? '' : `（${chineseNumber(r.item)}）`}${r.clause === undefined ? '' : String(r.clause)}`;
}

/** The citation alone: "第四条（一）1", "D2", "第九条, D11"; the note when nothing else is cited. */
export function cite(r: Reference): string {
  const parts = [articleCitation(r), r.decision === undefined ? '' : `D${r.decision}`].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(', ') : (r.note ?? '');
}

/** The citation followed by the note: "第四条（一）1: 1—5 微克（含） at 10 万元/微克". */
export function citeInFull(r: Reference): string {
  const brief = cite(r);
  return r.note === undefined || brief === r.note ? brief : `${brief}: ${r.note}`;
}

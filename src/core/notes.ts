/**
 * Notes (what the user should know that is not a fault) travel as English strings — the public API's `notices` —
 * and are shown in Chinese on the command line. Where a note is made, `note(en, zh)` records its Chinese text beside
 * it; the CLI looks it up with `noteZh` when it prints the note (decision 85). The record is a cache of wording, not
 * state that changes a result: the same English note has the same Chinese text wherever it is made.
 */

/** The Chinese text of each English note made so far; bounded, as a run makes a few notes. */
const CHINESE = new Map<string, string>();
const LIMIT = 10_000;

/** A note in English, its Chinese text recorded for the command line. */
export function note(en: string, zh: string): string {
  if (CHINESE.size < LIMIT || CHINESE.has(en)) CHINESE.set(en, zh);
  return en;
}

/** The Chinese text of a note, where one was recorded. */
export function noteZh(en: string): string | undefined {
  return CHINESE.get(en);
}

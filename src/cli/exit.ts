/** Exit codes (SPEC.md §7). */
export const EXIT = { ok: 0, differences: 1, badInput: 2, internal: 3 } as const;

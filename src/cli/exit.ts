/** Exit codes (SPEC.md §7, and 4, which the specification leaves open, for a result that could not be written). */
export const EXIT = { ok: 0, differences: 1, badInput: 2, internal: 3, cannotWrite: 4 } as const;

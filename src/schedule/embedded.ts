/**
 * The built-in schedule as the build validated it (validated-text.ts), or undefined when ecocomp runs from its
 * sources. scripts/build.mjs replaces this module's contents with the text; it never comes from a file at run time.
 */
export const EMBEDDED_BUILTIN_SCHEDULE: string | undefined = undefined;

/** Entry of the CLI bundle (dist/ecocomp.cjs, which bin/ecocomp.js loads). */
import * as z from 'zod';

// zod compiles a fast path for each object schema with `new Function` on first use: worth it for a server that
// parses millions of objects with one schema, not for a command that parses a schedule and a few tables and ends.
z.config({ jitless: true });

export { run, EXIT, VERSION } from './run.js';
export type { CliIo } from './io.js';
// For bin/ecocomp.js: temporary files to remove on a signal, and the words for a failed write to standard output.
export { removeTemporaries, watchTemporaries } from './files.js';
export { describeFsError, describeFsErrorZh } from '../app/files.js';
export { stdoutFailureLine } from './report.js';
export { messageStyle } from './lang.js';

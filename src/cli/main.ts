/** Entry of the bundle (dist/ecocomp.js). */
export { run, EXIT, VERSION } from './run.js';
export type { CliIo } from './io.js';

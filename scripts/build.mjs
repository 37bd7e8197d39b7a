// Bundles the CLI (dist/ecocomp.js) and the library (dist/index.js, the package's main export) as ESM: start-up cost
// in batch jobs is dominated by module loading (see README "Performance"), so everything the common path needs is in
// one file, and each command and heavy renderer in a chunk of its own, shared by both.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { ecocomp: 'src/cli/main.ts', index: 'src/app/index.ts' },
  outdir: 'dist',
  // Each command and heavy renderer in its own chunk, loaded when used.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // commander is CommonJS; an ESM bundle needs a real `require` for its node: imports.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  legalComments: 'none',
  // Loaded at run time only when a workbook is asked for: kept out of the bundle so it costs nothing at start-up.
  external: ['exceljs', 'jszip'],
  logLevel: 'warning',
});

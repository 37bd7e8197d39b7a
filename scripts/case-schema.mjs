// Writes schema/case.schema.json from the zod schema of case files (npm run schema). A test fails while the file is stale.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'ecocomp-case-schema-'));
try {
  const out = join(dir, 'case-schema.mjs');
  await build({ entryPoints: ['src/input/case-schema.ts'], outfile: out, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  const { renderCaseJsonSchema } = await import(pathToFileURL(out).href);
  mkdirSync('schema', { recursive: true });
  writeFileSync('schema/case.schema.json', renderCaseJsonSchema());
  console.log('wrote schema/case.schema.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Writes schema/schedule.schema.json from the zod schema (npm run schema). A test fails while the file is stale.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'ecocomp-schema-'));
try {
  const out = join(dir, 'json-schema.mjs');
  await build({ entryPoints: ['src/schedule/json-schema.ts'], outfile: out, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  const { renderJsonSchema } = await import(pathToFileURL(out).href);
  mkdirSync('schema', { recursive: true });
  writeFileSync('schema/schedule.schema.json', renderJsonSchema());
  console.log('wrote schema/schedule.schema.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

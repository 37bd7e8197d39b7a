/**
 * The layers of src/ and the one direction data flows through them (docs/architecture.md):
 *
 *   core → schedule → input → engine → output → app → cli → bin
 *
 * A module may import from its own layer and the layers before it, never from one after it: the engine never
 * imports a reader or a renderer, the schedule never imports the engine, core imports nothing of ours.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const LAYERS = ['core', 'schedule', 'input', 'engine', 'output', 'app', 'cli'] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function layerOf(file: string): string {
  const top = relative('src', file).split(/[\\/]/)[0]!;
  return top.endsWith('.ts') ? `(top-level ${top})` : top;
}

/** Every relative import of a file (static and dynamic), resolved to the file it names. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts'));
}

describe('the layers of src/', () => {
  const files = filesUnder('src');

  it('every module lives in a layer', () => {
    expect(files.map(layerOf).filter((l) => !(LAYERS as readonly string[]).includes(l))).toEqual([]);
  });

  it('no import runs back up', () => {
    const rank = (l: string) => (LAYERS as readonly string[]).indexOf(l);
    const backward = files.flatMap((f) =>
      importsOf(f)
        .filter((target) => target.startsWith(`src${'/'}`) && rank(layerOf(target)) > rank(layerOf(f)))
        .map((target) => `${f} → ${target}`),
    );
    expect(backward).toEqual([]);
  });
});

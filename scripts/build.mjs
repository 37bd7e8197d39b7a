// Builds what ships, in dist/:
//   index.js + chunks/   the library (the package's main export): ESM, each command and heavy renderer in a chunk
//   ecocomp.cjs          the CLI in one CommonJS file, which bin/ecocomp.js compiles through a code cache
//                        (README "Performance", decisions D55–D57); ecocomp.js re-exports it for ESM callers
//   quick.cjs            what `--version` and `--help` print, so that bin/ecocomp.js answers them without the CLI
// Both bundles embed the built-in schedule as validated here, once, by parseSchedule (src/schedule/embedded.ts).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // Loaded at run time only when a workbook is asked for: kept out of the bundle so it costs nothing at start-up.
  external: ['exceljs', 'jszip'],
  logLevel: 'warning',
};

/** The built-in schedule through parseSchedule, as the text embedded.ts will hold; the build stops on any fault. */
async function validatedBuiltinSchedule() {
  const probe = await build({
    ...common,
    stdin: {
      contents: [
        "export { parseSchedule } from './src/schedule/load.ts';",
        "export { validatedText, fromValidatedText } from './src/schedule/validated-text.ts';",
        "export { default as data } from './src/schedule/xuchang-2022.json';",
      ].join('\n'),
      resolveDir: '.',
      loader: 'ts',
    },
    format: 'esm',
    write: false,
  });
  const { parseSchedule, validatedText, fromValidatedText, data } = await import(`data:text/javascript;base64,${Buffer.from(probe.outputFiles[0].contents).toString('base64')}`);
  const schedule = parseSchedule(data, 'built-in schedule xuchang-2022');
  const text = validatedText(schedule);
  if (!isDeepStrictEqual(fromValidatedText(text), schedule)) throw new Error('the validated built-in schedule does not come back from its text unchanged');
  return text;
}

const embedded = await validatedBuiltinSchedule();
/** Replaces src/schedule/embedded.ts with the validated text. */
const embedSchedule = {
  name: 'embed-validated-schedule',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]schedule[\\/]embedded\.ts$/ }, () => ({
      contents: `export const EMBEDDED_BUILTIN_SCHEDULE = ${JSON.stringify(embedded)};`,
      loader: 'ts',
    }));
  },
};

await build({
  ...common,
  entryPoints: { index: 'src/app/index.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  // commander is CommonJS; an ESM bundle needs a real `require` for its node: imports.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  plugins: [embedSchedule],
});

// The CLI as one CommonJS file: V8 can cache the compiled code of a script (bin/code-cache.js), not of ESM chunks,
// and one file is read and compiled once instead of a graph of chunks resolved one by one.
/**
 * commander loads node:child_process at start for executable subcommands, which ecocomp does not have: ~3 ms of
 * every start on Node 24. The CLI bundle loads it only if a subcommand were ever spawned.
 */
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, ({ path }) => {
      const eager = "const childProcess = require('node:child_process');";
      const text = readFileSync(path, 'utf8');
      if (!text.includes(eager)) throw new Error(`${path} no longer loads node:child_process as expected: review this plugin`);
      return { contents: text.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), loader: 'js' };
    });
  },
};

await build({
  ...common,
  entryPoints: { ecocomp: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' }, format: 'cjs',
  // import() of exceljs becomes require(): V8 drops a script's dynamic-import callback when its code comes from a cache.
  supported: { 'dynamic-import': false },
  plugins: [embedSchedule, lazyChildProcess],
});
writeFileSync('dist/ecocomp.js', "// The CLI for ESM callers (scripts/fuzz.mjs): the same module as ecocomp.cjs.\nexport * from './ecocomp.cjs';\n");

// --version, --help and a bare `ecocomp`, as the CLI prints them off a terminal (help wraps to 80 columns there) in
// either language, and the identity of this build, which names its code cache.
function cliOutput(args, env) {
  const io = "{ stdout: { write: (s) => process.stdout.write(s), isTTY: false }, stderr: { write: (s) => process.stderr.write(s), isTTY: false }, stdinStream: () => process.stdin, env: JSON.parse(process.env.QUICK_ENV), cwd: process.cwd() }";
  const script = `require('./dist/ecocomp.cjs').run(${JSON.stringify(args)}, ${io}).then((code) => { process.exitCode = 100 + code; })`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QUICK_ENV: JSON.stringify(env) } });
  if (r.status === null || r.status < 100) throw new Error(`ecocomp ${args.join(' ')} failed while building: ${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr, code: r.status - 100 };
}
const answers = (env) => ({ version: cliOutput(['--version'], env), help: cliOutput(['--help'], env), bare: cliOutput([], env) });
const quick = {
  exit: createRequire(import.meta.url)('../dist/ecocomp.cjs').EXIT,
  build: createHash('sha256').update(readFileSync('dist/ecocomp.cjs')).digest('hex').slice(0, 16),
  answers: { zh: answers({}), en: answers({ ECOCOMP_LANG: 'en' }) },
};
writeFileSync('dist/quick.cjs', `// Written by scripts/build.mjs: what bin/ecocomp.js answers without loading the CLI.\nmodule.exports = ${JSON.stringify(quick, null, 2)};\n`);

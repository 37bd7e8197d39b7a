// Loads the CLI bundle (dist/ecocomp.cjs) with its compiled code cached between runs (decision D56): compiling it
// costs about as much as everything else a settle of the sample does. A V8 code cache through vm.Script
// `cachedData`, one file per build of ecocomp and version of Node, written at the end of a run so that it holds every
// function the run compiled. On Node 22 and 24 this beats module.enableCompileCache(), whose cache holds only what is
// compiled when the module loads (settle of the sample on Node 24: ×2.9 of `node -e 0` against ×3.9, CPU time).
// The cache is an optimisation and nothing more: a directory that cannot be created or written, or a cache file
// that is corrupt, stale or rejected by V8, costs the time of a compile and never a message or an exit code.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { crc32 } = require('node:zlib');
const nodeModule = require('node:module');

/** $XDG_CACHE_HOME/ecocomp, or ~/.cache/ecocomp; undefined when there is no home to put it in. */
function cacheDirectory(env, home) {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home ? path.join(home, '.cache') : undefined;
  return base === undefined ? undefined : path.join(base, 'ecocomp');
}

/**
 * The CLI's exports. `build` identifies the bundle (a hash of its bytes, written by the build): V8 checks a cache
 * against the source's length only, so a cache of another build of the same length would run that build's code.
 */
function loadCli(file, { env, home, build, command }) {
  const dir = cacheDirectory(env, home);
  if (dir === undefined) return require(file);
  // One cache per command: a cache holds what its first run compiled, and settle compiles other code than rules.
  const name = /^[a-z]{1,20}$/.test(command ?? '') ? command : 'other';
  const prefix = `ecocomp-${build}-node${process.versions.node}-${process.arch}-`;
  return loadWithCodeCache(file, path.join(dir, `${prefix}${name}.v8cache`), prefix);
}

// A cache file is the CRC-32 of the V8 data, then the data: V8 checks its own header, but a corrupt body can crash
// the process instead of being rejected. (CRC-32 from zlib: node:crypto alone costs Node 24 ~9 ms to load.)
const DIGEST_BYTES = 4;
function digest(bytes) {
  const d = Buffer.alloc(DIGEST_BYTES);
  d.writeUInt32BE(crc32(bytes));
  return d;
}

function readCache(cacheFile) {
  try {
    const bytes = fs.readFileSync(cacheFile);
    const data = bytes.subarray(DIGEST_BYTES);
    return bytes.length > DIGEST_BYTES && digest(data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so that a concurrent run reads the old cache or the new, never half. */
function writeCache(cacheFile, data, prefix) {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(temporary, Buffer.concat([digest(data), data]));
    fs.renameSync(temporary, cacheFile);
    removeOtherCaches(path.dirname(cacheFile), prefix);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: the cache is optional.
    }
  }
}

/** Caches of earlier builds or other versions of Node would only accumulate. */
function removeOtherCaches(dir, prefix) {
  for (const name of fs.readdirSync(dir)) {
    if (/^ecocomp-.*\.v8cache$/.test(name) && !name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** require(file) through vm.Script, with the compiled code from cacheFile when V8 accepts it. */
function loadWithCodeCache(file, cacheFile, prefix) {
  const cachedData = readCache(cacheFile);
  // The wrapper starts on the source's first line, so that line numbers in stack traces stay those of the file.
  // No import() in the bundle (scripts/build.mjs): V8 drops the callback that would resolve it for cached code.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, nodeModule.createRequire(file), mod, file, path.dirname(file));
  // Written at exit, once the run has compiled the functions it needed: the next run finds them compiled too.
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => writeCache(cacheFile, script.createCachedData(), prefix));
  return mod.exports;
}

module.exports = { loadCli, cacheDirectory };

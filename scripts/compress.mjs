// Trunk post-build step: writes `NAME.br` (brotli, quality 11) and `NAME.gz` (gzip, level 9)
// beside every text or wasm asset of the staging directory, so a static server (scripts/serve.mjs,
// nginx's `brotli_static`/`gzip_static`, Caddy's `precompressed`) sends them without compressing
// on each request. Runs after sw.js is written: the service worker lists the plain files only.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const COMPRESSIBLE = new Set(['.wasm', '.js', '.css', '.html', '.svg', '.json', '.webmanifest']);
// Below this size the headers cost more than compression saves.
const MIN_BYTES = 1024;

let raw = 0;
let br = 0;
let gz = 0;
(function walk(d) {
  for (const name of readdirSync(d).sort()) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) {
      walk(path);
      continue;
    }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const body = readFileSync(path);
    if (body.length < MIN_BYTES) continue;
    const brotli = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [constants.BROTLI_PARAM_MODE]: extname(name) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    const gzip = gzipSync(body, { level: 9 });
    writeFileSync(path + '.br', brotli);
    writeFileSync(path + '.gz', gzip);
    raw += body.length;
    br += brotli.length;
    gz += gzip.length;
  }
})(dir);
console.log(`compressed: ${raw} B raw → ${br} B brotli, ${gz} B gzip`);

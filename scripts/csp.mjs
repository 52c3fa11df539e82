// Trunk post-build step: puts a strict Content-Security-Policy into the built index.html, as its
// first element so that it governs every script after it. Trunk's loader is an inline module
// script whose text names the hashed files, so it is allowed by its SHA-256, computed here from
// the very bytes shipped; nothing else inline may run, and nothing is fetched from another origin.
// `frame-ancestors` has no effect in a <meta>: scripts/serve.mjs sends it as a header.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || 'dist';
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error('index.html already has a CSP');
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
if (/<style[\s>]/.test(html)) throw new Error('an inline <style> in index.html: move it to style/ (CSP style-src is self only)');
export const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
writeFileSync(file, html.replace(/<head>/, `<head>\n    ${meta}`));
console.log(`index.html: CSP with ${hashes.length} inline script hash(es)`);

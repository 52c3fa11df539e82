// The static server for the built app, used by the run command (scripts/run.sh), the e2e tests
// and the Lighthouse audit. It never watches or rebuilds anything: it reads files per request.
// - Correct MIME types; index.html for every route (a path without an asset extension), so
//   client-side routes survive a reload; a missing asset is a 404, not the app shell.
// - Precompressed files written by the build (scripts/compress.mjs) are served as they are, with
//   `Content-Encoding: br` or `gzip` as the browser accepts, and `Vary: Accept-Encoding`; a copy
//   older than its file is stale and the file is served instead.
// - Trunk's hashed files may be cached for a year; everything else is revalidated.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const root = resolve(process.env.DIST || 'dist');
const port = Number(process.env.PORT || 8080);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

async function fileTime(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? info.mtimeMs : null;
  } catch {
    return null;
  }
}

// The file a request names, inside the root, or null.
function inside(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const file = resolve(root, '.' + decoded);
  return file === root || file.startsWith(root + sep) ? file : null;
}

function serve() {
  return async (req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    let file = inside(pathname);
    if (file === null) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path');
      return;
    }
    let source = await fileTime(file);
    if (source === null) {
      if (extname(pathname) !== '' && types[extname(pathname)]) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      file = join(root, 'index.html');
      source = await fileTime(file);
    }
    const accepts = String(req.headers['accept-encoding'] || '');
    // A compressed copy older than its file is stale (the file was rewritten after the build,
    // as a deploy of one file or the update test does): the file itself is served then.
    let body = null;
    let encoding = null;
    for (const [name, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      const copy = new RegExp(`\\b${name}\\b`).test(accepts) ? await fileTime(file + suffix) : null;
      if (copy !== null && copy >= source) {
        body = await readFile(file + suffix);
        encoding = name;
        break;
      }
    }
    body ??= await readFile(file);
    const headers = {
      'content-type': types[extname(file)] || 'application/octet-stream',
      'content-length': body.length,
      'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'Accept-Encoding',
      'x-content-type-options': 'nosniff',
      // The rest of the policy is in index.html (scripts/csp.mjs); this part only works as a header.
      'content-security-policy': "frame-ancestors 'none'",
      'x-frame-options': 'DENY',
    };
    if (encoding) headers['content-encoding'] = encoding;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

createServer(serve()).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}`));

// The run command (README): `bash scripts/run.sh` serves a snapshot of the release build with
// the static server, compressed as a host would serve it, and keeps serving while the test
// command rebuilds dist/ beside it (this suite runs beside the other journeys).
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';

const port = Number(process.env.E2E_PORT || 8123) + 7;
const base = `http://127.0.0.1:${port}`;

async function startRun() {
  const child = spawn('bash', ['scripts/run.sh', '--no-build'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`run.sh did not start: ${output}`)), 50_000);
    const seen = (chunk) => {
      output += chunk;
      if (output.includes(`http://127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => reject(new Error(`run.sh exited with ${code}: ${output}`)));
  });
  return child;
}

test('the run command serves the build compressed and keeps serving while dist/ is rebuilt', async ({ page }) => {
  test.setTimeout(150_000);
  const run = await startRun();
  try {
    const wasm = readdirSync('dist').find((f) => f.endsWith('_bg.wasm'));
    expect(wasm).toBeTruthy();
    const plain = await fetch(`${base}/${wasm}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-type')).toBe('application/wasm');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const bytes = Buffer.from(await plain.arrayBuffer());

    // Node's fetch would decode for us; ask with a raw request to see what goes over the wire.
    const raw = (encoding, path = wasm) => {
      return new Promise((resolve, reject) => {
        request(`${base}/${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
          const parts = [];
          res.on('data', (c) => parts.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
        }).on('error', reject).end();
      });
    };
    const br = await raw('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.body.length).toBeLessThan(bytes.length / 2);
    expect(brotliDecompressSync(br.body).equals(bytes)).toBe(true);
    const gz = await raw('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(bytes)).toBe(true);
    expect(gz.body.length).toBeGreaterThan(br.body.length);

    // A route is the app shell; a missing asset is not; nothing outside the build is served.
    const route = await fetch(`${base}/monthly/demo-b01/2026-11`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<html');
    expect((await fetch(`${base}/missing-0123456789abcdef.wasm`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/%2e%2e/package.json`)).status).not.toBe(200);

    // A rebuild of dist/ beside it (a file appears there) does not reach what the run command serves.
    const marker = `dist/rebuilt-${Date.now()}.txt`;
    writeFileSync(marker, 'rebuilt');
    try {
      expect((await fetch(`${base}/${marker.slice(5)}`)).status).toBe(404);
    } finally {
      rmSync(marker);
    }

    // A file rewritten after the build is served as it now is, never its stale compressed copy
    // (a one-file deploy; the service worker's update check depends on it).
    const sw = 'target/run-dist/sw.js';
    // The snapshot as the build left it (the update journey may have rewritten dist/sw.js).
    // (Times set through Date keep only milliseconds: a second earlier is surely not newer.)
    const built = new Date(statSync(`${sw}.br`).mtimeMs - 1000);
    utimesSync(sw, built, built);
    expect((await raw('gzip, br', 'sw.js')).headers['content-encoding']).toBe('br');
    writeFileSync(sw, readFileSync(sw, 'utf8') + '\n// next\n');
    const later = new Date(Date.now() + 2000);
    utimesSync(sw, later, later);
    const fresh = await raw('gzip, br', 'sw.js');
    expect(fresh.headers['content-encoding']).toBeUndefined();
    expect(fresh.body.toString('utf8').endsWith('// next\n')).toBe(true);

    // The app itself runs from it.
    await page.goto(`${base}/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(run.exitCode).toBeNull();
  } finally {
    run.kill('SIGTERM');
  }
});

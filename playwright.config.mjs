// End-to-end tests drive the release build in Debian's Chromium (no browser download).
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 8123);

export default defineConfig({
  testDir: 'tests/e2e',
  // Headroom for a slow machine: a fresh CI machine ran the suite at half this one's speed, and a
  // first visit compiles 5.6 MB of wasm. A wrong page still fails; it only fails later.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // Two workers: the quota journeys spend most of their time waiting out Chromium's 30 s space
  // cache, and every test has its own browser context (its own IndexedDB).
  workers: Number(process.env.E2E_WORKERS || 2),
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
        // The kiosk's memory journey collects garbage before it measures the heap.
        '--js-flags=--expose-gc'],
    },
  },
  webServer: {
    command: `node scripts/serve.mjs`,
    env: { PORT: String(port), DIST: process.env.DIST || 'dist' },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
  },
});

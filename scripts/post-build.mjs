// Trunk's one post-build hook, so the steps run in this order: index.html gets its CSP (before
// anything hashes it), sw.js lists the built files, then every asset (sw.js included) gets its
// precompressed twins.
await import('./csp.mjs');
await import('./gen-sw.mjs');
await import('./compress.mjs');

// StarBranch service worker. Generated at build time by scripts/gen-sw.mjs from
// scripts/sw-template.js: VERSION and FILES are filled in from the built files, so the cache
// name changes with every build and a new version is installed whole or not at all.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `starbranch-${VERSION}`;

self.addEventListener('install', (event) => {
  // Everything or nothing: addAll fails the install if any file is missing.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('starbranch-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks the waiting worker to take over when the user accepts the update.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Client-side routes: every page is the app shell.
    event.respondWith(caches.match('/index.html', { cacheName: CACHE }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});

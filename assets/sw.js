// KAM Workbench service worker. scripts/offline.mjs (a Trunk post_build hook) writes it to
// dist/sw.js with two lines in front: `const VERSION` (a hash of every file of the build) and
// `const PRECACHE` (every file of the build, relative to this file). Nothing here is hand-kept.
//
// - install: cache the whole build under a name made of the scope and VERSION;
// - activate: take over, delete this scope's older caches, tell the open pages the VERSION that
//   now runs (index.html compares it with its own and says "updated" or "reload");
// - pages (navigations): network first, so a new deployment is picked up on the next load;
//   the cached index.html when the network fails or is too slow;
// - the build's files: cache first (their names carry a content hash), else the network; the
//   js, wasm, css and json by a static route where the browser has them (see install).
// URLs are relative to this file, so the app works from any sub-path.

/* global VERSION, PRECACHE */
const SCOPE = self.registration.scope;
const PREFIX = `kam-workbench ${SCOPE} `;
const CACHE = PREFIX + VERSION;
const INDEX = new URL('./', SCOPE).href;
const FILES = new Set(PRECACHE.map((p) => new URL(p, SCOPE).href));
// How long a page load waits for the network before it uses the cached index.html.
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // The build's code and styles (their names carry a content hash) come straight from this
      // version's cache, without starting this worker or running its fetch handler for each
      // (Chromium's static routing): a returning user's start is not queued behind it. What
      // the cache lacks goes to the network. (A pattern with a regular expression here made
      // Chromium close the page: plain wildcards only.)
      if (event.addRoutes) {
        await event.addRoutes(['css', 'js', 'wasm', 'json'].map((ext) => ({
          condition: { urlPattern: new URLPattern({ pathname: `*.${ext}` }) },
          source: { cacheName: CACHE },
        })));
      }
      const cache = await caches.open(CACHE);
      // no-cache: revalidate with the server, never take a stale index.html from the HTTP cache.
      await cache.addAll(PRECACHE.map((p) => new Request(p, { cache: 'no-cache' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
      const pages = await self.clients.matchAll({ type: 'window' });
      for (const page of pages) page.postMessage({ type: 'kam-sw-activated', version: VERSION });
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
    return;
  }
  url.search = '';
  url.hash = '';
  if (FILES.has(url.href)) event.respondWith(file(request, url.href));
});

async function cached(key) {
  const cache = await caches.open(CACHE);
  return cache.match(key);
}

async function page(request) {
  const network = fetch(request);
  // The network's answer, unless it fails, is a server error or takes too long.
  const fresh = new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), NETWORK_WAIT_MS);
    network.then(
      (response) => {
        clearTimeout(timer);
        resolve(response.status >= 500 ? null : response);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
  const response = await fresh;
  if (response) return response;
  const path = new URL(request.url).pathname;
  const home = new URL(INDEX).pathname;
  const fallback = path === home || path === `${home}index.html` ? await cached(INDEX) : undefined;
  // Nothing cached for it: the network's own answer or error, whenever it comes.
  return fallback ?? network;
}

async function file(request, key) {
  return (await cached(key)) ?? fetch(request);
}

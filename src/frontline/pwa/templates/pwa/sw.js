// Frontline officer app service worker: caches the app shell, and nothing else.
// Records never pass through here: they live encrypted in IndexedDB and go to the API directly.

const CACHE_NAME = {{ cache_name|safe }};
const CACHE_PREFIX = {{ cache_prefix|safe }};
const SHELL_FILES = {{ shell_files|safe }};
const SHELL_PAGE = SHELL_FILES[0];

// Install: fill this version's cache, bypassing the HTTP cache, and finish only when it is full.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll(SHELL_FILES.map((url) => new Request(url, { cache: "reload" })))),
  );
  // No skipWaiting here: a new version waits until the app says no form is open and the
  // outbox is empty (see the "message" listener).
});

// Activate: drop older shell caches, then take control of open app pages.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

// The page asks the waiting worker to take over once it is safe to.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skipWaiting") {
    self.skipWaiting();
  }
});

// Fetch: the shell from the cache; everything else (the API above all) straight to the network.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === SHELL_PAGE) {
    event.respondWith(fromCache(SHELL_PAGE, request));
  } else if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(fromCache(url.pathname, request));
  }
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(key, { ignoreSearch: true });
  return cached || fetch(request);
}

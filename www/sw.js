// Amends service worker: the app works offline once it has loaded.
// It installs with the whole app shell, so the first reload works offline too; same-origin
// GETs are served from the cache and refreshed behind it; page navigations fall back to the
// cached shell, so every route opens offline.
// Written by www/precache-shell.mjs at build time: the shell's files and a cache name that
// changes with them (each build its own cache; the older ones go when this one activates).
const CACHE = "amends-dev";
const SHELL = ["/"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  // CouchDB behind the proxy (`/db/`): sync must see the server, never a cached answer.
  if (url.pathname === "/db" || url.pathname.startsWith("/db/")) return;
  if (req.mode === "navigate") {
    event.respondWith(
      fetch(req)
        .then((res) => {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put("/", copy));
          return res;
        })
        .catch(() => caches.match("/")),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(req);
      const fresh = fetch(req)
        .then((res) => {
          if (res.ok) cache.put(req, res.clone());
          return res;
        })
        // A language file is asked for with its build's version (`?v=`); offline, the copy
        // this build's shell cached under its bare name is that same file.
        .catch(() => cached || cache.match(url.pathname));
      return cached || fresh;
    }),
  );
});

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', e => e.waitUntil(self.clients.claim()));
self.addEventListener('message', e => {
  fetch('/api/from-sw').then(r => r.json()).then(() => e.source.postMessage('sw-done'));
});

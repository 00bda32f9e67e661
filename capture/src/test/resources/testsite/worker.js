fetch('/api/from-worker').then(r => r.json()).then(j => postMessage(j));

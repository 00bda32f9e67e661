// A small site whose page makes every kind of traffic DataSipper imports: a document, a JSON fetch,
// a POST with a JSON body, a binary image, a WebSocket with text and binary messages, and an
// EventSource stream. Prints its port on stdout.
const http = require('http');
const { WebSocketServer } = require('ws');

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const page = `<!doctype html><title>fixture</title><img src="/pixel.png"><script src="/app.js"></script>`;
const app = `
(async () => {
  await (await fetch('/api/items?q=red')).json();
  await fetch('/api/order', {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"sku":"A1","qty":2}'});
  await new Promise(done => {
    const ws = new WebSocket('ws://' + location.host + '/live');
    ws.binaryType = 'arraybuffer';
    let got = 0;
    ws.onopen = () => { ws.send('hello'); ws.send(new Uint8Array([0, 1, 2, 3])); };
    ws.onmessage = () => { if (++got === 2) { ws.close(); done(); } };
  });
  await new Promise(done => {
    const es = new EventSource('/stream');
    let got = 0;
    es.addEventListener('tick', () => { if (++got === 2) { es.close(); done(); } });
  });
  document.title = 'done';
})();`;

const server = http.createServer((req, res) => {
  if (req.url === '/') { res.writeHead(200, {'content-type': 'text/html'}); res.end(page); return; }
  if (req.url === '/app.js') { res.writeHead(200, {'content-type': 'text/javascript'}); res.end(app); return; }
  if (req.url === '/pixel.png') { res.writeHead(200, {'content-type': 'image/png'}); res.end(PNG); return; }
  if (req.url.startsWith('/api/items')) {
    res.writeHead(200, {'content-type': 'application/json'}); res.end('[{"sku":"A1","price":10.5}]'); return;
  }
  if (req.url === '/api/order') {
    req.resume();
    req.on('end', () => { res.writeHead(201, {'content-type': 'application/json'}); res.end('{"order":7}'); });
    return;
  }
  if (req.url === '/stream') {
    res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
    res.write('event: tick\nid: 1\ndata: {"n":1}\n\n');
    // Ended after two messages, so that a proxy that buffers whole responses (mitmproxy) passes it on.
    setTimeout(() => res.end('event: tick\nid: 2\ndata: {"n":2}\n\n'), 50);
    return;
  }
  res.writeHead(404); res.end();
});
const wss = new WebSocketServer({ server, path: '/live' });
wss.on('connection', ws => ws.on('message', (data, binary) => ws.send(data, { binary })));
server.listen(0, '127.0.0.1', () => console.log(server.address().port));

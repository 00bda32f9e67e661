// Loads the fixture site in Debian's Chromium and makes a HAR of it from Chromium's own DevTools
// protocol events (Network.*, Page.*), with chrome-har, as sitespeed.io and Browsertime do.
// Usage: node record-cdp.js URL OUT.har
const fs = require('fs');
const { chromium } = require('playwright-core');
const { harFromMessages } = require('chrome-har');

(async () => {
  const [url, out] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  const messages = [];
  const responses = new Map();
  const bodies = [];
  for (const method of ['Page.frameStartedLoading', 'Page.frameNavigated', 'Page.loadEventFired',
    'Page.domContentEventFired', 'Page.frameStoppedLoading', 'Page.frameRequestedNavigation',
    'Network.requestWillBeSent', 'Network.requestServedFromCache', 'Network.dataReceived',
    'Network.responseReceived', 'Network.resourceChangedPriority', 'Network.loadingFinished',
    'Network.loadingFailed']) {
    cdp.on(method, params => {
      messages.push({ method, params });
      if (method === 'Network.responseReceived') {
        responses.set(params.requestId, params.response);
      }
      if (method === 'Network.loadingFinished' && responses.has(params.requestId)) {
        bodies.push(cdp.send('Network.getResponseBody', { requestId: params.requestId })
          .then(b => { responses.get(params.requestId).body = b.base64Encoded ? undefined : b.body; })
          .catch(() => {}));
      }
    });
  }
  await cdp.send('Page.enable');
  await cdp.send('Network.enable');
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'done', null, { timeout: 20000 });
  await Promise.all(bodies);
  const har = harFromMessages(messages, { includeTextFromResponseBody: true });
  fs.writeFileSync(out, JSON.stringify(har, null, 2));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });

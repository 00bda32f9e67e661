// Loads the fixture site in Debian's Chromium with Playwright and records a HAR of it.
// Usage: node record.js URL OUT.har [PROXY]: with PROXY, Chromium goes through it (mitmproxy).
const { chromium } = require('playwright-core');

(async () => {
  const [url, out, proxy] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: proxy ? ['--proxy-bypass-list=<-loopback>'] : [],
    proxy: proxy ? { server: proxy } : undefined,
  });
  const context = await browser.newContext({ recordHar: { path: out, content: 'embed' } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'done', null, { timeout: 20000 });
  await context.close();
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });

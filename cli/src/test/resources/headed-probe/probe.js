// Loaded beside DataSipper's side panel into the browser `sip --headed` starts, which only DataSipper
// can drive (over its pipe). It reports to the test, once a second, what a user of that browser would
// see: which extension targets the browser lists, its user agent, and the side panel page, opened on
// the side of the tab the user is on, as it reads. Reading another extension's page through
// chrome.debugger needs the browser's --extensions-on-extension-urls, which the test passes.
// probe.json, written by the test beside this file, says where to report and which tab to look at.
const PANEL = 'chrome-extension://djmladbdkbafekklnfolfodafpoinmio/panel.html';
const PANEL_STATE = `JSON.stringify({
  footer: document.querySelector('footer')?.textContent ?? '',
  asksForUrl: !!document.querySelector('[data-testid=pair-url]'),
  tab: document.querySelector('[data-testid=panel-tab]')?.textContent ?? '',
  count: document.querySelector('[data-testid=panel-count]')?.textContent ?? '',
  events: [...document.querySelectorAll('[data-testid=panel-event]')].map((e) => e.textContent),
  problem: document.querySelector('[role=alert]')?.textContent ?? ''
})`;

async function main() {
  const { report, page } = await (await fetch(chrome.runtime.getURL('probe.json'))).json();
  const send = (what) => fetch(report, { method: 'POST', body: JSON.stringify(what) }).catch(() => {});
  let panelTab = null;
  let attached = false;
  for (;;) {
    const state = { userAgent: navigator.userAgent, error: '' };
    try {
      state.targets = (await chrome.debugger.getTargets()).map((t) => ({ type: t.type, url: t.url }));
      const shown = (await chrome.tabs.query({})).find((t) => (t.url ?? '').startsWith(page));
      if (shown && panelTab === null) {
        // The page's tab stays the active one: the panel, as in the side panel, shows the tab the user is on.
        await chrome.tabs.update(shown.id, { active: true });
        panelTab = (await chrome.tabs.create({ url: PANEL, active: false, windowId: shown.windowId })).id;
      }
      const panel = panelTab === null ? null : await chrome.tabs.get(panelTab);
      if (panel && panel.status === 'complete') {
        if (!attached) {
          await chrome.debugger.attach({ tabId: panelTab }, '1.3');
          attached = true;
        }
        const read = await chrome.debugger.sendCommand({ tabId: panelTab }, 'Runtime.evaluate',
          { expression: PANEL_STATE, returnByValue: true });
        state.panel = JSON.parse(read.result.value);
      }
    } catch (e) {
      state.error = String(e);
    }
    await send(state);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

main();

import { useEffect, useState } from 'preact/hooks';
import { type Pairing } from './pairing';
import { loadPairing } from './storage';
import { captureTabId } from './tabs';

/** How often the panel looks again for what it is waiting for (a pairing, a tab's target). */
const RETRY_MS = 2000;

/** The pairing; undefined while it is read, null while there is none (looked for again meanwhile). */
export function usePairing(): [Pairing | null | undefined, (p: Pairing) => void] {
  const [pairing, setPairing] = useState<Pairing | null | undefined>(undefined);
  useEffect(() => {
    if (pairing) return;
    let timer = 0;
    let stopped = false;
    const look = () => {
      void loadPairing().then((found) => {
        if (stopped) return;
        setPairing(found);
        if (!found) timer = window.setTimeout(look, RETRY_MS);
      });
    };
    look();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [pairing]);
  return [pairing, setPairing];
}

export interface ShownTab {
  id: number;
  title: string;
  url: string;
}

function shown(tab: chrome.tabs.Tab): ShownTab | null {
  return tab.id === undefined ? null : { id: tab.id, title: tab.title ?? '', url: tab.url ?? '' };
}

/**
 * The tab the panel shows: the one `fixed` names (a panel opened as a page, `panel.html?tab=N`),
 * else the active tab of the panel's window, followed as the user switches tabs.
 */
export function useShownTab(fixed: number | null): ShownTab | null {
  const [tab, setTab] = useState<ShownTab | null>(null);
  useEffect(() => {
    let windowId: number | undefined;
    const show = (id: number) => {
      chrome.tabs.get(id).then((t) => setTab(shown(t)), () => setTab(null));
    };
    const onActivated = (info: chrome.tabs.ActiveInfo) => {
      if (fixed === null && info.windowId === windowId) show(info.tabId);
    };
    const onUpdated = (id: number, _change: unknown, t: chrome.tabs.Tab) => {
      setTab((current) => (current !== null && current.id === id ? shown(t) : current));
    };
    chrome.tabs.onActivated.addListener(onActivated);
    chrome.tabs.onUpdated.addListener(onUpdated);
    if (fixed !== null) {
      show(fixed);
    } else {
      void chrome.windows.getCurrent().then((w) => {
        windowId = w.id;
        return chrome.tabs.query({ active: true, currentWindow: true });
      }).then((tabs) => setTab(tabs.length > 0 ? shown(tabs[0]) : null));
    }
    return () => {
      chrome.tabs.onActivated.removeListener(onActivated);
      chrome.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [fixed]);
  return tab;
}

/**
 * The capture's id of a tab (its CDP target id), through chrome.debugger.getTargets(); null while
 * the browser lists no page target for it (looked for again meanwhile).
 */
export function useCaptureTabId(tabId: number | null): string | null {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    setTarget(null);
    if (tabId === null) return;
    let timer = 0;
    let stopped = false;
    const look = () => {
      void chrome.debugger.getTargets().then((targets) => {
        if (stopped) return;
        const id = captureTabId(targets, tabId);
        setTarget(id);
        if (id === null) timer = window.setTimeout(look, RETRY_MS);
      });
    };
    look();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [tabId]);
  return target;
}

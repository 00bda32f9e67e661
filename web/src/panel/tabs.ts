// Which of the capture's tabs the panel shows. The capture names a tab by its CDP target id
// (an event's source.tab_id); the extension knows its tab by the number Chrome gives it.
// chrome.debugger.getTargets() lists both for every page target: that is the map.

/** What the panel needs of a chrome.debugger.TargetInfo. */
export interface TargetInfo {
  id: string;
  type: string;
  tabId?: number;
  url?: string;
}

/** The capture's tab id (the CDP target id) of the extension's tab, or null when no page target has it. */
export function captureTabId(targets: readonly TargetInfo[], tabId: number): string | null {
  const page = targets.find((t) => t.type === 'page' && t.tabId === tabId);
  return page ? page.id : null;
}

/**
 * The tab a panel opened as a page of its own shows: `panel.html?tab=<tab id>`. Null when the
 * address names none, and the panel follows the active tab of its window.
 */
export function tabFromQuery(search: string): number | null {
  const value = new URLSearchParams(search).get('tab');
  if (value === null || !/^\d+$/.test(value)) return null;
  return Number(value);
}

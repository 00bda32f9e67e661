// The few extension APIs the side panel calls, as Chromium 156 documents them
// (developer.chrome.com/docs/extensions/reference/api): declared here rather than taking a
// package of typings for the whole of Chrome.

declare namespace chrome {
  namespace storage {
    interface StorageArea {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(key: string): Promise<void>;
    }
    const local: StorageArea;
  }

  namespace tabs {
    interface Tab {
      id?: number;
      windowId: number;
      title?: string;
      url?: string;
    }
    interface ActiveInfo {
      tabId: number;
      windowId: number;
    }
    interface Event<L> {
      addListener(listener: L): void;
      removeListener(listener: L): void;
    }
    function query(query: { active?: boolean; currentWindow?: boolean }): Promise<Tab[]>;
    function get(tabId: number): Promise<Tab>;
    function create(properties: { url: string }): Promise<Tab>;
    const onActivated: Event<(info: ActiveInfo) => void>;
    const onUpdated: Event<(tabId: number, change: { url?: string; title?: string }, tab: Tab) => void>;
  }

  namespace windows {
    function getCurrent(): Promise<{ id?: number }>;
  }
}

declare namespace chrome.debugger {
  interface TargetInfo {
    id: string;
    type: string;
    tabId?: number;
    url?: string;
  }
  function getTargets(): Promise<TargetInfo[]>;
}

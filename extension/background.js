// The toolbar button opens the side panel: Chrome does not do it by itself.
chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((e) => console.error(e));

package io.datasipper.bench;

import java.util.List;

/**
 * The flags Playwright (playwright-core 1.5x, {@code chromiumSwitches.ts} and {@code chromium.ts})
 * starts headless Chromium with by default, written out so the benchmark needs no Node: its switches,
 * its headless additions, and {@code --no-sandbox} (its {@code chromiumSandbox} option is off by
 * default). The transport, the profile and the first URL are added by the benchmark as for every browser.
 */
final class PlaywrightFlags {
  static final String DISABLED_FEATURES = "--disable-features=AcceptCHFrame,AutoExpandDetailsElement,"
      + "AvoidUnnecessaryBeforeUnloadCheckSync,CertificateTransparencyComponentUpdater,DestroyProfileOnBrowserClose,"
      + "DialMediaRouteProvider,ExtensionManifestV2Disabled,GlobalMediaControls,HttpsUpgrades,ImprovedCookieControls,"
      + "LazyFrameLoading,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,Translate,"
      + "ExtensionManifestV2Unsupported";

  static final List<String> DEFAULT = List.of(
      "--disable-field-trial-config",
      "--disable-background-networking",
      "--disable-background-timer-throttling",
      "--disable-backgrounding-occluded-windows",
      "--disable-back-forward-cache",
      "--disable-breakpad",
      "--disable-client-side-phishing-detection",
      "--disable-component-extensions-with-background-pages",
      "--disable-component-update",
      "--no-default-browser-check",
      "--disable-default-apps",
      "--disable-dev-shm-usage",
      "--disable-extensions",
      DISABLED_FEATURES,
      "--allow-pre-commit-input",
      "--disable-hang-monitor",
      "--disable-ipc-flooding-protection",
      "--disable-popup-blocking",
      "--disable-prompt-on-repost",
      "--disable-renderer-backgrounding",
      "--force-color-profile=srgb",
      "--metrics-recording-only",
      "--no-first-run",
      "--password-store=basic",
      "--use-mock-keychain",
      "--no-service-autorun",
      "--export-tagged-pdf",
      "--disable-search-engine-choice-screen",
      "--unsafely-disable-devtools-self-xss-warnings",
      "--edge-skip-compat-layer-relaunch",
      "--enable-automation",
      "--headless",
      "--hide-scrollbars",
      "--mute-audio",
      "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4",
      "--no-sandbox");

  private PlaywrightFlags() {}
}

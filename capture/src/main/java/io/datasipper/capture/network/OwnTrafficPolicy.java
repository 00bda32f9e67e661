package io.datasipper.capture.network;

import io.datasipper.capture.OwnTraffic;

/**
 * Decides which exchanges and connections are DataSipper's own and so are never recorded (what
 * counts as own is described on {@link OwnTraffic}).
 */
final class OwnTrafficPolicy {
  private final OwnTraffic own;

  OwnTrafficPolicy(OwnTraffic own) {
    this.own = own;
  }

  /**
   * A request to an own origin, or made by an own document. Judged by the issuing document rather
   * than by the target, whose URL is stale while a tab navigates: leaving the dashboard, the next
   * page's request is sent before the tab's URL changes.
   */
  boolean isOwnRequest(String url, String documentUrl) {
    return own.isOwn(url) || own.isOwn(documentUrl);
  }

  /**
   * A redirect into an own origin: what follows is DataSipper's (a login, a token), so the whole
   * exchange is dropped, not only its last hop.
   */
  boolean isRedirectIntoOwn(String url) {
    return own.isOwn(url);
  }

  /** A WebSocket to an own origin, or opened by an own page: the event names no document, so the target stands for it. */
  boolean isOwnSocket(String url, TargetRef target) {
    return own.isOwn(url) || isOwnPage(target);
  }

  /** Whether the target (a tab, frame or worker) currently shows one of DataSipper's own pages. */
  boolean isOwnPage(TargetRef target) {
    return own.isOwn(target.url());
  }
}

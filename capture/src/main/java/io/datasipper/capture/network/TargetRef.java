package io.datasipper.capture.network;

import io.datasipper.api.event.Source;

/**
 * A browser target DataSipper is attached to.
 *
 * @param sessionId the flat protocol session to send its commands on
 * @param targetType page, iframe, worker, shared_worker or service_worker
 * @param tabId the target id of the tab it belongs to; null for targets outside any tab
 * @param url the target's URL as the browser last reported it (a tab's changes as it navigates)
 */
public record TargetRef(String sessionId, String targetId, String targetType, String tabId, String url) {

  public TargetRef withUrl(String newUrl) {
    return new TargetRef(sessionId, targetId, targetType, tabId, newUrl);
  }

  public Source source(String frameId, String documentUrl) {
    return new Source(tabId, frameId, targetType, documentUrl);
  }
}

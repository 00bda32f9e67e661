package io.datasipper.api.event;

/**
 * Where an event came from: the capture machine, the browser tab or worker, or the file it was
 * imported from.
 *
 * @param tabId the DevTools target id of the tab (page) it belongs to
 * @param frameId the frame that issued it, when known
 * @param targetType page, iframe, worker, shared_worker or service_worker; null for an event of the
 *     capture itself (a gap, a capture error)
 * @param documentUrl the URL of the document or worker script that issued it
 * @param node the name of the capture machine (or importing one) that made the event, so that
 *     consumers of many captures can tell them apart
 * @param importedFrom the file the event was imported from; null for a captured event
 */
public record Source(
    String tabId, String frameId, String targetType, String documentUrl, String node, String importedFrom) {

  /** A source in the browser, not yet placed on a node. */
  public Source(String tabId, String frameId, String targetType, String documentUrl) {
    this(tabId, frameId, targetType, documentUrl, null, null);
  }

  /** The source of an event the capture itself made on {@code node}: no tab, no target. */
  public static Source ofNode(String node) {
    return new Source(null, null, null, null, node, null);
  }

  public Source withNode(String newNode) {
    return new Source(tabId, frameId, targetType, documentUrl, newNode, importedFrom);
  }

  public Source withDocumentUrl(String newDocumentUrl) {
    return new Source(tabId, frameId, targetType, newDocumentUrl, node, importedFrom);
  }
}

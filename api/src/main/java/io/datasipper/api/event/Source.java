package io.datasipper.api.event;

/**
 * Where in the browser an event came from.
 *
 * @param tabId the DevTools target id of the tab (page) it belongs to
 * @param frameId the frame that issued it, when known
 * @param targetType page, iframe, worker, shared_worker or service_worker
 * @param documentUrl the URL of the document or worker script that issued it
 */
public record Source(String tabId, String frameId, String targetType, String documentUrl) {}

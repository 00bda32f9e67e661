package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;

/**
 * An event as read from the store, with the JSON text it is stored as: its documented form, which
 * a reader that ships events unchanged can pass on without writing them again.
 */
public record StoredEvent(CaptureEvent event, String json) {}

package io.datasipper.capture.cdp;

import com.fasterxml.jackson.databind.JsonNode;

/** One protocol event: which session it came from (null for the browser), its method, its params. */
public record CdpEvent(String sessionId, String method, JsonNode params) {}

package io.datasipper.api.event;

import java.util.List;

/** One HTTP header line. Lists of headers keep repeated names and their order. */
public record EventHeader(String name, String value) {

  /** The first value of the named header (case-insensitive), or null. */
  public static String find(List<EventHeader> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (EventHeader h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  static long bytes(List<EventHeader> headers) {
    long n = 0;
    if (headers != null) {
      for (EventHeader h : headers) {
        n += h.name().length() + (h.value() == null ? 0 : h.value().length()) + 32;
      }
    }
    return n;
  }
}

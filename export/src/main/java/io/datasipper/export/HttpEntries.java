package io.datasipper.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.HttpEvent.HttpResponse;
import io.datasipper.api.event.HttpEvent.Redirect;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Writes an {@link HttpEvent} as HAR entries: one per redirect hop, as Chrome shows the chain,
 * then the final exchange. Hops carry what the event knows of them (URL, method, status, Location);
 * their headers and timings were not recorded, so they are empty and zero.
 */
final class HttpEntries {
  private HttpEntries() {}

  /**
   * @param extra writes further fields into the final entry (e.g. SSE messages), or null
   * @return the number of entries written
   */
  static int write(JsonGenerator g, HttpEvent e, String pageref, HarJson.Part extra) throws IOException {
    return eachEntry(e, pageref, extra, entry -> entry.write(g));
  }

  /**
   * Renders the entries one by one, each as the JSON bytes of one array element, for a writer that
   * copies them into the document later.
   *
   * @return the number of entries rendered
   */
  static int render(HttpEvent e, String pageref, Spool.RecordConsumer each) throws IOException {
    return eachEntry(e, pageref, null, entry -> each.accept(HarJson.bytes(entry)));
  }

  /** Hands over the writing of each entry: the redirect hops', then the final one's. */
  private static int eachEntry(HttpEvent e, String pageref, HarJson.Part extra, EntryConsumer each)
      throws IOException {
    List<Redirect> hops = Objects.requireNonNullElse(e.redirects(), List.of());
    for (Redirect hop : hops) {
      each.accept(g -> writeHop(g, e, hop, pageref));
    }
    each.accept(g -> writeFinal(g, e, pageref, extra));
    return hops.size() + 1;
  }

  @FunctionalInterface
  private interface EntryConsumer {
    void accept(HarJson.Part entry) throws IOException;
  }

  private static void writeHop(JsonGenerator g, HttpEvent e, Redirect hop, String pageref) throws IOException {
    HarParts.startEntry(g, e.startedAt(), HarParts.UNMEASURED, pageref);
    HarParts.request(g, hop.method(), hop.url(), "", List.of(), null);
    List<EventHeader> location = hop.location() == null ? List.of() : List.of(new EventHeader("Location", hop.location()));
    HarParts.response(g, hop.status(), hop.statusText(), "", location, null, null, 0);
    HarParts.cacheAndTimings(g, HarParts.UNMEASURED);
    writeResourceType(g, e);
    g.writeEndObject();
  }

  private static void writeFinal(JsonGenerator g, HttpEvent e, String pageref, HarJson.Part extra) throws IOException {
    HttpResponse r = e.response();
    HttpEvent.Timing timing = Objects.requireNonNullElse(e.timing(), HarParts.UNMEASURED);
    String version = HarParts.httpVersion(r == null ? null : r.protocol());
    HarParts.startEntry(g, e.startedAt(), timing, pageref);
    HttpEvent.HttpRequest q = e.request();
    HarParts.request(g, e.method(), e.url(), version, q == null ? null : q.headers(), q == null ? null : q.body());
    if (r != null) {
      HarParts.response(g, r.status(), r.statusText(), version, r.headers(), r.mimeType(), r.body(), wireBodySize(r));
    } else {
      HarParts.response(g, 0, "", "", null, null, null, 0); // HAR has no failed state: status 0, as Chrome
    }
    HarParts.cacheAndTimings(g, timing);
    if (r != null && r.remoteIp() != null) {
      g.writeStringField("serverIPAddress", r.remoteIp());
    }
    writeResourceType(g, e);
    if (e.initiator() != null) {
      g.writeObjectFieldStart("_initiator");
      g.writeStringField("type", e.initiator().type());
      if (e.initiator().url() != null) {
        g.writeStringField("url", e.initiator().url());
      }
      g.writeEndObject();
    }
    if (e.error() != null) {
      g.writeStringField("_error", Objects.requireNonNullElse(e.error().text(), e.error().kind()));
    }
    if (extra != null) {
      extra.write(g);
    }
    g.writeEndObject();
  }

  /**
   * HAR's {@code bodySize} counts bytes on the wire: 0 from the cache, the body size when it was
   * not content-encoded, and unknown (-1) when it was compressed, as the event keeps only the
   * decoded size.
   */
  private static long wireBodySize(HttpResponse r) {
    if (r.fromCache() || r.body() == null) {
      return 0;
    }
    return EventHeader.find(r.headers(), "content-encoding") == null ? r.body().size() : -1;
  }

  private static void writeResourceType(JsonGenerator g, HttpEvent e) throws IOException {
    if (e.resourceType() != null) {
      g.writeStringField("_resourceType", e.resourceType());
    }
  }
}

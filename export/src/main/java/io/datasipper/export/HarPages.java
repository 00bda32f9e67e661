package io.datasipper.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.datasipper.api.event.Source;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * HAR {@code pages}: one per tab seen, with the tab id as page id. A page starts at the earliest
 * event of its tab and is titled with the tab's first document URL, preferring URLs of page
 * targets over those of frames and workers.
 */
final class HarPages {
  private static final class Page {
    final String id;
    Instant startedAt;
    String title;
    Instant titleAt;
    boolean titleFromPage;

    Page(String id, Instant at) {
      this.id = id;
      this.startedAt = at;
    }
  }

  private final Map<String, Page> byTab = new HashMap<>();

  /** Events arrive in seq order, not time order, hence the comparisons. */
  void see(Source s, Instant at) {
    if (s == null || s.tabId() == null) {
      return;
    }
    Page page = byTab.computeIfAbsent(s.tabId(), id -> new Page(id, at));
    page.startedAt = at.isBefore(page.startedAt) ? at : page.startedAt;
    if (s.documentUrl() != null) {
      boolean fromPage = "page".equals(s.targetType());
      boolean better = page.title == null
          || (fromPage && !page.titleFromPage)
          || (fromPage == page.titleFromPage && at.isBefore(page.titleAt));
      if (better) {
        page.title = s.documentUrl();
        page.titleAt = at;
        page.titleFromPage = fromPage;
      }
    }
  }

  /** The page id for an entry from this source, or null when it belongs to no tab. */
  static String pageref(Source s) {
    return s == null ? null : s.tabId();
  }

  void write(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("pages");
    for (Page p : byTab.values().stream().sorted(Comparator.comparing((Page p) -> p.startedAt)).toList()) {
      g.writeStartObject();
      g.writeStringField("startedDateTime", p.startedAt.toString());
      g.writeStringField("id", p.id);
      g.writeStringField("title", p.title == null ? p.id : p.title);
      g.writeObjectFieldStart("pageTimings");
      g.writeNumberField("onContentLoad", -1); // not captured
      g.writeNumberField("onLoad", -1);
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}

package io.datasipper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.store.PageQuery.Order;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventPageTest {
  private static final int N = 600;
  @TempDir Path dir;
  private List<CaptureEvent> events;

  @BeforeEach
  void traffic() {
    events = Traffic.events(N);
  }

  /** Each filter, with what a reader of the events would pick out by hand. */
  private static Map<EventFilter, Predicate<CaptureEvent>> everyFilter() {
    Map<EventFilter, Predicate<CaptureEvent>> filters = new LinkedHashMap<>();
    filters.put(EventFilter.ALL, e -> true);
    filters.put(EventFilter.builder().types("sse").build(), e -> e.type().equals("sse"));
    filters.put(EventFilter.builder().types("http", "capture_error").build(),
        e -> e.type().equals("http") || e.type().equals("capture_error"));
    filters.put(EventFilter.builder().urlContains("/Items/1").build(), e -> url(e).contains("/Items/1"));
    filters.put(EventFilter.builder().urlGlob("https://api.shop.test:8443/Items/2??q=*").build(),
        e -> url(e).matches("https://api\\.shop\\.test:8443/Items/2..q=.*"));
    filters.put(EventFilter.builder().urlGlob("*/Items/*?q=[x]&Special=*").build(), e -> url(e).contains("&Special="));
    filters.put(EventFilter.builder().host("CDN.shop.test").build(), e -> url(e).contains("://cdn.shop.test"));
    filters.put(EventFilter.builder().host("[::1]").build(), e -> url(e).contains("://[::1]"));
    filters.put(EventFilter.builder().method("delete").build(),
        e -> e instanceof HttpEvent h && h.method().equals("DELETE"));
    filters.put(EventFilter.builder().status(400, 599).build(), e -> status(e) >= 400);
    filters.put(EventFilter.builder().status(201, 201).build(), e -> status(e) == 201);
    filters.put(EventFilter.builder().status(null, 299).build(), e -> status(e) > 0 && status(e) <= 299);
    filters.put(EventFilter.builder().tab("TAB-B").build(),
        e -> e.source() != null && e.source().tabId().equals("TAB-B"));
    filters.put(EventFilter.builder().time(Traffic.T0.plusMillis(100), Traffic.T0.plusMillis(200)).build(),
        e -> !e.timestamp().isBefore(Traffic.T0.plusMillis(100)) && e.timestamp().isBefore(Traffic.T0.plusMillis(200)));
    filters.put(EventFilter.builder().time(Traffic.T0.plusMillis(100), Traffic.T0.plusMillis(130)).build(),
        e -> !e.timestamp().isBefore(Traffic.T0.plusMillis(100)) && e.timestamp().isBefore(Traffic.T0.plusMillis(130)));
    filters.put(EventFilter.builder().status(400, 599).time(Traffic.T0.plusMillis(100), Traffic.T0.plusMillis(130)).build(),
        e -> status(e) >= 400 && !e.timestamp().isBefore(Traffic.T0.plusMillis(100))
            && e.timestamp().isBefore(Traffic.T0.plusMillis(130)));
    filters.put(EventFilter.builder().urlText("special=YES").build(), e -> url(e).contains("&Special=Yes"));
    filters.put(EventFilter.builder().host("cdn.shop.test").types("http").method("POST").status(200, 299).tab("TAB-A")
            .urlText("items").build(),
        e -> url(e).contains("://cdn.shop.test") && e instanceof HttpEvent h && h.method().equals("POST")
            && status(e) >= 200 && status(e) <= 299 && e.source().tabId().equals("TAB-A"));
    // Words of URLs and text bodies, ignoring case: "Items" in a URL is the word items, not item.
    filters.put(EventFilter.builder().search("ITEM").build(), e -> e instanceof HttpEvent h && h.response() != null);
    filters.put(EventFilter.builder().search("tick 12*").build(),
        e -> e instanceof WsFrameEvent && Long.toString(e.seq()).startsWith("12"));
    filters.put(EventFilter.builder().search("shop.test/news").build(),
        e -> e instanceof SseEvent && url(e).contains("shop.test/news"));
    filters.put(EventFilter.builder().search("tick").host("cdn.shop.test")
            .time(Traffic.T0.plusMillis(100), Traffic.T0.plusMillis(300)).build(),
        e -> e instanceof WsFrameEvent && url(e).contains("://cdn.shop.test") && e.seq() >= 100 && e.seq() < 300);
    return filters;
  }

  @Test
  void eachFilterPicksOutWhatItNames() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      everyFilter().forEach((filter, wanted) -> {
        List<Long> expected = events.stream().filter(wanted).map(CaptureEvent::seq).toList();
        assertThat(expected).as("%s picks some", filter).isNotEmpty();
        EventPage page = store.page(PageQuery.first(filter, Order.OLDEST, 1000));
        assertThat(seqs(page.events())).as("%s", filter).containsExactlyElementsOf(expected);
        assertThat(page.next()).isEmpty();
      });
    }
  }

  @Test
  void pagesNewestAndOldestFirstWithoutGapOrDuplicateWhenWindowsCutThePages() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      // Windows of 40 candidates and pages of 7: pages end both on the limit and on a window's edge.
      EventPager pager = new EventPager((seq, json) -> EventJson.read(json), 40, 25);
      everyFilter().forEach((filter, wanted) -> {
        List<Long> expected = events.stream().filter(wanted).map(CaptureEvent::seq).toList();
        assertThat(allPages(store, pager, PageQuery.first(filter, Order.OLDEST, 7), null))
            .as("%s oldest first", filter).containsExactlyElementsOf(expected);
        assertThat(allPages(store, pager, PageQuery.first(filter, Order.NEWEST, 7), null))
            .as("%s newest first", filter).containsExactlyElementsOf(expected.reversed());
      });
    }
  }

  @Test
  void aPageStartsStrictlyAfterOrBeforeTheSeqItIsGiven() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      EventFilter sse = EventFilter.builder().types("sse").build();
      assertThat(seqs(store.page(new PageQuery(sse, 108, 148, Order.OLDEST, 1000)).events()))
          .containsExactly(118L, 128L, 138L);
      assertThat(seqs(store.page(new PageQuery(sse, 108, 148, Order.NEWEST, 2)).events())).containsExactly(138L, 128L);
    }
  }

  @Test
  void aRareMatchFarFromTheCursorIsOnTheFirstPageNotAfterEmptyOnes() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      EventPager pager = new EventPager((seq, json) -> EventJson.read(json), 50, 50);
      PageQuery q = PageQuery.first(EventFilter.builder().urlContains("/Items/13?").build(), Order.NEWEST, 100);
      EventPage first = store.read("test", c -> pager.page(c, q, null));
      assertThat(seqs(first.events())).containsExactly(13L);
      assertThat(first.examined()).isEqualTo(N);
      assertThat(first.next()).isEmpty();
    }
  }

  @Test
  void aShortPageSaysWhereToGoOn() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      EventPager pager = new EventPager((seq, json) -> EventJson.read(json), 50, 50);
      // /Items/5 matches 5, 50 to 59 and 500 to 599 (HTTP events only): the newest window of 50 holds 24.
      PageQuery q = PageQuery.first(EventFilter.builder().urlContains("/Items/5").build(), Order.NEWEST, 100);
      EventPage first = store.read("test", c -> pager.page(c, q, null));
      assertThat(first.events()).hasSize(24);
      assertThat(first.next()).hasValue(N - 49L);
    }
  }

  @Test
  void ofTwoEqualitiesTheRarerDrivesThePage() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      EventPager pager = new EventPager((seq, json) -> EventJson.read(json), 40, 40);
      EventFilter cdnDeletes = EventFilter.builder().host("cdn.shop.test").method("DELETE").build();
      EventPage page = store.read("test", c -> pager.page(c, PageQuery.first(cdnDeletes, Order.NEWEST, 100), null));
      // DELETE is rarer than the host: its window of 40 reaches further back and holds more matches.
      List<CaptureEvent> newestDeletes = events.reversed().stream()
          .filter(e -> e instanceof HttpEvent h && h.method().equals("DELETE")).limit(40).toList();
      assertThat(seqs(page.events())).containsExactlyElementsOf(newestDeletes.stream()
          .filter(e -> url(e).contains("://cdn.shop.test")).map(CaptureEvent::seq).toList());
      assertThat(page.next()).hasValue(newestDeletes.getLast().seq());
    }
  }

  @Test
  void aNarrowTimeRangeIsReadWholeFromItsIndexAtAnyDepth() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      EventPager pager = new EventPager((seq, json) -> EventJson.read(json), 50, 50);
      // HTTP events end 3 ms after they start and are stamped with their end: the range is by timestamp.
      EventFilter thirtyMs = EventFilter.builder().time(Traffic.T0.plusMillis(100), Traffic.T0.plusMillis(130)).build();
      EventPage page = store.read("test", c -> pager.page(c, PageQuery.first(thirtyMs, Order.NEWEST, 100), null));
      assertThat(seqs(page.events())).hasSize(30).allMatch(seq -> seq >= 100 && seq < 130);
      assertThat(page.next()).isEmpty();
      assertThat(page.examined()).isEqualTo(30);
      // A range of more events than the budget is walked by seq instead, in windows of 50, the first
      // of which to hold any of its events fills the first page.
      EventFilter wide = EventFilter.builder().time(Traffic.T0.plusMillis(100), Traffic.T0.plusMillis(200)).build();
      EventPage first = store.read("test", c -> pager.page(c, PageQuery.first(wide, Order.NEWEST, 100), null));
      assertThat(seqs(first.events())).hasSize(49).startsWith(199L).endsWith(151L);
      assertThat(first.next()).hasValue(151L);
    }
  }

  @Test
  void aWideTimeRangeSkipsTheBlocksOfSeqsOutsideIt() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      int n = 6 * TimeSpans.BLOCK;
      store.insert(Traffic.events(n));
      EventPager pager = new EventPager((seq, json) -> EventJson.read(json), 50, 50);
      // 300 events in the second block of seqs, far below the newest.
      Instant since = Traffic.T0.plusMillis(TimeSpans.BLOCK + 100);
      EventFilter range = EventFilter.builder().time(since, since.plusMillis(300)).build();
      List<Long> expected = LongStream.range(TimeSpans.BLOCK + 100, TimeSpans.BLOCK + 400).boxed().toList();
      EventPage first = store.read("test", c -> pager.page(c, PageQuery.first(range, Order.NEWEST, 100), null));
      assertThat(seqs(first.events())).isNotEmpty().isSubsetOf(expected);
      // Only the rest of the range's own block is walked: not the 4 blocks of newer events.
      assertThat(first.examined()).isLessThan(TimeSpans.BLOCK);
      assertThat(allPages(store, pager, PageQuery.first(range, Order.NEWEST, 100), null))
          .containsExactlyElementsOf(expected.reversed());
      assertThat(allPages(store, pager, PageQuery.first(range, Order.OLDEST, 100), null))
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aPredicateNarrowsThePageAndIsBoundedLikeTheFilter() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      Predicate<CaptureEvent> everyHundredth = e -> e.seq() % 100 == 0;
      List<Long> expected = events.stream().filter(everyHundredth).map(CaptureEvent::seq).toList();
      // The store's own pager may stop a page after 15 ms of tests, so its pages are followed too.
      List<Long> seen = new ArrayList<>();
      PageQuery q = PageQuery.first(EventFilter.ALL, Order.OLDEST, 1000);
      for (int pages = 0; pages < 1000; pages++) {
        EventPage page = store.page(q, everyHundredth);
        seen.addAll(seqs(page.events()));
        if (page.next().isEmpty()) {
          break;
        }
        q = q.continueFrom(page.next().getAsLong());
      }
      assertThat(seen).containsExactlyElementsOf(expected);
      EventPager pager = new EventPager((seq, json) -> EventJson.read(json), 1000, 30);
      assertThat(allPages(store, pager, PageQuery.first(EventFilter.ALL, Order.NEWEST, 2), everyHundredth))
          .containsExactlyElementsOf(expected.reversed());
    }
  }

  @Test
  void aPredicatePageThatRunsOutOfTimeSaysWhereToGoOn() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      // A clock that moves 1 ns each time it is read, and pages allowed 5 ns of predicate tests.
      long[] now = {0};
      EventPager pager = new EventPager((seq, json) -> EventJson.read(json), 1000, 1000, 5, () -> now[0]++);
      Predicate<CaptureEvent> everyFiftieth = e -> e.seq() % 50 == 0;
      PageQuery first = PageQuery.first(EventFilter.ALL, Order.NEWEST, 100);
      EventPage page = store.read("test", c -> pager.page(c, first, everyFiftieth));
      // 600 is kept; 599 to 595 use up the 5 ns; 594 is the candidate examined after the deadline.
      assertThat(seqs(page.events())).containsExactly(600L);
      assertThat(page.next()).hasValue(594L);
      List<Long> expected = events.stream().filter(everyFiftieth).map(CaptureEvent::seq).toList();
      assertThat(allPages(store, pager, first, everyFiftieth)).containsExactlyElementsOf(expected.reversed());
    }
  }

  @Test
  void readsOneEventWhole() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      assertThat(store.event(42).orElseThrow().event()).isEqualTo(events.get(41));
      assertThat(store.event(N + 1)).isEmpty();
    }
  }

  @Test
  void writingABatchAgainAddsNoSecondKeys() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events.subList(0, 300));
      store.insert(events.subList(200, 400));
      assertThat(seqs(store.page(PageQuery.first(EventFilter.ALL, Order.OLDEST, 1000)).events()))
          .containsExactlyElementsOf(events.subList(0, 400).stream().map(CaptureEvent::seq).toList());
    }
  }

  @Test
  void aStoreWrittenBeforeThePageKeysGetsThemWhenOpened() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
    }
    // What a store of schema version 3 is: this schema without the keys, text and time span tables.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(EventStore.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE event_keys");
      s.executeUpdate("DROP TABLE event_text");
      s.executeUpdate("DROP TABLE event_time_spans");
      s.executeUpdate("DROP TABLE retention_drops");
      s.executeUpdate("UPDATE events SET json = '{not json' WHERE seq = 5");
      s.executeUpdate("PRAGMA user_version = 3");
    }
    try (EventStore store = EventStore.open(dir)) {
      everyFilter().forEach((filter, wanted) -> {
        List<Long> expected = events.stream().filter(wanted).filter(e -> e.seq() != 5).map(CaptureEvent::seq).toList();
        List<Long> got = seqs(store.page(PageQuery.first(filter, Order.OLDEST, 1000)).events());
        assertThat(got.stream().filter(seq -> seq != 5).toList()).as("%s", filter).containsExactlyElementsOf(expected);
      });
    }
  }

  @Test
  void rejectsFiltersAndPagesThatCanMatchNothingNamingTheValues() {
    assertThatThrownBy(() -> EventFilter.builder().types("htp").build())
        .hasMessage("types: unknown event type 'htp'; use one of http, ws_open, ws_frame, ws_close, ws_error, sse,"
            + " capture_gap, capture_error");
    assertThatThrownBy(() -> EventFilter.builder().status(500, 400).build())
        .hasMessage("statusMin 500 is above statusMax 400: no status is in that range");
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    assertThatThrownBy(() -> EventFilter.builder().time(t, t).build())
        .hasMessageContaining("since 2026-12-01T10:00:00Z is not before until 2026-12-01T10:00:00Z");
    assertThatThrownBy(() -> EventFilter.builder().search("  ").build()).hasMessage("search: no word to search for");
    assertThatThrownBy(() -> EventFilter.builder().search("orders --").build())
        .hasMessage("search: '--' has no letter or digit to search for");
    assertThatThrownBy(() -> PageQuery.first(EventFilter.ALL, Order.NEWEST, 1001))
        .hasMessage("limit must be 1 to 1000: 1001");
    assertThatThrownBy(() -> new PageQuery(EventFilter.ALL, 10, 10, Order.NEWEST, 5))
        .hasMessage("before (10) must be above after (10)");
  }

  private static List<Long> allPages(EventStore store, EventPager pager, PageQuery first, Predicate<CaptureEvent> keep) {
    List<Long> seen = new ArrayList<>();
    PageQuery q = first;
    for (int pages = 0; pages < 10_000; pages++) {
      PageQuery asked = q;
      EventPage page = store.read("test", c -> pager.page(c, asked, keep));
      assertThat(page.events().size()).isLessThanOrEqualTo(first.limit());
      seen.addAll(seqs(page.events()));
      if (page.next().isEmpty()) {
        return seen;
      }
      q = q.continueFrom(page.next().getAsLong());
    }
    throw new AssertionError("paging did not end");
  }

  private static List<Long> seqs(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::seq).toList();
  }

  private static String url(CaptureEvent e) {
    return e.url() == null ? "" : e.url();
  }

  private static int status(CaptureEvent e) {
    return e instanceof HttpEvent h && h.response() != null ? h.response().status() : -1;
  }
}

package io.datasipper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.PageQuery.Order;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  /** Every private part of the events below holds one of these; none may be found in any file. */
  private static final List<String> MARKERS = List.of("secrethost", "PathMarker", "QueryMarker", "HeaderMarker",
      "RequestBodyMarker", "ResponseBodyMarker", "FrameMarker", "SseMarker", "LetterMarker", "ErrorMarker",
      "TabMarker");

  @TempDir Path dir;

  @Test
  void noBodyHeaderUrlOrPayloadIsInAnyFileOfAnEncryptedStoreAndAllReadsBack() throws Exception {
    StoreKey key = StoreKey.generate();
    List<CaptureEvent> events = markedEvents(300);
    try (EventStore store = EventStore.open(dir, key)) {
      assertThat(store.encrypted()).isTrue();
      for (int i = 0; i < events.size(); i += 50) {
        store.insert(events.subList(i, i + 50));
      }
      new DeliveryLedger(store).addDeadLetters(List.of(new DeliveryLedger.DeadLetter(T0, "frames", "out", 1, "http-1",
          "{\"r\":\"LetterMarker\"}", "HTTP 413: ErrorMarker")));
      DeadLetters letters = new DeliveryLedger(store).redeliveries();
      letters.requeue(letters.page(null, null, 0, 10).getFirst().id());
      letters.refusedAgain(letters.page(null, null, 0, 10).getFirst().id(), "HTTP 500: ErrorMarker again");
      new DeliveryLedger(store).saveStats(Map.of("pipeline", "{\"last_error\":\"ErrorMarker in a transform\"}"));

      // Still in the write-ahead log: nothing checkpointed yet, a reader open.
      try (SeqReader reader = store.openSeqReader()) {
        assertThat(reader.after(0, 1000)).extracting(StoredEvent::event).isEqualTo(events);
        assertThat(Files.exists(dir.resolve(EventStore.FILE_NAME + "-wal"))).isTrue();
        assertNoMarkerIn(dir);
      }

      assertThat(store.query(EventQuery.all())).isEqualTo(events);
      assertThat(store.event(7).orElseThrow().event()).isEqualTo(events.get(6));
      EventPage hostPage = store.page(PageQuery.first(EventFilter.builder().host("b.secrethost.test").build(),
          Order.OLDEST, 1000));
      assertThat(hostPage.events()).extracting(StoredEvent::event)
          .isEqualTo(events.stream().filter(e -> e.url().contains("://b.secrethost.test/")).toList());
      EventPage tabPage = store.page(PageQuery.first(EventFilter.builder().tab("TabMarker-1").build(),
          Order.NEWEST, 1000));
      assertThat(tabPage.events()).extracting(StoredEvent::seq).isNotEmpty()
          .allSatisfy(seq -> assertThat(events.get((int) (seq - 1)).source().tabId()).isEqualTo("TabMarker-1"));
      assertThat(new DeliveryLedger(store).deadLetters(null, 10)).singleElement().satisfies(d -> {
        assertThat(d.record()).isEqualTo("{\"r\":\"LetterMarker\"}");
        assertThat(d.error()).isEqualTo("HTTP 500: ErrorMarker again");
      });
      assertThat(new DeliveryLedger(store).stats())
          .containsExactly(Map.entry("pipeline", "{\"last_error\":\"ErrorMarker in a transform\"}"));
    }
    assertNoMarkerIn(dir); // checkpointed into the database file on close

    try (EventStore store = EventStore.open(dir, key)) {
      assertThat(store.query(EventQuery.all())).isEqualTo(events);
    }
  }

  @Test
  void filtersOnUrlTextSearchAndSqlAreRefusedWithTheReason() throws Exception {
    try (EventStore store = EventStore.open(dir, StoreKey.generate())) {
      store.insert(markedEvents(10));
      assertThatThrownBy(() -> store.page(PageQuery.first(EventFilter.builder().urlContains("x").build(),
          Order.OLDEST, 10))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no URL in plain text");
      assertThatThrownBy(() -> store.page(PageQuery.first(EventFilter.builder().search("word").build(),
          Order.OLDEST, 10))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no full-text search");
    }
  }

  @Test
  void theSqlViewsOfAnEncryptedStoreShowTheDecryptedFields() throws Exception {
    try (EventStore store = EventStore.open(dir, StoreKey.generate())) {
      store.insert(markedEvents(12));
      List<List<Object>> rows = new ArrayList<>();
      SqlRows collect = new SqlRows() {
        @Override
        public void columns(List<String> names) {}

        @Override
        public void row(List<Object> values) {
          rows.add(values);
        }
      };
      store.sql("SELECT seq, url, host, tab, request_body, response_body FROM http WHERE host = 'b.secrethost.test'"
          + " ORDER BY seq DESC", collect);
      assertThat(rows).containsExactly(
          List.of(9L, "https://b.secrethost.test/PathMarker/9?QueryMarker=1", "b.secrethost.test", "TabMarker-0",
              "RequestBodyMarker 9", "ResponseBodyMarker 9"),
          List.of(3L, "https://b.secrethost.test/PathMarker/3?QueryMarker=1", "b.secrethost.test", "TabMarker-0",
              "RequestBodyMarker 3", "ResponseBodyMarker 3"));
      rows.clear();
      store.sql("SELECT payload FROM ws_frames ORDER BY payload LIMIT 1", collect);
      assertThat(rows).containsExactly(List.of("FrameMarker 1"));
      rows.clear();
      store.sql("SELECT count(*) FROM sse WHERE data LIKE 'SseMarker%'", collect);
      assertThat(rows).containsExactly(List.of(4L));
    }
    assertNoMarkerIn(dir);
  }

  @Test
  void theWrongKeyNoKeyOrAKeyOnAPlainStoreStopsAtOpenAndChangesNothing() throws Exception {
    Path encrypted = dir.resolve("encrypted");
    Path plain = dir.resolve("plain");
    StoreKey key = StoreKey.generate();
    try (EventStore store = EventStore.open(encrypted, key)) {
      store.insert(markedEvents(5));
    }
    try (EventStore store = EventStore.open(plain)) {
      store.insert(markedEvents(5));
    }
    Map<String, String> before = digests(dir);

    assertThatThrownBy(() -> EventStore.open(encrypted, StoreKey.generate())).isInstanceOf(StoreException.class)
        .hasMessage(encrypted.resolve(EventStore.FILE_NAME) + " is encrypted with another key than the one set"
            + " (DATASIPPER_STORE_KEY or store.encryption.key_file)");
    assertThatThrownBy(() -> EventStore.open(encrypted)).isInstanceOf(StoreException.class)
        .hasMessage(encrypted.resolve(EventStore.FILE_NAME) + " is encrypted: set its key with DATASIPPER_STORE_KEY"
            + " or store.encryption.key_file");
    assertThatThrownBy(() -> EventStore.open(plain, key)).isInstanceOf(StoreException.class)
        .hasMessageStartingWith(plain.resolve(EventStore.FILE_NAME) + " is not encrypted, but a store key is set");

    assertThat(digests(dir)).isEqualTo(before);
  }

  @Test
  void aKeyFileIsPrivateNeverOverwrittenAndAMalformedOneIsNamed() throws Exception {
    Path file = dir.resolve("store.key");
    StoreKey key = StoreKey.generate();
    key.writeNew(file);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(io.datasipper.api.files.PrivateFiles.FILE);
    assertThat(StoreKey.read(file)).isEqualTo(key);
    assertThatThrownBy(() -> StoreKey.generate().writeNew(file)).hasMessageContaining("is never overwritten");
    assertThat(StoreKey.read(file)).isEqualTo(key);

    Files.writeString(dir.resolve("short.key"), "c2hvcnQ=\n");
    assertThatThrownBy(() -> StoreKey.read(dir.resolve("short.key"))).isInstanceOf(StoreException.class)
        .hasMessage("the store key file " + dir.resolve("short.key") + " holds 5 bytes; expected a key of 32 bytes"
            + " in base64, as `datasipper store keygen` writes");
    assertThatThrownBy(() -> StoreKey.fromEnvironment(Map.of(StoreKey.ENVIRONMENT, "not base64!")))
        .hasMessage("the environment variable DATASIPPER_STORE_KEY is not base64; expected the 44 characters"
            + " `datasipper store keygen` writes");
    assertThat(StoreKey.fromEnvironment(Map.of())).isEmpty();
  }

  @Test
  void aRowAlteredOnDiskIsUnreadableNamingTheEventNotAWrongKey() throws Exception {
    StoreKey key = StoreKey.generate();
    try (EventStore store = EventStore.open(dir, key)) {
      store.insert(markedEvents(3));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(EventStore.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE events SET json = (SELECT json FROM events WHERE seq = 1) WHERE seq = 2");
    }
    try (EventStore store = EventStore.open(dir, key); SeqReader reader = store.openSeqReader()) {
      List<StoredEvent> read = reader.after(0, 10);
      assertThat(read.get(0).unreadable()).isNull();
      assertThat(read.get(1).unreadable()).contains("event 2 in").contains("does not decrypt");
      List<String> reasons = new ArrayList<>();
      List<CaptureEvent> readable = new ArrayList<>();
      store.scan(EventQuery.all(), readable::add, reasons::add);
      assertThat(readable).extracting(CaptureEvent::seq).containsExactly(1L, 3L);
      assertThat(reasons).singleElement().asString().startsWith("event 2 in " + dir.resolve(EventStore.FILE_NAME)
          + " cannot be read: its events.json does not decrypt");
    }
  }

  @Test
  void theRetentionSweepDeletesTheOldestEventsOfAnEncryptedStore() throws Exception {
    StoreKey key = StoreKey.generate();
    List<CaptureEvent> events = markedEvents(300);
    try (EventStore store = EventStore.open(dir, key);
        StoreWriter writer = new StoreWriter(store, new RingBuffer(), new EventStamps(301),
            StoreWriter.Settings.defaults())) {
      store.insert(events);
      Clock later = Clock.fixed(T0.plus(Duration.ofDays(7)).plusMillis(101), ZoneOffset.UTC);
      try (RetentionSweep sweep = new RetentionSweep(store, RetentionSettings.off().withMaxAge(Duration.ofDays(7)),
          name -> true, writer, later)) {
        assertThat(sweep.sweep().deletedForAge()).isEqualTo(100);
      }
      assertThat(store.query(EventQuery.all())).isEqualTo(events.subList(100, 300));
    }
    assertNoMarkerIn(dir);
  }

  /** HTTP exchanges, WebSocket frames and server-sent events whose every private part holds a marker. */
  private static List<CaptureEvent> markedEvents(int n) {
    List<CaptureEvent> events = new ArrayList<>();
    for (int seq = 1; seq <= n; seq++) {
      Instant t = T0.plusMillis(seq);
      String host = (seq % 2 == 0 ? "a" : "b") + ".secrethost.test";
      Source tab = new Source("TabMarker-" + seq % 3, "frame", "page", "https://" + host + "/PathMarker");
      events.add(switch (seq % 3) {
        case 0 -> new HttpEvent("http-" + seq, seq, t.minusMillis(3), t, null,
            "https://" + host + "/PathMarker/" + seq + "?QueryMarker=1", "POST",
            new HttpEvent.HttpRequest(List.of(new EventHeader("authorization", "Bearer HeaderMarker")),
                Body.text("RequestBodyMarker " + seq, 20, false)),
            new HttpEvent.HttpResponse(200, "OK", List.of(new EventHeader("set-cookie", "s=HeaderMarker")),
                "text/plain", Body.text("ResponseBodyMarker " + seq, 21, false), "h2", "127.0.0.1", 443, false),
            null, List.of(), null, "fetch", new HttpEvent.Initiator("script", null), tab);
        case 1 -> new WsFrameEvent("frame-" + seq, seq, t, "conn-1", "wss://" + host + "/PathMarker",
            WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text("FrameMarker " + seq, 12, false), 12,
            tab);
        default -> new SseEvent("sse-" + seq, seq, t, "req-1", "https://" + host + "/PathMarker?QueryMarker=2",
            "message", null, "SseMarker " + seq, SseEvent.Via.EVENT_SOURCE, tab);
      });
    }
    return events;
  }

  /** Every file under {@code root}, the write-ahead log and shared-memory files included, searched byte by byte. */
  private static void assertNoMarkerIn(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (String marker : MARKERS) {
        assertThat(bytes).as("%s holds %s", f, marker).doesNotContain(marker);
      }
    }
  }

  private static Map<String, String> digests(Path root) throws IOException, NoSuchAlgorithmException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString(),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return out;
  }
}

package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.JsonLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCommandTest {
  private static final Instant T = Instant.parse("2026-03-04T05:06:07.123456Z");
  private static final List<CaptureEvent> EVENTS =
      List.of(
          new HttpEvent("h1", 1, T, T.plusMillis(20), null, "http://127.0.0.1:8080/api/items", "GET",
              new HttpEvent.HttpRequest(List.of(), null),
              new HttpEvent.HttpResponse(200, "OK", List.of(new EventHeader("Content-Type", "application/json")),
                  "application/json", Body.text("[1,2]", 2048, true), "http/1.1", null, null, false),
              null, List.of(), null, "fetch", null, null),
          new HttpEvent("h2", 2, T, T.plusMillis(30), null, "http://127.0.0.1:9/down", "POST", null, null,
              null, List.of(), new HttpEvent.HttpError("net_error", "net::ERR_CONNECTION_REFUSED", null),
              "fetch", null, null),
          new WsFrameEvent("f3", 3, T.plusMillis(40), "c1", "ws://127.0.0.1:8080/live",
              WsFrameEvent.Direction.SENT, WsFrameEvent.Opcode.TEXT, Body.text("ping", 4, false), 4, null),
          new SseEvent("s4", 4, T.plusMillis(50), "r1", "http://127.0.0.1:8080/events", "tick", null,
              "line one\nline two", SseEvent.Via.EVENT_SOURCE, null),
          new CaptureGapEvent("g5", 5, T.plusMillis(60), 12, 3072, T.plusMillis(41), T.plusMillis(59),
              "store fell behind: in-memory queue reached 1024 bytes"));

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void fillStore() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(EVENTS);
    }
  }

  @Test
  void printsOneReadableLinePerEvent() {
    assertThat(run("events", "--data-dir", dir.toString())).isZero();
    assertThat(outLines())
        .containsExactly(
            "      1  2026-03-04T05:06:07.143Z  http           GET 200 http://127.0.0.1:8080/api/items 2.0 KB",
            "      2  2026-03-04T05:06:07.153Z  http           POST net::ERR_CONNECTION_REFUSED http://127.0.0.1:9/down",
            "      3  2026-03-04T05:06:07.163Z  ws_frame       sent text 4 B ws://127.0.0.1:8080/live",
            "      4  2026-03-04T05:06:07.173Z  sse            tick \"line one\\nline two\" http://127.0.0.1:8080/events",
            "      5  2026-03-04T05:06:07.183Z  capture_gap    dropped 12 events (3.0 KB) between"
                + " 2026-03-04T05:06:07.164456Z and 2026-03-04T05:06:07.182456Z:"
                + " store fell behind: in-memory queue reached 1024 bytes");
  }

  @Test
  void anEventThatCannotBeReadIsSkippedSayingSoAndTheOthersArePrinted() throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE events SET json = substr(json, 1, 20) WHERE seq = 3");
    }
    assertThat(run("events", "--data-dir", dir.toString(), "--json")).isEqualTo(Main.FAILURE);
    assertThat(outLines().stream().map(EventJson::read).toList())
        .isEqualTo(EVENTS.stream().filter(e -> e.seq() != 3).toList());
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("datasipper: 1 stored event could not be read and was skipped, the others printed; first: event 3 in "
            + dir.resolve("events.db") + " cannot be read: ");
  }

  @Test
  void printsJsonLinesThatReadBackAsTheEvents() {
    assertThat(run("events", "--data-dir", dir.toString(), "--json")).isZero();
    assertThat(outLines().stream().map(EventJson::read).toList()).isEqualTo(EVENTS);
  }

  @Test
  void filtersByTypeUrlAndLimit() {
    assertThat(run("events", "--data-dir", dir.toString(), "--json", "--type", "http", "--limit", "1"))
        .isZero();
    assertThat(outLines()).singleElement().satisfies(l -> assertThat(EventJson.read(l).id()).isEqualTo("h1"));

    out.reset();
    assertThat(run("events", "--data-dir", dir.toString(), "--json", "--url-contains", "8080/")).isZero();
    assertThat(outLines().stream().map(l -> EventJson.read(l).id())).containsExactly("h1", "f3", "s4");
  }

  @Test
  void filtersAsTheApiDoesByHostMethodStatusAndTime() {
    assertThat(ids("--status", "2xx")).containsExactly("h1");
    assertThat(ids("--status", "200-299", "--host", "127.0.0.1")).containsExactly("h1");
    assertThat(ids("--status", "500")).isEmpty();
    assertThat(ids("--method", "post")).containsExactly("h2");
    assertThat(ids("--host", "127.0.0.1", "--url-glob", "*:8080/*")).containsExactly("h1", "f3", "s4");
    assertThat(ids("--type", "http,sse")).containsExactly("h1", "h2", "s4");
    assertThat(ids("--type", "http", "--type", "ws_frame")).containsExactly("h1", "h2", "f3");
    assertThat(ids("--since", "2026-03-04T05:06:07.160Z", "--until", "2026-03-04T05:06:07.180Z"))
        .containsExactly("f3", "s4");
    assertThat(ids("--until", "1h")).as("a duration counts back from now").hasSize(EVENTS.size());
    assertThat(ids("--since", "1h")).isEmpty();
    assertThat(err.size()).isZero();
  }

  @Test
  void aFilterThatCannotBeReadIsAUsageErrorNamingTheOption() {
    for (String[] args : List.of(new String[] {"--status", "99x"}, new String[] {"--status", "600"},
        new String[] {"--status", "500-400"}, new String[] {"--since", "yesterday"},
        new String[] {"--since", "2026-03-04T05:06:08Z", "--until", "2026-03-04T05:06:07Z"})) {
      assertThat(run(events(args))).as(String.join(" ", args)).isEqualTo(Main.USAGE);
    }
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "datasipper: --status: '99x' is not an HTTP status (404), a range of them (400-499) or a class (5xx)",
        "datasipper: --status: '600' is no status or range of them between 100 and 599",
        "datasipper: --status: '500-400' is an empty range: put the lower status first",
        "datasipper: --since: 'yesterday' is neither a UTC time such as 2026-12-01T10:15:00Z nor a duration ago such as 10m",
        "datasipper: --since 2026-03-04T05:06:08Z (2026-03-04T05:06:08Z) is not before --until 2026-03-04T05:06:07Z"
            + " (2026-03-04T05:06:07Z): no event is between them");
    assertThat(out.size()).isZero();
  }

  @Test
  void printsTheLastEventsOldestFirst() {
    assertThat(run("events", "--data-dir", dir.toString(), "--json", "--last", "2")).isZero();
    assertThat(outLines().stream().map(l -> EventJson.read(l).id())).containsExactly("s4", "g5");

    out.reset();
    assertThat(run("events", "--data-dir", dir.toString(), "--json", "--last", "1", "--type", "http")).isZero();
    assertThat(outLines().stream().map(l -> EventJson.read(l).id())).containsExactly("h2");

    out.reset();
    assertThat(run("events", "--data-dir", dir.toString(), "--json", "--last", "50")).isZero();
    assertThat(outLines().stream().map(l -> EventJson.read(l).id()))
        .as("fewer events than asked for: all of them").isEqualTo(EVENTS.stream().map(CaptureEvent::id).toList());
  }

  @Test
  void lastAndLimitAreUsageErrorsWhenZeroOrTogether() {
    assertThat(run("events", "--data-dir", dir.toString(), "--last", "0")).isEqualTo(Main.USAGE);
    assertThat(run("events", "--data-dir", dir.toString(), "--last", "2", "--limit", "2")).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "datasipper: --last must be at least 1, not 0",
        "datasipper: --limit N prints the first N events and --last N the last N: use one of them");
    assertThat(out.size()).isZero();
  }

  @Test
  void followingPrintsEachEventStoredLaterUntilTheLimit() throws Exception {
    CompletableFuture<Integer> following = CompletableFuture.supplyAsync(
        () -> run("events", "--data-dir", dir.toString(), "--json", "--follow", "--limit", "7"));
    Await.until(() -> outLines().size() == EVENTS.size(), Duration.ofSeconds(10), "the stored events printed");
    List<CaptureEvent> later = List.of(
        new WsFrameEvent("f6", 6, T.plusMillis(70), "c1", "ws://127.0.0.1:8080/live",
            WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text("pong", 4, false), 4, null),
        new SseEvent("s7", 7, T.plusMillis(80), "r1", "http://127.0.0.1:8080/events", "tick", null, "later",
            SseEvent.Via.EVENT_SOURCE, null),
        new SseEvent("s8", 8, T.plusMillis(90), "r1", "http://127.0.0.1:8080/events", "tick", null, "past the limit",
            SseEvent.Via.EVENT_SOURCE, null));
    try (EventStore store = EventStore.open(dir)) {
      store.insert(later);
    }
    assertThat(following.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(outLines().stream().map(l -> EventJson.read(l).id())).containsExactly("h1", "h2", "f3", "s4", "g5",
        "f6", "s7");
  }

  @Test
  void searchesTheWordsOfUrlsAndTextBodies() {
    assertThat(run("events", "--data-dir", dir.toString(), "--json", "--search", "LINE two")).isZero();
    assertThat(outLines().stream().map(l -> EventJson.read(l).id())).containsExactly("s4");

    out.reset();
    assertThat(run("events", "--data-dir", dir.toString(), "--json", "--search", "pi*", "--url-contains", "8080")).isZero();
    assertThat(outLines().stream().map(l -> EventJson.read(l).id())).containsExactly("f3");

    out.reset();
    assertThat(run("events", "--data-dir", dir.toString(), "--json", "--search", "127.0.0.1 api/items")).isZero();
    assertThat(outLines().stream().map(l -> EventJson.read(l).id())).containsExactly("h1");

    assertThat(run("events", "--data-dir", dir.toString(), "--search", "?!")).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("datasipper: --search: '?!' has no letter or digit to search for" + System.lineSeparator());
  }

  @Test
  void anUnknownTypeIsAUsageErrorNamingTheKnownTypes() {
    assertThat(run("events", "--data-dir", dir.toString(), "--type", "websocket")).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("datasipper: unknown event type 'websocket': use one of http, ws_open, ws_frame,"
            + " ws_close, ws_error, sse, capture_gap, capture_error" + System.lineSeparator());
  }

  @Test
  void aDirectoryWithoutACaptureIsAOneLineUsageError() {
    Path empty = dir.resolve("nothing-here");
    assertThat(run("events", "--data-dir", empty.toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("datasipper: no capture in " + empty + ": run `datasipper sip URL` first"
            + System.lineSeparator());
    assertThat(Files.exists(empty)).as("reading must not create the directory").isFalse();
  }

  /** A config written before the first capture, naming a key not made yet: the missing capture is the news. */
  @Test
  void aDirectoryHoldingOnlyAConfigSaysItHasNoCapture() throws IOException {
    Path configured = Files.createDirectory(dir.resolve("configured"));
    Files.writeString(configured.resolve("datasipper.yaml"),
        "store: {encryption: {key_file: %s}}\n".formatted(dir.resolve("not-made-yet.key")));

    assertThat(run("events", "--data-dir", configured.toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("datasipper: no capture in " + configured + ": run `datasipper sip URL` first"
            + System.lineSeparator());
  }

  @Test
  void theDataDirectoryDefaultsToTheUsersDatasipperFolder() {
    String home = System.getProperty("user.home");
    System.setProperty("user.home", dir.toString());
    try {
      assertThat(run("events")).isEqualTo(Main.USAGE);
    } finally {
      System.setProperty("user.home", home);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no capture in " + dir.resolve(".datasipper").resolve("default") + ":");
  }

  private int run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  /** The ids of the events {@code events --json} prints with these filters. */
  private List<String> ids(String... filters) {
    out.reset();
    String[] json = new String[filters.length + 1];
    json[0] = "--json";
    System.arraycopy(filters, 0, json, 1, filters.length);
    assertThat(run(events(json))).as(String.join(" ", filters)).isZero();
    return out.size() == 0 ? List.of() : outLines().stream().map(l -> EventJson.read(l).id()).toList();
  }

  /** {@code events --data-dir DIR args...}. */
  private String[] events(String... args) {
    String[] command = new String[args.length + 3];
    command[0] = "events";
    command[1] = "--data-dir";
    command[2] = dir.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    return command;
  }

  private List<String> outLines() {
    return Arrays.asList(out.toString(StandardCharsets.UTF_8).split(System.lineSeparator()));
  }
}

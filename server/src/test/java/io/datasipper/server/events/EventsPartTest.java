package io.datasipper.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.CollectingSink;
import io.datasipper.capture.testsite.TestSite;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.store.EventStore;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events API over a real capture: the capture module's test site run in headless Chromium
 * (pages, fetches, a redirect, a 404, a PNG, a 3 MiB body cut to the limit, WebSocket frames both
 * ways, server-sent events, a worker), stored, then asked for through the server as a script would.
 */
class EventsPartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dataDir;
  static List<CaptureEvent> captured;
  static EventStore store;
  static LocalServer server;
  static ApiClient api;
  static TestSite site;

  @BeforeAll
  static void captureTheTestSiteAndServeIt() throws Exception {
    site = new TestSite();
    CollectingSink sink = new CollectingSink();
    CaptureRules rules = new CaptureRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        CaptureRules.DEFAULT_MAX_BODY_BYTES, List.of(), List.of(), false);
    try (Capture capture = Capture.launch(Chromium.headless(dataDir.resolve("profile")), rules, new EventStamps(1), sink)) {
      capture.open(site.url("/"));
      assertThat(site.awaitDone(90)).as("the page ran its whole scenario").isTrue();
      assertThat(sink.await(e -> e instanceof HttpEvent h && h.url().endsWith("/api/done"), Duration.ofSeconds(20)))
          .isTrue();
    }
    captured = sink.events().stream().sorted(java.util.Comparator.comparingLong(CaptureEvent::seq)).toList();
    store = EventStore.open(dataDir);
    store.insert(captured);
    Map<String, Predicate<CaptureEvent>> streams = Map.of("frames", e -> e instanceof WsFrameEvent);
    server = LocalServer.start(0, List.of(new EventsPart(store, name -> Optional.ofNullable(streams.get(name)))));
    api = new ApiClient(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
    if (site != null) {
      site.close();
    }
  }

  @Test
  void theFirstPageIsTheNewestEventsAsStored() throws Exception {
    JsonNode page = ok("/api/events?limit=5");
    List<CaptureEvent> newest = captured.reversed().subList(0, 5);
    assertThat(page.get("events")).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(EventJson.read(page.get("events").get(i).toString())).isEqualTo(newest.get(i));
    }
    assertThat(page.get("next").asLong()).isEqualTo(newest.get(4).seq());
  }

  @Test
  void eachFilterPicksOutWhatItNames() throws Exception {
    String site = server.address().getHost();
    Map<String, Predicate<CaptureEvent>> filters = Map.ofEntries(
        Map.entry("type=ws_frame", e -> e.type().equals("ws_frame")),
        Map.entry("type=sse,ws_open&type=ws_close", e -> List.of("sse", "ws_open", "ws_close").contains(e.type())),
        Map.entry("url=" + enc("/api/"), e -> url(e).contains("/api/")),
        Map.entry("url_glob=" + enc("http://*/sse/*"), e -> url(e).matches("http://.*/sse/.*")),
        Map.entry("host=" + site, e -> url(e).startsWith("http://" + site + ":") || url(e).startsWith("ws://" + site + ":")),
        Map.entry("method=post", e -> e instanceof HttpEvent h && h.method().equals("POST")),
        Map.entry("status_min=400&status_max=499", e -> status(e) >= 400 && status(e) <= 499),
        Map.entry("status_min=300", e -> status(e) >= 300),
        Map.entry("tab=" + enc(tabOf("/")), e -> e.source() != null && tabOf("/").equals(e.source().tabId())),
        Map.entry("q=" + enc("/API/ECHO"), e -> url(e).toLowerCase().contains("/api/echo")),
        Map.entry("since=" + enc(middleTime().toString()), e -> !e.timestamp().isBefore(middleTime())),
        Map.entry("until=" + enc(middleTime().toString()), e -> e.timestamp().isBefore(middleTime())),
        Map.entry("search=cli", e -> hasWords(e, "cli")),
        Map.entry("search=" + enc("SRV-3 e*"), e -> hasWords(e, "srv", "3") && hasWordStarting(e, "e")),
        // Case and accents aside: the server sent srv-1-\u00e9\u4e16.
        Map.entry("search=" + enc("SRV-1-\u00c9\u4e16") + "&type=ws_frame",
            e -> e instanceof WsFrameEvent && hasWords(e, "srv", "1", "e\u4e16")),
        Map.entry("stream=frames&type=ws_frame&url=" + enc("/ws/"), e -> e instanceof WsFrameEvent f && f.url().contains("/ws/")),
        Map.entry("method=GET&status_min=200&status_max=200&type=http&host=" + site,
            e -> e instanceof HttpEvent h && h.method().equals("GET") && status(e) == 200
                && url(e).startsWith("http://" + site + ":")));
    filters.forEach((query, wanted) -> {
      List<Long> expected = captured.stream().filter(wanted).map(CaptureEvent::seq).toList();
      assertThat(expected).as("the capture has events for %s", query).isNotEmpty();
      try {
        assertThat(allPages(query + "&order=oldest", 1000)).as(query).containsExactlyElementsOf(expected);
      } catch (Exception e) {
        throw new AssertionError(query, e);
      }
    });
  }

  @Test
  void pagesBothWaysWithoutGapOrDuplicate() throws Exception {
    List<Long> all = captured.stream().map(CaptureEvent::seq).toList();
    assertThat(allPages("order=oldest", 97)).containsExactlyElementsOf(all);
    assertThat(allPages("order=newest", 97)).containsExactlyElementsOf(all.reversed());
    List<Long> http = captured.stream().filter(e -> e instanceof HttpEvent).map(CaptureEvent::seq).toList();
    assertThat(allPages("type=http", 4)).containsExactlyElementsOf(http.reversed());
  }

  @Test
  void oneEventComesWithItsBodiesTextOrBase64WithSizeAndWhetherCut() throws Exception {
    HttpEvent echo = http("/api/echo");
    JsonNode event = ok("/api/events/" + echo.seq());
    assertThat(event.at("/request/body/encoding").asText()).isEqualTo("text");
    assertThat(event.at("/request/body/data").asText()).isEqualTo("{\"order\":42,\"note\":\"h\u00e9llo\"}");

    HttpEvent png = http("/img/pixel.png");
    JsonNode pixel = ok("/api/events/" + png.seq()).at("/response/body");
    assertThat(pixel.get("encoding").asText()).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(pixel.get("data").asText()))
        .isEqualTo(site.log().hits("/img/pixel.png").getFirst().responseBody());
    assertThat(pixel.get("size").asLong()).isEqualTo(site.log().hits("/img/pixel.png").getFirst().responseBody().length);

    JsonNode big = ok("/api/events/" + http("/big").seq()).at("/response/body");
    assertThat(big.get("truncated").asBoolean()).isTrue();
    assertThat(big.get("size").asLong()).isEqualTo(TestSite.BIG_BODY_BYTES);
    assertThat(big.get("data").asText()).hasSize((int) CaptureRules.DEFAULT_MAX_BODY_BYTES);
  }

  @Test
  void anUnknownSeqIs404AndABadOneIs400() throws Exception {
    long unknown = store.maxSeq() + 1;
    assertError("/api/events/" + unknown, 404, "seq: no event " + unknown + " is stored");
    assertError("/api/events/abc", 400, "seq: 'abc' is not a seq (a whole number from 1)");
    assertError("/api/events/0", 400, "seq: '0' is not a seq (a whole number from 1)");
  }

  @Test
  void badParametersAre400NamingTheParameterAndValue() throws Exception {
    assertError("/api/events?type=htp", 400,
        "type: unknown event type 'htp'; use one of http, ws_open, ws_frame, ws_close, ws_error, sse, capture_gap,"
            + " capture_error");
    assertError("/api/events?status_min=abc", 400, "status_min: 'abc' is not an HTTP status");
    assertError("/api/events?status_max=700", 400, "status_max: 700 is not an HTTP status (100 to 599)");
    assertError("/api/events?status_min=500&status_max=400", 400,
        "status_min 500 is above status_max 400: no status is in that range");
    assertError("/api/events?since=yesterday", 400, "since: 'yesterday' is not a UTC time such as 2026-12-01T10:15:00Z");
    assertError("/api/events?after=-1", 400, "after: '-1' is not a seq (a whole number from 0)");
    assertError("/api/events?after=9&before=9", 400, "before 9 is not above after 9: no seq is between them");
    assertError("/api/events?order=random", 400, "order: 'random' is neither newest nor oldest");
    assertError("/api/events?limit=0", 400, "limit: 0 is not from 1 to 1000");
    assertError("/api/events?limit=1001", 400, "limit: 1001 is not from 1 to 1000");
    assertError("/api/events?host=", 400, "host: empty; leave the parameter out to match everything");
    assertError("/api/events?host=a&host=b", 400, "host: given 2 times (a, b); give it once");
    assertError("/api/events?search=" + enc("--"), 400, "search: '--' has no letter or digit to search for");
    assertError("/api/events?stream=nope", 400, "stream: no stream named 'nope' in the config");
    assertError("/api/events?hots=a", 400, "unknown parameter 'hots'; use one of " + String.join(", ", EventsRequest.PARAMETERS));
  }

  @Test
  void aDamagedStoredEventIsListedAsUnreadableAndTheRestOfThePageIsShown(@TempDir Path otherDir) throws Exception {
    List<CaptureEvent> three = captured.subList(0, 3);
    try (EventStore damaged = EventStore.open(otherDir)) {
      damaged.insert(three);
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + otherDir.resolve(EventStore.FILE_NAME));
          java.sql.Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE events SET json = '{\"type\":\"http\",' WHERE seq = " + three.get(1).seq());
      }
      try (LocalServer other = LocalServer.start(0, List.of(new EventsPart(damaged)))) {
        ApiClient client = new ApiClient(other);
        JsonNode page = JSON.readTree(client.get("/api/events?order=oldest").body());
        assertThat(page.get("events")).extracting(e -> e.get("seq").asLong())
            .containsExactly(three.get(0).seq(), three.get(2).seq());
        assertThat(page.at("/unreadable/0/seq").asLong()).isEqualTo(three.get(1).seq());
        assertThat(page.at("/unreadable/0/error").asText()).startsWith("stored text is not an event: ");
        HttpResponse<String> one = client.get("/api/events/" + three.get(1).seq());
        assertThat(one.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(one.body()).get("error").asText())
            .startsWith("seq: the stored text of event " + three.get(1).seq() + " is not an event: ");
      }
    }
  }

  /** Every page of {@code query} in turn, following {@code next} as a client would. */
  private static List<Long> allPages(String query, int limit) throws Exception {
    boolean newest = !query.contains("order=oldest");
    List<Long> seen = new ArrayList<>();
    String cursor = "";
    for (int pages = 0; pages < 10_000; pages++) {
      JsonNode page = ok("/api/events?" + query + "&limit=" + limit + cursor);
      assertThat(page.get("events").size()).isLessThanOrEqualTo(limit);
      page.get("events").forEach(e -> seen.add(e.get("seq").asLong()));
      if (page.get("next").isNull()) {
        return seen;
      }
      cursor = (newest ? "&before=" : "&after=") + page.get("next").asLong();
    }
    throw new AssertionError("paging " + query + " did not end");
  }

  private static JsonNode ok(String path) throws Exception {
    HttpResponse<String> response = api.get(path);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private static void assertError(String path, int status, String message) throws Exception {
    HttpResponse<String> response = api.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode().put("error", message));
  }

  private static HttpEvent http(String path) {
    return captured.stream().filter(e -> e instanceof HttpEvent h && h.url().endsWith(path)).map(HttpEvent.class::cast)
        .findFirst().orElseThrow(() -> new AssertionError("no capture of " + path));
  }

  private static String tabOf(String path) {
    return http(path).source().tabId();
  }

  private static java.time.Instant middleTime() {
    return captured.get(captured.size() / 2).timestamp();
  }

  private static String url(CaptureEvent e) {
    return e.url() == null ? "" : e.url();
  }

  /**
   * Whether the event's URL or one of its text bodies holds {@code words} one after the other, as
   * a search sees them: runs of letters and digits, in lower case, without accents.
   */
  private static boolean hasWords(CaptureEvent e, String... words) {
    String wanted = " " + String.join(" ", words) + " ";
    return searchableTexts(e).stream().anyMatch(text -> (" " + String.join(" ", words(text)) + " ").contains(wanted));
  }

  private static boolean hasWordStarting(CaptureEvent e, String start) {
    return searchableTexts(e).stream().anyMatch(text -> words(text).stream().anyMatch(w -> w.startsWith(start)));
  }

  private static List<String> words(String text) {
    String plain = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return java.util.Arrays.stream(plain.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty()).toList();
  }

  private static List<String> searchableTexts(CaptureEvent e) {
    List<String> texts = new ArrayList<>();
    texts.add(url(e));
    List<io.datasipper.api.event.Body> bodies = switch (e) {
      case HttpEvent h -> java.util.stream.Stream.of(h.request() == null ? null : h.request().body(),
          h.response() == null ? null : h.response().body()).filter(java.util.Objects::nonNull).toList();
      case WsFrameEvent f -> List.of(f.payload());
      default -> List.of();
    };
    bodies.stream().filter(b -> b.encoding() == io.datasipper.api.event.Body.Encoding.TEXT && b.data() != null)
        .forEach(b -> texts.add(b.data()));
    if (e instanceof io.datasipper.api.event.SseEvent s && s.data() != null) {
      texts.add(s.data());
    }
    return texts;
  }

  private static int status(CaptureEvent e) {
    return e instanceof HttpEvent h && h.response() != null ? h.response().status() : -1;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

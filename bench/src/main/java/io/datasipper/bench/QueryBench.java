package io.datasipper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.server.LocalServer;
import io.datasipper.server.events.EventsPart;
import io.datasipper.store.EventFilter;
import io.datasipper.store.EventPage;
import io.datasipper.store.EventStore;
import io.datasipper.store.PageQuery;
import io.datasipper.store.StoredEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Pages of stored events through the API ({@code GET /api/events}) over a store of a million
 * events: for each kind of filter, the first page, one from the middle of the store and the last,
 * 100 events a page, newest first, timed from request to last byte on the client; p50 and p99 per
 * kind. Before that, what the filter columns and their indexes cost the store's writes: the same
 * events written with this version's schema, without the full-text index, and without the keys table.
 * Writes bench/results/query-&lt;date&gt;.md.
 */
public final class QueryBench {
  private static final String USAGE = """
      usage: bench/query [--events N] [--rounds N] [--batch N] [--ingest-events N]
        --events N         events in the store that is queried (default 1000000)
        --rounds N         timed requests per query kind and depth (default 100)
        --batch N          events per insert, as the capture's writer batches them (default 1000)
        --ingest-events N  events written with each schema compared on ingest, the first of the N (default 300000)
      """;
  private static final int PAGE = 100;
  private static final double TARGET_P99_MS = 50;
  private static final double SEARCH_TARGET_P99_MS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A stream whose rules are Java code the store cannot run in SQL: each candidate is read and tested. */
  private static final String NOT_FOUND_STREAM = "not-found";
  private static final Predicate<CaptureEvent> NOT_FOUND =
      e -> e instanceof HttpEvent h && h.response() != null && h.response().status() == 404;

  /** A kind of filter, as the API's query string, and as the store's filter to find its last page. */
  record Kind(String name, String query, EventFilter filter, Predicate<CaptureEvent> stream) {}

  /** One timed request: a kind at a depth. */
  record Probe(Kind kind, String depth, String query) {}

  private QueryBench() {}

  public static void main(String[] args) throws Exception {
    BenchArgs a = BenchArgs.parse(args, USAGE, List.of(
        new BenchArgs.Option("events", 1_000_000, 10_000, 50_000_000),
        new BenchArgs.Option("rounds", 100, 5, 100_000),
        new BenchArgs.Option("batch", 1000, 1, 100_000),
        new BenchArgs.Option("ingest-events", 300_000, 20_000, 50_000_000)));
    long events = a.get("events");
    Path work = Files.createTempDirectory("query-bench");
    try {
      long compared = Math.min(a.get("ingest-events"), events);
      List<QueryIngest.Result> ingest = QueryIngest.compare(work, compared, a.getInt("batch"));
      for (QueryIngest.Result r : ingest) {
        System.out.printf(Locale.ROOT, "ingest %s: %.0f events/s, %d MB%n", r.schema(), r.eventsPerSecond(), r.bytes() >> 20);
        if (r.schema() != QueryIngest.Schema.FULL) {
          BenchFiles.deleteTree(QueryIngest.dirOf(work, r.schema()));
        }
      }
      // The store of this version's schema goes on to the queried size.
      Path dir = QueryIngest.dirOf(work, QueryIngest.Schema.FULL);
      QueryIngest.fill(dir, compared + 1, events, a.getInt("batch"));
      long storedBytes = QueryIngest.sizeOf(dir);
      System.out.printf(Locale.ROOT, "stored %d events for the queries, %d MB%n", events, storedBytes >> 20);
      List<Kind> kinds = kinds(events);
      Map<String, Predicate<CaptureEvent>> streams = Map.of(NOT_FOUND_STREAM, NOT_FOUND);
      List<Probe> probes;
      QueryTimes times;
      try (EventStore store = EventStore.open(dir);
          LocalServer server = LocalServer.start(0, List.of(new EventsPart(store, n -> Optional.ofNullable(streams.get(n)))))) {
        probes = probes(store, kinds, events);
        times = new QueryTimes(server, probes);
        times.run(3, false);
        times.run(a.getInt("rounds"), true);
      }
      long migration = QueryIngest.migrationNanos(dir);
      System.out.printf(Locale.ROOT, "full-text migration of %d events: %.1f s%n", events, migration / 1e9);
      String md = QueryReport.markdown(events, a.getInt("rounds"), a.getInt("batch"), PAGE, TARGET_P99_MS,
          SEARCH_TARGET_P99_MS, ingest,
          storedBytes, kinds, probes, times, migration);
      Path out = BenchFiles.writeReport(Path.of("bench/results"), "query-" + LocalDate.now(ZoneOffset.UTC) + ".md", md);
      System.out.print(md);
      System.out.println("Report: " + out);
    } finally {
      BenchFiles.deleteTree(work);
    }
  }

  private static List<Kind> kinds(long events) {
    // Below the middle depth's cursor, so that the middle page has to reach it.
    Instant from = QueryTraffic.time(events * 2 / 5);
    EventFilter none = EventFilter.ALL;
    List<Kind> kinds = new ArrayList<>();
    kinds.add(new Kind("no filter", "", none, null));
    kinds.add(new Kind("type (one)", "type=sse", EventFilter.builder().types("sse").build(), null));
    kinds.add(new Kind("type (two rare)", "type=ws_open,ws_close", EventFilter.builder().types("ws_open", "ws_close").build(), null));
    kinds.add(new Kind("url contains", "url=" + enc("/v1/orders/"), EventFilter.builder().urlContains("/v1/orders/").build(), null));
    kinds.add(new Kind("url glob", "url_glob=" + enc("https://api.shop.example/v1/cart/*?page=2*"),
        EventFilter.builder().urlGlob("https://api.shop.example/v1/cart/*?page=2*").build(), null));
    kinds.add(new Kind("host", "host=img.shop.example", EventFilter.builder().host("img.shop.example").build(), null));
    kinds.add(new Kind("method", "method=DELETE", EventFilter.builder().method("DELETE").build(), null));
    kinds.add(new Kind("status range", "status_min=500&status_max=599", EventFilter.builder().status(500, 599).build(), null));
    kinds.add(new Kind("tab", "tab=" + QueryTraffic.TABS[2], EventFilter.builder().tab(QueryTraffic.TABS[2]).build(), null));
    // 10 s hold 5,000 events, few enough to read whole from the time index; 60 s hold 30,000, walked by seq.
    for (int seconds : new int[] {10, 60}) {
      Instant to = from.plusSeconds(seconds);
      kinds.add(new Kind("time range (" + seconds + " s)", "since=" + enc(from.toString()) + "&until=" + enc(to.toString()),
          EventFilter.builder().time(from, to).build(), null));
    }
    kinds.add(new Kind("text in URL", "q=" + enc("USERS/ME"), EventFilter.builder().urlText("USERS/ME").build(), null));
    kinds.add(new Kind("host+method+status", "host=api.shop.example&method=POST&status_min=400&status_max=499",
        EventFilter.builder().host("api.shop.example").method("POST").status(400, 499).build(), null));
    kinds.add(new Kind("stream (rules in Java)", "type=http&stream=" + NOT_FOUND_STREAM,
        EventFilter.builder().types("http").build(), NOT_FOUND));
    // Full-text search: a word of 45% of the events' bodies, a word of few, a run of words in URLs, a
    // prefix, and a search with other filters.
    kinds.add(search("search (common word)", "price", EventFilter.builder()));
    kinds.add(search("search (rare word)", "A4711", EventFilter.builder()));
    kinds.add(search("search (words of a URL)", "users/me", EventFilter.builder()));
    kinds.add(search("search (prefix)", "news item 4242*", EventFilter.builder()));
    kinds.add(search("search+host+method", "orders", EventFilter.builder().host("api.shop.example").method("POST")));
    return kinds;
  }

  private static Kind search(String name, String words, EventFilter.Builder others) {
    EventFilter filter = others.search(words).build();
    StringBuilder query = new StringBuilder("search=" + enc(words));
    if (filter.host() != null) {
      query.append("&host=").append(enc(filter.host()));
    }
    if (filter.method() != null) {
      query.append("&method=").append(enc(filter.method()));
    }
    return new Kind(name, query.toString(), filter, null);
  }

  /** Each kind at the first page, the middle of the store, and its last page (its 50 oldest events). */
  private static List<Probe> probes(EventStore store, List<Kind> kinds, long events) {
    List<Probe> probes = new ArrayList<>();
    for (Kind k : kinds) {
      String base = k.query().isEmpty() ? "limit=" + PAGE : k.query() + "&limit=" + PAGE;
      probes.add(new Probe(k, "first", base));
      probes.add(new Probe(k, "middle", base + "&before=" + events / 2));
      long oldest50 = fiftiethOldest(store, k);
      if (oldest50 > 0) {
        probes.add(new Probe(k, "last", base + "&before=" + (oldest50 + 1)));
      }
    }
    return probes;
  }

  /** The seq of the kind's 50th oldest event (or its oldest but few), found by paging the store oldest first. */
  private static long fiftiethOldest(EventStore store, Kind k) {
    PageQuery q = PageQuery.first(k.filter(), PageQuery.Order.OLDEST, 50);
    List<Long> seen = new ArrayList<>();
    for (int pages = 0; pages < 100_000 && seen.size() < 50; pages++) {
      EventPage page = k.stream() == null ? store.page(q) : store.page(q, k.stream());
      page.events().stream().map(StoredEvent::seq).forEach(seen::add);
      if (page.next().isEmpty()) {
        break;
      }
      q = q.continueFrom(page.next().getAsLong());
    }
    return seen.isEmpty() ? 0 : seen.get(Math.min(49, seen.size() - 1));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Times the probes through the server, round-robin so that a busy moment of the machine hits them all alike. */
  static final class QueryTimes {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final LocalServer server;
    private final List<Probe> probes;
    final long[][] nanos;
    final int[] eventsPerPage;
    final boolean[] hasNext;
    int rounds;

    QueryTimes(LocalServer server, List<Probe> probes) {
      this.server = server;
      this.probes = probes;
      this.nanos = new long[probes.size()][];
      this.eventsPerPage = new int[probes.size()];
      this.hasNext = new boolean[probes.size()];
    }

    void run(int n, boolean timed) throws Exception {
      if (timed) {
        rounds = n;
        for (int i = 0; i < probes.size(); i++) {
          nanos[i] = new long[n];
        }
      }
      for (int round = 0; round < n; round++) {
        for (int i = 0; i < probes.size(); i++) {
          HttpRequest request = HttpRequest.newBuilder(URI.create(server.address() + "/api/events?" + probes.get(i).query()))
              .header("Authorization", "Bearer " + server.token()).timeout(Duration.ofSeconds(60)).GET().build();
          long start = System.nanoTime();
          HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long took = System.nanoTime() - start;
          if (response.statusCode() != 200) {
            throw new IllegalStateException(probes.get(i).query() + ": " + response.statusCode() + " "
                + new String(response.body(), StandardCharsets.UTF_8));
          }
          if (timed) {
            nanos[i][round] = took;
          }
          if (round == 0) {
            JsonNode page = JSON.readTree(response.body());
            eventsPerPage[i] = page.get("events").size();
            hasNext[i] = !page.get("next").isNull();
          }
        }
      }
    }
  }
}

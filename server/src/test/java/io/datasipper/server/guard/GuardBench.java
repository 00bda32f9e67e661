package io.datasipper.server.guard;

import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.server.health.CaptureHealth;
import io.datasipper.server.health.ReadinessPart;
import io.datasipper.server.health.StoreHealth;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the request guard costs a request, against the raw baseline in the same run: the same
 * route on a bare Javalin without it. Also {@code /readyz} over a store of 100,000 events.
 * Sequential requests over one keep-alive connection, rounds alternating between the two servers.
 *
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -pl server -am
 * java -cp server/target/test-classes:server/target/classes:$(cat server/target/cp.txt) \
 *     io.datasipper.server.guard.GuardBench [requests per round, 5000]
 * </pre>
 */
public final class GuardBench {
  private static final int ROUNDS = 5;
  private static final int STORED_EVENTS = 100_000;

  private GuardBench() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    Path dir = Files.createTempDirectory("guard-bench");
    Javalin bare = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.host = "127.0.0.1";
      cfg.routes.get("/api/thing", ctx -> ctx.json(Map.of("thing", 1)));
    }).start(0);
    try (EventStore store = EventStore.open(dir.resolve("data"));
        LocalServer guarded = LocalServer.start(0, List.of(new GuardedPart(),
            new ReadinessPart(List.of(CaptureHealth.of(() -> true), StoreHealth.withoutWriter(store, dir.resolve("data"))))))) {
      SampleEvents.fill(store, 1, STORED_EVENTS, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
      ApiClient api = ApiClient.unchecked(guarded);
      HttpClient http = api.http();
      HttpRequest bareThing = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bare.port() + "/api/thing"))
          .header("Authorization", "Bearer " + guarded.token()).build(); // same headers, ignored
      HttpRequest guardedThing = api.request("/api/thing").build();
      HttpRequest readyz = api.request("/readyz").build();
      time(http, bareThing, requests); // warm-up
      time(http, guardedThing, requests);
      time(http, readyz, requests / 10);
      long[][] bareNanos = new long[ROUNDS][];
      long[][] guardedNanos = new long[ROUNDS][];
      for (int r = 0; r < ROUNDS; r++) {
        bareNanos[r] = time(http, bareThing, requests);
        guardedNanos[r] = time(http, guardedThing, requests);
      }
      print("bare Javalin GET /api/thing", concat(bareNanos));
      print("guarded GET /api/thing", concat(guardedNanos));
      print("GET /readyz (store of " + STORED_EVENTS + " events)", time(http, readyz, requests));
    } finally {
      bare.stop();
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long[] time(HttpClient http, HttpRequest request, int n) throws Exception {
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      nanos[i] = System.nanoTime() - t0;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": " + answer.body());
      }
    }
    return nanos;
  }

  private static long[] concat(long[][] rounds) {
    return Arrays.stream(rounds).flatMapToLong(Arrays::stream).toArray();
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf("%-45s n=%,d  p50 %6.1f us  p99 %7.1f us%n", what, sorted.length,
        sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3);
  }
}

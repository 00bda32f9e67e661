package io.datasipper.output.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.output.testkit.Delivery;
import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.output.testkit.OutputUnderTest;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook output through the pipeline to a local HTTP receiver. */
class WebhookOutputTest {
  static final OutputUnderTest HOOK = new OutputUnderTest("hook", "webhook");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "shh-its-a-secret";

  @TempDir Path dir;
  Receiver receiver;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new Receiver();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void batchModePostsArraysInOrderWithTheHeadersAndAValidSignature() throws Exception {
    Delivery d = HOOK.deliver(dir, Map.of("url", receiver.url(), "hmac_secret", SECRET,
        "headers", Map.of("Authorization", "Bearer t0ken", "X-Team", "capture")), 1_200);
    assertThat(d.stats().delivered()).isEqualTo(1_200);
    assertThat(receiver.requests.size()).isBetween(3, 20); // batches, not one request per record
    for (Receiver.Request r : receiver.requests) {
      assertThat(r.headers().getFirst("Content-Type")).isEqualTo("application/json");
      assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer t0ken");
      assertThat(r.headers().getFirst("X-Team")).isEqualTo("capture");
      assertThat(verify(r.body(), r.headers().getFirst("X-DataSipper-Signature"))).as("signature").isTrue();
    }
    assertThat(received()).containsExactlyElementsOf(values(1, 1_200));
  }

  @Test
  void singleModePostsOneRecordPerRequestWithItsId() throws Exception {
    Delivery d = HOOK.deliver(dir, Map.of("url", receiver.url(), "mode", "single", "hmac_secret", SECRET), 150);
    assertThat(d.stats().delivered()).isEqualTo(150);
    assertThat(receiver.requests).hasSize(150);
    for (int i = 0; i < 150; i++) {
      Receiver.Request r = receiver.requests.get(i);
      assertThat(JSON.readTree(r.body())).isEqualTo(OutputEvents.value(i + 1));
      assertThat(r.headers().getFirst("X-DataSipper-Event-Id")).isEqualTo("e" + (i + 1));
      assertThat(r.headers().getFirst("X-DataSipper-Stream")).isEqualTo(SampleEvents.isFrame(i + 1) ? "frames" : "calls");
      assertThat(verify(r.body(), r.headers().getFirst("X-DataSipper-Signature"))).isTrue();
    }
  }

  @Test
  void aTamperedBodyFailsTheSignatureCheck() throws Exception {
    HOOK.deliver(dir, Map.of("url", receiver.url(), "hmac_secret", SECRET), 10);
    Receiver.Request r = receiver.requests.getFirst();
    byte[] tampered = r.text().replace("e1", "e9").getBytes(StandardCharsets.UTF_8);
    assertThat(verify(tampered, r.headers().getFirst("X-DataSipper-Signature"))).isFalse();
  }

  @Test
  void aReceiverFailingForAWhileGetsEverythingAtLeastOnce() throws Exception {
    long failUntil = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
    receiver.respond((request, index) -> {
      if (request.receivedNanos() < failUntil) {
        return Receiver.Response.status(503, "{\"error\":\"warming up\"}");
      }
      // Accepted but answered too late: the output times out and sends it again (a duplicate).
      return index % 7 == 0 ? new Receiver.Response(200, Map.of(), "", 1_500) : Receiver.Response.OK;
    });
    Delivery d = HOOK.deliver(dir, Map.of("url", receiver.url(), "timeout_ms", 1_000), 3_000);

    long refused = receiver.requests.stream().filter(r -> r.receivedNanos() < failUntil).count();
    Map<Long, Integer> copies = new TreeMap<>();
    receiver.requests.stream().filter(r -> r.receivedNanos() >= failUntil)
        .forEach(r -> array(r).forEach(v -> copies.merge(v.path("seq").asLong(), 1, Integer::sum)));
    long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
    System.out.printf("webhook 503 then 200: %d requests (%d answered 503), %d retries, %d duplicate records%n",
        receiver.requests.size(), refused, d.stats().retries(), duplicates);
    assertThat(refused).isPositive();
    assertThat(copies.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, 3_000).boxed().toList());
    assertThat(d.stats().delivered()).isEqualTo(3_000);
    assertThat(d.deadLetters()).isEmpty();
  }

  @Test
  void retryAfterInSecondsIsHonoured() throws Exception {
    receiver.respond((request, index) -> index == 0
        ? new Receiver.Response(429, Map.of("Retry-After", "2"), "slow down", 0) : Receiver.Response.OK);
    Delivery d = HOOK.deliver(dir, Map.of("url", receiver.url(), "mode", "single"), 5);
    assertThat(d.stats().delivered()).isEqualTo(5);
    assertThat(gapMs(0, 1)).as("ms between the 429 and the next request").isGreaterThanOrEqualTo(2_000);
  }

  @Test
  void retryAfterAsAnHttpDateIsHonouredBeyondOneWriteTimeout() throws Exception {
    List<ZonedDateTime> asked = new ArrayList<>();
    receiver.respond((request, index) -> {
      if (index > 0) {
        return Receiver.Response.OK;
      }
      ZonedDateTime until = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).withNano(0);
      asked.add(until);
      return new Receiver.Response(503, Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(until)), "", 0);
    });
    // timeout_ms 1000 < the 3 s asked for: the pipeline waits once, as long as asked, sending nothing.
    Delivery d = HOOK.deliver(dir, Map.of("url", receiver.url(), "timeout_ms", 1_000), 20);
    assertThat(d.stats().delivered()).isEqualTo(20);
    assertThat(receiver.requests).hasSize(2);
    assertThat(d.stats().retries()).as("one wait of the pipeline, not writes that wait in the output").isEqualTo(1);
    long wanted = Duration.between(ZonedDateTime.now(ZoneOffset.UTC), asked.getFirst()).toMillis()
        + Duration.ofNanos(System.nanoTime() - receiver.requests.getFirst().receivedNanos()).toMillis();
    assertThat(gapMs(0, 1)).isGreaterThanOrEqualTo(Math.max(0, wanted - 5)); // 5 ms for the two clock readings
    assertThat(gapMs(0, 1)).isGreaterThanOrEqualTo(2_000);
  }

  @Test
  void aRetryAfterOfADayIsCappedAtTenMinutesAndAStopEndsTheWait() throws Exception {
    receiver.respond((request, index) -> new Receiver.Response(503, Map.of("Retry-After", "86400"), "", 0));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      OutputEvents.fill(store, 1, 10, 0);
      Pipeline pipeline = Pipeline.start(HOOK.pipeline(Map.of("url", receiver.url())), store, new Outputs(), null);
      PipelineStats.OutputCounters stats = pipeline.stats().output(HOOK.name());
      for (int i = 0; i < 500 && stats.nextRetryAt() == null; i++) {
        Thread.sleep(10);
      }
      assertThat(stats.nextRetryAt()).as("the pipeline waits to retry").isNotNull()
          .isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(10)));
      assertThat(stats.lastError()).isEqualTo("HTTP 503 from " + shown() + " (Retry-After 86400 s)");
      long stopping = System.nanoTime();
      pipeline.close();
      assertThat(pipeline.awaitStopped(Duration.ofSeconds(1))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(3));
      assertThat(receiver.requests).hasSize(1);
    }
  }

  @Test
  void aRedirectIsDeadLetteredNamingWhereItPointsAndNotRetried() throws Exception {
    receiver.respond((request, index) -> new Receiver.Response(307, Map.of("Location", "/moved/here"), "", 0));
    Delivery d = HOOK.deliver(dir, Map.of("url", receiver.url()), 6);
    assertThat(d.deadLetters()).hasSize(6).allSatisfy(l -> assertThat(l.error()).isEqualTo("HTTP 307 from "
        + shown() + " redirects to " + shown() + " (another path or query); set url to the final address"));
    assertThat(d.stats().retries()).isZero();
  }

  @Test
  void onlyTheStartOfAnAnswersBodyIsRead() throws Exception {
    long huge = 64L << 20;
    receiver.respond((request, index) -> Receiver.Response.streamed(400, huge));
    Delivery d = HOOK.deliver(dir, Map.of("url", receiver.url(), "mode", "single"), 1);
    assertThat(d.deadLetters()).singleElement().satisfies(l -> assertThat(l.error())
        .isEqualTo("HTTP 400 from " + shown() + ": " + "x".repeat(200) + "..."));
    Long sent = receiver.streamedBytesSent.poll(10, TimeUnit.SECONDS);
    System.out.printf("webhook refusal with a %d-byte body: the receiver sent %d bytes before the output hung up%n",
        huge, sent);
    assertThat(sent).as("bytes the receiver sent before the output hung up").isNotNull().isLessThan(huge);
  }

  @Test
  void aRefusedRecordIsDeadLetteredWithTheStatusAndBodyAndTheRestDelivered() throws Exception {
    receiver.respond((request, index) -> array(request).stream().anyMatch(v -> v.path("seq").asLong() % 50 == 0)
        ? Receiver.Response.status(400, "{\"error\":\"seq is a multiple of 50\"}") : Receiver.Response.OK);
    Delivery d = HOOK.deliver(dir, Map.of("url", receiver.url()), 300);

    assertThat(d.deadLetters()).extracting(l -> l.sourceSeq()).containsExactlyInAnyOrder(50L, 100L, 150L, 200L, 250L, 300L);
    assertThat(d.deadLetters().getFirst().error())
        .isEqualTo("HTTP 400 from " + shown() + ": {\"error\":\"seq is a multiple of 50\"}");
    assertThat(d.stats().retries()).as("a 4xx is not retried").isZero();
    List<JsonNode> accepted = new ArrayList<>();
    receiver.requests.stream().filter(r -> array(r).stream().noneMatch(v -> v.path("seq").asLong() % 50 == 0))
        .forEach(r -> accepted.addAll(array(r)));
    assertThat(accepted).containsExactlyElementsOf(LongStream.rangeClosed(1, 300).filter(s -> s % 50 != 0)
        .mapToObj(OutputEvents::value).toList());
  }

  @Test
  void theSecretPathAndQueryOfTheUrlAreNeverShown() throws Exception {
    String secretUrl = receiver.url() + "/T0KEN-in-the-path?sig=s3cret-in-the-query";
    receiver.respond((request, index) -> Receiver.Response.status(400, "{\"error\":\"no\"}"));
    Delivery refused = HOOK.deliver(dir.resolve("refused"), Map.of("url", secretUrl, "mode", "single"), 2);
    assertThat(receiver.requests).as("the url is used as written").isNotEmpty();
    assertThat(refused.deadLetters()).extracting(l -> l.error())
        .containsOnly("HTTP 400 from " + shown() + ": {\"error\":\"no\"}");
    assertThat(refused.stats().lastError()).isEqualTo("HTTP 400 from " + shown() + ": {\"error\":\"no\"}");

    String closedPort = "http://127.0.0.1:" + closedPort() + "/T0KEN-in-the-path?sig=s3cret-in-the-query";
    try (EventStore store = EventStore.open(dir.resolve("down"))) {
      OutputEvents.fill(store, 1, 2, 0);
      Pipeline pipeline = Pipeline.start(HOOK.pipeline(Map.of("url", closedPort)), store, new Outputs(), null);
      PipelineStats.OutputCounters stats = pipeline.stats().output(HOOK.name());
      for (int i = 0; i < 500 && stats.lastError() == null; i++) {
        Thread.sleep(10);
      }
      pipeline.close();
      assertThat(stats.lastError()).startsWith("POST to http://127.0.0.1:" + URI.create(closedPort).getPort() + "/… failed: ")
          .doesNotContain("T0KEN", "s3cret");
      assertThat(new io.datasipper.store.DeliveryLedger(store).stats().get("output:" + HOOK.name()))
          .contains("POST to").doesNotContain("T0KEN", "s3cret");
    }
  }

  /** How messages show the receiver's address. */
  private String shown() {
    return receiver.url().replace("/hook", "/…");
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private long gapMs(int first, int second) {
    return Duration.ofNanos(receiver.requests.get(second).receivedNanos() - receiver.requests.get(first).receivedNanos())
        .toMillis();
  }

  private List<JsonNode> received() {
    List<JsonNode> all = new ArrayList<>();
    receiver.requests.forEach(r -> all.addAll(array(r)));
    return all;
  }

  /** The records of a request: the array of a batch, or the one value of a single request. */
  static List<JsonNode> array(Receiver.Request r) {
    try {
      JsonNode body = JSON.readTree(r.body());
      List<JsonNode> values = new ArrayList<>();
      if (body.isArray()) {
        body.forEach(values::add);
      } else {
        values.add(body);
      }
      return values;
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + r.text(), e);
    }
  }

  static List<JsonNode> values(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(OutputEvents::value).toList();
  }

  /** What a receiver does: HMAC-SHA256 of the raw body with the shared secret, compared in constant time. */
  static boolean verify(byte[] body, String header) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    return header != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        header.getBytes(StandardCharsets.US_ASCII));
  }
}

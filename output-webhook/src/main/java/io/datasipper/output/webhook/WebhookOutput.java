package io.datasipper.output.webhook;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;

/**
 * POSTs records as JSON: a batch as one array ({@code mode: batch}) or each record on its own
 * ({@code mode: single}, in order, the next only after the previous one's 2xx). The pipeline does
 * the retrying; this output only says how far it got and whether the rest may pass later.
 *
 * <p>A refused batch is sent again record by record, so that only the record the receiver refuses
 * goes to the dead letters, not the good ones sharing its batch.
 *
 * <p>Retry-After: the pipeline's {@link WriteResult} cannot carry a delay, so the output keeps the
 * time the server named and, at the next write, waits for it (up to {@code timeout_ms} per write)
 * before sending anything; until then a write sends nothing and asks for another retry.
 */
final class WebhookOutput implements Output {

  private final WebhookSettings settings;
  private final Signature signature;
  private final Clock clock;
  private HttpClient client;
  private Instant notBefore = Instant.MIN;

  WebhookOutput(WebhookSettings settings, Clock clock) {
    this.settings = settings;
    this.signature = settings.hmacSecret() == null ? null : new Signature(settings.hmacSecret());
    this.clock = clock;
  }

  @Override
  public void start() {
    client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  @Override
  public WriteResult write(List<OutputRecord> batch) {
    String waiting = waitForRetryAfter();
    if (waiting != null) {
      return WriteResult.retry(0, waiting);
    }
    if (batch.isEmpty()) {
      return WriteResult.allDelivered(0);
    }
    if (!settings.batch() || batch.size() == 1) {
      return oneByOne(batch);
    }
    StringJoiner array = new StringJoiner(",", "[", "]");
    batch.forEach(r -> array.add(r.json()));
    Reply reply = post(utf8(array.toString()), null);
    return switch (reply.kind()) {
      case DELIVERED -> WriteResult.allDelivered(batch.size());
      case RETRY -> WriteResult.retry(0, reply.error());
      case REJECTED -> oneByOne(batch); // find the record at fault; the others are delivered
    };
  }

  private WriteResult oneByOne(List<OutputRecord> records) {
    for (int i = 0; i < records.size(); i++) {
      Reply reply = post(records.get(i).jsonUtf8(), records.get(i));
      switch (reply.kind()) {
        case DELIVERED -> { }
        case RETRY -> {
          return WriteResult.retry(i, reply.error());
        }
        case REJECTED -> {
          return WriteResult.rejected(i, reply.error());
        }
      }
    }
    return WriteResult.allDelivered(records.size());
  }

  /** @param record the one record in the body, or null for a batch */
  private Reply post(byte[] body, OutputRecord record) {
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
        .timeout(settings.timeout())
        // Plain http stays HTTP/1.1: the JDK's h2c upgrade headers confuse some receivers.
        .version(settings.url().getScheme().equalsIgnoreCase("https") ? HttpClient.Version.HTTP_2
            : HttpClient.Version.HTTP_1_1)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!settings.setsHeader("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    request.header("User-Agent", "DataSipper");
    settings.headers().forEach(request::header);
    if (signature != null) {
      request.header(Signature.HEADER, signature.sign(body));
    }
    if (record != null) {
      request.header("X-DataSipper-Event-Id", record.eventId()).header("X-DataSipper-Stream", record.stream());
    }
    try {
      Reply reply = Reply.of(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()), clock.instant());
      reply.notBefore().ifPresent(t -> notBefore = t);
      return reply;
    } catch (IOException e) {
      return Reply.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.failed(e);
    }
  }

  /** Sleeps until the last Retry-After passed, at most timeout_ms; says why not to send yet, or null. */
  private String waitForRetryAfter() {
    Duration left = Duration.between(clock.instant(), notBefore);
    if (left.isNegative() || left.isZero()) {
      return null;
    }
    try {
      Thread.sleep(left.compareTo(settings.timeout()) > 0 ? settings.timeout() : left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while waiting for Retry-After";
    }
    return clock.instant().isBefore(notBefore) ? "the server asked to wait until " + notBefore + " (Retry-After)" : null;
  }

  @Override
  public void stop() {
    if (client != null) {
      client.close();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

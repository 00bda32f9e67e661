package io.datasipper.output.webhook;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs records as JSON: a batch as one array ({@code mode: batch}) or each record on its own
 * ({@code mode: single}, in order, the next only after the previous one's 2xx). The pipeline does
 * the retrying; this output only says how far it got and whether the rest may pass later.
 *
 * <p>A refused batch is sent again record by record, so that only the record the receiver refuses
 * goes to the dead letters, not the good ones sharing its batch.
 *
 * <p>A {@code Retry-After} goes back to the pipeline with the retry ({@link WriteResult#retryAfter}):
 * the pipeline waits, where its stats show the wait and a stop ends it. Only the first
 * {@link BodyStart#MAX_BYTES} of an answer are read, to explain a refusal.
 */
final class WebhookOutput implements Output {

  private final WebhookSettings settings;
  private final Signature signature;
  private final Clock clock;
  private HttpClient client;

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
      case RETRY -> retry(0, reply);
      case REJECTED -> oneByOne(batch); // find the record at fault; the others are delivered
    };
  }

  private WriteResult oneByOne(List<OutputRecord> records) {
    for (int i = 0; i < records.size(); i++) {
      Reply reply = post(records.get(i).jsonUtf8(), records.get(i));
      switch (reply.kind()) {
        case DELIVERED -> { }
        case RETRY -> {
          return retry(i, reply);
        }
        case REJECTED -> {
          return WriteResult.rejected(i, reply.error());
        }
      }
    }
    return WriteResult.allDelivered(records.size());
  }

  private static WriteResult retry(int delivered, Reply reply) {
    return reply.retryAfter() == null ? WriteResult.retry(delivered, reply.error())
        : WriteResult.retryAfter(delivered, reply.error(), reply.retryAfter());
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
    CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request.build(), BodyStart.handler());
    try {
      // The request's own timeout ends at the headers: this one also bounds a body that stalls.
      return Reply.of(answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS), clock.instant());
    } catch (ExecutionException e) {
      return Reply.failed(e.getCause() instanceof Exception cause ? cause : e, settings.url());
    } catch (TimeoutException e) {
      answer.cancel(true);
      return Reply.failed(new HttpTimeoutException("no whole answer within timeout_ms " + settings.timeout().toMillis()),
          settings.url());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      return Reply.failed(e, settings.url());
    }
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

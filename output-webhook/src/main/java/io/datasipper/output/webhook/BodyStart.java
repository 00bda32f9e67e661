package io.datasipper.output.webhook;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first {@link #MAX_BYTES} of a response body and stops reading there: the body only
 * serves to explain a refusal, and a receiver must not be able to fill the memory with it.
 */
final class BodyStart implements HttpResponse.BodySubscriber<byte[]> {
  static final int MAX_BYTES = 4 * 1024;

  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  static HttpResponse.BodyHandler<byte[]> handler() {
    return info -> new BodyStart();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int take = Math.min(buffer.remaining(), MAX_BYTES - kept.size());
      byte[] part = new byte[take];
      buffer.get(part);
      kept.write(part, 0, take);
    }
    if (kept.size() >= MAX_BYTES) {
      subscription.cancel(); // the rest is never read: the connection is closed instead
      body.complete(kept.toByteArray());
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(kept.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }
}

package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.EventHeader;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.cdp.CdpConnection;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Fills in an exchange's request and response bodies, asking the browser for those it did not send inline. */
final class BodyReader {
  private final CdpConnection cdp;
  private final CaptureRules rules;
  private final OpenExchanges exchanges;

  BodyReader(CdpConnection cdp, CaptureRules rules, OpenExchanges exchanges) {
    this.cdp = cdp;
    this.rules = rules;
    this.exchanges = exchanges;
  }

  /** The request body of a {@code requestWillBeSent}'s request, inline or asked for. */
  void readPostData(Exchange x, JsonNode request) {
    if (!request.path("hasPostData").asBoolean()) {
      return;
    }
    String contentType = EventHeader.find(x.requestHeaders, "content-type");
    JsonNode entries = request.path("postDataEntries");
    if (entries.isArray() && !entries.isEmpty() && allHaveBytes(entries)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      entries.forEach(e -> bytes.writeBytes(Base64.getDecoder().decode(e.path("bytes").asText())));
      x.requestBody = Bodies.fromBytes(bytes.toByteArray(), contentType, rules.maxBodyBytes());
    } else if (request.has("postData") && !entries.isArray()) {
      x.requestBody = Bodies.fromText(request.path("postData").asText(), rules.maxBodyBytes());
    } else {
      // Large or blob-backed bodies (multipart uploads) are not inline: ask for them.
      cdp.send(x.sessionId, "Network.getRequestPostData", CdpConnection.params().put("requestId", x.requestId))
          .whenComplete(exchanges.awaitReply(x, (res, err) -> x.requestBody = err != null
              ? Body.omitted(0, "unavailable: " + err.getMessage())
              : res.path("base64Encoded").asBoolean()
                  ? Bodies.fromBase64(res.path("postData").asText(), contentType, rules.maxBodyBytes())
                  : Bodies.fromText(res.path("postData").asText(), rules.maxBodyBytes())));
    }
  }

  private static boolean allHaveBytes(JsonNode entries) {
    for (JsonNode e : entries) {
      if (!e.has("bytes")) {
        return false;
      }
    }
    return true;
  }

  /** The response body once loading finished: asked for right away, as the browser evicts bodies soon after. */
  CompletableFuture<?> readResponseBody(Exchange x, String sessionId, long encodedLength) {
    String mimeType = x.mimeType();
    if (!rules.keepsBody(mimeType)) {
      x.responseBody = notKept(mimeType, encodedLength);
      exchanges.emitIfComplete(x);
      return CompletableFuture.completedFuture(null);
    }
    return cdp.send(sessionId, "Network.getResponseBody", CdpConnection.params().put("requestId", x.requestId))
        .whenComplete(exchanges.awaitReply(x, (res, err) -> {
          if (err != null) {
            x.responseBody = Body.omitted(encodedLength, "unavailable: " + err.getMessage());
          } else {
            String body = res.path("body").asText();
            x.responseBody = res.path("base64Encoded").asBoolean()
                ? Bodies.fromBase64(body, mimeType, rules.maxBodyBytes())
                : Bodies.fromText(body, rules.maxBodyBytes());
            if (x.eventStream != null && !res.path("base64Encoded").asBoolean()) {
              x.eventStream.bodyRead(body);
            }
          }
        }));
  }

  /** An event stream's body from the bytes the browser streamed: it is not asked for again. */
  void keepStreamedBody(Exchange x, long encodedLength) {
    String mimeType = x.mimeType();
    x.responseBody = rules.keepsBody(mimeType) ? x.eventStream.streamedBody() : notKept(mimeType, encodedLength);
  }

  /**
   * Asks for the bodies of responses the browser never reported finished (a page that did not read
   * them), so a clean shutdown keeps them too. Completes when every such request has been answered.
   */
  CompletableFuture<Void> rescueUnfinished() {
    List<CompletableFuture<?>> replies = new ArrayList<>();
    for (Exchange x : exchanges.all()) {
      if (x.response != null && !x.loadingDone && !x.isEventSource()) {
        x.loadingDone = true;
        if (x.bodyStreamed()) {
          keepStreamedBody(x, -1);
          exchanges.emitIfComplete(x);
        } else {
          replies.add(readResponseBody(x, x.sessionId, -1));
        }
      }
    }
    return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
  }

  private static Body notKept(String mimeType, long encodedLength) {
    return Body.omitted(encodedLength, "body not kept for mime type " + mimeType);
  }
}

package io.datasipper.capture.testsite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The test site's own record of what it received and sent: the truth captures are checked against. */
public final class SiteLog {
  /** One HTTP request the site answered. */
  public record Hit(String method, String path, String host, int status, byte[] requestBody, byte[] responseBody) {}

  /** One WebSocket message, text or binary (binary as bytes). */
  public record Frame(boolean text, String data, byte[] bytes) {}

  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private final List<Frame> wsReceived = new CopyOnWriteArrayList<>();
  private final List<Frame> wsSent = new CopyOnWriteArrayList<>();
  private final List<String> sseSent = new CopyOnWriteArrayList<>();
  private final List<Instant> liveSseSent = new CopyOnWriteArrayList<>();

  void hit(Hit hit) {
    hits.add(hit);
  }

  void wsReceived(Frame f) {
    wsReceived.add(f);
  }

  void wsSent(Frame f) {
    wsSent.add(f);
  }

  void sseSent(String data) {
    sseSent.add(data);
  }

  void liveSseSent(Instant at) {
    liveSseSent.add(at);
  }

  public List<Hit> hits() {
    return new ArrayList<>(hits);
  }

  public List<Hit> hits(String path) {
    return hits.stream().filter(h -> h.path().equals(path)).toList();
  }

  public List<Frame> wsReceived() {
    return new ArrayList<>(wsReceived);
  }

  public List<Frame> wsSent() {
    return new ArrayList<>(wsSent);
  }

  public List<String> sseSent() {
    return new ArrayList<>(sseSent);
  }

  /** When each message of {@code /sse/live} had been written out, in order. */
  public List<Instant> liveSseSent() {
    return new ArrayList<>(liveSseSent);
  }
}

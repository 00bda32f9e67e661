package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.store.EventStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datasipper events --follow} in a JVM of its own, beside a store another process writes, as
 * a user runs it next to a capture.
 */
class EventsFollowTest {
  private static final Instant T = Instant.parse("2026-03-04T05:06:07Z");
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Long enough for `events --follow` to look for new events several times. */
  private static final Duration POLLS = Duration.ofSeconds(1);

  @TempDir Path dir;

  @Test
  void printsTheMatchingEventsStoredWhileItRunsAndEndsOnSigterm() throws Exception {
    store(http(1, "/a"), frame(2), http(3, "/b"));
    Process events = CliProcess.of(List.of("events", "--data-dir", dir.toString(), "--json", "--follow",
        "--type", "http", "--last", "1")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      List<String> ids = new CopyOnWriteArrayList<>();
      Thread.ofVirtual().start(() -> readIds(events, ids));
      Await.until(() -> ids.equals(List.of("h3")), WAIT, "the last stored http event printed, alone: " + ids);

      try (EventStore capture = EventStore.open(dir)) {
        // As the capture's writer stores them: committed at once, their keys (the type) written later.
        capture.append(List.of(frame(4), http(5, "/c")));
        Thread.sleep(POLLS.toMillis()); // the follower looks a few times while it cannot see them by type
      }
      store(http(6, "/d"));
      Await.until(() -> ids.size() == 3, WAIT, "the http events stored later printed: " + ids);
      assertThat(ids).containsExactly("h3", "h5", "h6");

      events.destroy();
      assertThat(events.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("ended by SIGTERM").isTrue();
    } finally {
      events.destroyForcibly();
    }
  }

  @Test
  void endsByItselfWhenNothingReadsItsOutputAnyMore() throws Exception {
    store(http(1, "/a"));
    Process events = CliProcess.of(List.of("events", "--data-dir", dir.toString(), "--follow"))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).contains("GET 200 http://127.0.0.1:8080/a");
      out.close(); // as `head -1` does once it has its line

      store(http(2, "/b"));
      assertThat(events.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("a follower whose output is closed stops at the next event").isTrue();
      assertThat(events.exitValue()).isZero();
    } finally {
      events.destroyForcibly();
    }
  }

  /** Writes events as the capture would, from another process than the follower. */
  private void store(CaptureEvent... events) throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(events));
    }
  }

  private static void readIds(Process process, List<String> ids) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        ids.add(EventJson.read(line).id());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpEvent http(long seq, String path) {
    return new HttpEvent("h" + seq, seq, T.plusSeconds(seq), T.plusSeconds(seq), null, "http://127.0.0.1:8080" + path,
        "GET", new HttpEvent.HttpRequest(List.of(), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(), "application/json", Body.text("{}", 2, false), "http/1.1",
            null, null, false),
        null, List.of(), null, "fetch", null, null);
  }

  private static WsFrameEvent frame(long seq) {
    return new WsFrameEvent("f" + seq, seq, T.plusSeconds(seq), "c1", "ws://127.0.0.1:8080/live",
        WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text("tick", 4, false), 4, null);
  }
}

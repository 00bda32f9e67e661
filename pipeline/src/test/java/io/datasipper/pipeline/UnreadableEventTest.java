package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.transform.EventTransform;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored event that cannot be read back goes to the dead letters; the events around it are delivered. */
class UnreadableEventTest {
  /** A transform that passes each event on as captured, which makes the stage read the typed event. */
  private static final TransformCompiler PASS_ON = (stream, source) -> new EventTransform() {
    @Override
    public Outcome apply(CaptureEvent event) {
      return EventTransform.IDENTITY.apply(event);
    }

    @Override
    public void close() {}
  };

  @TempDir Path dir;

  @Test
  void aRowThatNoLongerParsesIsDeadLetteredAndEveryOtherEventIsDelivered() throws Exception {
    Path all = dir.resolve("out/all.jsonl");
    PipelineSpec spec = new PipelineSpec(
        List.of(Fixtures.stream("frames", "ws_frame", null, "all"), Fixtures.stream("calls", "http", "pass on", "all")),
        List.of(Fixtures.file("all", all)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 900);
      // 450 is a call, read by its stream's transform; 451 a frame, passed on as stored.
      corrupt(dir.resolve("data"), 450, "{\"id\":\"e450\",\"type\":\"http\",\"seq\":450,");
      corrupt(dir.resolve("data"), 451, "{\"id\":\"e451\",\"type\":\"ws_frame\" nonsense}");
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), PASS_ON);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();

      // Two streams feed the output, each from a stage of its own: in order per stream, not across them.
      assertThat(PipelineDeliveryTest.seqs(Fixtures.lines(all))).containsExactlyInAnyOrderElementsOf(
          LongStream.rangeClosed(1, 900).filter(s -> s != 450 && s != 451).boxed().toList());
      List<DeliveryLedger.DeadLetter> dead = new DeliveryLedger(store).deadLetters(Pipeline.UNREADABLE, 10);
      assertThat(dead).extracting(DeliveryLedger.DeadLetter::sourceSeq).containsExactly(450L, 451L);
      assertThat(dead).extracting(DeliveryLedger.DeadLetter::eventId).containsExactly("e450", "e451");
      assertThat(dead.getFirst().error()).contains("event 450 in ", "events.db cannot be read");
      assertThat(pipeline.stats().stream(Pipeline.UNREADABLE).failed()).isEqualTo(2);
      assertThat(new DeliveryLedger(store).stats().get("stream:" + Pipeline.UNREADABLE)).contains("\"failed\":2");
      assertThat(new DeliveryLedger(store).cursor("all")).hasValue(900);
    }
  }

  @Test
  void anEventWithAStringAboveJacksonsDefaultLimitIsDeliveredWhole() throws Exception {
    Path all = dir.resolve("out/all.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "pass on", "all")),
        List.of(Fixtures.file("all", all)));
    String big = "x".repeat(21_000_000); // Jackson refuses strings above 20,000,000 characters by default
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      store.insert(List.of(SampleEvents.frame(1, "conn-1", big), SampleEvents.frame(2, "conn-1", "small")));
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), PASS_ON);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
      List<String> lines = Fixtures.lines(all);
      assertThat(lines).hasSize(2);
      assertThat(lines.getFirst()).contains("\"seq\":1,", big);
      assertThat(PipelineDeliveryTest.seqs(lines.subList(1, 2))).containsExactly(2L);
      assertThat(new DeliveryLedger(store).deadLetters(null, 10)).isEmpty();
    }
  }

  static void corrupt(Path dataDir, long seq, String json) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(EventStore.FILE_NAME));
        PreparedStatement ps = c.prepareStatement("UPDATE events SET json = ? WHERE seq = ?")) {
      ps.setString(1, json);
      ps.setLong(2, seq);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}

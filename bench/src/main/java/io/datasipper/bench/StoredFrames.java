package io.datasipper.bench;

import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import java.util.Arrays;
import java.util.BitSet;

/**
 * What ended up in the store: its ws_frame rows, the benchmark frames among them per step (each
 * counted once), and its capture_gap rows.
 */
record StoredFrames(long frameRows, long[] perStep, long gapRows) {

  /** Counts the rows stored after {@code afterSeq}: those of the capture, in a store that held others before. */
  static StoredFrames count(EventStore store, int steps, long afterSeq) {
    BitSet[] seen = new BitSet[steps];
    Arrays.setAll(seen, i -> new BitSet());
    long[] rows = {0};
    store.scan(new EventQuery(WsFrameEvent.TYPE, afterSeq, 0), e -> {
      rows[0]++;
      FramePayload f = FramePayload.parse(((WsFrameEvent) e).payload().data());
      if (f != null && f.step() >= 0 && f.step() < steps && f.seq() >= 0 && f.seq() <= Integer.MAX_VALUE) {
        seen[f.step()].set((int) f.seq());
      }
    });
    long[] perStep = Arrays.stream(seen).mapToLong(BitSet::cardinality).toArray();
    long gaps = store.query(new EventQuery(CaptureGapEvent.TYPE, afterSeq, 0)).size();
    return new StoredFrames(rows[0], perStep, gaps);
  }
}

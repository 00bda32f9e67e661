package io.datasipper.bench;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.LaunchOptions;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import io.datasipper.store.WriterStats;
import java.nio.file.Path;

/**
 * DataSipper as a user runs it: {@link Capture#launch} into a {@link StoreWriter} on a real SQLite
 * store, with the given rules (the defaults, or the defaults keeping secrets) and the default writer settings. A frame counts as read when its ws_frame
 * event reaches the ring buffer (its subscribers are called on the browser-reading thread).
 */
final class DataSipperReader implements FrameReader {
  static final StoreWriter.Settings SETTINGS = StoreWriter.Settings.defaults();
  private static final long POLL_MILLIS = 50;

  private final Path chromium;
  private final Path dir;
  private final FrameTally tally;
  private final int steps;
  private final CaptureRules rules;
  private EventStore store;
  private RingBuffer ring;
  private StoreWriter writer;
  private Capture capture;
  private StoredFrames stored;
  /** The highest seq in the store before the capture: what the store held already is not counted. */
  private long seqBefore;

  DataSipperReader(Path chromium, Path dir, FrameTally tally, int steps, CaptureRules rules) {
    this.chromium = chromium;
    this.dir = dir;
    this.tally = tally;
    this.steps = steps;
    this.rules = rules;
  }

  @Override
  public void start(String pageUrl) throws Exception {
    store = EventStore.open(dir.resolve("data"));
    ring = new RingBuffer();
    ring.subscribe(this::onEvent);
    seqBefore = store.maxSeq();
    EventStamps stamps = new EventStamps(seqBefore + 1);
    writer = new StoreWriter(store, ring, stamps, SETTINGS);
    LaunchOptions launch = new LaunchOptions(chromium, dir.resolve("profile"), false, ChromiumFlags.HERMETIC);
    capture = Capture.launch(launch, rules, stamps, writer);
    capture.open(pageUrl);
  }

  private void onEvent(CaptureEvent e) {
    if (e instanceof WsFrameEvent f && f.direction() == WsFrameEvent.Direction.RECEIVED) {
      long now = System.nanoTime();
      tally.onFrame(f.payload().data(), now);
    }
  }

  /** The store the capture writes to, once started: for readers of it beside the capture (the feed). */
  EventStore store() {
    return store;
  }

  /** The capture's store writer, once started. */
  StoreWriter writer() {
    return writer;
  }

  /** The capture's ring buffer, once started. */
  RingBuffer ring() {
    return ring;
  }

  @Override
  public WriterStats writerStats() {
    return writer == null ? null : writer.stats();
  }

  @Override
  public long queuedBytes() {
    return writer == null ? 0 : writer.stats().queuedBytes();
  }

  @Override
  public void awaitStored(long maxMillis) throws InterruptedException {
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    while (writer != null && writer.stats().pendingEvents() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MILLIS);
    }
  }

  @Override
  public StoredFrames stored() {
    return stored;
  }

  /** Stops the capture, lets the writer drain, then counts what the store holds. */
  @Override
  public void close() {
    try {
      if (capture != null) {
        capture.close();
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
      if (store != null) {
        stored = StoredFrames.count(store, steps, seqBefore);
        store.close();
      }
    }
  }

}

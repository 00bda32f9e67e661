package io.datasipper.bench;

import io.datasipper.capture.CaptureRules;
import io.datasipper.store.WriterStats;
import java.nio.file.Path;

/** A browser and whatever reads its traffic, fed to a {@link FrameTally}: one per phase. */
interface FrameReader extends AutoCloseable {

  /** Launches the browser, attaches to a tab and loads the page there. */
  void start(String pageUrl) throws Exception;

  /** The browser's version, where the reader asked for it; null otherwise. */
  default String browserVersion() {
    return null;
  }

  /** The store writer's counters now; null for a reader without a store. */
  default WriterStats writerStats() {
    return null;
  }

  /** Bytes waiting for the store now. */
  default long queuedBytes() {
    return 0;
  }

  /** Waits, at most {@code maxMillis}, until everything accepted is in the store. */
  default void awaitStored(long maxMillis) throws InterruptedException {}

  /** After {@link #close}: the rows in the store, or null for a reader without a store. */
  default StoredFrames stored() {
    return null;
  }

  /** Closes the browser (and the store). */
  @Override
  void close();

  /** Which reader. */
  enum Kind {
    BARE("bare CDP"),
    DATASIPPER("DataSipper"),
    /** DataSipper with redaction off: beside {@link #DATASIPPER}, what redaction costs. */
    DATASIPPER_KEEP_SECRETS("DataSipper keep_secrets");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    FrameReader create(Path chromium, Path dir, FrameTally tally, int steps) {
      return switch (this) {
        case BARE -> new BareCdpReader(chromium, dir, tally);
        case DATASIPPER -> new DataSipperReader(chromium, dir, tally, steps, CaptureRules.defaults());
        case DATASIPPER_KEEP_SECRETS ->
            new DataSipperReader(chromium, dir, tally, steps, CaptureRules.defaults().withKeepSecrets(true));
      };
    }
  }
}

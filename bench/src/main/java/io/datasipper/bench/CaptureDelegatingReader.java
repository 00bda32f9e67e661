package io.datasipper.bench;

import io.datasipper.store.WriterStats;

/**
 * A reader that runs something beside DataSipper's capture (a server, subscribers, a sweep): the
 * store's figures are the capture's, so a run with the extra is comparable with one without.
 */
abstract class CaptureDelegatingReader implements FrameReader {
  protected final DataSipperReader capture;

  protected CaptureDelegatingReader(DataSipperReader capture) {
    this.capture = capture;
  }

  @Override
  public WriterStats writerStats() {
    return capture.writerStats();
  }

  @Override
  public long queuedBytes() {
    return capture.queuedBytes();
  }

  @Override
  public void awaitStored(long maxMillis) throws InterruptedException {
    capture.awaitStored(maxMillis);
  }

  @Override
  public StoredFrames stored() {
    return capture.stored();
  }
}

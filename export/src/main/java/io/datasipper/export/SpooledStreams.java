package io.datasipper.export;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The messages of many interleaved streams (WebSocket connections, SSE streams), kept in a
 * {@link Spool} so they can be read back grouped by stream.
 *
 * <p>Memory: per stream, one small object plus 16 bytes per run, where a run is a stretch of
 * messages of that stream with no other stream's message in between. A single busy connection
 * costs almost nothing; in the worst case, strictly alternating streams, it is 16 bytes a message.
 */
final class SpooledStreams {
  private final Spool spool;
  private final Map<String, Runs> streams = new HashMap<>();

  SpooledStreams(Spool spool) {
    this.spool = spool;
  }

  void append(String stream, byte[] message) throws IOException {
    long start = spool.append(message);
    streams.computeIfAbsent(stream, k -> new Runs()).add(start, spool.end());
  }

  long count(String stream) {
    Runs runs = streams.get(stream);
    return runs == null ? 0 : runs.messages;
  }

  /** Reads the messages of a stream in the order they were appended. */
  void forEach(String stream, Spool.RecordConsumer each) throws IOException {
    Runs runs = streams.get(stream);
    if (runs == null) {
      return;
    }
    for (int i = 0; i < runs.used; i += 2) {
      spool.forEach(runs.bounds[i], runs.bounds[i + 1], each);
    }
  }

  /** Start and end positions of the runs, flattened: start0, end0, start1, end1, ... */
  private static final class Runs {
    private long[] bounds = new long[4];
    private int used;
    private long messages;

    void add(long start, long end) {
      messages++;
      if (used > 0 && bounds[used - 1] == start) {
        bounds[used - 1] = end;
        return;
      }
      if (used == bounds.length) {
        bounds = Arrays.copyOf(bounds, used * 2);
      }
      bounds[used++] = start;
      bounds[used++] = end;
    }
  }
}

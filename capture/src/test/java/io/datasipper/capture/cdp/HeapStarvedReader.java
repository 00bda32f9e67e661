package io.datasipper.capture.cdp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Reads, over a pipe, a frame event just under the message limit and then a small event, and
 * prints what it read and lost. Run in a JVM whose heap is too small to parse the frame.
 */
public final class HeapStarvedReader {
  private HeapStarvedReader() {}

  public static void main(String[] args) throws Exception {
    long payloadChars = MessageLimit.MIN_BYTES - 1_000_000;
    InputStream wire = new SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
        text("{\"method\":\"Network.webSocketFrameReceived\",\"params\":{\"requestId\":\"3.1\",\"response\":"
            + "{\"opcode\":1,\"payloadData\":\""),
        new Filler(payloadChars),
        text("\"}}}\0{\"method\":\"Network.after\",\"params\":{}}\0"))));
    CdpConnection cdp = new CdpConnection(
        new PipeTransport(OutputStream.nullOutputStream(), wire, "heap-starved-reader", MessageLimit.MIN_BYTES));
    cdp.start(e -> System.out.println("read " + e.method()), m -> System.out.println("lost " + m));
    System.out.println("closed: " + cdp.closed().get(60, TimeUnit.SECONDS));
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code length} x's, made as they are read. */
  private static final class Filler extends InputStream {
    private long left;

    Filler(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      return left-- > 0 ? 'x' : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, (byte) 'x');
      left -= n;
      return n;
    }
  }
}

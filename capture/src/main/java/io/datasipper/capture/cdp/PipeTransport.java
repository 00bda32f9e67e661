package io.datasipper.capture.cdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The {@code --remote-debugging-pipe} transport: NUL-terminated JSON over the browser's fd 3 (our
 * writes) and fd 4 (our reads). No port is opened, so no other process can drive the browser.
 */
public final class PipeTransport implements CdpTransport {
  private static final int BUFFER_BYTES = 256 * 1024;
  private final OutputStream toBrowser;
  private final InputStream fromBrowser;
  private final String name;
  private final long maxMessageBytes;
  private volatile boolean closing;

  /** A transport whose messages may be {@link MessageLimit#MIN_BYTES} long. */
  public PipeTransport(OutputStream toBrowser, InputStream fromBrowser, String name) {
    this(toBrowser, fromBrowser, name, MessageLimit.MIN_BYTES);
  }

  public PipeTransport(OutputStream toBrowser, InputStream fromBrowser, String name, long maxMessageBytes) {
    this.toBrowser = toBrowser;
    this.fromBrowser = fromBrowser;
    this.name = name;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void start(Consumer<String> onMessage, Consumer<DroppedMessage> onDropped, Consumer<String> onClosed) {
    Thread reader = new Thread(() -> readLoop(onMessage, onDropped, onClosed), name);
    reader.setDaemon(true);
    reader.start();
  }

  private void readLoop(Consumer<String> onMessage, Consumer<DroppedMessage> onDropped, Consumer<String> onClosed) {
    byte[] chunk = new byte[BUFFER_BYTES];
    Message message = new Message();
    String reason = "the browser closed the pipe";
    try {
      int n;
      while ((n = fromBrowser.read(chunk)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] == 0) {
            message.append(chunk, start, i - start);
            message.deliver(onMessage, onDropped);
            start = i + 1;
          }
        }
        message.append(chunk, start, n - start);
      }
    } catch (IOException e) {
      if (!closing) {
        reason = "reading from the browser failed: " + e.getMessage();
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      reason = "handling a browser message failed: " + e;
    }
    onClosed.accept(reason);
  }

  /**
   * The bytes of the message being read. Past the limit only its start is kept, to say what it
   * was, and the rest is counted and skipped.
   */
  private final class Message {
    private byte[] bytes = new byte[BUFFER_BYTES];
    private int kept;
    private long size;

    void append(byte[] src, int from, int count) {
      size += count;
      boolean over = size > maxMessageBytes;
      int room = over ? Math.max(0, Math.min(count, MessageLimit.START_KEPT - kept)) : count;
      if (kept + room > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(bytes.length * 2L, kept + room), maxMessageBytes));
      }
      System.arraycopy(src, from, bytes, kept, room);
      kept = over ? Math.min(kept + room, MessageLimit.START_KEPT) : kept + room;
    }

    void deliver(Consumer<String> onMessage, Consumer<DroppedMessage> onDropped) {
      if (size > maxMessageBytes) {
        onDropped.accept(new DroppedMessage(size, new String(bytes, 0, kept, StandardCharsets.UTF_8),
            MessageLimit.overLimit(maxMessageBytes)));
      } else {
        onMessage.accept(new String(bytes, 0, kept, StandardCharsets.UTF_8));
      }
      kept = 0;
      size = 0;
      if (bytes.length > 4 * BUFFER_BYTES) {
        bytes = new byte[BUFFER_BYTES]; // a large message's buffer is not held on to
      }
    }
  }

  @Override
  public void send(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    synchronized (toBrowser) {
      try {
        toBrowser.write(bytes);
        toBrowser.write(0);
        toBrowser.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write to the browser: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      toBrowser.close();
    } catch (IOException ignored) {
      // the browser is gone already
    }
  }
}

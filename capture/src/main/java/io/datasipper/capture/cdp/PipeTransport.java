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
  private static final int INITIAL_BUFFER = 256 * 1024;
  private static final int MAX_KEPT_BUFFER = 4 * 1024 * 1024;

  private final OutputStream toBrowser;
  private final InputStream fromBrowser;
  private final String name;
  private volatile boolean closing;

  public PipeTransport(OutputStream toBrowser, InputStream fromBrowser, String name) {
    this.toBrowser = toBrowser;
    this.fromBrowser = fromBrowser;
    this.name = name;
  }

  @Override
  public void start(Consumer<String> onMessage, Consumer<String> onClosed) {
    Thread reader = new Thread(() -> readLoop(onMessage, onClosed), name);
    reader.setDaemon(true);
    reader.start();
  }

  private void readLoop(Consumer<String> onMessage, Consumer<String> onClosed) {
    byte[] chunk = new byte[INITIAL_BUFFER];
    byte[] message = new byte[INITIAL_BUFFER];
    int length = 0;
    String reason = "the browser closed the pipe";
    try {
      int n;
      while ((n = fromBrowser.read(chunk)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] == 0) {
            message = append(message, length, chunk, start, i - start);
            length += i - start;
            onMessage.accept(new String(message, 0, length, StandardCharsets.UTF_8));
            length = 0;
            if (message.length > MAX_KEPT_BUFFER) {
              message = new byte[INITIAL_BUFFER]; // one large frame must not hold its size in the heap for good
            }
            start = i + 1;
          }
        }
        message = append(message, length, chunk, start, n - start);
        length += n - start;
      }
    } catch (IOException e) {
      if (!closing) {
        reason = "reading from the browser failed: " + e.getMessage();
      }
    } catch (RuntimeException e) {
      reason = "handling a browser message failed: " + e;
    }
    onClosed.accept(reason);
  }

  private static byte[] append(byte[] buffer, int used, byte[] src, int from, int count) {
    byte[] out = buffer;
    if (used + count > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, used + count));
    }
    System.arraycopy(src, from, out, used, count);
    return out;
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

package io.datasipper.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a started server the requests of a dashboard's first opening, one after another, as the
 * browser sends them. The first request down a path loads and initialises the classes that answer it
 * (Jetty's, Javalin's, the JSON writers', the store's statements), which made the user's first
 * opening of the dashboard the slow one. Like the browser, it first opens the address the command
 * printed, trading its token for the cookie, and sends every request with that cookie (the feed's
 * WebSocket with the page's {@code Origin}): the guard's cookie exchange and cookie check are warmed
 * too. Over a plain socket, HTTP/1.1: the JDK's HTTP client would itself load more classes than the
 * answers do. A request that fails is logged at debug level, never with the token: it costs the user
 * only the time it would have saved.
 */
final class WarmUp {
  /** What {@link #send} reports for a request that got no answer. */
  static final int NO_ANSWER = -1;
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final int STATUS_OFFSET = "HTTP/1.1 ".length();
  private static final String SET_COOKIE = "set-cookie:";
  /** A client's close frame, code 1000, as RFC 6455 has clients send it: masked (with a zero mask). */
  private static final byte[] CLOSE_FRAME = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8};
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  private final int port;
  private final String token;
  private final List<FirstRequest> requests;

  WarmUp(int port, String token, List<FirstRequest> requests) {
    this.port = port;
    this.token = token;
    this.requests = List.copyOf(requests);
  }

  /** Sends each request and reads its answer to the end; the status of each, {@link #NO_ANSWER} for one that failed. */
  Map<FirstRequest, Integer> send() {
    String cookie = tradeToken();
    Map<FirstRequest, Integer> statuses = new LinkedHashMap<>();
    for (FirstRequest request : requests) {
      int status = NO_ANSWER;
      try (Socket socket = connect()) {
        status = status(exchange(socket, request, cookie));
      } catch (IOException e) {
        LOG.debug("warming the server up with {} failed", request.path(), e);
      }
      statuses.put(request, status);
    }
    return statuses;
  }

  /**
   * Opens {@code /?token=} as the browser opens the printed address, and returns the cookie the
   * server set ({@code name=value}); null if it set none, and the requests then go without a
   * credential: refused, they warm less, and cost no more.
   */
  private String tradeToken() {
    try (Socket socket = connect()) {
      String head = exchange(socket, FirstRequest.get("/?token=" + token), null);
      String cookie = head.lines()
          .filter(line -> line.regionMatches(true, 0, SET_COOKIE, 0, SET_COOKIE.length()))
          .map(line -> line.substring(SET_COOKIE.length()).split(";", 2)[0].strip())
          .findFirst().orElse(null);
      if (cookie == null) {
        LOG.debug("warming the server up: opening its address answered {} without a cookie", status(head));
      }
      return cookie;
    } catch (IOException e) {
      LOG.debug("warming the server up: opening its address failed", e);
      return null;
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }

  /** Sends the request and reads its answer to the end; the answer's status line and headers. */
  private String exchange(Socket socket, FirstRequest request, String cookie) throws IOException {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    out.write(head(request, cookie).getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = readHead(in);
    if (request.webSocket()) {
      if (status(head) != 101) {
        // A refused upgrade's connection is kept open for more requests: reading to its end would wait out the timeout.
        return head;
      }
      out.write(CLOSE_FRAME);
      out.flush();
    }
    // Read to the end: the answer is written whole, and for a WebSocket the server's close frame arrives.
    in.transferTo(OutputStream.nullOutputStream());
    return head;
  }

  private String head(FirstRequest request, String cookie) {
    StringBuilder head = new StringBuilder()
        .append("GET ").append(request.path()).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n");
    if (cookie != null) {
      head.append("Cookie: ").append(cookie).append("\r\n");
    }
    if (request.webSocket()) {
      // The guard takes a cookie on an upgrade only from the server's own pages.
      head.append("Origin: http://127.0.0.1:").append(port).append("\r\n")
          .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
          .append("Sec-WebSocket-Key: ").append(webSocketKey()).append("\r\n");
    } else {
      head.append("Connection: close\r\n");
    }
    return head.append("\r\n").toString();
  }

  private static String webSocketKey() {
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /** The answer's status line and headers, up to the blank line. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the answer ended within its headers");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int status(String head) throws IOException {
    try {
      return Integer.parseInt(head.substring(STATUS_OFFSET, STATUS_OFFSET + 3));
    } catch (RuntimeException e) {
      throw new IOException("not an HTTP/1.1 status line: " + head.lines().findFirst().orElse(""), e);
    }
  }
}

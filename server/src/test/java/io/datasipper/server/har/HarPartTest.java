package io.datasipper.server.har;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreKey;
import io.datasipper.testkit.SampleEvents;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/har}: the events of the seqs named, as a HAR file to save. */
class HarPartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock DOWNLOADED = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);

  /** Twelve frames of 1 MiB: more than the server's and the client's socket buffers together. */
  private static final int FRAMES = 12;
  private static final String MARKER = "a frame's text that must not lie on disk decrypted ";
  private static final String PAYLOAD = MARKER.repeat((1 << 20) / MARKER.length());

  @TempDir Path dataDir;

  @Test
  void theEventsNamedAreTheHarsEntriesAndThoseNoLongerStoredAreCounted() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      SampleEvents.fill(store, 1, 6, SampleEvents::call);

      HttpResponse<String> har = post(server, "{\"seqs\": [5, 1, 3, 1, 99]}");

      assertThat(har.statusCode()).as(har.body()).isEqualTo(200);
      assertThat(har.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"datasipper-20261201-101530.har\"");
      assertThat(har.headers().firstValue(HarPart.MISSING_HEADER)).as("99 was never stored").hasValue("1");
      assertThat(har.headers().firstValue(HarPart.UNREADABLE_HEADER)).hasValue("0");
      assertThat(urls(har)).containsExactly("http://127.0.0.1/api/orders/1", "http://127.0.0.1/api/orders/3",
          "http://127.0.0.1/api/orders/5");
      assertThat(JSON.readTree(har.body()).at("/log/entries/1/response/content/text").asText())
          .isEqualTo("{\"order\":3}");
      assertThat(openSpools()).as("the download's spool closed, its disk given back").isEmpty();
    }
  }

  @Test
  void aStoredEventThatCannotBeReadBackIsLeftOutAndCounted() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      SampleEvents.fill(store, 1, 3, SampleEvents::call);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(EventStore.FILE_NAME));
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE events SET json = '{\"type\":\"http\",' WHERE seq = 2");
      }

      HttpResponse<String> har = post(server, "{\"seqs\": [1, 2, 3]}");

      assertThat(har.statusCode()).as(har.body()).isEqualTo(200);
      assertThat(har.headers().firstValue(HarPart.UNREADABLE_HEADER)).hasValue("1");
      assertThat(urls(har)).containsExactly("http://127.0.0.1/api/orders/1", "http://127.0.0.1/api/orders/3");
    }
  }

  @Test
  void anEncryptedStoresEventsAreDownloadedDecrypted() throws Exception {
    try (EventStore store = EventStore.open(dataDir, StoreKey.generate());
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      SampleEvents.fill(store, 1, 4, SampleEvents::call);

      HttpResponse<String> har = post(server, "{\"seqs\": [4, 2]}");

      assertThat(har.statusCode()).as(har.body()).isEqualTo(200);
      assertThat(urls(har)).containsExactly("http://127.0.0.1/api/orders/2", "http://127.0.0.1/api/orders/4");
    }
  }

  @Test
  void anEncryptedStoresDownloadLeavesNoEventTextInItsSpool() throws Exception {
    try (EventStore store = EventStore.open(dataDir, StoreKey.generate());
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      byte[] spool = spoolWhileDownloading(store, server);

      assertThat(spool.length).as("the spool holds the frames' payloads").isGreaterThan(FRAMES * PAYLOAD.length());
      assertThat(indexOf(spool, MARKER)).as("the frames' text in the spool").isEqualTo(-1);
    }
  }

  /** The check above can fail: a plain store's download spools the same frames as they are. */
  @Test
  void aPlainStoresDownloadSpoolsItsEventTextAsItIs() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      byte[] spool = spoolWhileDownloading(store, server);

      assertThat(indexOf(spool, MARKER)).as("the frames' text in the spool").isNotEqualTo(-1);
    }
  }

  @Test
  void noSeqsMakeAHarWithoutEntries() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      HttpResponse<String> har = post(server, "{\"seqs\": []}");

      assertThat(har.statusCode()).as(har.body()).isEqualTo(200);
      assertThat(JSON.readTree(har.body()).at("/log/version").asText()).isEqualTo("1.2");
      assertThat(urls(har)).isEmpty();
    }
  }

  @Test
  void aBodyThatDoesNotNameSeqsIsRefusedSayingWhatIsWrong() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      assertRefused(server, "", "body.seqs: missing; list the seqs of the events to download");
      assertRefused(server, "{\"seqs\": [1,", "body: not valid JSON: ");
      assertRefused(server, "[1, 2]", "body: expected a JSON object with seqs");
      assertRefused(server, "{\"seq\": [1]}", "body.seq: unknown key; use seqs");
      assertRefused(server, "{}", "body.seqs: missing; list the seqs of the events to download");
      assertRefused(server, "{\"seqs\": \"1-5\"}", "body.seqs: \"1-5\" is not an array of seqs");
      assertRefused(server, "{\"seqs\": [1, 0]}", "body.seqs[1]: 0 is not a seq (a whole number from 1)");
      assertRefused(server, "{\"seqs\": [\"7\"]}", "body.seqs[0]: \"7\" is not a seq (a whole number from 1)");
      assertRefused(server, "{\"seqs\": [2.5]}", "body.seqs[0]: 2.5 is not a seq (a whole number from 1)");
      assertRefused(server, "{\"seqs\": [1" + ",1".repeat(HarRequest.MAX_SEQS) + "]}",
          "body.seqs: 100,001 seqs; at most 100,000 in one download");
    }
  }

  /**
   * Downloads the HAR of {@link #FRAMES} large frames over a socket that stops reading after the
   * answer's headers, so that the server waits with its spool open, and reads the spool then.
   * The frames make a HAR larger than the sockets' buffers can hold.
   */
  private byte[] spoolWhileDownloading(EventStore store, LocalServer server) throws Exception {
    SampleEvents.fill(store, 1, FRAMES, seq -> SampleEvents.frame(seq, "conn-1", PAYLOAD));
    String body = JSON.writeValueAsString(Map.of("seqs", LongStream.rangeClosed(1, FRAMES).toArray()));
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(64 * 1024);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(server.address().getHost(), server.address().getPort()));
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/har HTTP/1.1\r\nHost: " + server.address().getAuthority()
          + "\r\nAuthorization: Bearer " + server.token()
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
          + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(headers(in)).startsWith("HTTP/1.1 200");
      byte[] spool = Files.readAllBytes(openSpools().stream().findFirst()
          .orElseThrow(() -> new AssertionError("no export spool in " + dataDir + " open while the download waits")));
      long rest = in.transferTo(OutputStream.nullOutputStream());
      assertThat(rest).as("the rest of the HAR").isGreaterThan(FRAMES * PAYLOAD.length());
      return spool;
    }
  }

  /** The answer's status line and headers, read byte by byte so that nothing after them is. */
  private static String headers(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the answer ended in its headers: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /**
   * The export spools open in this process (the server's), as its open files: the JDK unlinks a
   * delete-on-close file as soon as it is open, so a spool has no name in the directory.
   */
  private List<Path> openSpools() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> target(fd).startsWith(dataDir.resolve(".datasipper-export-").toString())).toList();
    }
  }

  private static String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException closedMeanwhile) {
      return "";
    }
  }

  private static int indexOf(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
  }

  private static void assertRefused(LocalServer server, String body, String message) throws Exception {
    HttpResponse<String> answer = post(server, body);
    assertThat(answer.statusCode()).as(body).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Disposition")).as(body).isEmpty();
    assertThat(JSON.readTree(answer.body()).get("error").asText()).as(body).startsWith(message);
  }

  private static HttpResponse<String> post(LocalServer server, String body) throws Exception {
    ApiClient api = new ApiClient(server);
    return api.send(api.request("/api/har").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static List<String> urls(HttpResponse<String> har) throws Exception {
    JsonNode entries = JSON.readTree(har.body()).at("/log/entries");
    return StreamSupport.stream(entries.spliterator(), false).map(e -> e.at("/request/url").asText()).toList();
  }
}

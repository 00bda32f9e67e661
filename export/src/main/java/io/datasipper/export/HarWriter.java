package io.datasipper.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WebSocketEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import io.datasipper.api.json.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes captured events as a HAR 1.2 document, the way Chrome exports one: an entry per HTTP
 * exchange and per redirect hop, WebSocket connections as entries with {@code _webSocketMessages},
 * SSE messages as {@code _eventSourceMessages} on the entry of their request, a page per tab, and
 * entries ordered by {@code startedDateTime}.
 *
 * <p>Use: {@link #add} every event (in the store's seq order), then {@link #writeTo}, then close.
 *
 * <p>Memory stays small however large the capture: HTTP exchanges (as their entries, already
 * rendered), WebSocket frames and SSE messages go to a spool file while events are added, and the
 * document is streamed from there with a {@link JsonGenerator}. What stays in memory is about 100
 * bytes per HTTP exchange (to sort entries by start, as the store orders events by their end), the
 * handshake headers of each WebSocket connection, and per WebSocket or SSE stream 16 bytes per run
 * of consecutive messages (see {@link SpooledStreams}). The spool needs about as much disk as the
 * events themselves.
 */
public final class HarWriter implements AutoCloseable {

  /** An entry (or a redirect chain's entries) waiting to be written in start order. */
  private sealed interface Pending permits RenderedRef, StreamExchangeRef, SocketRef, SseRef {
    Instant startedAt();

    long seq();
  }

  /** An exchange whose entries were rendered when it was added: spool records {@code from} to {@code to}. */
  private record RenderedRef(Instant startedAt, long seq, long from, long to, int entries) implements Pending {}

  /** An event stream's exchange, spooled as its event: SSE messages may join it, known only at the end. */
  private record StreamExchangeRef(Instant startedAt, long seq, long spoolPosition) implements Pending {}

  private record SocketRef(Instant startedAt, long seq, WebSocketConnection connection) implements Pending {}

  private record SseRef(Instant startedAt, long seq, SseStream stream) implements Pending {}

  private final Spool spool;
  private final SpooledStreams socketMessages;
  private final SpooledStreams sseMessages;
  private final List<Pending> exchanges = new ArrayList<>();
  private final Map<String, WebSocketConnection> sockets = new HashMap<>();
  private final Map<String, SseStream> sseStreams = new LinkedHashMap<>();
  private final SseJoin sseJoin = new SseJoin();
  private final HarPages pages = new HarPages();
  private final CaptureNotes notes = new CaptureNotes();

  private HarWriter(Spool spool) {
    this.spool = spool;
    this.socketMessages = new SpooledStreams(spool);
    this.sseMessages = new SpooledStreams(spool);
  }

  /** @param spoolDir where the spool file goes: pick a disk with room for the capture */
  public static HarWriter create(Path spoolDir) throws IOException {
    return new HarWriter(new Spool(spoolDir, null));
  }

  /**
   * A writer whose spool holds the events encrypted, with a key of its own kept in memory: for an
   * encrypted store, whose events must not lie on disk decrypted. It costs time, not room.
   *
   * @param spoolDir where the spool file goes: pick a disk with room for the capture
   */
  public static HarWriter createSealed(Path spoolDir) throws IOException {
    return new HarWriter(new Spool(spoolDir, new SpoolSeal()));
  }

  /** Takes one event; a spool write failure is thrown as {@link UncheckedIOException}. */
  public void add(CaptureEvent event) {
    try {
      switch (event) {
        case HttpEvent e -> addExchange(e);
        case WsOpenEvent e -> socket(e).opened(e);
        case WsFrameEvent e -> addFrame(e);
        case WsCloseEvent e -> socket(e).closed();
        case WsErrorEvent e -> socket(e).failed(e.timestamp(), e.message());
        case SseEvent e -> addSse(e);
        case CaptureGapEvent e -> notes.gap(e);
        case CaptureErrorEvent e -> notes.error(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export's spool file", e);
    }
  }

  /** Writes the document to {@code out}, which is flushed and left open. */
  public HarSummary writeTo(OutputStream out) throws IOException {
    Map<Long, SseStream> joined = sseJoin.match(sseStreams.values());
    JsonGenerator g = HarJson.generator(out);
    g.writeStartObject();
    g.writeObjectFieldStart("log");
    g.writeStringField("version", "1.2");
    g.writeObjectFieldStart("creator");
    g.writeStringField("name", "DataSipper");
    g.writeStringField("version", creatorVersion());
    g.writeEndObject();
    if (notes.comment() != null) {
      g.writeStringField("comment", notes.comment());
    }
    pages.write(g);
    g.writeArrayFieldStart("entries");
    long entries = 0;
    long messages = 0;
    for (Pending p : startOrder(Set.copyOf(joined.values()))) {
      switch (p) {
        case RenderedRef r -> {
          spool.forEach(r.from(), r.to(), entry -> writeRawValue(g, entry));
          entries += r.entries();
        }
        case StreamExchangeRef r -> entries += writeStreamExchange(g, r, joined.get(r.seq()));
        case SocketRef r -> {
          WebSocketConnection c = r.connection();
          long count = socketMessages.count(c.connectionId());
          c.write(g, HarPages.pageref(c.source()), count, raw(socketMessages, c.connectionId()));
          entries++;
          messages += count;
        }
        case SseRef r -> {
          SseStream s = r.stream();
          s.writeOwnEntry(g, HarPages.pageref(s.source()), raw(sseMessages, s.requestId()));
          entries++;
        }
      }
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
    g.flush();
    return new HarSummary(entries, sockets.size(), messages);
  }

  @Override
  public void close() throws IOException {
    spool.close();
  }

  /** All entries by start; ties (a redirect chain's hops share a start) keep seq order. */
  private List<Pending> startOrder(Set<SseStream> joinedStreams) {
    List<Pending> order = new ArrayList<>(exchanges);
    for (WebSocketConnection c : sockets.values()) {
      order.add(new SocketRef(c.startedAt(), c.firstSeq(), c));
    }
    for (SseStream s : sseStreams.values()) {
      if (!joinedStreams.contains(s)) {
        order.add(new SseRef(s.firstAt(), s.firstSeq(), s));
      }
    }
    order.sort(Comparator.comparing(Pending::startedAt).thenComparingLong(Pending::seq));
    return order;
  }

  /**
   * Spools an exchange as its HAR entries, rendered now, so that the document is written without
   * reading events back; only an event stream's exchange waits as its event for the SSE messages
   * that may join it.
   */
  private void addExchange(HttpEvent e) throws IOException {
    pages.see(e.source(), e.startedAt());
    if (sseJoin.offer(e)) {
      long position = spool.append(EventJson.mapper().writeValueAsBytes(e));
      exchanges.add(new StreamExchangeRef(e.startedAt(), e.seq(), position));
    } else {
      long from = spool.end();
      int entries = HttpEntries.render(e, HarPages.pageref(e.source()), spool::append);
      exchanges.add(new RenderedRef(e.startedAt(), e.seq(), from, spool.end(), entries));
    }
  }

  private void addFrame(WsFrameEvent e) throws IOException {
    socket(e);
    byte[] message = WebSocketConnection.message(e);
    if (message != null) {
      socketMessages.append(e.connectionId(), message);
    }
  }

  private void addSse(SseEvent e) throws IOException {
    pages.see(e.source(), e.timestamp());
    sseStreams.computeIfAbsent(e.requestId(), id -> new SseStream(e)).see(e);
    sseMessages.append(e.requestId(), SseStream.message(e));
  }

  private WebSocketConnection socket(WebSocketEvent e) {
    pages.see(e.source(), e.timestamp());
    WebSocketConnection c = sockets.computeIfAbsent(e.connectionId(), id -> new WebSocketConnection(id, e.url()));
    c.see(e.timestamp(), e.seq(), e.source());
    return c;
  }

  private int writeStreamExchange(JsonGenerator g, StreamExchangeRef ref, SseStream sse) throws IOException {
    HttpEvent e = (HttpEvent) EventJson.mapper().readValue(spool.read(ref.spoolPosition()), CaptureEvent.class);
    HarJson.Part extra = sse == null ? null : gen -> SseStream.writeMessages(gen, raw(sseMessages, sse.requestId()));
    return HttpEntries.write(g, e, HarPages.pageref(e.source()), extra);
  }

  /** Copies spooled messages into the open array as they are, already rendered as JSON. */
  private static HarJson.Part raw(SpooledStreams streams, String stream) {
    return g -> streams.forEach(stream, record -> writeRawValue(g, record));
  }

  private static void writeRawValue(JsonGenerator g, byte[] json) throws IOException {
    g.writeRawValue(new String(json, StandardCharsets.UTF_8));
  }

  private static String creatorVersion() {
    String v = HarWriter.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}

package io.datasipper.route;

import static io.datasipper.route.EventKind.HTTP;
import static io.datasipper.route.EventKind.SSE;
import static io.datasipper.route.EventKind.WS_CLOSE;
import static io.datasipper.route.EventKind.WS_ERROR;
import static io.datasipper.route.EventKind.WS_FRAME;
import static io.datasipper.route.EventKind.WS_OPEN;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WebSocketEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The fields rules can test, by name, and how each is read from each event type. */
final class FieldCatalog {
  /** Every field name, or its form when it takes a parameter: for the "not a field" message. */
  static final List<String> FAMILIES = List.of("type", "url", "host", "path", "query.<name>", "method", "status",
      "mime_type", "resource_type", "request.headers.<name>", "response.headers.<name>", "request.body",
      "response.body", "request.json.<path>", "response.json.<path>", "direction", "opcode", "payload",
      "payload.json.<path>", "event", "data", "data.json.<path>", "connection_id", "tab_id", "source.tab_id",
      "source.frame_id", "source.target_type", "source.document_url", "source.node", "source.imported_from",
      "duration_ms", "size", "error.kind", "message");

  /** Events that have a URL and a source: all but capture_gap and capture_error. */
  private static final Set<EventKind> BROWSER_KINDS = EnumSet.of(HTTP, WS_OPEN, WS_FRAME, WS_CLOSE, WS_ERROR, SSE);
  private static final Set<EventKind> WEBSOCKET_KINDS = EnumSet.of(WS_OPEN, WS_FRAME, WS_CLOSE, WS_ERROR);

  // Rough relative costs, so that groups test cheap fields before costly ones.
  private static final int FREE = 0;
  private static final int ACCESSOR = 1;
  private static final int URL_PART = 2;
  private static final int SCAN = 3;
  private static final int BODY = 4;
  private static final int JSON = 20;

  private static final Map<String, Field> FIXED = fixedFields();

  private FieldCatalog() {}

  /** @throws IllegalArgumentException saying, as a predicate ("is not ..."), why {@code name} is not a field */
  static Field field(String name) {
    Field fixed = FIXED.get(name);
    if (fixed != null) {
      return fixed;
    }
    if (name.startsWith("query.")) {
      String parameter = parameter(name, "query.", "query parameter name");
      return def().on(BROWSER_KINDS, v -> v.urlParts() == null ? null : v.urlParts().parameter(parameter))
          .build(name, SCAN);
    }
    if (name.startsWith("request.headers.")) {
      String header = parameter(name, "request.headers.", "header name").toLowerCase(Locale.ROOT);
      return def()
          .http(h -> h.request() == null ? null : EventHeader.find(h.request().headers(), header))
          .wsOpen(o -> EventHeader.find(o.requestHeaders(), header))
          .build("request.headers." + header, SCAN);
    }
    if (name.startsWith("response.headers.")) {
      String header = parameter(name, "response.headers.", "header name").toLowerCase(Locale.ROOT);
      return def()
          .http(h -> h.response() == null ? null : EventHeader.find(h.response().headers(), header))
          .wsOpen(o -> EventHeader.find(o.responseHeaders(), header))
          .build("response.headers." + header, SCAN);
    }
    Field json = jsonField(name, "request.json", JsonSource.REQUEST);
    json = json != null ? json : jsonField(name, "response.json", JsonSource.RESPONSE);
    json = json != null ? json : jsonField(name, "payload.json", JsonSource.PAYLOAD);
    json = json != null ? json : jsonField(name, "data.json", JsonSource.DATA);
    if (json != null) {
      return json;
    }
    throw new IllegalArgumentException("is not a field; expected one of " + String.join(", ", FAMILIES));
  }

  private static String parameter(String name, String prefix, String what) {
    String parameter = name.substring(prefix.length());
    if (parameter.isEmpty()) {
      throw new IllegalArgumentException("has no " + what + " after " + prefix);
    }
    return parameter;
  }

  /** {@code prefix}, {@code prefix.a.b}, {@code prefix[0].c}; null when {@code name} is none of them. */
  private static Field jsonField(String name, String prefix, JsonSource source) {
    if (!name.startsWith(prefix)) {
      return null;
    }
    String path = name.substring(prefix.length());
    if (!path.isEmpty() && path.charAt(0) != '.' && path.charAt(0) != '[') {
      return null; // e.g. "data.jsonx": not this family
    }
    JsonPath jsonPath;
    try {
      jsonPath = JsonPath.parse(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not a valid JSON path: " + e.getMessage() + "; expected " + prefix
          + " followed by " + JsonPath.SYNTAX, e);
    }
    return def().json(source, jsonPath).build(name, JSON);
  }

  private static Map<String, Field> fixedFields() {
    Map<String, Field> f = new LinkedHashMap<>();
    add(f, "type", FREE, def().on(EnumSet.allOf(EventKind.class), v -> v.kind().type));
    add(f, "url", ACCESSOR, def().on(BROWSER_KINDS, EventView::url));
    add(f, "host", URL_PART, def().on(BROWSER_KINDS, v -> v.urlParts() == null ? null : v.urlParts().host()));
    add(f, "path", URL_PART, def().on(BROWSER_KINDS, v -> v.urlParts() == null ? null : v.urlParts().path()));
    add(f, "method", ACCESSOR, def().http(HttpEvent::method));
    add(f, "status", ACCESSOR, def()
        .http(h -> h.response() == null ? null : (Object) (long) h.response().status())
        .wsOpen(o -> (long) o.status()));
    add(f, "mime_type", ACCESSOR, def().http(h -> h.response() == null ? null : h.response().mimeType()));
    add(f, "resource_type", ACCESSOR, def().http(HttpEvent::resourceType));
    add(f, "request.body", BODY, def().http(h -> h.request() == null ? null : data(h.request().body())));
    add(f, "response.body", BODY, def().http(h -> h.response() == null ? null : data(h.response().body())));
    add(f, "direction", ACCESSOR, def().wsFrame(FieldCatalog::direction));
    add(f, "opcode", ACCESSOR, def().wsFrame(FieldCatalog::opcode));
    add(f, "payload", BODY, def().wsFrame(w -> data(w.payload())));
    add(f, "event", ACCESSOR, def().sse(SseEvent::event));
    add(f, "data", BODY, def().sse(SseEvent::data));
    add(f, "connection_id", ACCESSOR, def().on(WEBSOCKET_KINDS, v -> ((WebSocketEvent) v.event()).connectionId()));
    Field.Reader tabId = v -> v.source() == null ? null : v.source().tabId();
    add(f, "tab_id", ACCESSOR, def().on(BROWSER_KINDS, tabId));
    add(f, "source.tab_id", ACCESSOR, def().on(BROWSER_KINDS, tabId));
    add(f, "source.frame_id", ACCESSOR, def().on(BROWSER_KINDS, source(Source::frameId)));
    add(f, "source.target_type", ACCESSOR, def().on(BROWSER_KINDS, source(Source::targetType)));
    add(f, "source.document_url", ACCESSOR, def().on(BROWSER_KINDS, source(Source::documentUrl)));
    // Gaps and capture errors name their node too; only traffic is ever imported from a file.
    add(f, "source.node", ACCESSOR, def().on(EnumSet.allOf(EventKind.class), source(Source::node)));
    add(f, "source.imported_from", ACCESSOR, def().on(BROWSER_KINDS, source(Source::importedFrom)));
    add(f, "duration_ms", ACCESSOR, def().http(FieldCatalog::durationMs));
    add(f, "size", ACCESSOR, def()
        .http(h -> h.response() == null || h.response().body() == null ? null : (Object) h.response().body().size())
        .wsFrame(w -> w.length())
        .sse(s -> s.data() == null ? null : (Object) Body.utf8Length(s.data())));
    add(f, "error.kind", ACCESSOR, def().http(h -> h.error() == null ? null : h.error().kind())
        .captureError(CaptureErrorEvent::kind));
    add(f, "message", ACCESSOR, def().wsError(WsErrorEvent::message).captureError(CaptureErrorEvent::message));
    return Map.copyOf(f);
  }

  private static void add(Map<String, Field> fields, String name, int cost, FieldDef def) {
    fields.put(name, def.build(name, cost));
  }

  private static Field.Reader source(Function<Source, String> part) {
    return v -> v.source() == null ? null : part.apply(v.source());
  }

  /** A body's data as stored: text as text, binary in base64 as in the event JSON; null when omitted. */
  private static String data(Body body) {
    return body == null ? null : body.data();
  }

  private static String direction(WsFrameEvent frame) {
    return frame.direction() == null ? null : frame.direction() == WsFrameEvent.Direction.SENT ? "sent" : "received";
  }

  private static String opcode(WsFrameEvent frame) {
    return frame.opcode() == null ? null : switch (frame.opcode()) {
      case TEXT -> "text";
      case BINARY -> "binary";
      case CONTROL -> "control";
    };
  }

  /** The HAR total when the browser reported one, else the time from start to end. */
  private static Double durationMs(HttpEvent h) {
    if (h.timing() != null && h.timing().totalMs() >= 0) {
      return h.timing().totalMs();
    }
    if (h.startedAt() != null && h.endedAt() != null) {
      return Duration.between(h.startedAt(), h.endedAt()).toNanos() / 1e6;
    }
    return null;
  }

  private static FieldDef def() {
    return new FieldDef();
  }

  /**
   * Gathers a field's readers, one per event type. The typed methods do the cast once, here, where
   * the event type is known from the slot the reader goes into.
   */
  private static final class FieldDef {
    private final Field.Reader[] readers = new Field.Reader[EventKind.values().length];
    private Field.JsonRef json;

    FieldDef on(Set<EventKind> kinds, Field.Reader reader) {
      for (EventKind kind : kinds) {
        readers[kind.ordinal()] = reader;
      }
      return this;
    }

    FieldDef http(Function<HttpEvent, Object> reader) {
      return on(EnumSet.of(HTTP), v -> reader.apply((HttpEvent) v.event()));
    }

    FieldDef wsOpen(Function<WsOpenEvent, Object> reader) {
      return on(EnumSet.of(WS_OPEN), v -> reader.apply((WsOpenEvent) v.event()));
    }

    FieldDef wsFrame(Function<WsFrameEvent, Object> reader) {
      return on(EnumSet.of(WS_FRAME), v -> reader.apply((WsFrameEvent) v.event()));
    }

    FieldDef wsError(Function<WsErrorEvent, Object> reader) {
      return on(EnumSet.of(WS_ERROR), v -> reader.apply((WsErrorEvent) v.event()));
    }

    FieldDef sse(Function<SseEvent, Object> reader) {
      return on(EnumSet.of(SSE), v -> reader.apply((SseEvent) v.event()));
    }

    FieldDef captureError(Function<CaptureErrorEvent, Object> reader) {
      return on(EnumSet.of(EventKind.CAPTURE_ERROR), v -> reader.apply((CaptureErrorEvent) v.event()));
    }

    /** A value inside a JSON text, read by the event's view so that each text is read once. */
    FieldDef json(JsonSource source, JsonPath path) {
      json = new Field.JsonRef(source, path);
      return on(EnumSet.of(source.kind), v -> v.json(source, path));
    }

    Field build(String name, int cost) {
      return new Field(name, readers.clone(), cost, json);
    }
  }
}

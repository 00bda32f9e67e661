package io.datasipper.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.Source;
import io.datasipper.api.json.EventJson;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a HAR 1.2 file as events, streaming: one entry is in memory at a time, so a file of any
 * size needs little heap. Reads the HAR of Chromium's DevTools protocol (as chrome-har makes it),
 * Playwright, mitmproxy and DataSipper, with Chrome's extensions (WebSocket messages in {@code
 * _webSocketMessages}, server-sent events in {@code _eventSourceMessages}); see {@link HarEntryEvents}.
 * A gzipped file ({@code capture.har.gz}) is read as the HAR it holds.
 *
 * <p>A file that is not HAR stops the read with a {@link HarFormatException} naming the JSON path of
 * the problem ({@code log.entries[12].response.status: expected a number}); events of the entries
 * before it have been handed over by then, so a caller that must not keep half a file stores them
 * in one transaction.
 */
public final class HarReader {
  private static final int GZIP_BUFFER_BYTES = 1 << 16;

  private final EventStamps stamps;
  private final Source fileSource;

  /**
   * @param stamps the seq and id of the events made, and the node they are placed on
   * @param importedFrom the file's name, put in every event's source
   */
  public HarReader(EventStamps stamps, String importedFrom) {
    this.stamps = stamps;
    this.fileSource = new Source(null, null, null, null, stamps.node(), importedFrom);
  }

  /**
   * Hands the events of every entry to {@code sink}, entry by entry in file order.
   *
   * @return the number of entries read
   * @throws HarFormatException naming the path of what is wrong
   * @throws IOException if the file cannot be read
   */
  public long read(InputStream in, Consumer<CaptureEvent> sink) throws IOException {
    InputStream file = in.markSupported() ? in : new BufferedInputStream(in);
    if (!gzipped(file)) {
      return readJson(file, sink);
    }
    try {
      return readJson(new GZIPInputStream(file, GZIP_BUFFER_BYTES), sink);
    } catch (EOFException e) {
      throw new HarFormatException("gzipped, but cut off before the end of its data");
    } catch (ZipException e) {
      throw new HarFormatException("gzipped, but its data cannot be read: " + e.getMessage());
    }
  }

  /** Tells gzip by its magic bytes, not the file's name: a HAR begins with "{" or white space. */
  private static boolean gzipped(InputStream file) throws IOException {
    file.mark(2);
    int first = file.read();
    int second = file.read();
    file.reset();
    return first == 0x1f && second == 0x8b;
  }

  private long readJson(InputStream in, Consumer<CaptureEvent> sink) throws IOException {
    try (JsonParser p = EventJson.mapper().getFactory().createParser(in)) {
      return readDocument(p, sink);
    } catch (JsonProcessingException e) {
      throw new HarFormatException(e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : "",
          "not JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")");
    }
  }

  private long readDocument(JsonParser p, Consumer<CaptureEvent> sink) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      // A download cut off before its first byte, or a file made and never written.
      throw new HarFormatException("empty");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new HarFormatException("expected a JSON object with a \"log\"");
    }
    boolean sawLog = false;
    long entries = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("log")) {
        sawLog = true;
        entries += readLog(p, sink);
      } else {
        p.skipChildren();
      }
    }
    if (!sawLog) {
      throw new HarFormatException("log", "missing");
    }
    return entries;
  }

  private long readLog(JsonParser p, Consumer<CaptureEvent> sink) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new HarFormatException("log", "expected an object");
    }
    HarPageTitles pages = new HarPageTitles();
    HarEntryEvents events = new HarEntryEvents(stamps, fileSource, pages);
    long entries = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "pages" -> pages.read(new HarField(p.readValueAsTree(), "log.pages"));
        case "entries" -> entries = readEntries(p, events, sink);
        default -> p.skipChildren();
      }
    }
    if (entries < 0) {
      throw new HarFormatException("log.entries", "missing");
    }
    return entries;
  }

  private static long readEntries(JsonParser p, HarEntryEvents events, Consumer<CaptureEvent> sink)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new HarFormatException("log.entries", "expected an array");
    }
    long index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      JsonNode entry = p.readValueAsTree();
      events.read(new HarField(entry, "log.entries[" + index + "]"), sink);
      index++;
    }
    return index;
  }

  /** The parser's position as a path: {@code log.entries[3].request}; empty at the top of the file. */
  private static String path(JsonStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      String step = c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]"
          : c.getCurrentName() == null ? "" : "." + c.getCurrentName();
      path.insert(0, step);
    }
    return path.isEmpty() || path.charAt(0) != '.' ? path.toString() : path.substring(1);
  }
}

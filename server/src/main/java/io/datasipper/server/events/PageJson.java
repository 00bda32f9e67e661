package io.datasipper.server.events;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.datasipper.api.json.EventJson;
import io.datasipper.server.EventSummary;
import io.datasipper.server.JsonStrings;
import io.datasipper.store.EventPage;
import io.datasipper.store.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * A page as {@code {"events":[...],"next":N}}. The events are written as the store holds them,
 * byte for byte, rather than read and written again: that is their documented JSON form. A stored
 * event whose text is not a JSON object (a damaged row) would break the whole answer, so it is
 * left out of {@code events} and listed under {@code unreadable} with the reason. Asked for, the
 * streams that take each event follow under {@code streams}, by seq, so that the events themselves
 * stay as stored. Asked for summaries, each event is read and written as its {@link EventSummary};
 * one this version cannot read is listed under {@code unreadable} too.
 */
final class PageJson {
  private static final byte[] START = "{\"events\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEXT = "],\"next\":".getBytes(StandardCharsets.US_ASCII);

  private PageJson() {}

  /**
   * @param summary whether to write each event's summary rather than the event
   * @param streams the streams that take an event, from its stored text; null to leave {@code streams} out
   */
  static byte[] write(EventPage page, boolean summary, Function<byte[], List<String>> streams) {
    int size = START.length + NEXT.length + 24;
    for (StoredEvent e : page.events()) {
      size += e.jsonUtf8().length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    StringBuilder unreadable = new StringBuilder();
    StringBuilder taken = new StringBuilder();
    out.writeBytes(START);
    boolean first = true;
    for (StoredEvent e : page.events()) {
      String problem = EventJson.syntaxProblem(e.jsonUtf8());
      String error = problem == null ? null : "stored text is not an event: " + problem;
      byte[] written = e.jsonUtf8();
      if (error == null && summary) {
        try {
          written = EventSummary.of(EventJson.read(e.jsonUtf8())).json().getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknown) {
          error = "stored text has no summary, " + unknown.getMessage();
        }
      }
      if (error != null) {
        unreadable.append(unreadable.isEmpty() ? "" : ",").append("{\"seq\":").append(e.seq()).append(",\"error\":\"")
            .append(JsonStringEncoder.getInstance().quoteAsString(error)).append("\"}");
        continue;
      }
      if (!first) {
        out.write(',');
      }
      first = false;
      out.writeBytes(written);
      if (streams != null) {
        taken.append(taken.isEmpty() ? "" : ",").append('"').append(e.seq()).append("\":");
        JsonStrings.appendArray(streams.apply(e.jsonUtf8()), taken);
      }
    }
    out.writeBytes(NEXT);
    String next = page.next().isPresent() ? Long.toString(page.next().getAsLong()) : "null";
    out.writeBytes(next.getBytes(StandardCharsets.US_ASCII));
    if (streams != null) {
      out.writeBytes((",\"streams\":{" + taken + "}").getBytes(StandardCharsets.UTF_8));
    }
    if (!unreadable.isEmpty()) {
      out.writeBytes((",\"unreadable\":[" + unreadable + "]").getBytes(StandardCharsets.UTF_8));
    }
    out.write('}');
    return out.toByteArray();
  }
}

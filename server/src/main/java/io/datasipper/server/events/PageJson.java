package io.datasipper.server.events;

import io.datasipper.store.EventPage;
import io.datasipper.store.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A page as {@code {"events":[...],"next":N}}. The events are written as the store holds them,
 * byte for byte, rather than read and written again: that is their documented JSON form.
 */
final class PageJson {
  private static final byte[] START = "{\"events\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEXT = "],\"next\":".getBytes(StandardCharsets.US_ASCII);

  private PageJson() {}

  static byte[] write(EventPage page) {
    int size = START.length + NEXT.length + 24;
    for (StoredEvent e : page.events()) {
      size += e.jsonUtf8().length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes(START);
    for (int i = 0; i < page.events().size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(page.events().get(i).jsonUtf8());
    }
    out.writeBytes(NEXT);
    String next = page.next().isPresent() ? Long.toString(page.next().getAsLong()) : "null";
    out.writeBytes(next.getBytes(StandardCharsets.US_ASCII));
    out.write('}');
    return out.toByteArray();
  }
}

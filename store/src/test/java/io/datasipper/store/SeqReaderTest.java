package io.datasipper.store;

import static io.datasipper.store.TestEvents.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeqReaderTest {
  @TempDir Path dir;

  @Test
  void readsEveryEventInPagesWithItsIdTypeAndStoredJson() throws Exception {
    List<CaptureEvent> events = TestEvents.oneOfEach();
    try (EventStore store = EventStore.open(dir); SeqReader reader = store.openSeqReader()) {
      store.insert(events);
      List<StoredEvent> read = new ArrayList<>();
      long after = 0;
      for (List<StoredEvent> page; !(page = reader.after(after, 3)).isEmpty(); after = page.getLast().seq()) {
        assertThat(page.size()).isLessThanOrEqualTo(3);
        read.addAll(page);
      }
      assertThat(read).extracting(StoredEvent::seq).containsExactlyElementsOf(events.stream().map(CaptureEvent::seq).toList());
      for (int i = 0; i < events.size(); i++) {
        CaptureEvent event = events.get(i);
        StoredEvent stored = read.get(i);
        assertThat(stored.id()).isEqualTo(event.id());
        assertThat(stored.type()).isEqualTo(event.type());
        assertThat(new String(stored.jsonUtf8(), StandardCharsets.UTF_8)).isEqualTo(EventJson.write(event));
        assertThat(stored.event()).isEqualTo(event);
      }
    }
  }

  @Test
  void seesEventsCommittedAfterItOpened() throws Exception {
    try (EventStore store = EventStore.open(dir); SeqReader reader = store.openSeqReader()) {
      assertThat(reader.after(0, 10)).isEmpty();
      store.insert(List.of(http(1, "http://a/")));
      assertThat(reader.after(0, 10)).extracting(StoredEvent::id).containsExactly(http(1, "http://a/").id());
    }
  }

  @Test
  void takesIdAndTypeFromTheColumnsWhenTheJsonCannotTellThem() throws Exception {
    try (EventStore store = EventStore.open(dir); SeqReader reader = store.openSeqReader()) {
      store.insert(List.of(http(1, "http://a/"), http(2, "http://b/")));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE events SET json = 'not json at all' WHERE seq = 2");
      }
      List<StoredEvent> read = reader.after(0, 10);
      assertThat(read).extracting(StoredEvent::type).containsExactly("http", "http");
      assertThat(read.get(1).id()).isEqualTo(http(2, "http://b/").id());
      assertThat(read.get(1).json()).isEqualTo("not json at all");
    }
  }

  @Test
  void marksARowThatNoLongerParsesUnreadableAndReadsTheRowsAfterIt() throws Exception {
    try (EventStore store = EventStore.open(dir); SeqReader reader = store.openSeqReader()) {
      store.insert(List.of(http(1, "http://a/"), http(2, "http://b/"), http(3, "http://c/")));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE events SET json = substr(json, 1, 40) WHERE seq = 2");
      }
      List<StoredEvent> read = reader.after(0, 10);
      assertThat(read).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
      assertThat(read.get(0).unreadable()).isNull();
      assertThat(read.get(1).unreadable()).startsWith("event 2 in " + dir.resolve("events.db") + " cannot be read: ");
      assertThat(read.get(1).id()).isEqualTo(http(2, "http://b/").id());
      assertThatThrownBy(read.get(1)::event).isInstanceOf(UncheckedStoreException.class)
          .hasMessage(read.get(1).unreadable());
      assertThat(read.get(2).event()).isEqualTo(http(3, "http://c/"));
    }
  }
}

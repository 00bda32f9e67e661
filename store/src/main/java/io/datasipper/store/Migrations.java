package io.datasipper.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema's history. Step N brings a database from {@code user_version} N-1 to N; steps are
 * only ever appended, never edited, because databases written by older versions exist.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final List<List<String>> STEPS =
      List.of(
          List.of(
              """
              CREATE TABLE events (
                seq  INTEGER PRIMARY KEY,
                id   TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                ts   TEXT,
                url  TEXT,
                json TEXT NOT NULL
              )""",
              "CREATE INDEX events_type ON events(type)",
              "CREATE INDEX events_ts ON events(ts)"),
          List.of(
              // How far each output has delivered: the seq of the last event it has taken.
              """
              CREATE TABLE delivery_cursors (
                output     TEXT PRIMARY KEY,
                seq        INTEGER NOT NULL,
                updated_at TEXT NOT NULL
              )""",
              """
              CREATE TABLE dead_letters (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                at         TEXT NOT NULL,
                stream     TEXT NOT NULL,
                output     TEXT,
                source_seq INTEGER NOT NULL,
                event_id   TEXT NOT NULL,
                record     TEXT,
                error      TEXT NOT NULL
              )""",
              "CREATE INDEX dead_letters_stream ON dead_letters(stream)",
              """
              CREATE TABLE pipeline_stats (
                name       TEXT PRIMARY KEY,
                json       TEXT NOT NULL,
                updated_at TEXT NOT NULL
              )"""),
          List.of(
              // A dead letter sent back for delivery: 'dead' until then, 'requeued' until its output
              // takes it, 'delivered' once it has; refused again, it is 'dead' with the new error.
              "ALTER TABLE dead_letters ADD COLUMN state TEXT NOT NULL DEFAULT 'dead'",
              "ALTER TABLE dead_letters ADD COLUMN redeliveries INTEGER NOT NULL DEFAULT 0",
              "ALTER TABLE dead_letters ADD COLUMN state_at TEXT",
              "CREATE INDEX dead_letters_output ON dead_letters(output)",
              // What an output worker looks for when idle: small, since few letters wait at once.
              "CREATE INDEX dead_letters_requeued ON dead_letters(output, id) WHERE state = 'requeued'"),
          List.of(
              // What pages of events filter on, in short rows beside the JSON (see EventKeys). Filled
              // before its indexes are made, which is faster than keeping them up to date row by row.
              """
              CREATE TABLE event_keys (
                seq    INTEGER PRIMARY KEY,
                type   TEXT NOT NULL,
                ts     TEXT,
                url    TEXT,
                host   TEXT,
                method TEXT,
                status INTEGER,
                tab    TEXT
              )""",
              // A row whose JSON no longer parses keeps its type, time and URL columns and nothing more.
              """
              INSERT INTO event_keys (seq, type, ts, url, host, method, status, tab)
              SELECT seq, type, ts, url, %s(url),
                     CASE WHEN type = 'http' AND json_valid(json) THEN json ->> '$.method' END,
                     CASE WHEN type = 'http' AND json_valid(json) THEN json ->> '$.response.status' END,
                     CASE WHEN json_valid(json) THEN json ->> '$.source.tab_id' END
              FROM events""".formatted(UrlHostFunction.NAME),
              // Every index ends with the rowid (seq): equal keys are in seq order, so a page of one
              // host, tab, method, status or type is read from the index in the order it is served;
              // a narrow status or time range is read whole from its index and sorted.
              "CREATE INDEX event_keys_type ON event_keys(type)",
              "CREATE INDEX event_keys_host ON event_keys(host)",
              "CREATE INDEX event_keys_method ON event_keys(method)",
              "CREATE INDEX event_keys_status ON event_keys(status)",
              "CREATE INDEX event_keys_tab ON event_keys(tab)",
              // Not in seq order within a range: used when a time range holds few events (EventPager).
              "CREATE INDEX event_keys_ts ON event_keys(ts)"),
          List.of(
              // How many events the retention sweep deleted before an output had delivered them.
              """
              CREATE TABLE retention_drops (
                output     TEXT PRIMARY KEY,
                events     INTEGER NOT NULL,
                updated_at TEXT NOT NULL
              )"""),
          List.of(
              // Full-text search over URLs and text bodies (EventText, SearchText). Contentless: the
              // text is in the events' JSON already, and the index alone is what a search reads;
              // contentless_delete lets old events be deleted from it.
              """
              CREATE VIRTUAL TABLE event_text USING fts5(
                url, body,
                content = '', contentless_delete = 1,
                tokenize = 'unicode61 remove_diacritics 2'
              )""",
              """
              INSERT INTO event_text (rowid, url, body)
              SELECT seq, url, %s(json) FROM events
              WHERE url IS NOT NULL OR type IN ('http', 'ws_frame', 'sse')""".formatted(EventTextFunction.NAME),
              // The time span of each block of 1024 seqs (TimeSpans), for a time range to skip blocks.
              """
              CREATE TABLE event_time_spans (
                block    INTEGER PRIMARY KEY,
                first_ts TEXT NOT NULL,
                last_ts  TEXT NOT NULL
              )""",
              """
              INSERT INTO event_time_spans (block, first_ts, last_ts)
              SELECT seq >> %d, min(ts), max(ts) FROM event_keys WHERE ts IS NOT NULL GROUP BY seq >> %d"""
                  .formatted(TimeSpans.BLOCK_BITS, TimeSpans.BLOCK_BITS),
              // A host or a method is mostly filtered on with the other and a status: their indexes
              // hold those too, after the seq, so that a walk of one tests the others without
              // reading each row, and its entries of one key still come in seq order.
              "DROP INDEX event_keys_host",
              "CREATE INDEX event_keys_host ON event_keys(host, seq, method, status)",
              "DROP INDEX event_keys_method",
              "CREATE INDEX event_keys_method ON event_keys(method, seq, host, status)"),
          List.of(
              // Whether the store is encrypted, and with which key (StoreEncryption): one row when
              // it is, written when the store is made, never added to a store that holds plain text.
              // IF NOT EXISTS: a file whose user_version was set back by hand keeps its table.
              "CREATE TABLE IF NOT EXISTS store_encryption (key_check TEXT NOT NULL)"),
          List.of(
              // The events table's type and time indexes repeat event_keys' (which the queries by
              // type or time read); each insert paid for writing both. IF EXISTS throughout: a file
              // whose user_version was set back by hand has run this step before.
              "DROP INDEX IF EXISTS events_type",
              "DROP INDEX IF EXISTS events_ts",
              // Only an HTTP exchange has a method, and a status once answered: the other events
              // stay out of those indexes. A term on the column (method = ?, status >= ?) implies
              // it is not null, so SQLite still takes them for it.
              "DROP INDEX IF EXISTS event_keys_method",
              "CREATE INDEX event_keys_method ON event_keys(method, seq, host, status) WHERE method IS NOT NULL",
              "DROP INDEX IF EXISTS event_keys_status",
              "CREATE INDEX event_keys_status ON event_keys(status) WHERE status IS NOT NULL",
              // The lowest seq whose keys and search text wait in a capture's memory (EventIndex).
              "CREATE TABLE IF NOT EXISTS unindexed_events (from_seq INTEGER NOT NULL)"),
          List.of(
              // The highest seq the retention sweep deleted (one row): a capture numbers its events
              // after it even when the sweep emptied the store, so no seq is ever given twice and
              // no output's cursor passes over new events. IF NOT EXISTS: see above.
              "CREATE TABLE IF NOT EXISTS deleted_through (seq INTEGER NOT NULL)"));

  /**
   * The first version whose database gives deleted pages back to the file system: from it on, the
   * file is in {@code auto_vacuum = INCREMENTAL} mode (see {@link #giveSpaceBack}).
   */
  static final int INCREMENTAL_VACUUM_VERSION = 5;

  private Migrations() {}

  static int latestVersion() {
    return STEPS.size();
  }

  /**
   * Brings the database up to date; a new one is marked as encrypted if {@code cipher} encrypts.
   * The connection must start transactions with BEGIN IMMEDIATE, so that of two processes opening
   * a new data directory at once only one migrates and the other then sees the new version.
   */
  static void apply(Connection c, String describedFile, StoreCipher cipher) throws SQLException, StoreException {
    // Checked outside a transaction first: the common case (up to date) then takes no write lock,
    // which matters when a reader opens the store while a capture is writing to it.
    if (checkedVersion(c, describedFile) == latestVersion()) {
      return;
    }
    c.setAutoCommit(false);
    UrlHostFunction.register(c);
    int from;
    EventTextFunction.register(c);
    try (Statement s = c.createStatement()) {
      from = checkedVersion(c, describedFile);
      for (int v = from + 1; v <= latestVersion(); v++) {
        for (String sql : STEPS.get(v - 1)) {
          s.executeUpdate(sql);
        }
      }
      if (from == 0) {
        StoreEncryption.mark(c, cipher);
      }
      s.executeUpdate("PRAGMA user_version = " + latestVersion());
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      UrlHostFunction.unregister(c);
      EventTextFunction.unregister(c);
      c.setAutoCommit(true);
    }
    if (from < INCREMENTAL_VACUUM_VERSION) {
      giveSpaceBack(c, describedFile, from > 0);
    }
  }

  /**
   * Switches a file written before version 5 to incremental vacuum. SQLite only changes a file's
   * mode by rewriting it whole (VACUUM; a new file too, as it is in WAL mode from its first byte),
   * which cannot run inside the migration's transaction, so it runs once right after it. It copies
   * every page, so it takes a while on a large store, and needs as much free room as the file takes;
   * if it fails the store still works, reusing the pages it frees but not returning them to the
   * file system.
   */
  private static void giveSpaceBack(Connection c, String describedFile, boolean existing) {
    if (existing) {
      // A warning, as the command line shows no less: on a large store the start is slow this once.
      LOG.warn("{}: rewriting the file once, so that deleted events give their space back; a large store takes a while",
          describedFile);
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate("PRAGMA auto_vacuum = INCREMENTAL");
      s.executeUpdate("VACUUM");
    } catch (SQLException e) {
      LOG.warn("{}: could not switch to incremental vacuum ({}); deleted events leave free pages that SQLite reuses,"
          + " but the file does not shrink until `sqlite3 {} 'PRAGMA auto_vacuum = INCREMENTAL; VACUUM'`",
          describedFile, e.getMessage(), describedFile);
    }
  }

  static int checkedVersion(Connection c, String describedFile)
      throws SQLException, StoreException {
    int version;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      rs.next();
      version = rs.getInt(1);
    }
    if (version > latestVersion()) {
      throw new StoreException(
          describedFile + " was written by a newer DataSipper (schema version " + version
              + ", this one knows up to " + latestVersion() + ")");
    }
    return version;
  }
}

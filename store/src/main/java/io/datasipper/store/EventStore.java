package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.files.PrivateFiles;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.json.IsoInstants;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The events of one data directory, in the SQLite database {@code <dataDir>/events.db}.
 *
 * <p>Thread-safe. Writes go through one connection, one transaction per {@link #insert} call.
 * Every read opens its own short-lived connection, except a {@link SeqReader}'s, which keeps one: in
 * WAL mode readers then neither wait for the writer nor for each other, and a slow {@link #scan}
 * consumer holds up nobody.
 */
public final class EventStore implements AutoCloseable {
  public static final String FILE_NAME = "events.db";
  private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
  /** Seqs an {@code IN} list of {@link #events} holds: far below SQLite's limit of bound values. */
  private static final int SEQS_A_STATEMENT = 500;

  /**
   * How many rows {@link #insertAll} writes at a time, and how much of their JSON at most: events
   * with large bodies are written in smaller batches, so that the heap need not hold many.
   */
  private static final int BULK_BATCH = 500;
  private static final long BULK_BATCH_CHARS = 4L * 1024 * 1024;

  private final String jdbcUrl;
  private final String file;
  private final Path dataDir;
  private final Connection writer;
  private final Object writeLock = new Object();
  /** Guarded by writeLock. */
  private final EventIndex index = new EventIndex();
  /** Whether this store wrote the entries a process that died left waiting (see EventIndex#recover); guarded by writeLock. */
  private boolean recovered;
  private final BiFunction<Long, byte[], CaptureEvent> eventReader = this::readEvent;
  private final StoreCipher cipher;
  private final EventPager pager;
  private final CommittedSeq committed = new CommittedSeq();
  private volatile boolean closed;

  private EventStore(String jdbcUrl, Path dataDir, String file, Connection writer, StoreCipher cipher) {
    this.cipher = cipher;
    this.pager = new EventPager(eventReader, cipher, file);
    this.dataDir = dataDir;
    this.jdbcUrl = jdbcUrl;
    this.file = file;
    this.writer = writer;
  }

  /** Opens (creating if needed) the plain store of a data directory and brings its schema up to date. */
  public static EventStore open(Path dataDir) throws StoreException {
    return open(dataDir, null);
  }

  /**
   * Opens (creating if needed) the store of a data directory and brings its schema up to date. With
   * a key, a new store is encrypted (see {@link StoreCipher}); an existing store must have been
   * made with the same key, or without one when {@code key} is null.
   *
   * @throws StoreException with one line naming the store when the key does not fit it; nothing
   *     was changed then
   */
  public static EventStore open(Path dataDir, StoreKey key) throws StoreException {
    DataDirs.create(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    createPrivate(file);
    String jdbcUrl = "jdbc:sqlite:" + file;
    Connection writer = null;
    try {
      writer = StoreConnections.writer(StoreCipher.NONE).createConnection(jdbcUrl);
      StoreCipher cipher = StoreEncryption.check(writer, file.toString(), key);
      if (cipher.encrypts()) {
        StoreConnections.keepTempFilesInMemory(writer);
      }
      Migrations.apply(writer, file.toString(), cipher);
      // Another process may have made the store meanwhile, with another key or none: checked again now that it exists.
      StoreEncryption.check(writer, file.toString(), key);
      return new EventStore(jdbcUrl, dataDir, file.toString(), writer, cipher);
    } catch (SQLException e) {
      StoreConnections.closeQuietly(writer);
      throw new StoreException("cannot open " + file + ": " + e.getMessage() + DataDirs.ifDiskFull(dataDir), e);
    } catch (StoreException e) {
      StoreConnections.closeQuietly(writer);
      throw e;
    }
  }

  /**
   * Creates the database file 0600 before SQLite opens it: SQLite would make it 0644, and it makes
   * its -wal, -shm and -journal files with the database file's mode. Files an older version made
   * readable by others are made private.
   */
  private static void createPrivate(Path file) throws StoreException {
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      DataDirs.keepPrivate(file.resolveSibling(file.getFileName() + suffix));
    }
    try {
      PrivateFiles.createFile(file);
    } catch (IOException e) {
      throw new StoreException("cannot create " + file + ": " + DataDirs.reason(e), e);
    }
  }

  /** Whether the store's private columns are encrypted (it was made with a {@link StoreKey}). */
  public boolean encrypted() {
    return cipher.encrypts();
  }

  /** The highest {@code seq} stored, or 0 when the store is empty. */
  public long maxSeq() {
    return readNumber("reading the highest seq", "SELECT coalesce(max(seq), 0) FROM events");
  }

  /**
   * The highest seq up to which every stored event is seen by the pages, type filters and searches
   * of a process beside the capture: the highest stored, or the seq just below the first one whose
   * keys and search text the capture still holds back (see {@link #append}). A reader that follows
   * the store goes on from here, not from {@link #maxSeq}, lest it pass over events it cannot see yet.
   */
  public long indexedThrough() {
    return readNumber("reading the highest indexed seq", "SELECT min(coalesce((SELECT max(seq) FROM events), 0),"
        + " coalesce((SELECT min(from_seq) FROM unindexed_events) - 1, (SELECT max(seq) FROM events), 0))");
  }

  /**
   * The seq a new event gets: after the highest stored, and after the highest the retention sweep
   * deleted, so that a seq is never given twice even to a store the sweep emptied.
   */
  public long nextSeq() {
    return readNumber("reading the next seq", "SELECT max(coalesce((SELECT max(seq) FROM events), 0),"
        + " coalesce((SELECT max(seq) FROM deleted_through), 0)) + 1");
  }

  /** The one number a query gives. */
  private long readNumber(String what, String sql) {
    return read(what, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /**
   * Stores a batch in one transaction. Events whose id is already stored are skipped, so a batch
   * can safely be written again after a failure that left it unclear whether it was committed.
   *
   * @throws UncheckedStoreException if the batch could not be written; nothing of it was
   */
  public void insert(List<CaptureEvent> batch) {
    write(batch, false);
  }

  /**
   * As {@link #insert}, but the events' keys and search text may be written in a later transaction
   * (see {@link EventIndex}): for the capture's writer, which commits every few milliseconds. Until
   * then pages and searches of other processes do not see them; this store's own write them first.
   */
  public void append(List<CaptureEvent> batch) {
    write(batch, true);
  }

  private void write(List<CaptureEvent> batch, boolean deferIndex) {
    if (batch.isEmpty()) {
      return;
    }
    List<EventRow> rows = batch.stream().map(e -> EventRow.of(e, cipher)).toList();
    synchronized (writeLock) {
      ensureOpen();
      try {
        indexedTransaction(c -> {
          List<EventIndex.Entry> added = EventRow.insert(c, rows);
          if (deferIndex) {
            index.defer(c, added, System.nanoTime());
          } else {
            index.write(c, added);
          }
        });
      } catch (SQLException e) {
        throw failure("writing " + rows.size() + " events", e);
      }
    }
    committed.advanceTo(rows.stream().mapToLong(EventRow::seq).max().orElseThrow());
  }

  /**
   * Stores every event {@code producer} hands over, all in one transaction: when it throws, nothing
   * of what it handed over is stored, however much that was. Events are written in batches as they
   * come, so the producer can stream more than fits in memory; the write-ahead log holds them until
   * the commit. The producer runs on a thread of its own, a bounded distance ahead of the writes,
   * and is done when this returns; it must not write to this store (it would wait for the lock this
   * holds). For imports: a capture's writer must not run meanwhile (it would wait for the lock).
   *
   * @return the number of events stored (those whose id was stored already are skipped)
   * @throws UncheckedStoreException if the store could not be written; nothing was
   */
  public long insertAll(EventProducer producer) {
    long[] stored = new long[2]; // events stored, highest seq
    synchronized (writeLock) {
      ensureOpen();
      try {
        indexedTransaction(c -> {
          List<EventRow> rows = new ArrayList<>(BULK_BATCH);
          long[] rowChars = new long[1];
          // Making the events and their rows (the JSON, sealed in an encrypted store) on a thread of
          // their own overlaps it with SQLite's writes on this one: an import took a quarter less time.
          ReadAhead.<EventRow>run("store import", made -> producer.produce(e -> made.accept(EventRow.of(e, cipher))),
              row -> {
                rows.add(row);
                rowChars[0] += row.size();
                stored[1] = Math.max(stored[1], row.seq());
                if (rows.size() == BULK_BATCH || rowChars[0] >= BULK_BATCH_CHARS) {
                  stored[0] += writeRows(c, rows);
                  rows.clear();
                  rowChars[0] = 0;
                }
              }, EventRow::size);
          stored[0] += writeRows(c, rows);
        });
      } catch (SQLException e) {
        throw failure("importing events", e);
      }
    }
    committed.advanceTo(stored[1]);
    return stored[0];
  }

  /** Hands events to {@link #insertAll}; a failure it throws undoes everything it handed over. */
  @FunctionalInterface
  public interface EventProducer {
    void produce(Consumer<CaptureEvent> sink);
  }

  /**
   * Waits until this store object commits an event with a seq above {@code seq}, or the timeout
   * passes; true if it did. Lets a live reader in this process see events as soon as they are
   * written; events written by other processes are only seen by polling.
   */
  public boolean awaitCommitAfter(long seq, Duration timeout) throws InterruptedException {
    return committed.awaitAbove(seq, timeout);
  }

  /** The matching events, in seq order. For large results prefer {@link #scan}. */
  public List<CaptureEvent> query(EventQuery q) {
    List<CaptureEvent> result = new ArrayList<>();
    scan(q, result::add);
    return result;
  }

  /** Hands each matching event to {@code each}, in seq order, reading them one at a time. */
  public void scan(EventQuery q, Consumer<CaptureEvent> each) {
    scanStored(q, stored -> each.accept(stored.event()));
  }

  /**
   * As {@link #scan(EventQuery, Consumer)}, but a stored event that cannot be read back (its row
   * no longer parses, or is no event this version knows) goes to {@code unreadable}, as the reason
   * naming the event and the store, and the scan goes on with the next.
   */
  public void scan(EventQuery q, Consumer<CaptureEvent> each, Consumer<String> unreadable) {
    scanStored(q, stored -> {
      CaptureEvent event;
      try {
        event = stored.event();
      } catch (UncheckedStoreException e) {
        unreadable.accept(e.getMessage());
        return;
      }
      each.accept(event);
    });
  }

  /** The matching events with their stored JSON text, in seq order. */
  public List<StoredEvent> queryStored(EventQuery q) {
    List<StoredEvent> result = new ArrayList<>();
    scanStored(q, result::add);
    return result;
  }

  private void scanStored(EventQuery q, Consumer<StoredEvent> each) {
    indexBeforeReading();
    read(
        "reading events",
        c -> {
          try (PreparedStatement ps = ScanSql.prepare(c, q);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              each.accept(stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
            }
          }
          return null;
        });
  }

  /**
   * One page of the events {@code q} selects, with the cursor to the next. A page examines a
   * bounded number of candidates (see {@link EventPage#next()}), so it answers in about the same
   * time at any depth and for any filter.
   */
  public EventPage page(PageQuery q) {
    indexBeforeReading();
    return read("reading a page of events", c -> pager.page(c, q, null));
  }

  /**
   * As {@link #page(PageQuery)}, keeping only the events {@code keep} accepts as well (a stream's
   * rules). Each candidate is then read whole, so a page examines fewer of them; events the store
   * cannot read back are left out.
   */
  public EventPage page(PageQuery q, Predicate<CaptureEvent> keep) {
    indexBeforeReading();
    return read("reading a page of events", c -> pager.page(c, q, keep));
  }

  /**
   * Hands the events of page {@code from} and of each page after it to {@code each}, in its order,
   * until none are left or {@code each} returns false. Each page is a read of its own, so a long walk
   * holds no snapshot open and, when {@code from} has no upper bound, meets the events stored meanwhile.
   */
  public void walk(PageQuery from, Predicate<StoredEvent> each) {
    PageQuery q = from;
    while (true) {
      EventPage page = page(q);
      for (StoredEvent event : page.events()) {
        if (!each.test(event)) {
          return;
        }
      }
      if (page.next().isEmpty()) {
        return;
      }
      q = q.continueFrom(page.next().getAsLong());
    }
  }

  /**
   * Runs one SQL statement that reads, over the views of {@link SqlViews} ({@code http},
   * {@code ws_frames}, {@code sse}) and the store's tables, handing the rows to {@code rows} as
   * they are read. The statement runs on a connection of its own that cannot write; on an encrypted
   * store the views decrypt what they show there.
   *
   * @throws IllegalArgumentException naming what is wrong when SQLite refuses the statement, it
   *     would write, or it returns no rows
   */
  public void sql(String sql, SqlRows rows) {
    ensureOpen();
    indexBeforeReading();
    SQLiteConfig config = StoreConnections.reader(cipher);
    config.setReadOnly(true);
    try (Connection c = config.createConnection(jdbcUrl)) {
      SqlStatement.prepare(c, cipher);
      SqlStatement.run(c, sql, rows);
    } catch (SQLException e) {
      throw failure("opening a read-only connection", e);
    }
  }

  /** The event stored with {@code seq}, whole; empty when there is none. */
  public Optional<StoredEvent> event(long seq) {
    return read(
        "reading event " + seq,
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT seq, id, type, json FROM events WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * The events stored with {@code seqs}, handed to {@code each} in seq order; a seq with no event is
   * skipped. One connection reads them all, {@value #SEQS_A_STATEMENT} a statement: a connection of
   * its own per event, as {@link #event} opens, costs more than the reading.
   *
   * @param seqs ascending, each once
   */
  public void events(long[] seqs, Consumer<StoredEvent> each) {
    read("reading " + seqs.length + " events by seq", c -> {
      for (int from = 0; from < seqs.length; from += SEQS_A_STATEMENT) {
        int count = Math.min(SEQS_A_STATEMENT, seqs.length - from);
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, id, type, json FROM events WHERE seq IN ("
            + "?,".repeat(count - 1) + "?) ORDER BY seq")) {
          for (int i = 0; i < count; i++) {
            ps.setLong(i + 1, seqs[from + i]);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              each.accept(stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
            }
          }
        }
      }
      return null;
    });
  }

  /**
   * Opens a reader of events in seq order that keeps its connection: for reading pages of new
   * events many times a second. Close it when done.
   */
  public SeqReader openSeqReader() {
    ensureOpen();
    try {
      return new SeqReader(StoreConnections.reader(cipher).createConnection(jdbcUrl), file, eventReader, cipher);
    } catch (SQLException e) {
      throw failure("opening a reader", e);
    }
  }

  /**
   * A write connection of its own, for work that must not hold up {@link #insert} (the retention
   * sweep): in WAL mode the two take turns at the write lock, one short transaction at a time.
   */
  Connection openWriteConnection() {
    ensureOpen();
    try {
      return StoreConnections.writer(cipher).createConnection(jdbcUrl);
    } catch (SQLException e) {
      throw failure("opening a write connection", e);
    }
  }

  Path dataDir() {
    return dataDir;
  }

  /** How many events of each type are stored, by type name in alphabetical order. */
  public Map<String, Long> countByType() {
    indexBeforeReading();
    return read(
        "counting events",
        c -> {
          Map<String, Long> counts = new TreeMap<>();
          // The keys' type index, then the events whose keys a capture in another process (or one
          // that died) has not written yet.
          String[] sqls = {"SELECT type, count(*) FROM event_keys GROUP BY type", """
              SELECT e.type, count(*) FROM events AS e
              WHERE e.seq >= (SELECT min(from_seq) FROM unindexed_events)
                AND NOT EXISTS (SELECT 1 FROM event_keys AS k WHERE k.seq = e.seq)
              GROUP BY e.type"""};
          for (String sql : sqls) {
            try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
              }
            }
          }
          return Collections.unmodifiableMap(counts);
        });
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      try {
        writeIndex();
      } catch (UncheckedStoreException e) {
        // unindexed_events still names them: the next process that writes events writes them.
        LOG.warn("closing the store left the keys of some events unwritten: {}", e.getMessage());
      }
      closed = true;
      StoreConnections.closeQuietly(writer);
    }
  }

  /**
   * Writes the index entries that wait (see {@link #append}), so that pages and searches see every
   * event stored. Readers in this process call it first; the capture's writer when they are due.
   */
  void writeIndex() {
    synchronized (writeLock) {
      if (closed || !index.hasWaiting()) {
        return;
      }
      try {
        indexedTransaction(c -> index.write(c, List.of()));
      } catch (SQLException e) {
        throw failure("writing the keys and search text of stored events", e);
      }
    }
  }

  /** Lets a read here see every event stored, if the entries that wait can be written now. */
  private void indexBeforeReading() {
    try {
      writeIndex();
    } catch (UncheckedStoreException e) {
      // The read goes on without the newest events; the capture's writer retries and reports it.
    }
  }

  /** Nanoseconds until the waiting index entries are due (0 or less: now); Long.MAX_VALUE when none wait. */
  long indexDueInNanos() {
    return index.dueInNanos(System.nanoTime());
  }

  /** Runs {@code action} in a write transaction that may change the index entries that wait. */
  private void indexedTransaction(IndexAction action) throws SQLException {
    try {
      WriteTransaction.run(writer, c -> {
        if (!recovered) {
          EventIndex.recover(c, cipher);
        }
        action.run(c);
        return null;
      });
    } catch (SQLException | RuntimeException e) {
      index.abandoned();
      throw e;
    }
    recovered = true;
    index.committed(System.nanoTime());
  }

  @FunctionalInterface
  private interface IndexAction {
    void run(Connection c) throws SQLException;
  }

  /** Writes rows in the open transaction, adding their index entries to what {@code index} writes; returns how many were new. */
  private int writeRows(Connection c, List<EventRow> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    try {
      List<EventIndex.Entry> added = EventRow.insert(c, rows);
      index.write(c, added);
      return added.size();
    } catch (SQLException e) {
      // Out through the producer's callback, which cannot throw it; the transaction rolls back.
      throw new WriteTransaction.UncheckedSql(e);
    }
  }

  /**
   * An event as read from its row, its JSON decrypted; one whose JSON does not decrypt (altered on
   * disk) is {@link StoredEvent#unreadable}, as one whose JSON no longer parses is when read.
   */
  private StoredEvent stored(long seq, String id, String type, byte[] json) {
    try {
      return new StoredEvent(seq, id, type, cipher.open(EventColumns.JSON, seq, json), eventReader);
    } catch (IllegalArgumentException e) {
      return StoredEvent.unreadable(seq, id, type, json, "event " + seq + " in " + file + " cannot be read: "
          + e.getMessage());
    }
  }

  StoreCipher cipher() {
    return cipher;
  }

  /** The text a sealed column of a row holds (see {@link StoreCipher#open}); null stays null. */
  String openText(String column, long row, byte[] stored) {
    try {
      return cipher.openText(column, row, stored);
    } catch (IllegalArgumentException e) {
      throw new UncheckedStoreException(new StoreException("a row of " + file + " cannot be read: " + e.getMessage()));
    }
  }

  private CaptureEvent readEvent(long seq, byte[] json) {
    try {
      return EventJson.read(json);
    } catch (IllegalArgumentException e) {
      String message = "event " + seq + " in " + file + " cannot be read: " + e.getMessage();
      throw new UncheckedStoreException(new StoreException(message, e));
    }
  }

  interface SqlAction<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs a write in one transaction on the store's write connection (for {@link DeliveryLedger}). */
  void write(String what, SqlAction<Void> action) {
    synchronized (writeLock) {
      ensureOpen();
      try {
        WriteTransaction.run(writer, action);
      } catch (SQLException e) {
        throw failure(what, e);
      }
    }
  }

  /** Formats a time the way the store's time columns hold it. */
  static String formatTime(Instant t) {
    return IsoInstants.formatNanos(t);
  }

  <T> T read(String what, SqlAction<T> action) {
    ensureOpen();
    try (Connection c = StoreConnections.reader(cipher).createConnection(jdbcUrl)) {
      return action.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  UncheckedStoreException failure(String what, SQLException e) {
    return new UncheckedStoreException(
        new StoreException(what + " in " + file + " failed: " + e.getMessage() + DataDirs.ifDiskFull(dataDir), e));
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the event store " + file + " is closed");
    }
  }
}

package io.datasipper.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when a config file, or a file it includes (a transform file), gets other content, by
 * reading them about once a second and comparing a hash of their bytes. Polling rather than a
 * {@code WatchService}: editors that save by writing a new file and renaming it over the old one
 * replace the watched inode, and a WatchService misses that or reports it as a deletion. The
 * modification time alone is not trusted either: two saves within the file system's timestamp
 * granularity look the same, and some tools restore it.
 */
final class ConfigWatcher implements AutoCloseable {
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  /** What a look at the file found. Called on the watcher's thread, one call at a time. */
  interface Listener {
    /**
     * The file, or a file it includes, holds other bytes than at the last look (also when it is back
     * after a deletion). An unreadable or missing included file counts as a change, reported once,
     * so that the loader names the problem.
     */
    void changed();

    /** The file is gone; told once, until it is back. */
    void deleted();
  }

  private final Path file;
  /** The hash of the bytes at the last look; null once the file is known to be gone. */
  private String seen;
  /** The files the config includes, with the hash of their bytes at the last look (or as the config read them). */
  private Map<Path, String> includedSeen = new LinkedHashMap<>();
  /** Missing at the last look: a rename-over save can leave no file for an instant, so one miss is not a deletion. */
  private boolean missingOnce;
  private ScheduledExecutorService poller;

  /** Takes the file's present bytes as seen: create it before reading the config it is to follow. */
  ConfigWatcher(Path file) {
    this.file = file;
    this.seen = FileDigest.of(file);
  }

  /**
   * Also follows the files a config read from this file includes, taking them as they were when the
   * config read them: an edit made while it was being read is noticed too. Replaces the files of
   * the config before.
   */
  synchronized void include(Map<Path, String> readDigests) {
    includedSeen = new LinkedHashMap<>(readDigests);
  }

  Path file() {
    return file;
  }

  /** Looks at the file about once a second until closed. */
  synchronized void start(Listener listener) {
    poller = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("datasipper-config-watcher").daemon().factory());
    long intervalMs = POLL_INTERVAL.toMillis();
    poller.scheduleWithFixedDelay(() -> checkOrLog(listener), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  /** Looks at the file once and tells the listener what changed since the last look. */
  synchronized void check(Listener listener) {
    String now = FileDigest.of(file);
    if (now == null) {
      if (seen != null && missingOnce) {
        seen = null;
        listener.deleted();
      }
      missingOnce = true;
      return;
    }
    missingOnce = false;
    boolean changed = !now.equals(seen);
    seen = now;
    for (Map.Entry<Path, String> included : includedSeen.entrySet()) {
      String digest = FileDigest.of(included.getKey());
      if (!Objects.equals(digest, included.getValue())) {
        included.setValue(digest);
        changed = true;
      }
    }
    if (changed) {
      listener.changed();
    }
  }

  /** A change this process makes to the file. */
  interface Change {
    void make() throws IOException;
  }

  /**
   * Makes the change, then looks at the file, with no look of the poller in between: the change is
   * told to {@code listener} alone, once, and the poller finds nothing new after it.
   */
  synchronized void changeAndCheck(Change change, Listener listener) throws IOException {
    change.make();
    check(listener);
  }

  /**
   * Stops looking. A reload in progress finishes first, so that no pipeline is started after this
   * returns; it is not interrupted, since that would cut short the old pipeline's orderly stop.
   */
  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = poller;
      poller = null;
    }
    if (stopping == null) {
      return;
    }
    stopping.shutdown();
    try {
      if (!stopping.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("a reload of {} is still running after a minute", file);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void checkOrLog(Listener listener) {
    try {
      check(listener);
    } catch (RuntimeException e) {
      // A failure escaping a scheduled task would end the polling for good.
      LOG.error("cannot follow the config file {}", file, e);
    }
  }
}

package io.datasipper.server.har;

import io.datasipper.export.HarWriter;
import io.datasipper.server.ApiError;
import io.datasipper.server.ServerPart;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoredEvent;
import io.datasipper.store.UncheckedStoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code POST /api/har}: the stored events of the seqs a request names, as a HAR 1.2 file to save,
 * written as {@code datasipper export har} writes one. The dashboard asks for the rows it shows.
 * Seqs no longer stored (retention removed them) or whose stored text cannot be read are left out
 * and counted in the answer's headers. Documented in {@code openapi/har.json}.
 */
public final class HarPart implements ServerPart {
  /** How many seqs the answer says were no longer stored. */
  public static final String MISSING_HEADER = "DataSipper-Events-Missing";
  /** How many seqs the answer says were stored but could not be read back. */
  public static final String UNREADABLE_HEADER = "DataSipper-Events-Unreadable";
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final EventStore store;
  private final Path spoolDir;
  private final Clock clock;

  /**
   * @param spoolDir where each download parks its events while it reads them (about as much room
   *     as they take in the store): the data directory
   */
  public HarPart(EventStore store, Path spoolDir) {
    this(store, spoolDir, Clock.systemUTC());
  }

  HarPart(EventStore store, Path spoolDir, Clock clock) {
    this.store = store;
    this.spoolDir = spoolDir;
    this.clock = clock;
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.post("/api/har", ApiError.answering(this::download));
  }

  private void download(Context ctx) throws IOException {
    long[] seqs = HarRequest.seqs(ctx.body());
    // An encrypted store's events must not lie on disk decrypted, not even in the spool.
    try (HarWriter har = store.encrypted() ? HarWriter.createSealed(spoolDir) : HarWriter.create(spoolDir)) {
      int[] readable = {0};
      int[] unreadable = {0};
      store.events(seqs, stored -> {
        if (add(har, stored)) {
          readable[0]++;
        } else {
          unreadable[0]++;
        }
      });
      int missing = seqs.length - readable[0] - unreadable[0];
      ctx.header("Content-Disposition", "attachment; filename=\"datasipper-" + FILE_TIME.format(clock.instant())
          + ".har\"");
      ctx.header(MISSING_HEADER, Integer.toString(missing));
      ctx.header(UNREADABLE_HEADER, Integer.toString(unreadable[0]));
      ctx.contentType("application/json");
      har.writeTo(ctx.outputStream());
    } catch (UncheckedStoreException e) {
      throw new ApiError(500, e.getMessage());
    } catch (UncheckedIOException e) {
      throw new ApiError(500, e.getMessage() + " in " + spoolDir + ": " + e.getCause().getMessage());
    }
  }

  /** Adds the stored event, or says it cannot be read back. */
  private static boolean add(HarWriter har, StoredEvent stored) {
    try {
      har.add(stored.event());
      return true;
    } catch (UncheckedStoreException unreadable) {
      return false;
    }
  }
}

package io.datasipper.server.events;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.route.Router;
import io.datasipper.server.ConfiguredStreams;
import io.datasipper.server.FirstRequest;
import io.datasipper.server.ServerPart;
import io.datasipper.store.EventPage;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoredEvent;
import io.datasipper.store.UncheckedStoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The stored events: {@code GET /api/events}, a filtered page of them with the cursor to the
 * next (with {@code with_streams=true}, also the configured streams that take each event), and
 * {@code GET /api/events/{seq}}, one event whole. Documented in {@code openapi/events.json}.
 */
public final class EventsPart implements ServerPart {
  private final EventStore store;
  private final Function<String, Optional<Predicate<CaptureEvent>>> streams;
  private final Supplier<Router> routing;

  /** Events without streams: a request naming a stream is refused, and no event is taken by any. */
  public EventsPart(EventStore store) {
    this(store, name -> Optional.empty());
  }

  /**
   * @param streams the rules of the stream of a name, as a test of events; empty for an unknown name
   */
  public EventsPart(EventStore store, Function<String, Optional<Predicate<CaptureEvent>>> streams) {
    this(store, streams, ConfiguredStreams.NONE);
  }

  /**
   * @param streams the rules of the stream of a name, as a test of events; empty for an unknown name
   * @param routing the router of the streams configured now, for {@code with_streams}
   */
  public EventsPart(EventStore store, Function<String, Optional<Predicate<CaptureEvent>>> streams,
      Supplier<Router> routing) {
    this.store = store;
    this.streams = streams;
    this.routing = routing;
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/events", this::page);
    routes.get("/api/events/{seq}", this::one);
  }

  /** The live page's first query ({@code web/src/pages/LivePage.tsx}): the newest events, summarised. */
  @Override
  public List<FirstRequest> firstRequests() {
    return List.of(FirstRequest.get("/api/events?order=newest&limit=1000&with_streams=true&summary=true"));
  }

  private void page(Context ctx) {
    answer(ctx, () -> {
      EventsRequest request = EventsRequest.parse(ctx.queryParamMap());
      EventPage page;
      try {
        if (request.stream() == null) {
          page = store.page(request.page());
        } else {
          Predicate<CaptureEvent> rules = streams.apply(request.stream()).orElseThrow(() ->
              new BadParameter("stream: no stream named '" + request.stream() + "' in the config"));
          page = store.page(request.page(), rules);
        }
      } catch (IllegalArgumentException e) {
        throw new BadParameter(e.getMessage()); // a filter the store cannot answer (an encrypted one)
      }
      Router router = request.withStreams() ? routing.get() : null;
      ctx.contentType("application/json").result(PageJson.write(page, request.summary(),
          router == null ? null : json -> streams(router, json)));
    });
  }

  /**
   * The streams that take a stored event, as the pipeline routes it: by its type alone when the
   * rules look at nothing else; none for one they must read and this version cannot read.
   */
  private static List<String> streams(Router router, byte[] json) {
    try {
      return ConfiguredStreams.of(router, EventJson.topLevelText(json, "type"), () -> EventJson.read(json));
    } catch (IllegalArgumentException unreadable) {
      return List.of();
    }
  }

  private void one(Context ctx) {
    answer(ctx, () -> {
      String text = ctx.pathParam("seq");
      long seq;
      try {
        seq = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new BadParameter("seq: '" + text + "' is not a seq (a whole number from 1)");
      }
      if (seq < 1) {
        throw new BadParameter("seq: '" + text + "' is not a seq (a whole number from 1)");
      }
      Optional<StoredEvent> event = store.event(seq);
      if (event.isEmpty()) {
        error(ctx, HttpStatus.NOT_FOUND, "seq: no event " + seq + " is stored");
        return;
      }
      String problem = EventJson.syntaxProblem(event.get().jsonUtf8());
      if (problem != null) {
        error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "seq: the stored text of event " + seq + " is not an event: " + problem);
        return;
      }
      ctx.contentType("application/json").result(event.get().jsonUtf8());
    });
  }

  /** Runs a handler, answering a bad parameter with 400 and a store failure with 500, each as {"error": ...}. */
  private static void answer(Context ctx, Runnable handler) {
    try {
      handler.run();
    } catch (BadParameter e) {
      error(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (UncheckedStoreException e) {
      error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }
  }

  private static void error(Context ctx, HttpStatus status, String message) {
    ctx.status(status).json(Map.of("error", message));
  }
}

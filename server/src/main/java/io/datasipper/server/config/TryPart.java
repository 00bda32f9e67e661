package io.datasipper.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.transform.EventTransform;
import io.datasipper.config.ConfigEditor;
import io.datasipper.config.ConfigException;
import io.datasipper.config.ConfigLoader;
import io.datasipper.config.Transforms;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.pipeline.StreamTrial;
import io.datasipper.route.Router;
import io.datasipper.route.RuleException;
import io.datasipper.route.RuleParser;
import io.datasipper.route.StreamRule;
import io.datasipper.server.ApiError;
import io.datasipper.server.JsonBody;
import io.datasipper.server.ServerPart;
import io.datasipper.store.EventFilter;
import io.datasipper.store.EventPage;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import io.datasipper.store.PageQuery;
import io.datasipper.transform.TransformSyntaxException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code POST /api/streams/{name}/try}: runs one stream's rule and transform over the last stored
 * events, as {@code streams try} does, delivering nothing. The request may bring another transform
 * or other conditions, to try a change before saving it; with conditions, the stream need not be
 * saved yet, so that a rule builder can count the matches of a stream it is making.
 *
 * <pre>
 * {"limit": 50, "transform": "function transform(e) {...}", "conditions": [...], "logic": "OR",
 *  "matching": true, "include_events": true}
 * {"limit": 1000, "conditions": [...], "match_only": true}    # whether each event matches, no transform run
 * </pre>
 *
 * <p>With {@code matching}, the limit counts the events the rule takes, newest first among at most
 * {@link #MAX_EXAMINED} stored ones, so that a rare stream still shows what its transform makes.
 * A transform that does not load is answered 400 with its line and column as fields, for an editor
 * to mark the place.
 */
public final class TryPart implements ServerPart {
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 1_000;
  /** How many of the newest stored events a {@code matching} try reads at most, to answer in bounded time. */
  static final int MAX_EXAMINED = 100_000;
  private static final Set<String> KEYS =
      Set.of("limit", "transform", "conditions", "logic", "matching", "include_events", "match_only");
  private static final String KEY_LIST = "limit, transform, conditions, logic, matching, include_events or match_only";

  private final ConfigEditor editor;
  private final EventStore store;

  /** @param editor where the config file is read from, as the commands read it */
  public TryPart(ConfigEditor editor, EventStore store) {
    this.editor = editor;
    this.store = store;
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.post("/api/streams/{name}/try", ApiError.answering(this::tryStream));
  }

  private void tryStream(Context ctx) throws Exception {
    String name = ctx.pathParam("name");
    JsonNode request = request(ctx.body());
    boolean ruleSent = request.has("conditions") || request.has("logic");
    StreamSpec stream = stream(name, ruleSent);
    int limit = limit(request.get("limit"));
    StreamRule rule = ruleSent ? rule(name, request) : stream.rule();
    boolean matchOnly = flag(request, "match_only");
    boolean matching = flag(request, "matching");
    boolean includeEvents = flag(request, "include_events");
    String source = request.has("transform") ? text(request, "transform")
        : stream == null || matchOnly ? null : stream.transformSource();

    ArrayNode results = JsonNodeFactory.instance.arrayNode();
    List<String> skipped = new ArrayList<>();
    EventTransform transform;
    try {
      transform = compile(name, source);
    } catch (TransformSyntaxException e) {
      ApiError.send(ctx, 400, refusal(e));
      return;
    }
    try (transform) {
      StreamTrial trial = new StreamTrial(rule, transform);
      Router router = new Router(List.of(rule));
      Function<CaptureEvent, StreamTrial.Result> tryOne = matchOnly
          ? event -> new StreamTrial.Result(event.seq(), router.route(event).contains(name), false, List.of(), null)
          : trial::apply;
      Consumer<CaptureEvent> each = event -> results.add(json(tryOne.apply(event), includeEvents ? event : null));
      if (matching) {
        lastMatching(rule, limit).forEach(each);
      } else {
        long after = Math.max(0, store.maxSeq() - limit);
        store.scan(new EventQuery(null, after, limit), each, skipped::add);
      }
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("stream", name);
    body.put("transform", source);
    body.set("results", results);
    ArrayNode unreadable = body.putArray("skipped");
    skipped.forEach(unreadable::add);
    ApiError.send(ctx, 200, body);
  }

  private static JsonNode request(String body) {
    return JsonBody.object(body, KEYS, KEY_LIST);
  }

  private static boolean flag(JsonNode request, String key) {
    JsonNode node = request.get(key);
    if (node == null) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new ApiError(400, "body." + key + ": " + node + " is not true or false");
    }
    return node.booleanValue();
  }

  /** The last {@code limit} stored events the rule takes, oldest first. */
  private List<CaptureEvent> lastMatching(StreamRule rule, int limit) {
    Router router = new Router(List.of(rule));
    Predicate<CaptureEvent> takes = event -> router.route(event).contains(rule.name());
    List<CaptureEvent> newestFirst = new ArrayList<>();
    PageQuery query = PageQuery.first(EventFilter.ALL, PageQuery.Order.NEWEST, Math.min(limit, PageQuery.MAX_LIMIT));
    int examined = 0;
    while (newestFirst.size() < limit && examined < MAX_EXAMINED) {
      EventPage page = store.page(query, takes);
      page.events().stream().limit(limit - newestFirst.size()).forEach(stored -> newestFirst.add(stored.event()));
      examined += page.examined();
      if (page.next().isEmpty()) {
        break;
      }
      query = query.continueFrom(page.next().getAsLong());
    }
    return newestFirst.reversed();
  }

  /**
   * The stream as the config file defines it now.
   *
   * @param unsaved whether a stream the file does not define (yet) is tried, as null
   */
  private StreamSpec stream(String name, boolean unsaved) {
    ConfigEditor.Snapshot now = editor.current();
    if (!now.exists()) {
      if (unsaved) {
        return null;
      }
      throw new ApiError(404, "stream '" + name + "': no such stream; " + now.file() + " does not exist, so none is defined");
    }
    PipelineSpec pipeline;
    try {
      pipeline = ConfigLoader.load(now.file(), now.text()).pipeline();
    } catch (ConfigException e) {
      throw new ApiError(409, "the config file is not valid, so its streams cannot be tried: " + e.getMessage());
    }
    Optional<StreamSpec> stream = pipeline.streams().stream().filter(s -> s.name().equals(name)).findFirst();
    if (unsaved) {
      return stream.orElse(null);
    }
    return stream.orElseThrow(() -> new ApiError(404, "stream '" + name + "': no such stream; streams: "
            + (pipeline.isEmpty() ? "none" : String.join(", ", pipeline.streams().stream().map(StreamSpec::name).toList()))));
  }

  private static int limit(JsonNode node) {
    if (node == null) {
      return DEFAULT_LIMIT;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 1 || node.intValue() > MAX_LIMIT) {
      throw new ApiError(400, "body.limit: " + node + " is not a number of events from 1 to " + MAX_LIMIT);
    }
    return node.intValue();
  }

  /** The rule made of the conditions sent. */
  private static StreamRule rule(String name, JsonNode request) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("name", name);
    if (request.has("conditions")) {
      rule.put("conditions", ApiError.JSON.convertValue(request.get("conditions"), Object.class));
    }
    if (request.has("logic")) {
      rule.put("logic", ApiError.JSON.convertValue(request.get("logic"), Object.class));
    }
    try {
      return RuleParser.parse(rule, "body");
    } catch (RuleException e) {
      throw new ApiError(400, e.getMessage()); // names the path to the bad key
    }
  }

  private static String text(JsonNode request, String key) {
    JsonNode node = request.get(key);
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new ApiError(400, "body." + key + ": expected the JavaScript source as a non-empty string");
    }
    return node.asText();
  }

  private static EventTransform compile(String stream, String source) throws TransformSyntaxException {
    return source == null ? EventTransform.IDENTITY : Transforms.load(stream, source);
  }

  /** The 400 for a transform that does not load: the message, and its place when it has one. */
  private static ObjectNode refusal(TransformSyntaxException e) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", "body.transform: transform of " + e.getMessage());
    if (e.line() > 0) {
      body.put("line", e.line());
      body.put("column", e.column());
    }
    return body;
  }

  /** @param event the event tried, to answer with the result; null to answer the result alone */
  private static ObjectNode json(StreamTrial.Result result, CaptureEvent event) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("seq", result.seq());
    node.put("matched", result.matched());
    node.put("dropped", result.dropped());
    ArrayNode records = node.putArray("records");
    for (String record : result.records()) {
      try {
        records.add(ApiError.JSON.readTree(record));
      } catch (JsonProcessingException e) {
        records.add(record); // a transform's output is JSON it made; should it not parse, it is shown as text
      }
    }
    node.put("error", result.error());
    if (event != null) {
      try {
        node.set("event", ApiError.JSON.readTree(EventJson.write(event)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the event JSON writer wrote what does not parse: " + e.getMessage(), e);
      }
    }
    return node;
  }
}

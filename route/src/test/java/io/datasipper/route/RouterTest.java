package io.datasipper.route;

import static io.datasipper.route.TestEvents.http;
import static io.datasipper.route.TestEvents.rule;
import static io.datasipper.route.TestEvents.ruleWith;
import static io.datasipper.route.TestEvents.sse;
import static io.datasipper.route.TestEvents.wsFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.WsFrameEvent.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RouterTest {

  @Test
  void routesTheRuleFormUsersAlreadyWrite() {
    Router router = new Router(List.of(rule("""
        {"name": "api_calls", "conditions": [{"field": "url", "operator": "contains", "value": "/api/"}],
         "logic": "AND", "output": "kafka"}""")));
    assertThat(router.route(http().build())).containsExactly("api_calls");
    assertThat(router.route(http().url("https://shop.example/index.html").build())).containsExactly("_unmatched");
    assertThat(router.rules()).extracting(StreamRule::output).containsExactly("kafka");
  }

  @Test
  void fansOutToEveryMatchingStreamInRuleOrder() {
    Router router = new Router(List.of(
        ruleWith("z_posts", "{\"field\": \"method\", \"operator\": \"equals\", \"value\": \"POST\"}"),
        ruleWith("gets", "{\"field\": \"method\", \"operator\": \"equals\", \"value\": \"GET\"}"),
        ruleWith("a_shop", "{\"field\": \"host\", \"operator\": \"equals\", \"value\": \"shop.example\"}"),
        ruleWith("json", "{\"field\": \"response.json.total\", \"operator\": \"gte\", \"value\": 3}")));
    assertThat(router.route(http().build())).containsExactly("z_posts", "a_shop", "json");
    assertThat(router.route(http().method("GET").build())).containsExactly("gets", "a_shop", "json");
  }

  @Test
  void unmatchedIsTheOnlyStreamOfAnEventNoRuleMatches() {
    Router router = new Router(List.of(ruleWith("frames", "{\"field\": \"type\", \"operator\": \"equals\", \"value\": \"ws_frame\"}")));
    assertThat(router.route(http().build())).isEqualTo(List.of(Router.UNMATCHED)).containsExactly("_unmatched");
    assertThat(router.route(TestEvents.gap())).containsExactly("_unmatched");
    assertThat(new Router(List.of()).route(http().build())).containsExactly("_unmatched");
  }

  @Test
  void routesEveryEventTypeByType() {
    Router router = new Router(List.of(
        ruleWith("web", "{\"field\": \"type\", \"operator\": \"in\", \"value\": [\"http\", \"sse\"]}"),
        ruleWith("sockets", "{\"field\": \"type\", \"operator\": \"starts_with\", \"value\": \"ws_\"}"),
        ruleWith("capture", "{\"field\": \"type\", \"operator\": \"regex\", \"value\": \"^capture_\"}"),
        ruleWith("not_http", "{\"not\": {\"field\": \"type\", \"operator\": \"equals\", \"value\": \"HTTP\", "
            + "\"case_insensitive\": true}}")));
    List<List<String>> routes = TestEvents.oneOfEach().stream().map(router::route).toList();
    assertThat(routes).containsExactly(
        List.of("web"), List.of("sockets", "not_http"), List.of("sockets", "not_http"), List.of("sockets", "not_http"),
        List.of("sockets", "not_http"), List.of("web", "not_http"), List.of("capture", "not_http"),
        List.of("capture", "not_http"));
  }

  @Test
  void saysWhenTheTypeAloneDecidesTheStreams() {
    Router router = new Router(List.of(
        ruleWith("sockets", "{\"field\": \"type\", \"operator\": \"starts_with\", \"value\": \"ws_\"}"),
        ruleWith("api", "{\"field\": \"url\", \"operator\": \"contains\", \"value\": \"/api/\"}"),
        ruleWith("frames_in", "{\"logic\": \"AND\", \"conditions\": ["
            + "{\"field\": \"type\", \"operator\": \"equals\", \"value\": \"ws_frame\"},"
            + "{\"field\": \"status\", \"operator\": \"exists\"}]}")));
    // The url rule applies to WebSocket events: the type alone does not decide them. (The status
    // rule never takes a frame: status does not apply to frames.)
    assertThat(router.streamsForType("ws_frame")).isNull();
    assertThat(router.streamsForType("http")).isNull();
    assertThat(router.streamsForType("capture_gap")).containsExactly("_unmatched");
    assertThat(router.streamsForType("no_such_type")).isNull();
    Router byType = new Router(List.of(
        ruleWith("sockets", "{\"field\": \"type\", \"operator\": \"starts_with\", \"value\": \"ws_\"}"),
        ruleWith("web", "{\"field\": \"type\", \"operator\": \"in\", \"value\": [\"http\", \"sse\"]}")));
    for (CaptureEvent event : TestEvents.oneOfEach()) {
      assertThat(byType.streamsForType(event.type())).as(event.type()).isEqualTo(byType.route(event));
    }
  }

  @Test
  void nestedGroupsAndNot() {
    Router router = new Router(List.of(rule("""
        {"name": "problems", "conditions": [
          {"field": "type", "operator": "equals", "value": "http"},
          {"logic": "or", "conditions": [
            {"field": "status", "operator": "gte", "value": 500},
            {"field": "error.kind", "operator": "exists"},
            {"logic": "AND", "conditions": [{"field": "status", "operator": "equals", "value": 429},
                                             {"field": "response.headers.retry-after", "operator": "exists"}]}]},
          {"not": {"logic": "OR", "conditions": [
            {"field": "method", "operator": "equals", "value": "OPTIONS"},
            {"field": "url", "operator": "contains", "value": "/health"}]}}]}""")));
    assertThat(router.route(http().status(503).build())).containsExactly("problems");
    assertThat(router.route(http().failed("net_error").build())).containsExactly("problems");
    assertThat(router.route(http().status(429).responseHeader("Retry-After", "5").build())).containsExactly("problems");
    assertThat(router.route(http().status(429).build())).containsExactly("_unmatched");
    assertThat(router.route(http().status(200).build())).containsExactly("_unmatched");
    assertThat(router.route(http().status(503).method("OPTIONS").build())).containsExactly("_unmatched");
    assertThat(router.route(http().status(503).url("https://x.example/health").build())).containsExactly("_unmatched");
    assertThat(router.route(sse("m", "x"))).containsExactly("_unmatched");
  }

  @Test
  void topLevelOr() {
    Router router = new Router(List.of(rule("""
        {"name": "live", "logic": "OR", "conditions": [
          {"field": "payload.json.type", "operator": "equals", "value": "trade"},
          {"field": "data.json.headline", "operator": "contains", "value": "Markets"}]}""")));
    assertThat(router.route(wsFrame(Direction.RECEIVED, "{\"type\":\"trade\"}"))).containsExactly("live");
    assertThat(router.route(wsFrame(Direction.RECEIVED, "{\"type\":\"quote\"}"))).containsExactly("_unmatched");
    assertThat(router.route(sse("update", "{\"headline\":\"Markets up\"}"))).containsExactly("live");
    assertThat(router.route(http().build())).containsExactly("_unmatched");
  }

  @Test
  void rejectsTwoRulesOfTheSameName() {
    StreamRule a = ruleWith("a", "{\"field\": \"url\", \"operator\": \"exists\"}");
    assertThatThrownBy(() -> new Router(List.of(a, a))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two stream rules are named a");
  }

  @Test
  void routesAreUnmodifiable() {
    Router router = new Router(List.of(ruleWith("a", "{\"field\": \"url\", \"operator\": \"exists\"}")));
    assertThatThrownBy(() -> router.route(http().build()).add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> router.route(TestEvents.gap()).add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  /**
   * The router compiles rules per event type, folds what the type decides, reorders groups and
   * caches fields; none of that may change what matches. Checked against a plain interpreter of the
   * condition trees on many random rules and events.
   */
  @Test
  void compiledRoutingAgreesWithAPlainInterpreter() {
    Random random = new Random(42);
    List<StreamRule> rules = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rules.add(ruleWith("r" + i, RandomRules.condition(random, 3)));
    }
    Router router = new Router(rules);
    List<CaptureEvent> events = RandomRules.events(random, 400);
    int matched = 0;
    for (CaptureEvent event : events) {
      List<String> expected = new ArrayList<>();
      for (StreamRule rule : rules) {
        if (interpret(rule.condition(), event)) {
          expected.add(rule.name());
        }
      }
      List<String> actual = router.route(event);
      assertThat(actual).as(event.toString()).isEqualTo(expected.isEmpty() ? List.of("_unmatched") : expected);
      List<String> byType = router.streamsForType(event.type());
      if (byType != null) {
        assertThat(byType).as(event.toString()).isEqualTo(actual);
      }
      matched += expected.size();
    }
    assertThat(matched).as("the random rules match sometimes").isGreaterThan(events.size());
  }

  private static boolean interpret(Condition condition, CaptureEvent event) {
    return switch (condition) {
      case Comparison c -> c.test(c.field().read(new EventView(event)));
      case NotCondition n -> !interpret(n.condition(), event);
      case ConditionGroup g -> g.logic() == Logic.AND
          ? g.conditions().stream().allMatch(c -> interpret(c, event))
          : g.conditions().stream().anyMatch(c -> interpret(c, event));
    };
  }
}

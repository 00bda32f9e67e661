package io.datasipper.route;

import static io.datasipper.route.TestEvents.yamlish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleParserTest {
  private static final String CONDITIONS =
      "conditions: {field, operator, value}, {logic, conditions} or {not: condition}";

  @Test
  void acceptsTheRuleFormUsersAlreadyWrite() {
    StreamRule rule = RuleParser.parse(yamlish("""
        {"name": "api_calls", "conditions": [{"field": "url", "operator": "contains", "value": "/api/"}],
         "logic": "AND", "output": "kafka"}"""), "streams[0]");

    assertThat(rule.name()).isEqualTo("api_calls");
    assertThat(rule.output()).isEqualTo("kafka");
    ConditionGroup group = (ConditionGroup) rule.condition();
    assertThat(group.logic()).isEqualTo(Logic.AND);
    Comparison c = (Comparison) group.conditions().get(0);
    assertThat(c.field().name()).isEqualTo("url");
    assertThat(c.operator()).isEqualTo(Operator.CONTAINS);
    assertThat(c.value()).isEqualTo("/api/");
    assertThat(c.caseInsensitive()).isFalse();
  }

  @Test
  void logicDefaultsToAndAndIsReadInAnyCase() {
    assertThat(((ConditionGroup) rule("""
        {"name": "a", "conditions": [{"field": "url", "operator": "exists"}]}""").condition()).logic())
        .isEqualTo(Logic.AND);
    assertThat(((ConditionGroup) rule("""
        {"name": "a", "logic": "or", "conditions": [{"field": "url", "operator": "exists"}]}""").condition()).logic())
        .isEqualTo(Logic.OR);
    assertThat(((ConditionGroup) rule("""
        {"name": "a", "logic": "Or", "conditions": [{"field": "url", "operator": "exists"}]}""").condition()).logic())
        .isEqualTo(Logic.OR);
  }

  @Test
  void readsOperatorsInAnyCaseHeaderNamesInLowerCaseAndKeepsTheRest() {
    StreamRule rule = rule("""
        {"name": "a.b-c_1", "conditions": [
          {"field": "request.headers.Content-Type", "operator": "Starts_With", "value": "application/",
           "case_insensitive": true},
          {"field": "status", "operator": "in", "value": [200, 204]}]}""");
    List<Condition> conditions = ((ConditionGroup) rule.condition()).conditions();
    Comparison header = (Comparison) conditions.get(0);
    assertThat(header.field().name()).isEqualTo("request.headers.content-type");
    assertThat(header.operator()).isEqualTo(Operator.STARTS_WITH);
    assertThat(header.caseInsensitive()).isTrue();
    assertThat(((Comparison) conditions.get(1)).value()).isEqualTo(List.of(200, 204));
    assertThat(rule.output()).isNull();
  }

  @Test
  void buildsNestedGroupsAndNot() {
    StreamRule rule = rule("""
        {"name": "a", "conditions": [
          {"logic": "OR", "conditions": [{"field": "status", "operator": "gte", "value": 500},
                                         {"field": "error.kind", "operator": "exists"}]},
          {"not": {"field": "method", "operator": "equals", "value": "OPTIONS"}}]}""");
    List<Condition> conditions = ((ConditionGroup) rule.condition()).conditions();
    assertThat(conditions.get(0)).isInstanceOfSatisfying(ConditionGroup.class, g -> {
      assertThat(g.logic()).isEqualTo(Logic.OR);
      assertThat(g.conditions()).hasSize(2);
    });
    assertThat(conditions.get(1)).isInstanceOfSatisfying(NotCondition.class,
        n -> assertThat(n.condition().toString()).isEqualTo("method equals OPTIONS"));
  }

  @Test
  void parsesAListOfRulesWithTheirPaths() {
    List<StreamRule> rules = RuleParser.parseAll(yamlish("""
        [{"name": "a", "conditions": [{"field": "url", "operator": "exists"}]},
         {"name": "b", "conditions": [{"field": "type", "operator": "equals", "value": "sse"}]}]"""), "streams");
    assertThat(rules).extracting(StreamRule::name).containsExactly("a", "b");
  }

  // ---- errors: every one names the path, the bad value and what is allowed ----

  @Test
  void ruleMustBeAMapping() {
    assertError("\"url\"",
        "streams[2]: expected a mapping with the keys name, logic, conditions, output, got \"url\"");
  }

  @Test
  void rejectsUnknownRuleKeys() {
    assertError("""
        {"name": "a", "outptu": "kafka", "conditions": [{"field": "url", "operator": "exists"}]}""",
        "streams[2].outptu: unknown key; allowed under streams[2]: name, logic, conditions, output");
  }

  @Test
  void rejectsNonStringKeys() {
    Map<Object, Object> rule = new LinkedHashMap<>();
    rule.put(1, "x");
    assertThatThrownBy(() -> RuleParser.parse(rule, "streams[2]")).isInstanceOf(RuleException.class)
        .hasMessage("streams[2].1: unknown key; allowed under streams[2]: name, logic, conditions, output");
  }

  @Test
  void requiresAValidName() {
    assertError("""
        {"conditions": [{"field": "url", "operator": "exists"}]}""", "streams[2]: missing the key name");
    assertError("""
        {"name": 5, "conditions": [{"field": "url", "operator": "exists"}]}""",
        "streams[2].name: expected a stream name of 1 to 64 characters of a-z, 0-9, _, . and -, got 5");
    assertError("""
        {"name": "API calls", "conditions": [{"field": "url", "operator": "exists"}]}""",
        "streams[2].name: \"API calls\" is not a valid stream name; expected 1 to 64 characters of a-z, 0-9, _, . and -");
    String longName = "a".repeat(65);
    assertError("{\"name\": \"" + longName + "\", \"conditions\": [{\"field\": \"url\", \"operator\": \"exists\"}]}",
        "streams[2].name: \"" + "a".repeat(59) + "... is not a valid stream name; expected 1 to 64 characters of a-z, 0-9, _, . and -");
    assertThat(rule("{\"name\": \"" + "a".repeat(64) + "\", \"conditions\": [{\"field\": \"url\", \"operator\": \"exists\"}]}")
        .name()).hasSize(64);
  }

  @Test
  void reservesUnmatched() {
    assertError("""
        {"name": "_unmatched", "conditions": [{"field": "url", "operator": "exists"}]}""",
        "streams[2].name: \"_unmatched\" is reserved for the events that match no stream");
  }

  @Test
  void rejectsUnknownLogic() {
    assertError("""
        {"name": "a", "logic": "XOR", "conditions": [{"field": "url", "operator": "exists"}]}""",
        "streams[2].logic: \"XOR\" is not a logic; expected AND or OR");
    assertError("""
        {"name": "a", "logic": true, "conditions": [{"field": "url", "operator": "exists"}]}""",
        "streams[2].logic: expected AND or OR, got true");
  }

  @Test
  void requiresAListOfConditions() {
    assertError("""
        {"name": "a"}""", "streams[2]: missing the key conditions, a list of " + CONDITIONS);
    assertError("""
        {"name": "a", "conditions": {"field": "url", "operator": "exists"}}""",
        "streams[2].conditions: expected a list of " + CONDITIONS + ", got {\"field\":\"url\",\"operator\":\"exists\"}");
    assertError("""
        {"name": "a", "conditions": []}""", "streams[2].conditions: expected at least one condition, got []");
    assertError("""
        {"name": "a", "conditions": ["url contains /api/"]}""",
        "streams[2].conditions[0]: expected one of the " + CONDITIONS + ", got \"url contains /api/\"");
  }

  @Test
  void rejectsUnknownComparisonKeys() {
    assertError("""
        {"name": "a", "conditions": [{"feild": "url", "operator": "exists"}]}""",
        "streams[2].conditions[0].feild: unknown key; allowed under streams[2].conditions[0]: "
            + "field, operator, value, case_insensitive");
  }

  @Test
  void requiresAKnownField() {
    assertError("""
        {"name": "a", "conditions": [{"operator": "exists"}]}""", "streams[2].conditions[0]: missing the key field");
    assertError("""
        {"name": "a", "conditions": [{"field": "", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: expected a field name such as url or response.json.items[0].price, got \"\"");
    assertError("""
        {"name": "a", "conditions": [{"field": "hots", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"hots\" is not a field; expected one of type, url, host, path, "
            + "query.<name>, method, status, mime_type, resource_type, request.headers.<name>, response.headers.<name>, "
            + "request.body, response.body, request.json.<path>, response.json.<path>, direction, opcode, payload, "
            + "payload.json.<path>, event, data, data.json.<path>, connection_id, tab_id, source.tab_id, "
            + "source.frame_id, source.target_type, source.document_url, source.node, source.imported_from, duration_ms, size, error.kind, message");
    assertError("""
        {"name": "a", "conditions": [{"field": "data.jsonx", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"data.jsonx\" is not a field; expected one of type, url, host, path, "
            + "query.<name>, method, status, mime_type, resource_type, request.headers.<name>, response.headers.<name>, "
            + "request.body, response.body, request.json.<path>, response.json.<path>, direction, opcode, payload, "
            + "payload.json.<path>, event, data, data.json.<path>, connection_id, tab_id, source.tab_id, "
            + "source.frame_id, source.target_type, source.document_url, source.node, source.imported_from, duration_ms, size, error.kind, message");
  }

  @Test
  void requiresParameterNames() {
    assertError("""
        {"name": "a", "conditions": [{"field": "query.", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"query.\" has no query parameter name after query.");
    assertError("""
        {"name": "a", "conditions": [{"field": "request.headers.", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"request.headers.\" has no header name after request.headers.");
    assertError("""
        {"name": "a", "conditions": [{"field": "response.headers.", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"response.headers.\" has no header name after response.headers.");
  }

  @Test
  void requiresValidJsonPaths() {
    String expected = "; expected response.json followed by a path such as .a.b, .items[0].price or [0].id";
    assertError("""
        {"name": "a", "conditions": [{"field": "response.json.items[x]", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"response.json.items[x]\" is not a valid JSON path: "
            + "[x] is not an array index; expected [0], [1], ..." + expected);
    assertError("""
        {"name": "a", "conditions": [{"field": "response.json.a..b", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"response.json.a..b\" is not a valid JSON path: "
            + "empty key at character 3 of .a..b" + expected);
    assertError("""
        {"name": "a", "conditions": [{"field": "response.json.items[0", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"response.json.items[0\" is not a valid JSON path: "
            + "[ without ] in .items[0" + expected);
    assertError("""
        {"name": "a", "conditions": [{"field": "response.json.", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"response.json.\" is not a valid JSON path: "
            + "empty key at character 1 of ." + expected);
    assertError("""
        {"name": "a", "conditions": [{"field": "payload.json[0]x", "operator": "exists"}]}""",
        "streams[2].conditions[0].field: \"payload.json[0]x\" is not a valid JSON path: "
            + "expected . or [ at character 4 of [0]x; expected payload.json followed by a path such as "
            + ".a.b, .items[0].price or [0].id");
  }

  @Test
  void requiresAKnownOperator() {
    assertError("""
        {"name": "a", "conditions": [{"field": "url"}]}""", "streams[2].conditions[0]: missing the key operator");
    assertError("""
        {"name": "a", "conditions": [{"field": "url", "operator": "like", "value": "x"}]}""",
        "streams[2].conditions[0].operator: \"like\" is not an operator; expected one of equals, not_equals, contains, "
            + "not_contains, starts_with, ends_with, regex, in, not_in, gt, gte, lt, lte, exists, not_exists");
    assertError("""
        {"name": "a", "conditions": [{"field": "url", "operator": ["contains"], "value": "x"}]}""",
        "streams[2].conditions[0].operator: expected an operator, got [\"contains\"]");
  }

  @Test
  void requiresAValueExceptForExists() {
    assertError("""
        {"name": "a", "conditions": [{"field": "url", "operator": "contains"}]}""",
        "streams[2].conditions[0]: missing the key value, which operator contains needs");
    assertError("""
        {"name": "a", "conditions": [{"field": "url", "operator": "exists", "value": true}]}""",
        "streams[2].conditions[0].value: operator exists takes no value; remove the key value");
    assertError("""
        {"name": "a", "conditions": [{"field": "url", "operator": "not_exists", "value": "x"}]}""",
        "streams[2].conditions[0].value: operator not_exists takes no value; remove the key value");
  }

  @Test
  void requiresScalarValuesForTextOperators() {
    for (String op : List.of("equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with")) {
      assertError("{\"name\": \"a\", \"conditions\": [{\"field\": \"url\", \"operator\": \"" + op + "\", \"value\": [\"x\"]}]}",
          "streams[2].conditions[0].value: expected a string, number or boolean for operator " + op + ", got [\"x\"]");
    }
    assertError("""
        {"name": "a", "conditions": [{"field": "url", "operator": "contains", "value": null}]}""",
        "streams[2].conditions[0].value: expected a string, number or boolean for operator contains, got an empty value");
  }

  @Test
  void requiresAValidRegex() {
    assertError("""
        {"name": "a", "conditions": [{"field": "path", "operator": "regex", "value": "^/api/(v1|v2"}]}""",
        "streams[2].conditions[0].value: \"^/api/(v1|v2\" is not a valid regular expression: Unclosed group near index 12");
    assertError("""
        {"name": "a", "conditions": [{"field": "path", "operator": "regex", "value": 5}]}""",
        "streams[2].conditions[0].value: expected a regular expression (a non-empty string), got 5");
  }

  @Test
  void requiresANonEmptyListOfScalarsForIn() {
    assertError("""
        {"name": "a", "conditions": [{"field": "method", "operator": "in", "value": "GET"}]}""",
        "streams[2].conditions[0].value: expected a list of a string, number or boolean values, "
            + "e.g. [\"GET\", \"POST\"] or [200, 204], got \"GET\"");
    assertError("""
        {"name": "a", "conditions": [{"field": "method", "operator": "not_in", "value": []}]}""",
        "streams[2].conditions[0].value: expected at least one value to compare with, got []");
    assertError("""
        {"name": "a", "conditions": [{"field": "method", "operator": "in", "value": ["GET", ["POST"]]}]}""",
        "streams[2].conditions[0].value[1]: expected a string, number or boolean for operator in, got [\"POST\"]");
  }

  @Test
  void requiresNumbersForNumericOperators() {
    for (String op : List.of("gt", "gte", "lt", "lte")) {
      assertError("{\"name\": \"a\", \"conditions\": [{\"field\": \"status\", \"operator\": \"" + op + "\", \"value\": \"400\"}]}",
          "streams[2].conditions[0].value: expected a number for operator " + op + ", got \"400\"");
    }
    assertError("""
        {"name": "a", "conditions": [{"field": "status", "operator": "gt", "value": true}]}""",
        "streams[2].conditions[0].value: expected a number for operator gt, got true");
  }

  @Test
  void requiresABooleanCaseInsensitive() {
    assertError("""
        {"name": "a", "conditions": [{"field": "url", "operator": "contains", "value": "x", "case_insensitive": "yes"}]}""",
        "streams[2].conditions[0].case_insensitive: expected true or false, got \"yes\"");
  }

  @Test
  void namesPathsInsideNestedGroupsAndNot() {
    assertError("""
        {"name": "a", "conditions": [{"field": "url", "operator": "exists"},
          {"logic": "OR", "conditions": [{"field": "url", "operator": "exists"},
                                         {"field": "status", "operator": "bigger", "value": 1}]}]}""",
        "streams[2].conditions[1].conditions[1].operator: \"bigger\" is not an operator; expected one of equals, "
            + "not_equals, contains, not_contains, starts_with, ends_with, regex, in, not_in, gt, gte, lt, lte, exists, "
            + "not_exists");
    assertError("""
        {"name": "a", "conditions": [{"logic": "NAND", "conditions": [{"field": "url", "operator": "exists"}]}]}""",
        "streams[2].conditions[0].logic: \"NAND\" is not a logic; expected AND or OR");
    assertError("""
        {"name": "a", "conditions": [{"logic": "OR"}]}""",
        "streams[2].conditions[0]: missing the key conditions, a list of " + CONDITIONS);
    assertError("""
        {"name": "a", "conditions": [{"logic": "OR", "conditions": [{"field": "url", "operator": "exists"}],
                                      "output": "x"}]}""",
        "streams[2].conditions[0].output: unknown key; allowed under streams[2].conditions[0]: logic, conditions");
    assertError("""
        {"name": "a", "conditions": [{"not": {"field": "hots", "operator": "exists"}}]}""",
        "streams[2].conditions[0].not.field: \"hots\" is not a field; expected one of type, url, host, path, "
            + "query.<name>, method, status, mime_type, resource_type, request.headers.<name>, response.headers.<name>, "
            + "request.body, response.body, request.json.<path>, response.json.<path>, direction, opcode, payload, "
            + "payload.json.<path>, event, data, data.json.<path>, connection_id, tab_id, source.tab_id, "
            + "source.frame_id, source.target_type, source.document_url, source.node, source.imported_from, duration_ms, size, error.kind, message");
    assertError("""
        {"name": "a", "conditions": [{"not": {"field": "url", "operator": "exists"}, "field": "url"}]}""",
        "streams[2].conditions[0].field: unknown key; allowed under streams[2].conditions[0]: not");
    assertError("""
        {"name": "a", "conditions": [{"not": [{"field": "url", "operator": "exists"}]}]}""",
        "streams[2].conditions[0].not: expected one of the " + CONDITIONS
            + ", got [{\"field\":\"url\",\"operator\":\"exists\"}]");
  }

  @Test
  void requiresAStringOutput() {
    assertError("""
        {"name": "a", "conditions": [{"field": "url", "operator": "exists"}], "output": 3}""",
        "streams[2].output: expected the name of an output, got 3");
  }

  @Test
  void listsMustBeListsWithUniqueNames() {
    assertThatThrownBy(() -> RuleParser.parseAll(yamlish("{\"name\": \"a\"}"), "streams"))
        .isInstanceOf(RuleException.class)
        .hasMessage("streams: expected a list of stream rules, each with a name and conditions, got {\"name\":\"a\"}");
    assertThatThrownBy(() -> RuleParser.parseAll(yamlish("""
        [{"name": "a", "conditions": [{"field": "url", "operator": "exists"}]},
         {"name": "b", "conditions": [{"field": "url", "operator": "exists"}]},
         {"name": "a", "conditions": [{"field": "host", "operator": "exists"}]}]"""), "streams"))
        .isInstanceOf(RuleException.class)
        .hasMessage("streams[2].name: \"a\" is already the name of streams[0]");
    assertThatThrownBy(() -> RuleParser.parseAll(yamlish("""
        [{"name": "a", "conditions": [{"field": "url", "operator": "exists"}]},
         {"name": "b", "conditions": [{"field": "url", "operator": "exits"}]}]"""), "streams"))
        .isInstanceOf(RuleException.class)
        .hasMessageStartingWith("streams[1].conditions[0].operator: \"exits\" is not an operator");
  }

  @Test
  void exceptionKeepsPathAndProblemApart() {
    RuleException e = new RuleException("streams[0].name", "is wrong");
    assertThat(e.path()).isEqualTo("streams[0].name");
    assertThat(e.problem()).isEqualTo("is wrong");
    assertThat(new RuleException("", "top").getMessage()).isEqualTo("top");
  }

  @Test
  void streamRulesMadeInCodeAreCheckedToo() {
    Condition any = ((ConditionGroup) rule("""
        {"name": "a", "conditions": [{"field": "url", "operator": "exists"}]}""").condition());
    assertThatThrownBy(() -> new StreamRule("_unmatched", any, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the stream name \"_unmatched\" is reserved for the events that match no stream");
    assertThatThrownBy(() -> new StreamRule("Bad", any, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a valid stream name");
    assertThatThrownBy(() -> new ConditionGroup(Logic.OR, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  private static StreamRule rule(String json) {
    return RuleParser.parse(yamlish(json), "streams[0]");
  }

  private static void assertError(String ruleJson, String message) {
    assertThatThrownBy(() -> RuleParser.parse(yamlish(ruleJson), "streams[2]"))
        .isInstanceOf(RuleException.class)
        .hasMessage(message);
  }
}

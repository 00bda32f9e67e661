package io.datasipper.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.route.RuleLanguage.FieldInfo;
import io.datasipper.route.RuleLanguage.OperatorInfo;
import io.datasipper.route.RuleLanguage.ValueKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a rule builder offers from these lists is what the parser accepts. */
class RuleLanguageTest {
  @Test
  void everyFieldListedMakesARuleTheParserAccepts() {
    List<FieldInfo> fields = RuleLanguage.fields();
    assertThat(fields).extracting(FieldInfo::name).contains("url", "host", "query.<name>", "response.json.<path>");
    for (FieldInfo field : fields) {
      String name = field.prefix() == null ? field.name() : field.prefix() + "id";
      assertThat(parse(name, "exists", null)).as(name).isNotNull();
      assertThat(field.types()).as(name).isNotEmpty();
    }
    assertThat(fields).filteredOn(f -> f.name().equals("method")).singleElement()
        .extracting(FieldInfo::types).isEqualTo(List.of("http"));
    assertThat(fields).filteredOn(f -> f.name().equals("query.<name>")).singleElement()
        .extracting(FieldInfo::prefix).isEqualTo("query.");
  }

  @Test
  void everyOperatorTakesTheValueItsKindSays() {
    Map<ValueKind, Object> values = Map.of(ValueKind.SCALAR, "GET", ValueKind.TEXT, "/api/", ValueKind.REGEX, "^/a.*",
        ValueKind.LIST, List.of("GET", "POST"), ValueKind.NUMBER, 400);
    List<OperatorInfo> operators = RuleLanguage.operators();
    assertThat(operators).extracting(OperatorInfo::key).containsExactlyElementsOf(Operator.keys());
    for (OperatorInfo op : operators) {
      Object value = values.get(op.value());
      assertThat(parse("path", op.key(), value)).as(op.key()).isNotNull();
      if (value == null) {
        assertThatThrownBy(() -> parse("path", op.key(), "x")).as(op.key()).isInstanceOf(RuleException.class);
      } else {
        assertThatThrownBy(() -> parse("path", op.key(), null)).as(op.key()).isInstanceOf(RuleException.class);
      }
    }
  }

  private static StreamRule parse(String field, String operator, Object value) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("field", field);
    condition.put("operator", operator);
    if (value != null) {
      condition.put("value", value);
    }
    return RuleParser.parse(Map.of("name", "s", "conditions", List.of(condition)), "streams[0]");
  }
}

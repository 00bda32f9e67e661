package io.datasipper.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValueTest {
  /** Complaints as a config file loader makes them: the file name in front of the path. */
  private static ConfigValue file(Object value) {
    return ConfigValue.of("", value,
        (path, problem) -> new IllegalArgumentException("my.yaml: " + (path.isEmpty() ? "" : path + ": ") + problem),
        "at the top");
  }

  @Test
  void aComplaintNamesThePathThroughListsAndMappings() {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("field", "status");
    condition.put("valeu", 200);
    ConfigValue root = file(Map.of("streams", List.of(Map.of("conditions", List.of(Map.of(), condition)))));

    ConfigValue second = root.entries().get("streams").list("streams").get(0)
        .entries().get("conditions").list("conditions").get(1);

    assertThatThrownBy(() -> second.mapping(List.of("field", "operator", "value")))
        .hasMessage("my.yaml: streams[0].conditions[1].valeu: unknown key; allowed under streams[0].conditions[1]: "
            + "field, operator, value");
    assertThatThrownBy(() -> file(Map.of("x", 1)).mapping(List.of("capture", "store")))
        .hasMessage("my.yaml: x: unknown key; allowed at the top: capture, store");
  }

  @Test
  void numbersAndSizesAreRangeCheckedWithTheValueShown() {
    Map<String, Object> store = Map.of("events", 0, "big", "2TiB", "odd", 1.5, "text", "lots");
    Map<String, ConfigValue> keys = file(store).entries();

    assertThat(file(4096).byteSize(1, 1L << 20)).isEqualTo(4096);
    assertThat(file("512KiB").byteSize()).isEqualTo(512 * 1024);
    assertThatThrownBy(() -> keys.get("events").wholeNumber(1, 1000))
        .hasMessage("my.yaml: events: 0 is out of range; expected a whole number from 1 to 1000");
    assertThatThrownBy(() -> keys.get("odd").wholeNumber(1, 1000))
        .hasMessage("my.yaml: odd: expected a whole number from 1 to 1000, got 1.5");
    assertThatThrownBy(() -> keys.get("big").byteSize(0, 1L << 30))
        .hasMessage("my.yaml: big: \"2TiB\" is too large; expected a size from 0 B to 1 GiB: " + ByteSize.FORMS);
    assertThatThrownBy(() -> keys.get("text").byteSize(0, 1L << 30))
        .hasMessage("my.yaml: text: \"lots\" is not a size; expected a size from 0 B to 1 GiB: " + ByteSize.FORMS);
  }
}

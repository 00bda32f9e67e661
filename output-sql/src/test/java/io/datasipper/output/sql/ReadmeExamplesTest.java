package io.datasipper.output.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every YAML example in the module's README loads: the documented keys are the real ones. */
class ReadmeExamplesTest {

  @Test
  @SuppressWarnings("unchecked")
  void everyExampleOutputLoads() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<String> loaded = new ArrayList<>();
    while (block.find()) {
      Map<String, Object> doc = yaml.readValue(block.group(1), Map.class);
      for (Map.Entry<String, Object> o : ((Map<String, Object>) doc.get("outputs")).entrySet()) {
        Map<String, Object> settings = new java.util.HashMap<>((Map<String, Object>) o.getValue());
        assertThat(settings.remove("type")).isEqualTo(new SqlOutputFactory().type());
        assertThat(new SqlOutputFactory().create(o.getKey(), settings)).as(o.getKey()).isNotNull();
        loaded.add(o.getKey());
      }
    }
    assertThat(loaded).hasSizeGreaterThanOrEqualTo(2);
  }
}

package io.datasipper.output.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.datasipper.api.output.OutputFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output examples of a module's README: the entries under {@code outputs:} in each
 * {@code ```yaml} block. A module's test loads them all, so that the documented keys stay the real
 * ones.
 */
public final class ReadmeExamples {
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  private ReadmeExamples() {}

  /** {@link #loadAll(Path, OutputFactory, Map)} with no values replaced. */
  public static List<String> loadAll(Path readme, OutputFactory factory) throws Exception {
    return loadAll(readme, factory, Map.of());
  }

  /**
   * Makes an output with {@code factory} of every example, failing on the first that is of another
   * type or does not load, and returns their names in the README's order. Where an example has a
   * key of {@code replaced}, its value is replaced: for a value the factory checks but the README
   * can only make up, such as a file that must exist.
   */
  @SuppressWarnings("unchecked")
  public static List<String> loadAll(Path readme, OutputFactory factory, Map<String, Object> replaced)
      throws Exception {
    List<String> loaded = new ArrayList<>();
    for (Map.Entry<String, Object> o : outputs(readme)) {
      Map<String, Object> settings = new HashMap<>((Map<String, Object>) o.getValue());
      assertThat(settings.remove("type")).isEqualTo(factory.type());
      settings.replaceAll((key, value) -> replaced.getOrDefault(key, value));
      assertThat(factory.create(o.getKey(), settings)).as(o.getKey()).isNotNull();
      loaded.add(o.getKey());
    }
    return loaded;
  }

  /**
   * Makes an output with {@code factory} of every example of its type in a README that shows
   * outputs of several types (the project's), failing on the first that does not load; returns
   * their names in the README's order.
   */
  @SuppressWarnings("unchecked")
  public static List<String> loadAllOfItsType(Path readme, OutputFactory factory) throws Exception {
    List<String> loaded = new ArrayList<>();
    for (Map.Entry<String, Object> o : outputs(readme)) {
      Map<String, Object> settings = new HashMap<>((Map<String, Object>) o.getValue());
      if (factory.type().equals(settings.remove("type"))) {
        assertThat(factory.create(o.getKey(), settings)).as(o.getKey()).isNotNull();
        loaded.add(o.getKey());
      }
    }
    return loaded;
  }

  /** Every block's outputs by name, in order; two blocks may use the same name. Blocks without outputs are skipped. */
  @SuppressWarnings("unchecked")
  private static List<Map.Entry<String, Object>> outputs(Path readme) throws IOException {
    Matcher block = YAML_BLOCK.matcher(Files.readString(readme));
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<Map.Entry<String, Object>> outputs = new ArrayList<>();
    while (block.find()) {
      Map<String, Object> doc = yaml.readValue(block.group(1), Map.class);
      if (doc != null && doc.get("outputs") instanceof Map<?, ?> declared) {
        outputs.addAll(((Map<String, Object>) declared).entrySet());
      }
    }
    return outputs;
  }
}

package io.datasipper.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.datasipper.api.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads a config file into a tree, turning every way it can fail into one line that names the file. */
final class YamlFile {
  // A repeated key would otherwise silently keep the last value.
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /** Follows what a config list should be, so that the message shows how one is written. */
  static final String LIST_EXAMPLE = ", e.g. [\"a\", \"b\"]";

  private YamlFile() {}

  static ConfigValue read(Path file) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read the config file (" + e + ")");
    }
    return parse(name, text);
  }

  /** Reads {@code text} as the content of the file called {@code name}, which the errors name. */
  static ConfigValue parse(String name, String text) {
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonNode tree = MAPPER.readTree(parser);
      if (tree == null) {
        throw new ConfigException(name + ": the config file is empty");
      }
      // Only the first document is read: a second one must not be dropped silently.
      if (parser.nextToken() != null) {
        throw new ConfigException(name + ": holds more than one YAML document (---); expected one");
      }
      return root(name, tree);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": " + syntaxError(e));
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read the config file (" + e + ")");
    }
  }

  /** The document {@code tree} of the file {@code name}, whose complaints read {@code name: path: problem}. */
  private static ConfigValue root(String name, JsonNode tree) {
    return ConfigValue.of("", MAPPER.convertValue(tree, Object.class),
        (path, problem) -> new ConfigException(name + ": " + (path.isEmpty() ? "" : path + ": ") + problem), "at the top");
  }

  private static String syntaxError(JsonProcessingException e) {
    // SnakeYAML knows where the problem is; Jackson's own location is where its parser stopped.
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      return "not valid YAML at line " + (yaml.getProblemMark().getLine() + 1) + ", column "
          + (yaml.getProblemMark().getColumn() + 1) + ": " + yaml.getProblem();
    }
    return "not valid YAML at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
        + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
  }
}

package io.datasipper.config;

import io.datasipper.api.config.ConfigValue;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.route.RuleException;
import io.datasipper.route.RuleParser;
import io.datasipper.route.StreamRule;
import io.datasipper.transform.TransformSyntaxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code streams} and {@code outputs} sections:
 *
 * <pre>
 * streams:
 *   - name: api_calls                     # the rule form: name, conditions, logic, output
 *     conditions: [{field: url, operator: contains, value: /api/}]
 *     logic: AND
 *     outputs: [orders_file]              # or output: orders_file
 *     transform: |                        # or transform_file: transforms/api.js
 *       function transform(event) { return {url: event.url}; }
 * outputs:
 *   orders_file: {type: file, path: out/orders.jsonl, start_from: earliest}
 * </pre>
 *
 * Output settings other than {@code type} and {@code start_from} are checked by the output type's
 * own factory, whose complaints are reported under the output's path; transforms are loaded once
 * to find syntax errors, reported under the stream's {@code transform} or {@code transform_file}.
 */
final class PipelineConfigLoader {
  private static final List<String> STREAM_KEYS =
      List.of("name", "conditions", "logic", "output", "outputs", "transform", "transform_file");
  private static final List<String> RULE_KEYS = List.of("name", "conditions", "logic");

  private PipelineConfigLoader() {}

  /** @param included gets each transform file read, with the digest of what was read */
  static PipelineSpec pipeline(ConfigValue streamsNode, ConfigValue outputsNode, Path baseDir,
      Map<Path, String> included) {
    Outputs registry = new Outputs();
    List<OutputSpec> outputs = outputsNode == null ? List.of() : outputs(outputsNode, registry);
    Set<String> outputNames = new HashSet<>();
    outputs.forEach(o -> outputNames.add(o.name()));
    List<StreamSpec> streams = new ArrayList<>();
    Set<String> streamNames = new HashSet<>();
    if (streamsNode != null) {
      String items = "streams, each with a name, conditions and outputs";
      for (ConfigValue node : streamsNode.list(items + YamlFile.LIST_EXAMPLE)) {
        StreamSpec stream = stream(node, outputNames, baseDir, included);
        if (!streamNames.add(stream.name())) {
          throw node.child("name").error("\"" + stream.name() + "\" names two streams; stream names must differ");
        }
        streams.add(stream);
      }
    }
    return new PipelineSpec(streams, outputs);
  }

  private static StreamSpec stream(ConfigValue node, Set<String> outputNames, Path baseDir,
      Map<Path, String> included) {
    Map<String, ConfigValue> keys = node.mapping(STREAM_KEYS);
    Map<String, Object> rule = new LinkedHashMap<>();
    for (String k : RULE_KEYS) {
      if (keys.containsKey(k)) {
        rule.put(k, keys.get(k).value());
      }
    }
    StreamRule parsed;
    try {
      parsed = RuleParser.parse(rule, node.path());
    } catch (RuleException e) {
      throw node.pathlessError(e.getMessage());
    }
    List<String> outputs = new ArrayList<>();
    if (keys.containsKey("output")) {
      outputs.add(keys.get("output").nonBlankString());
    }
    if (keys.containsKey("outputs")) {
      keys.get("outputs").list("output names" + YamlFile.LIST_EXAMPLE).forEach(n -> outputs.add(n.nonBlankString()));
    }
    for (int i = 0; i < outputs.size(); i++) {
      if (!outputNames.contains(outputs.get(i))) {
        ConfigValue at = keys.containsKey("outputs") ? keys.get("outputs") : keys.get("output");
        throw at.error("\"" + outputs.get(i) + "\" is not an output of this file; outputs defined: "
            + (outputNames.isEmpty() ? "none" : String.join(", ", outputNames)));
      }
    }
    return new StreamSpec(parsed, transformSource(parsed.name(), keys, baseDir, included),
        outputs.stream().distinct().toList());
  }

  private static String transformSource(String stream, Map<String, ConfigValue> keys, Path baseDir,
      Map<Path, String> included) {
    ConfigValue inline = keys.get("transform");
    ConfigValue file = keys.get("transform_file");
    if (inline != null && file != null) {
      throw file.error("give either transform or transform_file, not both");
    }
    if (inline != null) {
      return checked(stream, inline.nonBlankString(), inline);
    }
    if (file == null) {
      return null;
    }
    Path path = baseDir.resolve(file.nonBlankString());
    byte[] content;
    try {
      content = Files.readAllBytes(path);
    } catch (IOException e) {
      throw file.error("cannot read the transform file " + path + " (" + e.getMessage() + ")");
    }
    included.put(path, FileDigest.of(content));
    String source;
    try {
      source = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      throw file.error("the transform file " + path + " is not UTF-8 text");
    }
    return checked(stream, source, file);
  }

  private static String checked(String stream, String source, ConfigValue at) {
    try {
      Transforms.check(stream, source);
    } catch (TransformSyntaxException e) {
      throw at.error(e.getMessage());
    }
    return source;
  }

  private static List<OutputSpec> outputs(ConfigValue node, Outputs registry) {
    List<OutputSpec> outputs = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : node.entries().entrySet()) {
      String name = e.getKey();
      ConfigValue out = e.getValue();
      if (!name.matches("[a-z0-9_.-]{1,64}")) {
        throw out.error("output name \"" + name + "\" must be 1 to 64 of a-z, 0-9, _ . -");
      }
      Map<String, ConfigValue> keys = out.entries();
      ConfigValue type = keys.get("type");
      if (type == null) {
        throw out.error("missing type; known output types: " + registry.knownTypes());
      }
      if (!registry.knows(type.nonBlankString())) {
        throw type.error(registry.unknown(type.shown()));
      }
      boolean earliest = startFromEarliest(keys.get("start_from"));
      Map<String, Object> settings = new LinkedHashMap<>();
      keys.forEach((k, v) -> {
        if (!k.equals("type") && !k.equals("start_from")) {
          settings.put(k, v.value());
        }
      });
      OutputSpec spec = new OutputSpec(name, type.nonBlankString(), earliest, settings);
      try {
        registry.create(spec).stop();
      } catch (io.datasipper.api.output.OutputConfigException ex) {
        throw out.child(ex.key()).error(ex.problem());
      } catch (RuntimeException | LinkageError ex) {
        // A plugin that fails on its settings in a way of its own, or that lacks one of its classes,
        // still gets one line, not a trace.
        throw out.error("the " + spec.type() + " output cannot read its settings: " + ex);
      }
      outputs.add(spec);
    }
    return outputs;
  }

  private static boolean startFromEarliest(ConfigValue node) {
    if (node == null) {
      return false;
    }
    String value = node.nonBlankString();
    return switch (value) {
      case "earliest" -> true;
      case "latest" -> false;
      default -> throw node.error(node.shown() + " is not a start point; expected earliest or latest");
    };
  }
}

package io.datasipper.output.redis;

import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.OutputSettings;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.SettingSpec;
import io.datasipper.api.output.SettingSpec.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code mode} values, the keys each one reads, their defaults, and the writer each one makes. */
final class Modes {
  static final List<String> NAMES = List.of("pubsub", "stream", "list", "set", "hash");
  /** The mode and every mode's own keys, each saying the modes it is for. */
  static final List<SettingSpec> SETTINGS = List.of(
      SettingSpec.choice("mode", NAMES, null,
          "pubsub: PUBLISH; stream: XADD; list: RPUSH/LPUSH; set: SADD; hash: HSET"),
      SettingSpec.optional("channel", Kind.STRING, "datasipper.${stream}", "pubsub: the channel, a template"),
      SettingSpec.optional("key", Kind.STRING, null,
          "stream, list, set, hash: the key, a template; default datasipper:${stream} (hash: datasipper:${stream}:${event_id})"),
      SettingSpec.optional("maxlen", Kind.INTEGER, null, "stream: trim the stream to about this many entries"),
      SettingSpec.choice("push", List.of("left", "right"), "right", "list: which end records are pushed to"),
      SettingSpec.optional("trim", Kind.INTEGER, null, "list: keep only this many records"),
      SettingSpec.optional("member", Kind.STRING, "${value}", "set: the member, a template"),
      SettingSpec.optional("fields", Kind.MAP, null,
          "hash: field name to template; default event: ${value}, stream: ${stream}, event_id: ${event_id}"));

  private Modes() {}

  /** Every key allowed with this mode: the connection's and the mode's own. */
  static List<String> keys(String mode) {
    List<String> keys = new ArrayList<>(Connection.KEYS);
    keys.add("mode");
    keys.addAll(switch (mode) {
      case "pubsub" -> List.of("channel");
      case "stream" -> List.of("key", "maxlen");
      case "list" -> List.of("key", "push", "trim");
      case "set" -> List.of("key", "member");
      case "hash" -> List.of("key", "fields");
      default -> throw new IllegalArgumentException(mode);
    });
    return keys;
  }

  static RecordWriter writer(String mode, OutputSettings s) throws OutputConfigException {
    return switch (mode) {
      case "pubsub" -> new PublishWriter(template(s, "channel", "datasipper.${stream}"));
      case "stream" -> new StreamWriter(template(s, "key", "datasipper:${stream}"), s.whole("maxlen", 0, 1, Long.MAX_VALUE));
      case "list" -> new ListWriter(template(s, "key", "datasipper:${stream}"),
          s.choice("push", List.of("left", "right"), "right").equals("left"), s.whole("trim", 0, 1, Long.MAX_VALUE));
      case "set" -> new SetWriter(template(s, "key", "datasipper:${stream}"), template(s, "member", "${value}"));
      case "hash" -> new HashWriter(template(s, "key", "datasipper:${stream}:${event_id}"), fields(s));
      default -> throw new IllegalArgumentException(mode);
    };
  }

  private static RecordTemplate template(OutputSettings s, String key, String fallback) throws OutputConfigException {
    return RecordTemplate.parse(key, s.string(key, fallback));
  }

  private static Map<String, RecordTemplate> fields(OutputSettings s) throws OutputConfigException {
    Map<String, String> given = s.stringMap("fields");
    if (given == null) {
      given = new LinkedHashMap<>();
      given.put("event", "${value}");
      given.put("stream", "${stream}");
      given.put("event_id", "${event_id}");
    }
    Map<String, RecordTemplate> fields = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : given.entrySet()) {
      fields.put(f.getKey(), RecordTemplate.parse("fields." + f.getKey(), f.getValue()));
    }
    return fields;
  }
}

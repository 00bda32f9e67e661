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
  static final SettingSpec MODE = SettingSpec.choice("mode", NAMES, null,
      "pubsub: PUBLISH; stream: XADD; list: RPUSH/LPUSH; set: SADD; hash: HSET");
  private static final SettingSpec CHANNEL =
      SettingSpec.optional("channel", Kind.STRING, "datasipper.${stream}", "pubsub: the channel, a template");
  private static final SettingSpec KEY = SettingSpec.optional("key", Kind.STRING, null,
      "stream, list, set, hash: the key, a template; default datasipper:${stream} (hash: datasipper:${stream}:${event_id})");
  /** No default: the stream is not trimmed. */
  private static final SettingSpec MAXLEN =
      SettingSpec.whole("maxlen", null, 1, Long.MAX_VALUE, "stream: trim the stream to about this many entries");
  private static final SettingSpec PUSH =
      SettingSpec.choice("push", List.of("left", "right"), "right", "list: which end records are pushed to");
  /** No default: the list is not trimmed. */
  private static final SettingSpec TRIM =
      SettingSpec.whole("trim", null, 1, Long.MAX_VALUE, "list: keep only this many records");
  private static final SettingSpec MEMBER =
      SettingSpec.optional("member", Kind.STRING, "${value}", "set: the member, a template");
  private static final SettingSpec FIELDS = SettingSpec.optional("fields", Kind.MAP, null,
      "hash: field name to template; default event: ${value}, stream: ${stream}, event_id: ${event_id}");
  /** The mode and every mode's own keys, each saying the modes it is for. */
  static final List<SettingSpec> SETTINGS = List.of(MODE, CHANNEL, KEY, MAXLEN, PUSH, TRIM, MEMBER, FIELDS);

  private Modes() {}

  /** Every key allowed with this mode: the connection's and the mode's own. */
  static List<String> keys(String mode) {
    List<String> keys = new ArrayList<>(Connection.KEYS);
    keys.add(MODE.name());
    keys.addAll(SettingSpec.names(switch (mode) {
      case "pubsub" -> List.of(CHANNEL);
      case "stream" -> List.of(KEY, MAXLEN);
      case "list" -> List.of(KEY, PUSH, TRIM);
      case "set" -> List.of(KEY, MEMBER);
      case "hash" -> List.of(KEY, FIELDS);
      default -> throw new IllegalArgumentException(mode);
    }));
    return keys;
  }

  static RecordWriter writer(String mode, OutputSettings s) throws OutputConfigException {
    return switch (mode) {
      case "pubsub" -> new PublishWriter(template(s, CHANNEL.name(), (String) CHANNEL.defaultValue()));
      case "stream" -> new StreamWriter(template(s, KEY.name(), "datasipper:${stream}"), untrimmedOr(s, MAXLEN));
      case "list" -> new ListWriter(template(s, KEY.name(), "datasipper:${stream}"), s.choice(PUSH).equals("left"),
          untrimmedOr(s, TRIM));
      case "set" -> new SetWriter(template(s, KEY.name(), "datasipper:${stream}"),
          template(s, MEMBER.name(), (String) MEMBER.defaultValue()));
      case "hash" -> new HashWriter(template(s, KEY.name(), "datasipper:${stream}:${event_id}"), fields(s));
      default -> throw new IllegalArgumentException(mode);
    };
  }

  /** The length {@code spec} sets, or 0 for none: the writers' "do not trim". */
  private static long untrimmedOr(OutputSettings s, SettingSpec spec) throws OutputConfigException {
    return s.whole(spec.name(), 0, spec.min(), spec.max());
  }

  private static RecordTemplate template(OutputSettings s, String key, String fallback) throws OutputConfigException {
    return RecordTemplate.parse(key, s.string(key, fallback));
  }

  private static Map<String, RecordTemplate> fields(OutputSettings s) throws OutputConfigException {
    Map<String, String> given = s.stringMap(FIELDS.name());
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

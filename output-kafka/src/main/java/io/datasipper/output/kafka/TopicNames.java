package io.datasipper.output.kafka;

import java.util.regex.Pattern;

/** Kafka's rules for topic names: ASCII letters, digits, '.', '_' and '-', at most 249 of them. */
final class TopicNames {
  static final int MAX_LENGTH = 249;
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

  private TopicNames() {}

  /** Why {@code name} cannot be a topic, or null if it can. */
  static String problem(String name) {
    if (name.isEmpty()) {
      return "a topic name cannot be empty";
    }
    if (name.equals(".") || name.equals("..")) {
      return "a topic cannot be named \"" + name + "\"";
    }
    if (name.length() > MAX_LENGTH) {
      return "a topic name has at most " + MAX_LENGTH + " characters, \"" + name + "\" has " + name.length();
    }
    return hasOnlyLegalChars(name) ? null
        : "\"" + name + "\" is not a valid topic name: only ASCII letters, digits, '.', '_' and '-' are allowed";
  }

  static boolean hasOnlyLegalChars(String text) {
    return LEGAL.matcher(text).matches();
  }
}

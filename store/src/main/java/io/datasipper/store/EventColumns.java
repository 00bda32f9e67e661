package io.datasipper.store;

/** The names of the sealed columns, as {@link StoreCipher} binds each sealed value to its column. */
final class EventColumns {
  static final String URL = "events.url";
  static final String JSON = "events.json";
  static final String DEAD_LETTER_RECORD = "dead_letters.record";
  static final String DEAD_LETTER_ERROR = "dead_letters.error";
  static final String PIPELINE_STATS = "pipeline_stats.json";

  private EventColumns() {}
}

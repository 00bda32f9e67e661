package io.datasipper.store;

/**
 * The filters an encrypted store cannot answer. It keeps no URL or body in plain text, neither in
 * a column nor in a full-text index (whose tokens would be the words themselves), so text within a
 * URL and full-text search have nothing to match; equality on a host or a tab still works, on their
 * keyed hashes, as do type, method, status and time.
 */
final class EncryptedFilters {
  static final String URL_TEXT = "an encrypted store cannot filter on text within URLs:"
      + " it keeps no URL in plain text; filter on the host instead, or export and filter the decrypted events";
  static final String SEARCH = "an encrypted store has no full-text search: its index would hold the words of URLs"
      + " and bodies in plain text; filter on host, tab, type, method, status or time instead";

  private EncryptedFilters() {}

  /** @throws IllegalArgumentException for a filter on URL text or a search */
  static void refuse(EventFilter f) {
    if (f.search() != null) {
      throw new IllegalArgumentException(SEARCH);
    }
    if (f.urlContains() != null || f.urlGlob() != null || f.urlText() != null) {
      throw new IllegalArgumentException(URL_TEXT);
    }
  }
}

package io.datasipper.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What a full-text search matches, and its FTS5 query. The search's words are separated by
 * spaces, and an event matches when its URL or one of its text bodies holds every one of them,
 * ignoring case and accents. A word is matched as the run of words SQLite's {@code unicode61}
 * tokenizer makes of it, so {@code users/me} finds {@code /v1/users/me?x=1} and
 * {@code api.shop.example} finds that host; a word ending in {@code *} also matches as the
 * start of a longer word ({@code ord*} finds {@code orders}). Nothing else is an operator: quotes,
 * {@code AND}, {@code OR}, {@code NEAR} and parentheses are searched for as text.
 */
final class SearchText {
  private SearchText() {}

  /**
   * The FTS5 query of {@code search}: each word quoted (a phrase of its tokens), all ANDed.
   *
   * @throws IllegalArgumentException when the search holds no word, or a word with no letter or digit
   */
  static String ftsQuery(String search) {
    List<String> phrases = new ArrayList<>();
    for (String word : search.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      boolean prefix = word.endsWith("*");
      String text = prefix ? word.replaceAll("\\*+$", "") : word;
      if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
        throw new IllegalArgumentException("search: '" + word + "' has no letter or digit to search for");
      }
      phrases.add("\"" + text.replace("\"", "\"\"") + "\"" + (prefix ? " *" : ""));
    }
    if (phrases.isEmpty()) {
      throw new IllegalArgumentException("search: no word to search for");
    }
    return String.join(" ", phrases);
  }
}

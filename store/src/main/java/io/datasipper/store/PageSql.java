package io.datasipper.store;

import io.datasipper.api.json.IsoInstants;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a {@link PageQuery}: its filter as terms on the {@code event_keys} table (alias
 * {@code k}) and, for a search, on the {@code event_text} table (alias {@code t}), with their
 * arguments, and the ways of walking the candidates that can drive a page.
 */
final class PageSql {
  /**
   * A way to walk the candidates: an index and the terms it answers, the table itself
   * ({@code NOT INDEXED}: by seq, its rowid), or the full-text index of a search. In every index of
   * {@code event_keys} the seq comes right after the key, so the rows of one key value come in seq order
   * ({@code seqOrdered}) and need no sort, as a search's matches come in rowid order; a range of
   * values (a status range, a time range) does not, and such an index drives a page only when the
   * range holds few enough candidates to sort them all.
   *
   * @param walk the table (with its index) walked to count candidates
   * @param from {@code walk} joined to {@code event_keys} where it is another table, for reading
   * @param seq the seq of a candidate in {@code walk}
   */
  record Driver(String walk, String from, String seq, String terms, List<Object> args, boolean seqOrdered) {
    static final Driver TABLE = new Driver("event_keys AS k NOT INDEXED", "event_keys AS k NOT INDEXED", "k.seq",
        null, List.of(), true);

    static Driver index(String column, String terms, List<Object> args, boolean seqOrdered) {
      String walk = "event_keys AS k INDEXED BY event_keys_" + column;
      return new Driver(walk, walk, "k.seq", terms, args, seqOrdered);
    }
  }

  final List<String> terms = new ArrayList<>();
  final List<Object> args = new ArrayList<>();
  final List<Driver> drivers = new ArrayList<>();
  /** The filter's time range as stored (null for no bound), for skipping blocks of seqs outside it. */
  final String since;
  final String until;

  /**
   * @throws IllegalArgumentException for a filter an encrypted store cannot answer (see {@link EncryptedFilters})
   */
  PageSql(EventFilter f, StoreCipher cipher) {
    if (cipher.encrypts()) {
      EncryptedFilters.refuse(f);
    }
    if (f.types().size() == 1) {
      equality("type", f.types().getFirst());
    } else if (!f.types().isEmpty()) {
      terms.add("k.type IN (" + String.join(", ", f.types().stream().map(t -> "?").toList()) + ")");
      args.addAll(f.types());
    }
    if (f.host() != null) {
      equality("host", cipher.hash(f.host()));
    }
    if (f.method() != null) {
      equality("method", f.method());
    }
    if (f.tab() != null) {
      equality("tab", cipher.hash(f.tab()));
    }
    if (f.statusMin() != null && f.statusMin().equals(f.statusMax())) {
      equality("status", f.statusMin());
    } else {
      range("status", f.statusMin(), "k.status >= ?", f.statusMax(), "k.status <= ?");
    }
    // instr, not LIKE: the text is matched literally, '%' and '_' included.
    term(f.urlContains(), "instr(k.url, ?) > 0");
    term(f.urlGlob() == null ? null : globPattern(f.urlGlob()), "k.url GLOB ?");
    // SQLite's lower() folds ASCII letters only, so the text is folded the same way here.
    term(f.urlText() == null ? null : asciiLower(f.urlText()), "instr(lower(k.url), ?) > 0");
    // Times are stored with nine fraction digits, so their text order is their time order.
    range("ts", f.since() == null ? null : IsoInstants.formatNanos(f.since()), "k.ts >= ?",
        f.until() == null ? null : IsoInstants.formatNanos(f.until()), "k.ts < ?");
    since = f.since() == null ? null : IsoInstants.formatNanos(f.since());
    until = f.until() == null ? null : IsoInstants.formatNanos(f.until());
    if (f.search() != null) {
      // A search always drives: its matches come in seq order from the full-text index, which no
      // term on event_keys could test as cheaply row by row.
      String match = "t.event_text MATCH ?";
      String query = SearchText.ftsQuery(f.search());
      terms.add(match);
      args.add(query);
      drivers.clear();
      drivers.add(new Driver("event_text AS t", "event_text AS t CROSS JOIN event_keys AS k ON k.seq = t.rowid",
          "t.rowid", match, List.of(query), true));
    }
  }

  /** Whether walking {@code d} finds exactly the filter's events: its terms are all of the filter's. */
  boolean answeredBy(Driver d) {
    return d.seqOrdered() && d != Driver.TABLE && terms.size() == 1 && d.terms().equals(terms.getFirst());
  }

  /** The WHERE clause's filter terms, each starting with {@code AND}; empty when none. */
  String where() {
    StringBuilder sql = new StringBuilder();
    terms.forEach(t -> sql.append(" AND ").append(t));
    return sql.toString();
  }

  private void equality(String column, Object value) {
    String term = "k." + column + " = ?";
    terms.add(term);
    args.add(value);
    drivers.add(Driver.index(column, term, List.of(value), true));
  }

  private void range(String column, Object low, String lowTerm, Object high, String highTerm) {
    List<String> rangeTerms = new ArrayList<>();
    List<Object> rangeArgs = new ArrayList<>();
    if (low != null) {
      rangeTerms.add(lowTerm);
      rangeArgs.add(low);
    }
    if (high != null) {
      rangeTerms.add(highTerm);
      rangeArgs.add(high);
    }
    if (!rangeTerms.isEmpty()) {
      terms.addAll(rangeTerms);
      args.addAll(rangeArgs);
      drivers.add(Driver.index(column, String.join(" AND ", rangeTerms), rangeArgs, false));
    }
  }

  private void term(Object value, String term) {
    if (value != null) {
      terms.add(term);
      args.add(value);
    }
  }

  /**
   * The user's pattern, where only {@code *} and {@code ?} are wildcards, as a GLOB pattern, where
   * {@code [} also starts a character class: written as the class {@code [[]} it is itself.
   */
  static String globPattern(String pattern) {
    return pattern.replace("[", "[[]");
  }

  static String asciiLower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      b.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch);
    }
    return b.toString();
  }
}

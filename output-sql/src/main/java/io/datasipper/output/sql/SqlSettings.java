package io.datasipper.output.sql;

import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.OutputSettings;
import io.datasipper.api.output.RedactedUrl;
import io.datasipper.api.output.SettingSpec;
import io.datasipper.api.output.SettingSpec.Kind;
import io.datasipper.api.output.OutputConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checked settings: {@code url} (jdbc:postgresql:// or jdbc:mariadb://), {@code user},
 * {@code password}, {@code table} ({@code name} or {@code schema.name}), {@code columns} (column
 * name to template; default: {@link DefaultColumns}), {@code create_table} (create the default
 * table if missing) and {@code timeout_ms} (connect and per-statement socket timeout).
 */
record SqlSettings(String url, Dialect dialect, String user, String password, String table, List<Column> columns,
    boolean createTable, long timeoutMs) {
  private static final SettingSpec URL = SettingSpec.required("url", Kind.STRING,
      "The JDBC url, e.g. jdbc:postgresql://127.0.0.1:5432/events or jdbc:mariadb://...");
  private static final SettingSpec USER = SettingSpec.optional("user", Kind.STRING, null, "The database user");
  private static final SettingSpec PASSWORD =
      SettingSpec.optional("password", Kind.SECRET, null, "The user's password (may be empty)");
  private static final SettingSpec TABLE =
      SettingSpec.required("table", Kind.STRING, "The table to insert into, e.g. events or capture.events");
  private static final SettingSpec COLUMNS = SettingSpec.optional("columns", Kind.MAP, null,
      "Column name to template, e.g. url: ${value.url}; default: the standard columns");
  private static final SettingSpec CREATE_TABLE =
      SettingSpec.optional("create_table", Kind.BOOLEAN, false, "Create the table with the standard columns if missing");
  private static final SettingSpec TIMEOUT_MS =
      SettingSpec.whole("timeout_ms", 10_000L, 1, 3_600_000, "Connect and per-statement timeout in milliseconds");
  static final List<SettingSpec> SETTINGS = List.of(URL, USER, PASSWORD, TABLE, COLUMNS, CREATE_TABLE, TIMEOUT_MS);

  /** Plain identifiers only: they are quoted in the SQL, and nothing else may reach it. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  static SqlSettings read(Map<String, Object> values) throws OutputConfigException {
    OutputSettings s = new OutputSettings(values, SettingSpec.names(SETTINGS));
    String url = s.string(URL);
    Dialect dialect = Dialect.of(url);
    if (dialect == null) {
      throw new OutputConfigException("url", "url " + RedactedUrl.of(url) + " must start with jdbc:postgresql:// or jdbc:mariadb://");
    }
    String table = s.string(TABLE);
    if (!table.matches("[^.]+(\\.[^.]+)?") || !allIdentifiers(table.split("\\."))) {
      throw new OutputConfigException("table", "table " + table
          + " must be a name or schema.name of letters, digits and _ (not starting with a digit, at most 63 each)");
    }
    List<Column> columns = columns(s.stringMap(COLUMNS.name()));
    boolean createTable = s.bool(CREATE_TABLE);
    if (createTable && columns != null) {
      throw new OutputConfigException("create_table",
          "create_table makes the default columns only; create the table for a custom columns mapping yourself");
    }
    return new SqlSettings(url, dialect, s.string(USER), optional(values, PASSWORD.name()), table,
        columns == null ? DefaultColumns.all() : columns, createTable, s.whole(TIMEOUT_MS));
  }

  private static List<Column> columns(Map<String, String> mapping) throws OutputConfigException {
    if (mapping == null) {
      return null;
    }
    List<Column> columns = new ArrayList<>();
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      String key = "columns." + e.getKey();
      if (!IDENTIFIER.matcher(e.getKey()).matches()) {
        throw new OutputConfigException(key, "column " + e.getKey()
            + " must be letters, digits and _ (not starting with a digit, at most 63)");
      }
      RecordTemplate template = RecordTemplate.parse(key, e.getValue());
      columns.add(new Column(e.getKey(), template::render));
    }
    return List.copyOf(columns);
  }

  /** The password may be empty (MariaDB's root often has none), unlike the other strings. */
  private static String optional(Map<String, Object> values, String key) throws OutputConfigException {
    Object v = values.get(key);
    if (v != null && !(v instanceof String)) {
      throw new OutputConfigException(key, key + " must be a string");
    }
    return (String) v;
  }

  private static boolean allIdentifiers(String[] parts) {
    for (String p : parts) {
      if (!IDENTIFIER.matcher(p).matches()) {
        return false;
      }
    }
    return true;
  }

  String quotedTable() {
    return dialect.table(table);
  }
}

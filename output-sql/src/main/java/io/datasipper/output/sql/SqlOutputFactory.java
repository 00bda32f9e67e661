package io.datasipper.output.sql;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.SettingSpec;
import java.util.List;
import java.util.Map;

/** {@code type: sql}: records inserted as rows into PostgreSQL or MariaDB; see {@link SqlSettings} for the keys. */
public final class SqlOutputFactory implements OutputFactory {

  @Override
  public String type() {
    return "sql";
  }

  @Override
  public List<SettingSpec> settings() {
    return SqlSettings.SETTINGS;
  }

  @Override
  public Output create(String name, Map<String, Object> settings) throws OutputConfigException {
    return new SqlOutput(name, SqlSettings.read(settings));
  }
}

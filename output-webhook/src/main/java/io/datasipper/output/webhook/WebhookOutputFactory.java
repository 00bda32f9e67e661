package io.datasipper.output.webhook;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.SettingSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@code type: webhook}: records POSTed as JSON to an HTTP endpoint; see {@link WebhookSettings} for the keys. */
public final class WebhookOutputFactory implements OutputFactory {

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public List<SettingSpec> settings() {
    return WebhookSettings.SETTINGS;
  }

  @Override
  public Output create(String name, Map<String, Object> settings) throws OutputConfigException {
    return new WebhookOutput(WebhookSettings.read(settings), Clock.systemUTC());
  }
}

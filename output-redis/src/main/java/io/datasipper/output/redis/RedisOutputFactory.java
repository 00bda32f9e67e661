package io.datasipper.output.redis;

import io.datasipper.api.output.OutputSettings;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.SettingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code type: redis}: records written to Redis with Lettuce, one pipelined round trip per batch.
 * {@code mode} picks the command: {@code pubsub} (PUBLISH), {@code stream} (XADD), {@code list}
 * (RPUSH/LPUSH), {@code set} (SADD) or {@code hash} (HSET). See {@link Connection} for the
 * connection keys and {@link Modes} for each mode's keys.
 */
public final class RedisOutputFactory implements OutputFactory {

  @Override
  public String type() {
    return "redis";
  }

  /** The connection's keys, then the mode and its keys. */
  @Override
  public List<SettingSpec> settings() {
    List<SettingSpec> all = new ArrayList<>(Connection.SETTINGS);
    all.addAll(Modes.SETTINGS);
    return List.copyOf(all);
  }

  @Override
  public Output create(String name, Map<String, Object> settings) throws OutputConfigException {
    OutputSettings s = new OutputSettings(settings);
    String mode = s.choice(Modes.MODE);
    s.allowOnly(Modes.keys(mode), "for mode " + mode);
    return new RedisOutput(name, Connection.read(s), Modes.writer(mode, s));
  }
}

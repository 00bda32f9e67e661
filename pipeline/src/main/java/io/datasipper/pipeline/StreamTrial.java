package io.datasipper.pipeline;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.transform.EventTransform;
import io.datasipper.route.Router;
import io.datasipper.route.StreamRule;
import java.util.List;

/**
 * What one stream would make of events, delivering nothing: its rule, then its transform, as the
 * pipeline runs them. {@code streams try} prints it; the local server answers it.
 */
public final class StreamTrial {
  /**
   * What the stream made of one event.
   *
   * @param matched whether the stream's rule took the event
   * @param dropped whether the transform dropped it
   * @param records the records the stream would ship (JSON text), empty when not matched, dropped or failed
   * @param error why the transform failed; null when it did not
   */
  public record Result(long seq, boolean matched, boolean dropped, List<String> records, String error) {
    public Result {
      records = List.copyOf(records);
    }
  }

  private final String name;
  private final Router router;
  private final EventTransform transform;

  /**
   * @param rule the stream's rule (possibly another than the configured one, to try it)
   * @param transform the stream's transform, {@link EventTransform#IDENTITY} for none; the caller closes it
   */
  public StreamTrial(StreamRule rule, EventTransform transform) {
    this.name = rule.name();
    this.router = new Router(List.of(rule));
    this.transform = transform;
  }

  public Result apply(CaptureEvent event) {
    if (!router.route(event).contains(name)) {
      return new Result(event.seq(), false, false, List.of(), null);
    }
    return switch (transform.apply(event)) {
      case EventTransform.Outcome.Records r -> new Result(event.seq(), true, false, r.json(), null);
      case EventTransform.Outcome.Dropped d -> new Result(event.seq(), true, true, List.of(), null);
      case EventTransform.Outcome.Failed f -> new Result(event.seq(), true, false, List.of(), f.error());
    };
  }
}

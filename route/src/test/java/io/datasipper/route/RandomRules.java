package io.datasipper.route;

import static io.datasipper.route.TestEvents.http;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.WsFrameEvent.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random conditions and events over a small vocabulary, so that they often meet. */
final class RandomRules {
  private static final String[] COMPARISONS = {
      "{\"field\": \"type\", \"operator\": \"equals\", \"value\": \"http\"}",
      "{\"field\": \"type\", \"operator\": \"in\", \"value\": [\"ws_frame\", \"sse\"]}",
      "{\"field\": \"method\", \"operator\": \"equals\", \"value\": \"GET\"}",
      "{\"field\": \"method\", \"operator\": \"not_equals\", \"value\": \"get\", \"case_insensitive\": true}",
      "{\"field\": \"status\", \"operator\": \"gte\", \"value\": 400}",
      "{\"field\": \"status\", \"operator\": \"not_in\", \"value\": [200, 101]}",
      "{\"field\": \"url\", \"operator\": \"contains\", \"value\": \"/api/\"}",
      "{\"field\": \"host\", \"operator\": \"ends_with\", \"value\": \".example\"}",
      "{\"field\": \"path\", \"operator\": \"regex\", \"value\": \"^/api/v[12]/\"}",
      "{\"field\": \"query.page\", \"operator\": \"gt\", \"value\": 1}",
      "{\"field\": \"request.headers.authorization\", \"operator\": \"exists\"}",
      "{\"field\": \"response.headers.content-type\", \"operator\": \"contains\", \"value\": \"json\"}",
      "{\"field\": \"response.json.items[0].price\", \"operator\": \"lt\", \"value\": 50}",
      "{\"field\": \"response.json.error\", \"operator\": \"not_exists\"}",
      "{\"field\": \"direction\", \"operator\": \"equals\", \"value\": \"sent\"}",
      "{\"field\": \"payload.json.type\", \"operator\": \"in\", \"value\": [\"trade\", \"quote\"]}",
      "{\"field\": \"payload\", \"operator\": \"not_contains\", \"value\": \"ping\"}",
      "{\"field\": \"event\", \"operator\": \"equals\", \"value\": \"update\"}",
      "{\"field\": \"data.json.level\", \"operator\": \"gte\", \"value\": 3}",
      "{\"field\": \"tab_id\", \"operator\": \"equals\", \"value\": \"TAB1\"}",
      "{\"field\": \"size\", \"operator\": \"gt\", \"value\": 20}",
      "{\"field\": \"connection_id\", \"operator\": \"exists\"}",
  };

  private RandomRules() {}

  /** A random condition as JSON, nested up to {@code depth} levels. */
  static String condition(Random random, int depth) {
    int pick = random.nextInt(depth > 0 ? 10 : 6);
    if (pick < 6) {
      return COMPARISONS[random.nextInt(COMPARISONS.length)];
    }
    if (pick < 7) {
      return "{\"not\": " + condition(random, depth - 1) + "}";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      parts.add(condition(random, depth - 1));
    }
    return "{\"logic\": \"" + (random.nextBoolean() ? "AND" : "OR") + "\", \"conditions\": [" + String.join(", ", parts)
        + "]}";
  }

  static List<CaptureEvent> events(Random random, int count) {
    List<CaptureEvent> events = new ArrayList<>();
    String[] hosts = {"shop.example", "cdn.other.org", "api.example"};
    String[] paths = {"/api/v1/items", "/api/v2/cart", "/static/app.js", "/api/v3/x"};
    for (int i = 0; i < count; i++) {
      switch (random.nextInt(6)) {
        case 0, 1 -> {
          TestEvents.HttpBuilder b = http()
              .url("https://" + hosts[random.nextInt(3)] + paths[random.nextInt(4)] + "?page=" + random.nextInt(4))
              .method(random.nextBoolean() ? "GET" : "POST")
              .status(new int[] {200, 404, 500}[random.nextInt(3)])
              .responseJson(random.nextBoolean() ? "{\"items\":[{\"price\":" + random.nextInt(100) + "}]}"
                  : "{\"error\":\"nope\"}");
          if (random.nextBoolean()) {
            b.requestHeader("Authorization", "[redacted]");
          }
          events.add(b.build());
        }
        case 2 -> events.add(TestEvents.wsFrame(random.nextBoolean() ? Direction.SENT : Direction.RECEIVED,
            new String[] {"{\"type\":\"trade\"}", "{\"type\":\"ping\"}", "ping", "{\"type\":\"quote\",\"p\":1}"}
                [random.nextInt(4)]));
        case 3 -> events.add(TestEvents.sse(random.nextBoolean() ? "update" : "message",
            "{\"level\":" + random.nextInt(6) + "}"));
        case 4 -> events.add(random.nextBoolean() ? TestEvents.wsOpen() : TestEvents.wsClose());
        default -> events.add(random.nextBoolean() ? TestEvents.gap() : TestEvents.captureError());
      }
    }
    return events;
  }
}

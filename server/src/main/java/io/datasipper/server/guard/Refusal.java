package io.datasipper.server.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** A request the guard turns away, with the API's error shape: {@code {"error": "..."}}. */
record Refusal(int status, String error) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Refusal unauthorized(String error) {
    return new Refusal(401, error);
  }

  static Refusal forbidden(String error) {
    return new Refusal(403, error);
  }

  void send(HttpServletResponse res) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.getOutputStream().write(JSON.writeValueAsBytes(Map.of("error", error)));
  }
}

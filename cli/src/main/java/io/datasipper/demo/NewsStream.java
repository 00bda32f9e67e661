package io.datasipper.demo;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code /sse/news} event stream: every connected client gets every story, with its event name and id. */
final class NewsStream {
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

  void connect(SseClient client) {
    // Keeps the response open after this handler returns; stories are sent from the site's scheduler.
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
  }

  void push(Newsroom.Story story) {
    for (SseClient client : clients) {
      client.sendEvent(story.event(), story.data(), Long.toString(story.id()));
    }
  }

  void closeAll() {
    clients.forEach(SseClient::close);
  }
}

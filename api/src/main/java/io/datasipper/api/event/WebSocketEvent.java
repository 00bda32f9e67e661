package io.datasipper.api.event;

/** An event of one WebSocket connection: its opening, its frames, its close and its errors. */
public sealed interface WebSocketEvent extends CaptureEvent
    permits WsOpenEvent, WsFrameEvent, WsCloseEvent, WsErrorEvent {

  /** The connection's id, the same on every event of one WebSocket. */
  String connectionId();

  /** Its connection's id: every event of one WebSocket keeps its order. */
  @Override
  default String deliveryKey() {
    return connectionId();
  }
}
